//! On Windows the window is drawn by Microsoft's WebView2 runtime, which some Windows 10 PCs lack.
//! Without it Tauri shows an English-only dialog and aborts; this check runs before the window is
//! built and tells the office, in the language chosen in Sonae, what to install and where.

use sonae_core::language::Language;

/// The exit code when the WebView2 runtime is missing (the user was told why).
pub const EXIT_NO_WEBVIEW: i32 = 3;

/// Returns when the WebView2 runtime can be found; otherwise shows why the window cannot open and
/// ends the process with [`EXIT_NO_WEBVIEW`].
pub fn require_webview(language: Language) {
    if tauri::webview_version().is_ok() {
        return;
    }
    let (title, text) = message(language);
    show(&title, &text);
    std::process::exit(EXIT_NO_WEBVIEW);
}

/// The message's title and text in `language`.
fn message(language: Language) -> (String, String) {
    let catalogue = language
        .pick((include_str!("../../assets/windows/no-webview-ja.json"), include_str!("../../assets/windows/no-webview-en.json")));
    let parsed: serde_json::Value = serde_json::from_str(catalogue).expect("the WebView2 message is valid JSON");
    let field = |name: &str| parsed[name].as_str().expect("the WebView2 message has its fields").to_owned();
    (field("title"), field("text"))
}

/// A native message box with an error icon, which needs nothing but Windows itself.
fn show(title: &str, text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{MessageBoxW, MB_ICONERROR, MB_OK};
    let wide = |s: &str| s.encode_utf16().chain(std::iter::once(0)).collect::<Vec<u16>>();
    let (title, text) = (wide(title), wide(text));
    // SAFETY: both strings are NUL-terminated UTF-16 buffers that outlive the call; no owner window.
    unsafe {
        MessageBoxW(std::ptr::null_mut(), text.as_ptr(), title.as_ptr(), MB_OK | MB_ICONERROR);
    }
}
