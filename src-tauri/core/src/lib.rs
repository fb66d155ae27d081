//! Sonae's core: everything the desktop app and the command line share, with no Tauri in it.
//!
//! - [`store`]: the company file (one SQLite file per company), its schema and migrations.
//! - [`model`]: the domain types that cross the IPC boundary (exported to TypeScript).
//! - [`policy`]: the policy, BCP and call tree as read for documents, references resolved.
//! - [`render`]: PDF documents and regulator submission drafts, in Japanese and English.
//! - [`template`]: default policies (ja, en) and the sample company a new file can start from.
//! - [`rules`]: who must be told, by when (assessment engine, deadlines, holidays).
//! - [`wizard`]: what the incident wizard's plain answers mean in the policy's terms.
//! - [`affected_data`]: the data items, whose data and what happened to it, for the drafts.
//! - [`contacts_csv`]: contact lists read from and written to Excel CSV (Shift_JIS or UTF-8).
//! - [`fold`]: width, case and kana folding for searching Japanese text.
//! - [`editing`]: the policy, BCP and profile with ids, as the editors read and send them.
//! - [`template_file`]: the policy template file a consultant carries between clients.
//! - [`bindings`]: the TypeScript declarations of the types the UI receives.

pub mod bcp;
pub mod bindings;
pub mod company;
pub mod company_file;
pub mod contacts;
pub mod error_code;
pub mod fold;
pub mod home;
pub mod incident;
pub mod language;
pub mod model;
pub mod policy;
pub mod render;
pub mod rules;
pub mod store;
pub mod template;
pub mod wording;
