//! The BCP as its editor sees and sends it: with the ids of scenarios, targets, roles and
//! contacts, so one row can be changed and a target pointed at another owner.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::policy::editing::ContactRef;

/// 想定する事象 — an assumed incident of the BCP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableScenario {
    pub id: i64,
    pub title: String,
    pub reason: String,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// 被害対象 → 復旧責任者 → 関係者連絡先, with ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableTarget {
    pub id: i64,
    pub name: String,
    /// 復旧責任者 as a role.
    pub recovery_role_id: Option<i64>,
    /// 復旧責任者 as a named person.
    pub recovery_contact: Option<ContactRef>,
    /// 関係者連絡先, in order.
    pub related_contacts: Vec<ContactRef>,
    pub related_contacts_hint: String,
    /// 目標復旧時間 (free text, e.g. "24時間以内").
    pub target_recovery_time: String,
    /// One entry per step.
    pub recovery_steps: Vec<String>,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// 訓練 — an exercise as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableExercise {
    pub id: i64,
    /// YYYY-MM-DD.
    #[ts(type = "string")]
    pub held_on: chrono::NaiveDate,
    pub scenario_id: Option<i64>,
    pub participants: String,
    pub what_worked: String,
    pub unreachable: String,
    pub follow_ups: String,
    /// Contacts the exercise confirmed reachable, in call-tree order.
    pub confirmed_contacts: Vec<ContactRef>,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// 事業継続管理 with ids, for the BCP editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableBcp {
    pub scenarios: Vec<EditableScenario>,
    pub targets: Vec<EditableTarget>,
    /// Most recent first.
    pub exercises: Vec<EditableExercise>,
}

/// An assumed incident as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScenarioInput {
    pub title: String,
    pub reason: String,
}

/// A damaged target as typed. A recovery owner may be a role, a person, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TargetInput {
    pub name: String,
    pub recovery_role_id: Option<i64>,
    pub recovery_contact_id: Option<i64>,
    /// Ordered; each contact at most once.
    pub related_contact_ids: Vec<i64>,
    pub related_contacts_hint: String,
    pub target_recovery_time: String,
    /// One entry per step; blank entries are dropped and an entry with line breaks becomes
    /// several steps (the file keeps one step per line).
    pub recovery_steps: Vec<String>,
}

/// An exercise as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExerciseInput {
    /// YYYY-MM-DD, not after today.
    pub held_on: String,
    pub scenario_id: Option<i64>,
    pub participants: String,
    pub what_worked: String,
    pub unreachable: String,
    pub follow_ups: String,
    /// Contacts reached in the exercise; each one's 最終確認日 moves up to `held_on`.
    pub confirmed_contact_ids: Vec<i64>,
}
