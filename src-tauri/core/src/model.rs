//! Domain types that leave the core: read by the command line as JSON and by the UI through the
//! Tauri commands. Each derives `TS`, so the UI's TypeScript types are generated from here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 業種 — decides sector-specific reporting duties (e.g. the FSA for financial businesses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    General,
    Finance,
    Medical,
    Telecom,
}

/// The company a file belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CompanyProfile {
    pub name: String,
    /// Language of the file's policy texts: "ja" or "en".
    pub language: String,
    pub sector: Sector,
    pub prefecture: String,
    /// プライバシーマーク付与事業者
    pub privacy_mark: bool,
    pub isms_certified: bool,
    pub handles_personal_data: bool,
    /// マイナンバー（特定個人情報）を取り扱う
    pub handles_my_number: bool,
    pub handles_eu_data: bool,
    /// Contacts not confirmed for this many months are flagged.
    pub stale_contact_months: i64,
}

/// 段階 — weakness (near miss), event, or incident with confirmed damage (seed 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStage {
    /// セキュリティ弱点・ヒヤリハット
    NearMiss,
    /// セキュリティ事象
    Event,
    /// セキュリティインシデント
    Incident,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    Open,
    Closed,
}

/// One row of the incident list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentSummary {
    pub id: i64,
    pub title: String,
    /// RFC 3339 with offset.
    pub discovered_at: String,
    pub level: Option<u8>,
    /// Category key ("leak", "tampering", "malware"), if decided yet.
    pub category: Option<String>,
    pub stage: IncidentStage,
    pub status: IncidentStatus,
    /// The soonest deadline of an obligation not yet sent or waived (a date or an RFC 3339 instant).
    pub next_deadline: Option<String>,
}

/// A contact whose details have not been confirmed for too long (or ever).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StaleContact {
    pub id: i64,
    pub name: String,
    pub organization: String,
    /// YYYY-MM-DD, or null when never confirmed.
    pub last_confirmed_on: Option<String>,
}

/// What the home screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HomeSummary {
    pub company: CompanyProfile,
    pub open_incidents: Vec<IncidentSummary>,
    pub stale_contacts: Vec<StaleContact>,
    pub contact_count: i64,
}

/// Language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Ja,
    En,
}

/// The user's preferences, kept outside company files (they belong to the person, not the company).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Preferences {
    pub language: Language,
}

/// An error as the UI receives it: a stable code to react to and a message to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ErrorReport {
    /// not_found, already_exists, not_a_company_file, newer_version, corrupt, io, database,
    /// invalid, missing, no_company_file, settings.
    pub code: String,
    pub message: String,
}

impl From<crate::store::StoreError> for ErrorReport {
    fn from(e: crate::store::StoreError) -> Self {
        ErrorReport { code: e.code().to_string(), message: e.to_string() }
    }
}

/// Which company file is open, or why none could be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OpenFileState {
    pub path: Option<String>,
    /// Why the file could not be opened (it was left untouched).
    pub problem: Option<ErrorReport>,
}
