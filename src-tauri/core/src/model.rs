//! Domain types that leave the core: read by the command line as JSON and by the UI through the
//! Tauri commands. Each derives `TS`, so the UI's TypeScript types are generated from here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::company::CompanyProfile;
use crate::contacts::{Email, Phone};
use crate::error_code::ErrorReport;
use crate::language::Language;
use crate::rules::IncidentStage;

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

/// What the home screen shows. Its lists are cut to the first [`HOME_LIST_LENGTH`] entries (the
/// most urgent incidents, the longest-unconfirmed contacts) with the full counts beside them: the
/// home screen is an overview, and the incident and contact screens hold the whole lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HomeSummary {
    pub company: CompanyProfile,
    pub open_incidents: Vec<IncidentSummary>,
    pub open_incident_count: i64,
    pub stale_contacts: Vec<StaleContact>,
    pub stale_contact_count: i64,
    pub contact_count: i64,
}

/// How many entries each list on the home screen shows.
pub const HOME_LIST_LENGTH: usize = 5;

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

/// An incident named in a notice, to link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncidentRef {
    pub id: i64,
    pub title: String,
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
    pub fn describe(file_name: String, file: &crate::template_file::TemplateFile) -> ChosenPolicyTemplate {
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

/// Whether a call from the wizard's call list got through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    Reached,
    NoAnswer,
}

/// A call made about an incident. Names are copied at the time of the call, so the record stays
/// true when the contact changes later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentCall {
    pub id: i64,
    pub contact_id: Option<i64>,
    pub contact_name: String,
    pub role_name: String,
    pub outcome: CallOutcome,
    pub at: String,
    pub author: String,
}

/// Where a first-response task comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskSource {
    /// 初期対応チェックリスト of the case.
    Checklist,
    /// 対応手順 of the category × level.
    Procedure,
}

/// A checklist item or procedure step as ticked for one incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentTask {
    pub id: i64,
    pub source: TaskSource,
    pub text: String,
    pub role_name: String,
    pub done_at: Option<String>,
    pub done_by: String,
}

/// One entry of an incident's append-only timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelineEntry {
    pub id: i64,
    pub at: String,
    pub author: String,
    /// note, recorded, severity, call, task, facts, obligation, recovery, status.
    pub kind: String,
    pub message: String,
}

/// What was done about an obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    NotStarted,
    Drafted,
    Sent,
    /// Decided not to report, with a reason.
    Waived,
}

impl ObligationStatus {
    pub fn key(self) -> &'static str {
        match self {
            ObligationStatus::NotStarted => "not_started",
            ObligationStatus::Drafted => "drafted",
            ObligationStatus::Sent => "sent",
            ObligationStatus::Waived => "waived",
        }
    }

    pub fn from_key(key: &str) -> ObligationStatus {
        match key {
            "drafted" => ObligationStatus::Drafted,
            "sent" => ObligationStatus::Sent,
            "waived" => ObligationStatus::Waived,
            _ => ObligationStatus::NotStarted,
        }
    }
}

/// Where to send a report: the company's authority directory entry for an addressee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuthorityContact {
    pub name: String,
    pub purpose: String,
    pub url: String,
    pub phone: String,
    pub email: String,
    pub hours: String,
    pub source: String,
}

/// An obligation of one incident: the assessment's verdict and what the company did about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObligationRecord {
    pub id: i64,
    pub authority: crate::rules::Authority,
    pub duty: crate::rules::Duty,
    pub grounds: Vec<crate::rules::Ground>,
    pub deadlines: Vec<crate::rules::Deadline>,
    pub next_due: Option<String>,
    pub status: ObligationStatus,
    /// YYYY-MM-DD.
    pub sent_on: Option<String>,
    pub reference_number: String,
    pub waived_reason: String,
    /// False once revised facts no longer call for it (kept: it may have been sent already).
    pub current: bool,
    pub contact: Option<AuthorityContact>,
    /// The ministry a delegated PPC report goes to instead of the PPC.
    pub submit_to: Option<crate::rules::Delegate>,
    /// The rule set it was assessed under, named by the day it came into force ("2024-04-01");
    /// `None` when Sonae 0.1 assessed it.
    pub rules: Option<String>,
}

/// A change to an obligation's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObligationUpdate {
    pub status: ObligationStatus,
    pub sent_on: Option<String>,
    pub reference_number: String,
    pub waived_reason: String,
}

/// Everything about one incident: what the wizard resumes from and the detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentDetail {
    pub id: i64,
    pub title: String,
    pub case_kind: crate::wizard::CaseKind,
    pub discovered_at: String,
    /// 発生日時, when known.
    pub occurred_at: Option<String>,
    pub discovered_by: String,
    pub description: String,
    pub stage: IncidentStage,
    pub category: Option<String>,
    pub level: Option<u8>,
    pub level_override_reason: String,
    pub status: IncidentStatus,
    /// The wizard step to resume at (0-based).
    pub wizard_step: i64,
    /// Fields typed but not yet confirmed, per step that has any.
    pub wizard_draft: crate::wizard_draft::WizardDrafts,
    /// The assessment facts as last confirmed, or none yet.
    pub facts: Option<crate::rules::Facts>,
    /// What the reporting step starts from when no facts are confirmed yet.
    pub suggested_facts: Option<crate::rules::Facts>,
    /// The data items, whose data, what happened to it, and the IPA form's details.
    pub details: crate::affected_data::ReportingDetails,
    pub recovery: crate::wizard::Recovery,
    pub closed_at: Option<String>,
    pub created_at: String,
    pub timeline: Vec<TimelineEntry>,
    pub calls: Vec<IncidentCall>,
    pub tasks: Vec<IncidentTask>,
    pub obligations: Vec<ObligationRecord>,
}

/// One person to call now, resolved from the policy: level → responsible roles → their holders
/// and deputies, in call-tree order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CallTarget {
    pub contact_id: i64,
    pub name: String,
    pub organization: String,
    pub title: String,
    /// The roles this person is called for, e.g. "インシデント対応責任者".
    pub roles: Vec<String>,
    /// Called as a deputy (代理) for every role listed.
    pub deputy: bool,
    pub call_order: Option<i64>,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    /// The latest call to this person about the incident.
    pub last_call: Option<IncidentCall>,
}

/// A weakness or near miss (ヒヤリハット).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NearMiss {
    pub id: i64,
    /// YYYY-MM-DD.
    pub occurred_on: String,
    pub title: String,
    pub description: String,
    pub what_could_happen: String,
    pub measures: String,
    /// Left out of training exports.
    pub reported_by: String,
}

/// A near miss as typed in its form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NearMissInput {
    pub occurred_on: String,
    pub title: String,
    pub description: String,
    pub what_could_happen: String,
    pub measures: String,
    pub reported_by: String,
}
