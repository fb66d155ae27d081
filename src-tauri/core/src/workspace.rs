//! What the app and the command line say about the files a person works with, rather than about
//! any one company: which file is open and why not, the recent files, where a new file's policy
//! comes from, the imports chosen but not yet applied, and the person's preferences.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_code::ErrorReport;
use crate::incident::IncidentRef;
use crate::language::Language;

/// The user's preferences, kept outside company files (they belong to the person, not the company).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Preferences {
    pub language: Language,
    /// The name written as author of timeline entries, ticks and calls (asked once by the wizard).
    pub author_name: String,
    /// How many automatic backups of each company file are kept (the oldest go first).
    pub backups_kept: u32,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences { language: Language::default(), author_name: String::new(), backups_kept: 20 }
    }
}

/// Which company file is open, or why none could be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OpenFileState {
    pub path: Option<String>,
    /// For a company on a server, the server database as `user@host:port/database` (and `path`
    /// is none).
    pub server: Option<String>,
    /// On a server, the person signed in, when they are one of the company's people (the server's
    /// owner, or a user its administrator made, may not be).
    pub signed_in: Option<ServerPerson>,
    /// When the server could not be reached and this PC's copy of its company is open instead
    /// (read only), which server and when the copy was made.
    pub kept_copy: Option<KeptCopy>,
    /// Why the file could not be opened (it was left untouched).
    pub problem: Option<ErrorReport>,
    /// Whether the open file is protected by a passphrase (encrypted on disk).
    pub protected: bool,
    /// The schema version the open file had before this Sonae upgraded it on opening, until the
    /// user has read the notice saying so; `None` otherwise.
    pub upgraded_from: Option<i32>,
    /// The open incidents whose obligations that upgrade changed (assessed again under new rules),
    /// for the same notice.
    pub reassessed: Vec<IncidentRef>,
}

/// A company file opened before, for the list of recent files (consultants keep one per client).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecentFile {
    pub path: String,
    pub file_name: String,
    pub folder: String,
    /// False when the file was moved or deleted since.
    pub exists: bool,
    /// True for the file open now.
    pub open: bool,
}

/// A company on a server as the 「サーバーに接続」 dialog names it, and as the list of recent
/// servers keeps it: everything needed to connect except the password, which is never kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServerPlace {
    /// The server's host name or IP address.
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    /// The CA certificate file the server's administrator handed out; the server must present a
    /// certificate it vouches for.
    pub ca_file: String,
}

/// How a server company is named to people: `user@host:port/database`, never with a password.
pub fn server_name(user: &str, host: &str, port: u16, database: &str) -> String {
    format!("{user}@{host}:{port}/{database}")
}

impl std::fmt::Display for ServerPlace {
    /// The place as [`server_name`] names it, without the spaces a field may have been typed with.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&server_name(self.user.trim(), self.host.trim(), self.port, self.database.trim()))
    }
}

/// What a person may change in a company on a server; the server enforces it, whatever the app
/// asks (DEVELOPMENT.md, "People and rights").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ServerAccess {
    /// 管理者: everything, including the policy, the BCP, the company's settings and its people.
    Administrator,
    /// 担当者: incidents, contacts and exercises; reads the rest.
    Staff,
    /// 閲覧: reads everything, changes nothing.
    ReadOnly,
}

crate::keys::keyed!(ServerAccess);

/// One of the people who sign in to a company on a server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServerPerson {
    /// The user name they sign in with.
    pub login: String,
    /// How the history and the timeline name them (「情シス 高橋」).
    pub name: String,
    /// `None`: taken off the company (still named in the history).
    pub access: Option<ServerAccess>,
}

/// A part of a company that can change on another PC while this one shows it; a screen showing a
/// part reads it again when it changed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ChangedPart {
    /// The company's profile and settings.
    Company,
    /// The incident-response policy: roles, levels, categories, procedures, checklists, authorities.
    Policy,
    /// The business-continuity plan, its exercises' records and the 事業継続力強化計画.
    Bcp,
    Contacts,
    /// Incidents, their timelines, calls, tasks, reports and letters, and near misses.
    Incidents,
    /// Exercise scenarios and runs.
    Exercises,
    /// The people of a company on a server and their rights (a company file has none).
    People,
}

crate::keys::keyed!(ChangedPart);

/// What changed on other PCs since the window last asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompanyChanges {
    /// Count of changes seen so far; the window asks again with it.
    pub generation: u64,
    /// The parts changed since the generation the window gave.
    pub parts: Vec<ChangedPart>,
}

/// The copy of a server company a PC keeps, refreshed at each connection, to read the essentials
/// from while the server cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeptCopy {
    /// The server database as `user@host:port/database`.
    pub server: String,
    /// When the copy was made (RFC 3339, this PC's time).
    pub taken_at: String,
}

/// Where a new company file's policy comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PolicySource {
    /// The built-in template in Japanese.
    BuiltinJa,
    /// The built-in template in English.
    BuiltinEn,
    /// The policy of another company file, chosen in an open dialog (its people are not copied).
    CompanyFile,
}

/// A contacts CSV the user chose to import, and what importing it would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChosenContactsCsv {
    pub file_name: String,
    pub preview: crate::contacts::csv::CsvPreview,
}

/// A policy template file the user chose to import, described before anything is replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChosenPolicyTemplate {
    pub file_name: String,
    /// The company it was exported from (informative).
    pub source_company: String,
    /// RFC 3339.
    pub exported_at: String,
    pub language: Language,
    pub roles: u32,
    pub procedures: u32,
    pub checklists: u32,
    pub authorities: u32,
    pub scenarios: u32,
    pub targets: u32,
}

impl ChosenPolicyTemplate {
    pub fn describe(file_name: String, file: &crate::template::file::TemplateFile) -> ChosenPolicyTemplate {
        let t = &file.template;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        ChosenPolicyTemplate {
            file_name,
            source_company: file.source_company.clone(),
            exported_at: file.exported_at.clone(),
            language: t.language,
            roles: count(t.roles.len()),
            procedures: count(t.procedures.len()),
            checklists: count(t.checklists.len()),
            authorities: count(t.authorities.len()),
            scenarios: count(t.bcp.scenarios.len()),
            targets: count(t.bcp.targets.len()),
        }
    }
}
