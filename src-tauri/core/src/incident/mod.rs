//! An incident from the first report to its close: what the wizard asks and records, the
//! timeline, the calls and first responses, the obligations the rules gave it, the data it
//! touched, and the near misses kept for training. The types here are what the screens and the
//! command line receive.

pub mod affected_data;
pub mod draft;
pub mod gdpr_texts;
pub mod interview;
pub mod letters;
pub mod near_misses;
pub mod obligations;
pub mod read;
pub mod record;
pub(crate) mod timeline_text;
pub mod wizard;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::{Email, Phone};
use crate::rules::IncidentStage;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum IncidentStatus {
    Open,
    Closed,
}

crate::keys::keyed!(IncidentStatus);

/// One row of the incident list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentSummary {
    pub id: i64,
    pub title: String,
    /// RFC 3339 with offset.
    #[ts(type = "string")]
    pub discovered_at: chrono::DateTime<chrono::FixedOffset>,
    pub level: Option<u8>,
    /// Category key ("leak", "tampering", "malware"), if decided yet.
    pub category: Option<String>,
    pub stage: IncidentStage,
    pub status: IncidentStatus,
    /// The soonest deadline of an obligation not yet sent or waived (a date or an RFC 3339 instant).
    pub next_deadline: Option<String>,
    /// That soonest date is a target (目安, a 速報's day 5), not a legal deadline: shown amber when
    /// past, never red (docs/rules.md §3.3).
    pub next_deadline_is_target: bool,
}

/// An incident named in a notice, to link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncidentRef {
    pub id: i64,
    pub title: String,
}

/// Whether a call from the wizard's call list got through.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CallOutcome {
    Reached,
    NoAnswer,
}

crate::keys::keyed!(CallOutcome);

/// A call made about an incident. Names are copied at the time of the call, so the record stays
/// true when the contact changes later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentCall {
    pub id: i64,
    pub contact_id: Option<i64>,
    pub contact_name: String,
    pub role_name: String,
    pub outcome: CallOutcome,
    #[ts(type = "string")]
    pub at: chrono::DateTime<chrono::FixedOffset>,
    pub author: String,
}

/// Where a first-response task comes from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TaskSource {
    /// 初期対応チェックリスト of the case.
    Checklist,
    /// 対応手順 of the category × level.
    Procedure,
}

crate::keys::keyed!(TaskSource);

/// A checklist item or procedure step as ticked for one incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentTask {
    pub id: i64,
    pub source: TaskSource,
    pub text: String,
    pub role_name: String,
    #[ts(type = "string | null")]
    pub done_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub done_by: String,
}

/// One entry of an incident's append-only timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelineEntry {
    pub id: i64,
    #[ts(type = "string")]
    pub at: chrono::DateTime<chrono::FixedOffset>,
    pub author: String,
    /// note, recorded, severity, call, task, facts, obligation, recovery, status.
    pub kind: String,
    pub message: String,
}

/// The id of the last timeline entry of each confirmed step (see
/// [`record::refuse_if_step_confirmed_since`]); none before the step was first confirmed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct StepConfirmations {
    pub basics: Option<i64>,
    pub severity: Option<i64>,
    pub interview: Option<i64>,
    pub recovery: Option<i64>,
}

impl StepConfirmations {
    fn of(timeline: &[TimelineEntry]) -> StepConfirmations {
        use record::ConfirmedStep;
        let last = |step: ConfirmedStep| timeline.iter().filter(|e| step.kinds().contains(&e.kind.as_str())).map(|e| e.id).max();
        StepConfirmations {
            basics: last(ConfirmedStep::Basics),
            severity: last(ConfirmedStep::Severity),
            interview: last(ConfirmedStep::Interview),
            recovery: last(ConfirmedStep::Recovery),
        }
    }
}

/// What was done about an obligation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ObligationStatus {
    NotStarted,
    Drafted,
    Sent,
    /// Decided not to report, with a reason.
    Waived,
}

crate::keys::keyed!(ObligationStatus);

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
    /// Reported in two stages, a 速報 and then a 確報, each sent on its own day.
    pub two_stages: bool,
    pub next_due: Option<String>,
    pub status: ObligationStatus,
    /// YYYY-MM-DD.
    #[ts(type = "string | null")]
    pub sent_on: Option<chrono::NaiveDate>,
    pub reference_number: String,
    /// For a report made in two stages: the day the 速報 was sent (YYYY-MM-DD), recorded apart
    /// from the 確報 (`sent_on` is the 確報's, or that of one report covering both).
    #[ts(type = "string | null")]
    pub preliminary_sent_on: Option<chrono::NaiveDate>,
    /// The 速報's reference number, when the authority gave one.
    pub preliminary_reference: String,
    pub waived_reason: String,
    /// False once revised facts no longer call for it (kept: it may have been sent already).
    pub current: bool,
    pub contact: Option<AuthorityContact>,
    /// The ministry a delegated PPC report goes to instead of the PPC.
    pub submit_to: Option<crate::rules::Delegate>,
    /// The rule set it was assessed under, named by the day it came into force ("2024-04-01");
    /// `None` when Sonae 0.1 assessed it.
    pub rules: Option<String>,
    /// Whose data it is about, when the case touches both the company's own data and a client's
    /// (empty otherwise, and for the reports about the attack itself).
    pub covers: Vec<crate::rules::DataScope>,
    /// On a current `client` obligation: the final date of the PPC report on the client's data,
    /// which is the company's own duty until the client is told (docs/rules.md §7.2).
    #[ts(type = "string | null")]
    pub own_report_due: Option<chrono::NaiveDate>,
}

/// A change to an obligation's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ObligationUpdate {
    pub status: ObligationStatus,
    /// The day the (final) report was sent, YYYY-MM-DD, when `status` is sent.
    pub sent_on: Option<String>,
    pub reference_number: String,
    pub waived_reason: String,
    /// For a report in two stages: the day the 速報 was sent, YYYY-MM-DD, or `None` while it has
    /// not been.
    #[serde(default)]
    pub preliminary_sent_on: Option<String>,
    #[serde(default)]
    pub preliminary_reference: String,
}

/// Everything about one incident: what the wizard resumes from and the detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentDetail {
    pub id: i64,
    pub title: String,
    pub case_kind: crate::incident::wizard::CaseKind,
    #[ts(type = "string")]
    pub discovered_at: chrono::DateTime<chrono::FixedOffset>,
    /// 知った日 — the day of `discovered_at` in Japan time, day 1 of every deadline (YYYY-MM-DD).
    #[ts(type = "string")]
    pub day_one: chrono::NaiveDate,
    /// 発生日時, when known.
    #[ts(type = "string | null")]
    pub occurred_at: Option<chrono::DateTime<chrono::FixedOffset>>,
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
    pub wizard_draft: crate::incident::draft::WizardDrafts,
    /// The assessment facts as last confirmed, or none yet.
    pub facts: Option<crate::rules::Facts>,
    /// What the reporting step starts from when no facts are confirmed yet.
    pub suggested_facts: Option<crate::rules::Facts>,
    /// The reporting interview's replies as last recorded (none before the first assessment, or
    /// when it was made by an older Sonae).
    pub interview_replies: Vec<crate::incident::interview::Replied>,
    /// The data items, whose data, what happened to it, and the IPA form's details.
    pub details: crate::incident::affected_data::ReportingDetails,
    pub recovery: crate::incident::wizard::Recovery,
    #[ts(type = "string | null")]
    pub closed_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[ts(type = "string")]
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub timeline: Vec<TimelineEntry>,
    /// The last timeline entry confirming each step's answers: the step's form sends it back
    /// with its confirmation, which is refused when someone else confirmed the step since.
    pub confirmations: StepConfirmations,
    pub calls: Vec<IncidentCall>,
    pub tasks: Vec<IncidentTask>,
    pub obligations: Vec<ObligationRecord>,
    /// The office's own English for the GDPR notices' narrative.
    pub gdpr_texts: crate::incident::gdpr_texts::GdprTexts,
    /// The client (委託元) whose data it touched, as chosen from the contacts.
    pub client: Option<IncidentClient>,
}

/// The client (委託元) of an incident: the contact the client notice is addressed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncidentClient {
    pub contact_id: i64,
    pub kind: crate::contacts::ContactKind,
    pub name: String,
    pub organization: String,
    /// 部署・役職, for a person.
    pub title: String,
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
    #[ts(type = "string")]
    pub occurred_on: chrono::NaiveDate,
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
