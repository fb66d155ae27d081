//! What the user has typed in a wizard step but not confirmed yet, typed per step. The window
//! saves it as the user types, so that closing the app mid-step loses nothing; the company file
//! keeps it beside the incident (`wizard_draft`, by step number) until the step is confirmed.
//!
//! A draft holds the step's form as the window shows it, which is not yet the confirmed record:
//! counts may still be "not known", a time may be half typed. A draft the window cannot have sent
//! is refused when saved; a stored draft that no longer fits its step (written by an older Sonae)
//! is left out when read, and the step starts from what was last confirmed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::incident::wizard::{CaseKind, Recovery, SeverityAnswers};

/// The first step's form: what happened, when it was noticed and when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WhatHappenedDraft {
    pub case_kind: CaseKind,
    pub title: String,
    /// When it was noticed, as typed: `YYYY-MM-DD` and `HH:MM`.
    pub date: String,
    pub time: String,
    pub discovered_by: String,
    pub description: String,
    /// 発生日時 not known (the default), or the date and time typed.
    #[serde(rename = "occurredUnknown")]
    pub occurred_unknown: bool,
    #[serde(rename = "occurredDate")]
    pub occurred_date: String,
    #[serde(rename = "occurredTime")]
    pub occurred_time: String,
    /// Who is recording, kept so that a resumed step still has it.
    pub author: String,
}

/// The second step's form: the plain questions, and the category and level chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeverityDraft {
    #[serde(flatten)]
    pub answers: SeverityAnswers,
    pub category: String,
    pub level: Option<u8>,
    pub override_reason: String,
}

/// The fifth step's draft: the interview's replies so far and the details for the documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportingDraft {
    pub replies: Vec<crate::incident::interview::Replied>,
    pub details: crate::incident::affected_data::ReportingDetails,
    /// Save the replies to the profile's GDPR questions to the company profile too.
    pub save_to_profile: bool,
}

/// One step's draft, as the window sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "step", content = "fields", rename_all = "snake_case")]
pub enum StepDraft {
    WhatHappened(WhatHappenedDraft),
    Severity(SeverityDraft),
    Reporting(ReportingDraft),
    Recovery(Recovery),
}

impl StepDraft {
    /// The wizard step (0–5) the draft belongs to, as the company file keys it.
    pub fn step(&self) -> i64 {
        match self {
            StepDraft::WhatHappened(_) => 0,
            StepDraft::Severity(_) => 1,
            StepDraft::Reporting(_) => 4,
            StepDraft::Recovery(_) => 5,
        }
    }

    /// The form's fields as stored.
    pub fn fields(&self) -> serde_json::Value {
        let fields = match self {
            StepDraft::WhatHappened(fields) => serde_json::to_value(fields),
            StepDraft::Severity(fields) => serde_json::to_value(fields),
            StepDraft::Reporting(fields) => serde_json::to_value(fields),
            StepDraft::Recovery(fields) => serde_json::to_value(fields),
        };
        fields.expect("a draft always serialises")
    }
}

/// The drafts of an incident's steps, one per step that has one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct WizardDrafts {
    pub what_happened: Option<WhatHappenedDraft>,
    pub severity: Option<SeverityDraft>,
    pub reporting: Option<ReportingDraft>,
    pub recovery: Option<Recovery>,
}

impl WizardDrafts {
    /// The drafts as the company file stores them (an object keyed by step number). A draft that
    /// does not fit its step is left out, never an error: the step then starts from what was
    /// confirmed.
    pub fn from_stored(stored: &str) -> WizardDrafts {
        let Ok(serde_json::Value::Object(steps)) = serde_json::from_str(stored) else {
            return WizardDrafts::default();
        };
        fn read<T: serde::de::DeserializeOwned>(steps: &serde_json::Map<String, serde_json::Value>, step: &str) -> Option<T> {
            serde_json::from_value(steps.get(step)?.clone()).ok()
        }
        WizardDrafts {
            what_happened: read(&steps, "0"),
            severity: read(&steps, "1"),
            reporting: read(&steps, "4"),
            recovery: read(&steps, "5"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::wizard::Happened;

    fn what_happened() -> WhatHappenedDraft {
        WhatHappenedDraft {
            case_kind: CaseKind::LostDevice,
            title: "ノートPCの盗難".into(),
            date: "2026-11-20".into(),
            time: "18:3".into(),
            discovered_by: "佐藤".into(),
            description: "<script>alert(1)</script> 🚃".into(),
            occurred_unknown: true,
            occurred_date: String::new(),
            occurred_time: String::new(),
            author: "佐藤".into(),
        }
    }

    #[test]
    fn the_window_s_draft_is_read_back_as_it_was_sent() {
        let sent = serde_json::json!({
            "step": "what_happened",
            "fields": {
                "case_kind": "lost_device", "title": "ノートPCの盗難", "date": "2026-11-20", "time": "18:3",
                "discovered_by": "佐藤", "description": "<script>alert(1)</script> 🚃",
                "occurredUnknown": true, "occurredDate": "", "occurredTime": "", "author": "佐藤"
            }
        });
        let draft: StepDraft = serde_json::from_value(sent).unwrap();
        assert_eq!(draft, StepDraft::WhatHappened(what_happened()));
        let stored = serde_json::json!({ "0": draft.fields() }).to_string();
        assert_eq!(WizardDrafts::from_stored(&stored).what_happened, Some(what_happened()));
    }

    #[test]
    fn a_severity_draft_keeps_the_answers_beside_the_choice() {
        let draft = SeverityDraft {
            answers: SeverityAnswers {
                happened: Happened::SignsOnly,
                outsiders_affected: true,
                personal_data_involved: false,
                business_disrupted: false,
                staff_work_hindered: true,
            },
            category: "malware".into(),
            level: None,
            override_reason: String::new(),
        };
        let fields = StepDraft::Severity(draft.clone()).fields();
        assert_eq!(fields["happened"], "signs_only", "the answers sit beside the choice, as the form has them");
        let stored = serde_json::json!({ "1": fields }).to_string();
        assert_eq!(WizardDrafts::from_stored(&stored).severity, Some(draft));
    }

    #[test]
    fn a_draft_that_does_not_fit_its_step_is_left_out() {
        let stored = serde_json::json!({
            "0": { "title": "an older draft without the rest" },
            "5": { "cause": "USB の紛失" },
        })
        .to_string();
        let drafts = WizardDrafts::from_stored(&stored);
        assert_eq!(drafts.what_happened, None);
        assert_eq!(drafts.recovery.map(|r| r.cause), Some("USB の紛失".into()));
        assert_eq!(WizardDrafts::from_stored("not json"), WizardDrafts::default());
    }

    #[test]
    fn a_draft_the_window_cannot_send_is_refused() {
        let wrong_step = serde_json::json!({ "step": "calls", "fields": {} });
        assert!(serde_json::from_value::<StepDraft>(wrong_step).is_err());
        let wrong_kind = serde_json::json!({ "step": "severity", "fields": { "happened": "exploded" } });
        assert!(serde_json::from_value::<StepDraft>(wrong_kind).is_err());
    }
}
