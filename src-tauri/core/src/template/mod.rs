//! Default policies a new company file starts from, and the sample company behind `--demo`.
//!
//! Both are plain JSON in `assets/` (embedded at compile time), so a consultant can read what a new
//! file will contain, and so the Japanese and English texts live outside the code.

pub mod exchange;
pub mod file;
pub(crate) mod seed;

use serde::{Deserialize, Serialize};

use crate::language::Language;

/// A policy template: everything of the IPA model rules' structure that does not name a real person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PolicyTemplate {
    pub language: Language,
    /// 対応体制 — roles, in display order.
    pub roles: Vec<RoleTemplate>,
    /// 事故レベル — exactly levels 0..=3.
    pub levels: Vec<LevelTemplate>,
    /// インシデントの区分 — leak, tampering/destruction/outage, malware (keys are fixed, names free).
    pub categories: Vec<CategoryTemplate>,
    /// 対応手順 — ordered steps per category × level.
    pub procedures: Vec<ProcedureTemplate>,
    /// 初期対応チェックリスト — one per case the wizard offers.
    pub checklists: Vec<ChecklistTemplate>,
    /// 届出及び相談 — the authority directory with public contact facts.
    pub authorities: Vec<AuthorityTemplate>,
    /// 事業継続管理 — assumed incidents and damaged targets.
    pub bcp: BcpTemplate,
    /// Starting texts of the 事業継続力強化計画 answers a new company file begins with (built-in
    /// templates only: a template file carries the policy, not a company's plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jigyokei: Option<crate::bcp::jigyokei::JigyokeiPlan>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoleTemplate {
    /// Stable key: "chief" (最高責任者), "manager" (対応責任者), "first_responder" (一次対応者),
    /// "it_admin" (情報システム管理者), "general_affairs" (総務責任者), "sales" (営業責任者), ...
    pub key: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelTemplate {
    pub level: u8,
    pub name: String,
    /// 影響範囲 — what makes an incident this level.
    pub impact: String,
    /// Key of the responsible role.
    pub responsible_role: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CategoryTemplate {
    /// "leak", "tampering" (改ざん・消失・破壊・サービス停止) or "malware".
    pub key: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProcedureTemplate {
    pub category: String,
    pub level: u8,
    /// A note shown instead of / beside the steps (e.g. "leaks are always level 2 or higher").
    #[serde(default)]
    pub note: String,
    pub steps: Vec<StepTemplate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StepTemplate {
    pub text: String,
    /// Key of the role that does this step, if any.
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChecklistTemplate {
    /// The wizard's case: "malware", "suspicious_email", "lost_device", "missent",
    /// "website", "account_misuse", "ransomware", "outage", "other".
    pub case: String,
    pub title: String,
    pub items: Vec<StepTemplate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AuthorityTemplate {
    /// Assessment id where there is one ("ppc", "ipa_malware", "jpcert", ...); other entries get
    /// their own stable key ("ipa_consultation", "police_local", ...).
    pub key: String,
    pub name: String,
    /// What to report or ask there, in plain words.
    pub purpose: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    /// Opening hours or how to reach them.
    #[serde(default)]
    pub hours: String,
    /// Where the contact facts come from (public source).
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BcpTemplate {
    /// 想定する事象 — assumed incidents with the reason.
    pub scenarios: Vec<BcpScenarioTemplate>,
    /// 被害対象 → 復旧責任者 → 関係者連絡先.
    pub targets: Vec<BcpTargetTemplate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BcpScenarioTemplate {
    pub title: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BcpTargetTemplate {
    pub name: String,
    /// Key of the recovery owner's role.
    pub recovery_role: Option<String>,
    /// Who the owner will need, described (e.g. "電力会社の営業所、設備業者") until real contacts are linked.
    pub related_contacts_hint: String,
    /// e.g. "24時間以内".
    pub target_recovery_time: String,
    pub recovery_steps: Vec<String>,
}

/// The sample company of `sonae-cli init --demo`: real-looking people and two or more incidents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoCompany {
    pub company: DemoProfile,
    pub contacts: Vec<DemoContact>,
    /// Role key → contact refs, holder first, then deputies.
    pub role_holders: Vec<DemoRoleHolders>,
    /// Damaged target name (as in the template) → recovery owner person and related contacts.
    pub bcp_links: Vec<DemoBcpLink>,
    pub exercises: Vec<DemoExercise>,
    /// Tabletop exercises held in Sonae, ended.
    pub exercise_runs: Vec<DemoExerciseRun>,
    /// The 事業継続力強化計画 answers, every field filled.
    pub jigyokei: crate::bcp::jigyokei::JigyokeiPlan,
    pub incidents: Vec<DemoIncident>,
    pub near_misses: Vec<DemoNearMiss>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoProfile {
    pub name: String,
    /// "general", "finance", "medical" or "telecom".
    pub sector: String,
    pub prefecture: String,
    pub privacy_mark: bool,
    pub isms_certified: bool,
    pub handles_personal_data: bool,
    pub handles_my_number: bool,
    pub handles_eu_data: bool,
    #[serde(default)]
    pub cyber_insurance: bool,
    /// The contact ref of the cyber insurer.
    #[serde(default)]
    pub insurer: Option<String>,
    /// Corporate details, inquiry desk and date style for the drafts.
    #[serde(default)]
    pub details: crate::company::CompanyDetails,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoContact {
    /// Local reference used by the other demo sections.
    #[serde(rename = "ref")]
    pub reference: String,
    /// "person" or "organization".
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub name_kana: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub title: String,
    pub phones: Vec<DemoPhone>,
    pub emails: Vec<DemoEmail>,
    /// internal, authority, vendor, customer, insurer, other.
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    /// Position in the call tree (1 = first to call), internal people only.
    #[serde(default)]
    pub call_order: Option<i64>,
    /// YYYY-MM-DD, or null when never confirmed.
    pub last_confirmed_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoPhone {
    pub label: String,
    pub number: String,
    #[serde(default)]
    pub emergency: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoEmail {
    pub label: String,
    pub address: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoRoleHolders {
    pub role: String,
    pub holders: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoBcpLink {
    pub target: String,
    pub recovery_owner: Option<String>,
    pub related_contacts: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoExercise {
    pub held_on: String,
    /// Index into the template's scenarios.
    pub scenario: Option<usize>,
    pub participants: String,
    pub what_worked: String,
    pub unreachable: String,
    pub follow_ups: String,
    /// Contacts this exercise confirmed.
    pub confirmed_contacts: Vec<String>,
}

/// A tabletop exercise of a built-in scenario, held and ended.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoExerciseRun {
    /// The built-in scenario's key.
    pub scenario: String,
    /// RFC 3339 with offset.
    pub started_at: String,
    pub ended_at: String,
    pub facilitator: String,
    pub participants: String,
    pub what_worked: String,
    /// One per inject of the scenario, in order: every inject was revealed.
    pub injects: Vec<DemoInjectResponse>,
    pub calls: Vec<DemoCall>,
    pub follow_ups: Vec<DemoFollowUp>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoInjectResponse {
    pub response: String,
    pub minutes_taken: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoCall {
    /// A contact ref.
    pub contact: String,
    pub reached: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoFollowUp {
    pub text: String,
    pub owner: String,
    pub due_on: String,
    pub done_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoIncident {
    pub title: String,
    /// One of the checklist cases.
    pub case: String,
    /// RFC 3339 with offset.
    pub discovered_at: String,
    pub discovered_by: String,
    pub description: String,
    /// "near_miss", "event" or "incident".
    pub stage: String,
    pub category: String,
    pub level: u8,
    /// "open" or "closed".
    pub status: String,
    /// The assessment facts (docs/rules.md §4 shape).
    pub facts: serde_json::Value,
    /// 発生日時, RFC 3339 with offset, when known.
    #[serde(default)]
    pub occurred_at: Option<String>,
    /// The data items, whose data and what happened to it, and the IPA form's details.
    #[serde(default)]
    pub details: crate::incident::affected_data::ReportingDetails,
    pub cause: String,
    pub secondary_damage: String,
    pub subject_response: String,
    pub publication: String,
    pub measures_taken: String,
    pub measures_planned: String,
    pub lessons: String,
    pub timeline: Vec<DemoTimelineEntry>,
    /// The office's own English for the GDPR notices.
    #[serde(default)]
    pub gdpr_texts: crate::incident::gdpr_texts::GdprTexts,
    /// The client (委託元) whose data it touched, by the contact's `ref`.
    #[serde(default)]
    pub client: Option<String>,
    /// When each report or notice was sent, by the assessment's addressee id (`ppc`, `police`…),
    /// with its reference number when it has one; a closed incident's duties not listed count as
    /// sent on the day it was closed.
    #[serde(default)]
    pub sent: std::collections::BTreeMap<String, DemoSent>,
}

/// A report or notice of a sample incident, as sent.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoSent {
    /// YYYY-MM-DD.
    pub on: String,
    #[serde(default)]
    pub reference: String,
    /// The 速報 of a report made in two stages, when it went on a day of its own (`on` and
    /// `reference` are then the 確報's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preliminary: Option<Box<DemoSent>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoTimelineEntry {
    /// RFC 3339 with offset.
    pub at: String,
    pub author: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoNearMiss {
    pub occurred_on: String,
    pub title: String,
    pub description: String,
    pub what_could_happen: String,
    pub measures: String,
    pub reported_by: String,
}

/// The built-in policy template in `language`.
pub fn builtin_policy(language: Language) -> Result<PolicyTemplate, serde_json::Error> {
    serde_json::from_str(
        language
            .pick((include_str!("../../../../assets/templates/ja.json"), include_str!("../../../../assets/templates/en.json"))),
    )
}

/// The built-in demo company in `language`.
pub fn builtin_demo(language: Language) -> Result<DemoCompany, serde_json::Error> {
    serde_json::from_str(
        language.pick((include_str!("../../../../assets/demo/ja.json"), include_str!("../../../../assets/demo/en.json"))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashMap, HashSet};

    const LANGUAGES: [Language; 2] = [Language::Ja, Language::En];
    const CATEGORIES: [&str; 3] = ["leak", "tampering", "malware"];
    const CASES: [&str; 9] =
        ["malware", "suspicious_email", "lost_device", "missent", "website", "account_misuse", "ransomware", "outage", "other"];
    /// The day the demo is written against: contacts confirmed before this minus 12 months are stale.
    const STALE_BEFORE: &str = "2025-11-22";

    fn policy(language: Language) -> PolicyTemplate {
        builtin_policy(language).unwrap_or_else(|e| panic!("template {language} does not parse: {e}"))
    }

    fn demo(language: Language) -> DemoCompany {
        builtin_demo(language).unwrap_or_else(|e| panic!("demo {language} does not parse: {e}"))
    }

    fn role_keys(p: &PolicyTemplate) -> HashSet<&str> {
        p.roles.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn templates_parse_and_declare_their_language() {
        for lang in LANGUAGES {
            assert_eq!(policy(lang).language, lang);
        }
    }

    #[test]
    fn template_role_keys_are_unique_and_include_the_standard_roles() {
        for lang in LANGUAGES {
            let p = policy(lang);
            assert_eq!(role_keys(&p).len(), p.roles.len(), "{lang}: duplicate role key");
            for key in ["chief", "manager", "first_responder", "it_admin", "general_affairs", "sales"] {
                assert!(role_keys(&p).contains(key), "{lang}: role {key} missing");
            }
            for r in &p.roles {
                assert!(!r.name.trim().is_empty() && !r.description.trim().is_empty(), "{lang}: role {} incomplete", r.key);
            }
        }
    }

    #[test]
    fn template_levels_are_exactly_zero_to_three() {
        for lang in LANGUAGES {
            let p = policy(lang);
            let levels: Vec<u8> = p.levels.iter().map(|l| l.level).collect();
            assert_eq!(levels, vec![0, 1, 2, 3], "{lang}");
            let responsible: Vec<&str> = p.levels.iter().map(|l| l.responsible_role.as_str()).collect();
            assert_eq!(responsible, vec!["it_admin", "manager", "manager", "chief"], "{lang}");
        }
    }

    #[test]
    fn template_has_the_three_categories() {
        for lang in LANGUAGES {
            let p = policy(lang);
            let keys: Vec<&str> = p.categories.iter().map(|c| c.key.as_str()).collect();
            assert_eq!(keys, CATEGORIES.to_vec(), "{lang}");
        }
    }

    #[test]
    fn template_has_one_procedure_per_category_and_level() {
        for lang in LANGUAGES {
            let p = policy(lang);
            assert_eq!(p.procedures.len(), CATEGORIES.len() * 4, "{lang}");
            let cells: HashSet<(&str, u8)> = p.procedures.iter().map(|pr| (pr.category.as_str(), pr.level)).collect();
            assert_eq!(cells.len(), p.procedures.len(), "{lang}: duplicate procedure");
            for category in CATEGORIES {
                for level in 0..=3u8 {
                    let pr = p
                        .procedures
                        .iter()
                        .find(|pr| pr.category == category && pr.level == level)
                        .unwrap_or_else(|| panic!("{lang}: no procedure for {category} level {level}"));
                    // A cell without steps must say why.
                    assert!(!pr.steps.is_empty() || !pr.note.trim().is_empty(), "{lang}: {category}/{level} is empty");
                    for s in &pr.steps {
                        assert!(!s.text.trim().is_empty(), "{lang}: empty step in {category}/{level}");
                    }
                }
            }
            // Leaks are always level 2 or higher: the low cells carry a note, level 1 has no steps.
            for level in [0u8, 1] {
                let pr = p.procedures.iter().find(|pr| pr.category == "leak" && pr.level == level).unwrap();
                assert!(!pr.note.trim().is_empty(), "{lang}: leak level {level} needs the note");
            }
            let leak1 = p.procedures.iter().find(|pr| pr.category == "leak" && pr.level == 1).unwrap();
            assert!(leak1.steps.is_empty(), "{lang}: leak level 1 must have no steps");
            // The level-3 leak procedure ends with the chief publishing the outcome.
            let leak3 = p.procedures.iter().find(|pr| pr.category == "leak" && pr.level == 3).unwrap();
            assert!(leak3.steps.len() >= 7, "{lang}: leak level 3 is too short");
            assert_eq!(leak3.steps.last().unwrap().role.as_deref(), Some("chief"), "{lang}");
        }
    }

    #[test]
    fn template_has_the_nine_checklists_in_order() {
        for lang in LANGUAGES {
            let p = policy(lang);
            let cases: Vec<&str> = p.checklists.iter().map(|c| c.case.as_str()).collect();
            assert_eq!(cases, CASES.to_vec(), "{lang}");
            for c in &p.checklists {
                assert!(!c.title.trim().is_empty(), "{lang}: checklist {} has no title", c.case);
                assert!((4..=9).contains(&c.items.len()), "{lang}: checklist {} has {} items", c.case, c.items.len());
                for i in &c.items {
                    assert!(!i.text.trim().is_empty(), "{lang}: empty item in checklist {}", c.case);
                }
            }
        }
    }

    #[test]
    fn every_referenced_role_exists() {
        for lang in LANGUAGES {
            let p = policy(lang);
            let roles = role_keys(&p);
            for l in &p.levels {
                assert!(roles.contains(l.responsible_role.as_str()), "{lang}: level {} role {}", l.level, l.responsible_role);
            }
            for pr in &p.procedures {
                for s in &pr.steps {
                    if let Some(r) = &s.role {
                        assert!(roles.contains(r.as_str()), "{lang}: {}/{} step role {r}", pr.category, pr.level);
                    }
                }
            }
            for c in &p.checklists {
                for i in &c.items {
                    if let Some(r) = &i.role {
                        assert!(roles.contains(r.as_str()), "{lang}: checklist {} role {r}", c.case);
                    }
                }
            }
            for t in &p.bcp.targets {
                if let Some(r) = &t.recovery_role {
                    assert!(roles.contains(r.as_str()), "{lang}: BCP target {} role {r}", t.name);
                }
            }
        }
    }

    #[test]
    fn template_authorities_cover_the_assessment_ids() {
        for lang in LANGUAGES {
            let p = policy(lang);
            let keys: Vec<&str> = p.authorities.iter().map(|a| a.key.as_str()).collect();
            assert_eq!(keys.iter().collect::<HashSet<_>>().len(), keys.len(), "{lang}: duplicate authority key");
            for id in [
                "ppc",
                "ppc_my_number",
                "ipa_malware",
                "ipa_unauthorized_access",
                "ipa_consultation",
                "jpcert",
                "police",
                "privacy_mark",
                "eu_supervisory_authority",
                "fsa",
                "mic_telecom",
            ] {
                assert!(keys.contains(&id), "{lang}: authority {id} missing");
            }
            for a in &p.authorities {
                assert!(!a.name.trim().is_empty() && !a.purpose.trim().is_empty(), "{lang}: authority {} incomplete", a.key);
                assert!(!a.source.trim().is_empty(), "{lang}: authority {} has no source", a.key);
                assert!(a.url.is_empty() || a.url.starts_with("https://"), "{lang}: authority {} url {}", a.key, a.url);
                assert!(a.email.is_empty() || a.email.contains('@'), "{lang}: authority {} email {}", a.key, a.email);
            }
            let ppc = p.authorities.iter().find(|a| a.key == "ppc").unwrap();
            assert_eq!(ppc.url, "https://www.ppc.go.jp/personalinfo/legal/leakAction/");
        }
    }

    #[test]
    fn template_bcp_is_complete() {
        for lang in LANGUAGES {
            let p = policy(lang);
            assert!(!p.bcp.scenarios.is_empty(), "{lang}");
            for s in &p.bcp.scenarios {
                assert!(!s.title.trim().is_empty() && !s.reason.trim().is_empty(), "{lang}: scenario incomplete");
            }
            let names: HashSet<&str> = p.bcp.targets.iter().map(|t| t.name.as_str()).collect();
            assert_eq!(names.len(), p.bcp.targets.len(), "{lang}: duplicate BCP target name");
            for t in &p.bcp.targets {
                assert!(t.recovery_role.is_some(), "{lang}: target {} has no owner role", t.name);
                assert!(!t.related_contacts_hint.trim().is_empty(), "{lang}: target {}", t.name);
                assert!(!t.target_recovery_time.trim().is_empty(), "{lang}: target {}", t.name);
                assert!(
                    (3..=6).contains(&t.recovery_steps.len()),
                    "{lang}: target {} has {} steps",
                    t.name,
                    t.recovery_steps.len()
                );
            }
            let owners: Vec<Option<&str>> = p.bcp.targets.iter().map(|t| t.recovery_role.as_deref()).collect();
            for role in ["general_affairs", "manager", "sales"] {
                assert!(owners.contains(&Some(role)), "{lang}: no BCP target owned by {role}");
            }
        }
    }

    #[test]
    fn ja_and_en_templates_have_the_same_structure() {
        let (ja, en) = (policy(Language::Ja), policy(Language::En));
        let roles = |p: &PolicyTemplate| p.roles.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
        assert_eq!(roles(&ja), roles(&en));
        let levels = |p: &PolicyTemplate| p.levels.iter().map(|l| (l.level, l.responsible_role.clone())).collect::<Vec<_>>();
        assert_eq!(levels(&ja), levels(&en));
        let categories = |p: &PolicyTemplate| p.categories.iter().map(|c| c.key.clone()).collect::<Vec<_>>();
        assert_eq!(categories(&ja), categories(&en));
        let procedures = |p: &PolicyTemplate| {
            p.procedures
                .iter()
                .map(|pr| {
                    let roles: Vec<Option<String>> = pr.steps.iter().map(|s| s.role.clone()).collect();
                    (pr.category.clone(), pr.level, pr.note.is_empty(), roles)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(procedures(&ja), procedures(&en));
        let checklists = |p: &PolicyTemplate| {
            p.checklists
                .iter()
                .map(|c| (c.case.clone(), c.items.iter().map(|i| i.role.clone()).collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        };
        assert_eq!(checklists(&ja), checklists(&en));
        // Contact facts are language-independent: they must be identical.
        let authorities = |p: &PolicyTemplate| {
            p.authorities.iter().map(|a| (a.key.clone(), a.url.clone(), a.phone.clone(), a.email.clone())).collect::<Vec<_>>()
        };
        assert_eq!(authorities(&ja), authorities(&en));
        assert_eq!(ja.bcp.scenarios.len(), en.bcp.scenarios.len());
        let targets = |p: &PolicyTemplate| {
            p.bcp.targets.iter().map(|t| (t.recovery_role.clone(), t.recovery_steps.len())).collect::<Vec<_>>()
        };
        assert_eq!(targets(&ja), targets(&en));
    }

    #[test]
    fn demos_parse() {
        for lang in LANGUAGES {
            let d = demo(lang);
            assert!(!d.company.name.trim().is_empty(), "{lang}");
            assert!(["general", "finance", "medical", "telecom"].contains(&d.company.sector.as_str()), "{lang}");
        }
    }

    #[test]
    fn demo_contacts_are_well_formed() {
        for lang in LANGUAGES {
            let d = demo(lang);
            let refs: HashSet<&str> = d.contacts.iter().map(|c| c.reference.as_str()).collect();
            assert_eq!(refs.len(), d.contacts.len(), "{lang}: duplicate contact ref");
            let tags = ["internal", "authority", "vendor", "customer", "insurer", "other"];
            let mut orders = BTreeSet::new();
            for c in &d.contacts {
                assert!(c.kind == "person" || c.kind == "organization", "{lang}: {} kind {}", c.reference, c.kind);
                assert!(!c.name.trim().is_empty(), "{lang}: {} has no name", c.reference);
                assert!(!c.tags.is_empty(), "{lang}: {} has no tag", c.reference);
                for t in &c.tags {
                    assert!(tags.contains(&t.as_str()), "{lang}: {} tag {t}", c.reference);
                }
                for ph in &c.phones {
                    assert!(!ph.number.trim().is_empty(), "{lang}: {} empty number", c.reference);
                }
                for e in &c.emails {
                    assert!(
                        e.address.ends_with("example.jp") || e.address.ends_with("example.com"),
                        "{lang}: {} uses a non-example address {}",
                        c.reference,
                        e.address
                    );
                }
                if let Some(o) = c.call_order {
                    assert!(
                        c.tags.iter().any(|t| t == "internal"),
                        "{lang}: {} has a call order but is not internal",
                        c.reference
                    );
                    assert!(orders.insert(o), "{lang}: call order {o} used twice");
                }
                if let Some(day) = &c.last_confirmed_on {
                    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                        .unwrap_or_else(|e| panic!("{lang}: {} confirmed on {day}: {e}", c.reference));
                }
            }
            assert_eq!(
                orders.iter().copied().collect::<Vec<_>>(),
                (1..=orders.len() as i64).collect::<Vec<_>>(),
                "{lang}: call order has gaps"
            );
            // The home screen must have something to flag.
            let stale = d.contacts.iter().filter(|c| c.last_confirmed_on.as_deref().is_none_or(|day| day < STALE_BEFORE)).count();
            assert!(stale >= 2, "{lang}: only {stale} stale contacts");
        }
    }

    #[test]
    fn demo_refs_resolve() {
        for lang in LANGUAGES {
            let d = demo(lang);
            let p = policy(lang);
            let refs: HashSet<&str> = d.contacts.iter().map(|c| c.reference.as_str()).collect();
            let roles = role_keys(&p);
            let mut held = HashSet::new();
            for rh in &d.role_holders {
                assert!(roles.contains(rh.role.as_str()), "{lang}: role_holders names unknown role {}", rh.role);
                assert!(held.insert(rh.role.as_str()), "{lang}: role {} listed twice", rh.role);
                assert!(!rh.holders.is_empty(), "{lang}: role {} has no holder", rh.role);
                for h in &rh.holders {
                    assert!(refs.contains(h.as_str()), "{lang}: role {} holder {h} unknown", rh.role);
                }
            }
            assert_eq!(held, roles, "{lang}: every role needs holders");
            for link in &d.bcp_links {
                if let Some(owner) = &link.recovery_owner {
                    assert!(refs.contains(owner.as_str()), "{lang}: BCP owner {owner} unknown");
                }
                for c in &link.related_contacts {
                    assert!(refs.contains(c.as_str()), "{lang}: BCP contact {c} unknown");
                }
            }
            for ex in &d.exercises {
                chrono::NaiveDate::parse_from_str(&ex.held_on, "%Y-%m-%d").expect("exercise date");
                if let Some(i) = ex.scenario {
                    assert!(i < p.bcp.scenarios.len(), "{lang}: exercise scenario {i} out of range");
                }
                for c in &ex.confirmed_contacts {
                    assert!(refs.contains(c.as_str()), "{lang}: exercise confirmed unknown contact {c}");
                    let contact = d.contacts.iter().find(|x| &x.reference == c).unwrap();
                    let confirmed = contact.last_confirmed_on.as_deref().unwrap_or("");
                    assert!(confirmed >= ex.held_on.as_str(), "{lang}: {c} confirmed by the exercise but dated {confirmed}");
                }
            }
        }
    }

    #[test]
    fn demo_bcp_links_match_template_targets() {
        for lang in LANGUAGES {
            let d = demo(lang);
            let p = policy(lang);
            let names: HashSet<&str> = p.bcp.targets.iter().map(|t| t.name.as_str()).collect();
            let linked: HashSet<&str> = d.bcp_links.iter().map(|l| l.target.as_str()).collect();
            for l in &linked {
                assert!(names.contains(l), "{lang}: BCP link target {l:?} is not a template target");
            }
            assert_eq!(linked, names, "{lang}: every template target should be linked");
        }
    }

    #[test]
    fn demo_incidents_are_consistent() {
        for lang in LANGUAGES {
            let d = demo(lang);
            let p = policy(lang);
            assert!(d.incidents.len() >= 2, "{lang}");
            assert!(d.incidents.iter().any(|i| i.status == "open"), "{lang}: no open incident");
            assert!(d.incidents.iter().any(|i| i.status == "closed"), "{lang}: no closed incident");
            let categories: HashSet<&str> = p.categories.iter().map(|c| c.key.as_str()).collect();
            for inc in &d.incidents {
                let at = chrono::DateTime::parse_from_rfc3339(&inc.discovered_at)
                    .unwrap_or_else(|e| panic!("{lang}: {} discovered_at: {e}", inc.title));
                assert!(CASES.contains(&inc.case.as_str()), "{lang}: {} case {}", inc.title, inc.case);
                assert!(["near_miss", "event", "incident"].contains(&inc.stage.as_str()), "{lang}: {}", inc.title);
                assert!(["open", "closed"].contains(&inc.status.as_str()), "{lang}: {}", inc.title);
                assert!(categories.contains(inc.category.as_str()), "{lang}: {} category {}", inc.title, inc.category);
                assert!(inc.level <= 3, "{lang}: {}", inc.title);
                if inc.category == "leak" {
                    assert!(inc.level >= 2, "{lang}: {} is a leak below level 2", inc.title);
                }
                // Facts in the docs/rules.md §4 shape, with the same discovery time.
                let facts = inc.facts.as_object().unwrap_or_else(|| panic!("{lang}: {} facts not an object", inc.title));
                let fact_at = facts
                    .get("discovered_at")
                    .and_then(|v| v.as_str())
                    .unwrap_or_else(|| panic!("{lang}: {} facts lack discovered_at", inc.title));
                assert_eq!(chrono::DateTime::parse_from_rfc3339(fact_at).expect("facts discovered_at"), at);
                let fact_category = facts.get("category").and_then(|v| v.as_str()).unwrap_or("other");
                assert!(
                    ["leak", "tampering", "outage", "malware", "other"].contains(&fact_category),
                    "{lang}: {} facts category {fact_category}",
                    inc.title
                );
                let org = &facts["organization"];
                assert_eq!(org["privacy_mark"].as_bool(), Some(d.company.privacy_mark), "{lang}: {}", inc.title);
                assert_eq!(org["isms_certified"].as_bool(), Some(d.company.isms_certified), "{lang}: {}", inc.title);
                assert_eq!(org["sector"].as_str(), Some(d.company.sector.as_str()), "{lang}: {}", inc.title);
                // Timeline: 5–10 entries, in order, none before the discovery.
                assert!((5..=10).contains(&inc.timeline.len()), "{lang}: {} has {} entries", inc.title, inc.timeline.len());
                let mut last = at;
                for e in &inc.timeline {
                    let t = chrono::DateTime::parse_from_rfc3339(&e.at)
                        .unwrap_or_else(|err| panic!("{lang}: {} entry at {}: {err}", inc.title, e.at));
                    assert!(t >= last, "{lang}: {} timeline out of order at {}", inc.title, e.at);
                    assert!(!e.message.trim().is_empty() && !e.author.trim().is_empty(), "{lang}: {}", inc.title);
                    last = t;
                }
                if inc.status == "closed" {
                    for (field, value) in [
                        ("cause", &inc.cause),
                        ("secondary_damage", &inc.secondary_damage),
                        ("subject_response", &inc.subject_response),
                        ("publication", &inc.publication),
                        ("measures_taken", &inc.measures_taken),
                        ("measures_planned", &inc.measures_planned),
                        ("lessons", &inc.lessons),
                    ] {
                        assert!(!value.trim().is_empty(), "{lang}: closed incident {} lacks {field}", inc.title);
                    }
                }
            }
            assert!(d.near_misses.len() >= 2, "{lang}");
            for n in &d.near_misses {
                chrono::NaiveDate::parse_from_str(&n.occurred_on, "%Y-%m-%d").expect("near miss date");
                assert!(!n.title.trim().is_empty() && !n.description.trim().is_empty(), "{lang}");
            }
        }
    }

    #[test]
    fn ja_and_en_demos_are_the_same_company() {
        let (ja, en) = (demo(Language::Ja), demo(Language::En));
        let profile = |d: &DemoCompany| {
            let c = &d.company;
            (c.sector.clone(), c.privacy_mark, c.isms_certified, c.handles_personal_data, c.handles_my_number, c.handles_eu_data)
        };
        assert_eq!(profile(&ja), profile(&en));
        let contacts = |d: &DemoCompany| {
            d.contacts
                .iter()
                .map(|c| {
                    (
                        c.reference.clone(),
                        c.kind.clone(),
                        c.tags.clone(),
                        c.call_order,
                        c.last_confirmed_on.clone(),
                        c.phones.iter().map(|p| (p.number.clone(), p.emergency)).collect::<Vec<_>>(),
                        c.emails.iter().map(|e| e.address.clone()).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(contacts(&ja), contacts(&en));
        assert_eq!(ja.role_holders, en.role_holders);
        // BCP links point at the same targets by position in the template.
        let (pja, pen) = (policy(Language::Ja), policy(Language::En));
        let by_position = |d: &DemoCompany, p: &PolicyTemplate| {
            let index: HashMap<&str, usize> = p.bcp.targets.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
            d.bcp_links
                .iter()
                .map(|l| (index.get(l.target.as_str()).copied(), l.recovery_owner.clone(), l.related_contacts.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(by_position(&ja, &pja), by_position(&en, &pen));
        let exercises = |d: &DemoCompany| {
            d.exercises.iter().map(|e| (e.held_on.clone(), e.scenario, e.confirmed_contacts.clone())).collect::<Vec<_>>()
        };
        assert_eq!(exercises(&ja), exercises(&en));
        let runs = |d: &DemoCompany| {
            d.exercise_runs
                .iter()
                .map(|r| {
                    let calls = r.calls.iter().map(|c| (c.contact.clone(), c.reached)).collect::<Vec<_>>();
                    let follow_ups = r.follow_ups.iter().map(|f| (f.due_on.clone(), f.done_on.clone())).collect::<Vec<_>>();
                    let minutes = r.injects.iter().map(|i| i.minutes_taken).collect::<Vec<_>>();
                    (r.scenario.clone(), r.started_at.clone(), r.ended_at.clone(), calls, follow_ups, minutes)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(runs(&ja), runs(&en));
        let incidents = |d: &DemoCompany| {
            d.incidents
                .iter()
                .map(|i| {
                    (
                        i.case.clone(),
                        i.discovered_at.clone(),
                        i.stage.clone(),
                        i.category.clone(),
                        i.level,
                        i.status.clone(),
                        i.facts.clone(),
                        i.timeline.iter().map(|e| e.at.clone()).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(incidents(&ja), incidents(&en));
        let near_misses = |d: &DemoCompany| d.near_misses.iter().map(|n| n.occurred_on.clone()).collect::<Vec<_>>();
        assert_eq!(near_misses(&ja), near_misses(&en));
    }
}
