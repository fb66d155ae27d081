//! The incident wizard's reasoning: what an office manager's plain answers mean in the terms of
//! the company's policy.
//!
//! The wizard never asks "which level is this?" — a non-specialist cannot answer that. It asks
//! what happened and who is affected, and this module turns the answers into the stage (docs/rules.md §4),
//! the policy category and the level (IPA model rules), and pre-fills the assessment facts the
//! reporting step asks about. [`super::record`] records what the user confirmed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::company::CompanyProfile;
use crate::rules::IncidentStage;
use crate::rules::{Facts, IncidentCategory, Organization, PersonalData};

/// 事案 — the cases the wizard's first step offers, each with its own first-response checklist.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CaseKind {
    /// ウイルス・不審なプログラム
    Malware,
    /// 不審なメール・なりすましメール
    SuspiciousEmail,
    /// パソコン・スマートフォン・USBメモリの紛失・盗難
    LostDevice,
    /// メール・郵便・FAXの誤送信
    Missent,
    /// Webサイトの改ざん・停止
    Website,
    /// アカウントの不正利用
    AccountMisuse,
    /// ランサムウェア
    Ransomware,
    /// システム・サービスの停止
    Outage,
    Other,
}

crate::keys::keyed!(CaseKind);

impl CaseKind {
    /// The policy category (漏えい・流出 / 改ざん・消失・破壊・サービス停止 / ウイルス感染) a case
    /// usually belongs to; `None` when the user has to choose.
    pub fn usual_category(self) -> Option<&'static str> {
        match self {
            CaseKind::Malware | CaseKind::Ransomware => Some("malware"),
            CaseKind::LostDevice | CaseKind::Missent => Some("leak"),
            CaseKind::Website | CaseKind::AccountMisuse | CaseKind::Outage => Some("tampering"),
            CaseKind::SuspiciousEmail | CaseKind::Other => None,
        }
    }
}

/// What the user wrote in the first step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentBasics {
    pub case_kind: CaseKind,
    pub title: String,
    /// When it was noticed, RFC 3339 with offset.
    pub discovered_at: String,
    /// 発生日時 — when it happened, RFC 3339 with offset; `None` when not known.
    #[serde(default)]
    pub occurred_at: Option<String>,
    pub discovered_by: String,
    pub description: String,
}

/// Has anything actually happened? Decides the stage (docs/rules.md §4).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Happened {
    /// Caught before anything happened: a weakness or near miss (ヒヤリハット).
    NothingYet,
    /// Signs of a problem, no damage confirmed (セキュリティ事象).
    SignsOnly,
    /// Damage is confirmed (セキュリティインシデント).
    DamageConfirmed,
}

crate::keys::keyed!(Happened);

/// The plain questions of the second step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeverityAnswers {
    pub happened: Happened,
    /// Are customers, partners or shareholders affected?
    pub outsiders_affected: bool,
    /// Was personal information leaked, or may it have been?
    pub personal_data_involved: bool,
    /// Is the business itself stopped or disrupted?
    pub business_disrupted: bool,
    /// Is the staff's daily work hindered?
    pub staff_work_hindered: bool,
}

/// What the user confirmed in the second step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Severity {
    pub answers: SeverityAnswers,
    /// The policy category's key.
    pub category: String,
    pub level: u8,
    /// Required when `level` differs from the level the answers suggest.
    pub override_reason: String,
}

pub fn stage_for(happened: Happened) -> IncidentStage {
    match happened {
        Happened::NothingYet => IncidentStage::NearMiss,
        Happened::SignsOnly => IncidentStage::Event,
        Happened::DamageConfirmed => IncidentStage::Incident,
    }
}

/// The level the answers point to under the IPA model rules' definitions (事故レベル 0–3):
/// 3 when people outside the company are affected or personal information leaked, 2 when the
/// business is disrupted, 1 when staff work is hindered, else 0. A leak is always at least 2.
pub fn suggested_level(answers: &SeverityAnswers, category: &str) -> u8 {
    let by_impact = if answers.outsiders_affected || answers.personal_data_involved {
        3
    } else if answers.business_disrupted {
        2
    } else if answers.staff_work_hindered {
        1
    } else {
        0
    };
    if category == "leak" && answers.happened != Happened::NothingYet {
        by_impact.max(2)
    } else {
        by_impact
    }
}

/// The assessment facts as far as the earlier steps and the company profile already tell them;
/// the reporting step starts from these and the user corrects them.
///
/// What step 2 said carries over: its stage, and "personal information may have leaked"
/// (`personal_data_involved`) as personal data involved with the count not known yet. A case that
/// is an attack by its nature (ransomware, account misuse, a tampered website) then starts as done
/// with bad intent; a lost device asks separately whether it may have been stolen.
pub fn prefilled_facts(
    case: CaseKind,
    discovered_at: chrono::DateTime<chrono::FixedOffset>,
    category: Option<&str>,
    stage: IncidentStage,
    personal_data_involved: bool,
    company: &CompanyProfile,
) -> Facts {
    let category = match (case, category) {
        (CaseKind::Outage, _) => IncidentCategory::Outage,
        (_, Some("leak")) => IncidentCategory::Leak,
        (_, Some("tampering")) => IncidentCategory::Tampering,
        (_, Some("malware")) => IncidentCategory::Malware,
        _ => IncidentCategory::Other,
    };
    Facts {
        discovered_at,
        occurred_at: None,
        stage,
        category,
        unauthorized_access: matches!(case, CaseKind::AccountMisuse | CaseKind::Website),
        malware: matches!(case, CaseKind::Malware | CaseKind::Ransomware),
        crime_suspected: matches!(case, CaseKind::Ransomware),
        communications_secrecy: false,
        personal_data: PersonalData {
            at_risk: crate::rules::DataAtRisk {
                involved: personal_data_involved.then_some(true),
                unlawful_purpose: personal_data_involved
                    && matches!(case, CaseKind::Ransomware | CaseKind::AccountMisuse | CaseKind::Website),
                ..Default::default()
            },
            ..Default::default()
        },
        entrusted_data: None,
        organization: Organization {
            privacy_mark: company.privacy_mark,
            isms_certified: company.isms_certified,
            cyber_insurance: company.cyber_insurance,
            gdpr_applies: company.gdpr_applies(),
            sector: company.sector,
        },
    }
}

/// The sixth step: recovery and prevention (the PPC report's last headings).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Recovery {
    /// 原因
    pub cause: String,
    /// 二次被害又はそのおそれの有無及びその内容
    pub secondary_damage: String,
    /// 本人への対応の実施状況
    pub subject_response: String,
    /// 公表の実施状況
    pub publication: String,
    pub measures_taken: String,
    /// 再発防止のための措置 (planned)
    pub measures_planned: String,
    pub lessons: String,
}

/// The wizard's steps, in order (0-based as stored in `incident.wizard_step`).
pub const STEP_COUNT: i64 = 6;

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(happened: Happened) -> SeverityAnswers {
        SeverityAnswers {
            happened,
            outsiders_affected: false,
            personal_data_involved: false,
            business_disrupted: false,
            staff_work_hindered: false,
        }
    }

    #[test]
    fn each_impact_question_raises_the_level_to_its_definition() {
        let none = answers(Happened::DamageConfirmed);
        assert_eq!(suggested_level(&none, "malware"), 0);
        assert_eq!(suggested_level(&SeverityAnswers { staff_work_hindered: true, ..none }, "malware"), 1);
        assert_eq!(suggested_level(&SeverityAnswers { business_disrupted: true, ..none }, "malware"), 2);
        assert_eq!(suggested_level(&SeverityAnswers { outsiders_affected: true, ..none }, "tampering"), 3);
        assert_eq!(suggested_level(&SeverityAnswers { personal_data_involved: true, ..none }, "malware"), 3);
    }

    #[test]
    fn a_leak_is_at_least_level_2_unless_nothing_happened() {
        assert_eq!(suggested_level(&answers(Happened::SignsOnly), "leak"), 2);
        assert_eq!(suggested_level(&answers(Happened::DamageConfirmed), "leak"), 2);
        assert_eq!(suggested_level(&answers(Happened::NothingYet), "leak"), 0);
        let personal = SeverityAnswers { personal_data_involved: true, ..answers(Happened::DamageConfirmed) };
        assert_eq!(suggested_level(&personal, "leak"), 3);
    }

    #[test]
    fn stages_follow_what_happened() {
        assert_eq!(stage_for(Happened::NothingYet), IncidentStage::NearMiss);
        assert_eq!(stage_for(Happened::SignsOnly), IncidentStage::Event);
        assert_eq!(stage_for(Happened::DamageConfirmed), IncidentStage::Incident);
    }

    #[test]
    fn case_keys_round_trip_and_unknown_keys_are_refused() {
        for &case in CaseKind::ALL {
            assert_eq!(CaseKind::from_key(case.key()), Ok(case));
        }
        assert!(CaseKind::from_key("meteor").is_err());
    }

    #[test]
    fn prefilled_facts_carry_the_case_and_the_company() {
        let company = CompanyProfile {
            name: "x".into(),
            language: crate::language::Language::Ja,
            sector: crate::rules::Sector::Medical,
            prefecture: String::new(),
            privacy_mark: true,
            isms_certified: false,
            handles_personal_data: true,
            handles_my_number: false,
            handles_eu_data: false,
            stale_contact_months: 12,
            cyber_insurance: false,
            insurer_contact_id: None,
            eu_establishment: None,
            eu_targeting: None,
            details: Default::default(),
        };
        let at = chrono::DateTime::parse_from_rfc3339("2026-08-03T09:00:00+09:00").unwrap();
        let facts = prefilled_facts(CaseKind::Ransomware, at, Some("malware"), IncidentStage::Incident, true, &company);
        assert!(facts.malware && facts.crime_suspected && !facts.unauthorized_access);
        assert_eq!(facts.category, IncidentCategory::Malware);
        assert!(facts.organization.privacy_mark);
        assert!(facts.organization.gdpr_applies, "unanswered EU questions: the GDPR is taken to apply");
        assert_eq!(facts.organization.sector, crate::rules::Sector::Medical);
        // Step 2 said personal data may have leaked: involved, count unknown, and for ransomware
        // done with bad intent.
        assert_eq!(facts.personal_data.at_risk.involved, Some(true));
        assert!(facts.personal_data.at_risk.unlawful_purpose);
        assert_eq!((facts.personal_data.at_risk.subjects, facts.personal_data.at_risk.subjects_max), (0, None));
        let outage = prefilled_facts(CaseKind::Outage, at, Some("tampering"), IncidentStage::Event, false, &company);
        assert_eq!(outage.category, IncidentCategory::Outage);
        assert_eq!(outage.stage, IncidentStage::Event);
        assert_eq!(outage.personal_data.at_risk.involved, None);
        // A mistake is not an attack: personal data involved, but no bad intent assumed.
        let missent = prefilled_facts(CaseKind::Missent, at, Some("leak"), IncidentStage::Incident, true, &company);
        assert!(!missent.personal_data.at_risk.unlawful_purpose);
    }
}
