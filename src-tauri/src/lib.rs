//! The desktop shell: opens the company file, holds it for the window, and registers the commands.
//! The domain lives in `sonae-core`, the session and the tasks in `sonae-tasks`; this crate only
//! wires them to the webview.

mod commands;
mod dialogs;
#[cfg(windows)]
mod webview_check;

use std::path::PathBuf;

use sonae_tasks::{settings, Session};

/// Starts the app. The company file is the first command-line argument if one is given, else the
/// last file used, else a new default file in the user's data directory.
pub fn run() {
    draw_without_compositing();
    let data_dir = settings::data_dir();
    #[cfg(windows)]
    webview_check::require_webview(settings::Settings::load(&data_dir).preferences.language);
    let requested = std::env::args_os().skip(1).map(PathBuf::from).find(|a| !a.to_string_lossy().starts_with('-'));
    let session = Session::start(data_dir, requested);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(session)
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handlers.rs")))
        .run(tauri::generate_context!())
        .expect("error while running the Sonae window");
}

/// Turns off WebKitGTK's accelerated compositing unless the user chose otherwise
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=0` keeps it). Sonae's screens are forms and lists, which
/// WebKit paints as fast without it, and the compositor's OpenGL stack (Mesa, often with LLVM's
/// software renderer) costs about 90 MB of memory across the app's processes (`make bench-app`
/// measures both). Runs first in `run`, before any thread exists, because it sets the process's
/// environment, which WebKit reads and passes on to its web process.
fn draw_without_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
