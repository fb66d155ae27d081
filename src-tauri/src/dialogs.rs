//! Native open and save dialogs, asked from the Rust side so the window never names a path to read
//! or write: it can only ask the user to choose one.
//!
//! End-to-end tests cannot click a native GTK dialog over WebDriver. When `SONAE_DIALOG_ANSWERS`
//! names a file, each dialog instead takes that file's first line as the user's choice (an empty
//! line is "cancelled") and removes it. Only someone who can set the app's environment can use
//! this, and they could run any program anyway.

use std::path::PathBuf;

use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// Asks for an existing file to read, of one of `extensions`.
pub fn choose_file_to_open(app: &tauri::AppHandle, kind: &str, extensions: &[&str]) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    file_dialog(app).add_filter(kind, extensions).blocking_pick_file().and_then(|p| p.into_path().ok())
}

/// Asks where to write a new file, suggesting `file_name`. The dialog itself asks before an
/// existing file is chosen.
pub fn choose_file_to_save(app: &tauri::AppHandle, kind: &str, extension: &str, file_name: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    file_dialog(app).add_filter(kind, &[extension]).set_file_name(file_name).blocking_save_file().and_then(|p| p.into_path().ok())
}

/// Asks for a folder (to list client files from, to save hand-over packs in).
pub fn choose_folder(app: &tauri::AppHandle) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    file_dialog(app).blocking_pick_folder().and_then(|p| p.into_path().ok())
}

/// A file dialog. On Windows it opens in the user's Documents folder, where Windows programs keep
/// files by default; elsewhere the system's dialog chooses where to start.
fn file_dialog(app: &tauri::AppHandle) -> FileDialogBuilder<tauri::Wry> {
    let dialog = app.dialog().file();
    #[cfg(windows)]
    if let Ok(documents) = tauri::Manager::path(app).document_dir() {
        return dialog.set_directory(documents);
    }
    dialog
}

/// The next scripted answer, when the dialogs are scripted: `Some(None)` for a cancel.
fn scripted_answer() -> Option<Option<PathBuf>> {
    let script = PathBuf::from(std::env::var_os("SONAE_DIALOG_ANSWERS")?);
    let text = std::fs::read_to_string(&script).unwrap_or_default();
    let mut lines = text.lines();
    let answer = lines.next().unwrap_or("").trim().to_owned();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&script, rest.join("\n"));
    Some((!answer.is_empty()).then(|| PathBuf::from(answer)))
}
