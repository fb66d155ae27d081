//! Default policies a new company file starts from, and the sample company behind `--demo`.
//!
//! Both are plain JSON in `assets/` (embedded at compile time), so a consultant can read what a new
//! file will contain, and so the Japanese and English texts live outside the code.

use serde::{Deserialize, Serialize};

/// A policy template: everything of DOMAIN.md §1 that does not name a real person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PolicyTemplate {
    /// "ja" or "en".
    pub language: String,
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
    /// The assessment facts (DOMAIN.md §4 shape).
    pub facts: serde_json::Value,
    pub cause: String,
    pub secondary_damage: String,
    pub subject_response: String,
    pub publication: String,
    pub measures_taken: String,
    pub measures_planned: String,
    pub lessons: String,
    pub timeline: Vec<DemoTimelineEntry>,
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

/// The built-in policy template for a language ("ja" or "en").
pub fn builtin_policy(language: &str) -> Result<PolicyTemplate, serde_json::Error> {
    serde_json::from_str(match language {
        "en" => include_str!("../../../assets/templates/en.json"),
        _ => include_str!("../../../assets/templates/ja.json"),
    })
}

/// The built-in demo company for a language ("ja" or "en").
pub fn builtin_demo(language: &str) -> Result<DemoCompany, serde_json::Error> {
    serde_json::from_str(match language {
        "en" => include_str!("../../../assets/demo/en.json"),
        _ => include_str!("../../../assets/demo/ja.json"),
    })
}
