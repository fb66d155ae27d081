//! End-to-end tests through the real app window: the built `sonae` binary in WebKitGTK, driven
//! over WebDriver (tauri-driver + WebKitWebDriver) under Xvfb, the way a person would use it.
//! Each test then checks what a person would: the screen, and the company file itself.
//!
//! They need a display, tauri-driver and WebKitWebDriver, so they are marked `ignore` and run by
//! `make test` (or `make e2e`), which installs those and starts Xvfb.

mod backups;
mod consultant;
mod contacts;
mod harness;
mod home;
mod hostile_text;
mod policy;
mod protection;
mod reporting;
mod responsiveness;
mod startup;
mod upgrade;
mod wizard;
