//! Sonae's application layer, without Tauri: the session the window holds (the open company file,
//! a file waiting for its passphrase, files chosen for import, the open-time backup, a long task
//! running) and the jobs ([`jobs`]) that both the window's commands and `sonae-cli` run. The window's
//! commands stay thin: they take what the webview sends, call this crate and report.

pub mod company;
pub mod jobs;
pub mod portfolio;
pub mod session;
pub mod settings;

pub use company::Company;
pub use session::{ImportKind, OpenCompany, Session};
pub use settings::Settings;
