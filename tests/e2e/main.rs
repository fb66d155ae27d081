//! End-to-end tests through the real app window: the built `sonae` binary in WebKitGTK, driven
//! over WebDriver (tauri-driver + WebKitWebDriver) under Xvfb, the way a person would use it.
//! Each test then checks what a person would: the screen, and the company file itself.
//!
//! They need a display, tauri-driver and WebKitWebDriver, so they are marked `ignore` and run by
//! `make test` (or `make e2e`), which installs those and starts Xvfb. On Windows tauri-driver
//! drives WebView2 through msedgedriver instead; macOS has no WebDriver for its webview.

mod backups;
mod consultant;
mod contacts;
mod exercises;
mod harness;
mod home;
mod hostile_text;
mod interview;
mod jigyokei;
mod policy;
mod portfolio;
mod protection;
mod readiness;
mod reporting;
mod responsiveness;
mod server;
#[cfg(target_os = "linux")]
mod startup;
#[path = "../../src-tauri/server/tests/support/mod.rs"]
mod support;
mod textsize;
#[cfg(not(target_os = "linux"))]
mod startup {
    //! The start-up benchmark (startup.rs) reads its times and memory from /proc: elsewhere it
    //! only says so.

    #[tokio::test]
    #[ignore = "a benchmark: run by `make bench` (release build, Xvfb, tauri-driver)"]
    async fn startup_time_and_memory() {
        eprintln!("startup benchmark skipped: the start-up benchmark reads /proc and runs on Linux only");
    }
}
mod upgrade;
mod wizard;
