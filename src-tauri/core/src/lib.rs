//! Sonae's core: everything the desktop app and the command line share, with no Tauri in it.
//!
//! Folders by concept, each owning its types, reads and writes; a module uses only those listed
//! after it (no module uses one listed before it):
//!
//! - [`bindings`]: the TypeScript declarations of the types the UI receives.
//! - [`workspace`]: the open file, recent files, chosen imports and preferences, as the UI sees them.
//! - [`render`]: PDF documents and regulator submission drafts, in Japanese and English.
//! - [`client_overview`]: one client file at a glance for the consultant's portfolio, read
//!   without being written.
//! - [`company_file`]: the file as a whole: open, check, create, upgrade, protect, back up.
//! - [`template`]: built-in policies, the demo company, the template file and its import.
//! - [`home`]: the home screen's overview.
//! - [`readiness`]: the calendar of reviews, exercises and follow-ups, and the readiness check.
//! - [`exercise`]: tabletop exercises: scenarios, exercises as held, follow-up actions.
//! - [`bcp`]: the business-continuity plan: scenarios, targets and owners, exercise records, and
//!   ([`bcp::jigyokei`]) what the 事業継続力強化計画 application asks beyond it.
//! - [`policy`]: roles, levels, categories, procedures, checklists, the authority directory.
//! - [`incident`]: the wizard, its records and drafts, obligations, affected data, near misses.
//! - [`company`]: the company profile and the details its documents print.
//! - [`contacts`]: the contact table and its Excel CSV.
//! - [`store`]: the error, the transaction, the clock, history and limits every concept shares.
//! - [`rules`]: who must be told, by when (assessment engine, deadlines, holidays).
//! - [`keys`], [`error_code`], [`language`], [`fold`], [`wording`]: one key per enum value, codes,
//!   languages, Japanese folding, fixed wording.

// A match on a domain enum names every value, so that a value added later is a compile error
// wherever it needs a decision, never silently the default (docs: DEVELOPMENT.md).
#![deny(clippy::wildcard_enum_match_arm)]

pub mod bcp;
pub mod bindings;
pub mod client_overview;
pub mod company;
pub mod company_file;
pub mod contacts;
pub mod error_code;
pub mod exercise;
pub mod fold;
pub mod home;
pub mod incident;
pub mod keys;
pub mod language;
pub mod policy;
pub mod readiness;
pub mod render;
pub mod rules;
pub mod store;
pub mod template;
pub mod wording;
pub mod workspace;
