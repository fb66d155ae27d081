//! The policy as its editor sees and sends it.
//!
//! The read models of [`crate::policy`] resolve every reference to names, which is what a printed
//! document needs; an editor needs the opposite — the ids of roles, contacts and scenarios, so it
//! can change one row and point a step at another role. These shapes are what the editing
//! screen receives ([`super::edit::editable_policy`]) and what it sends back to the writes of
//! [`super::edit`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A contact named by an editor: its id, and its name to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactRef {
    pub id: i64,
    pub name: String,
}

/// 対応体制 — one role with its holder and deputies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableRole {
    pub id: i64,
    /// Stable key (e.g. "chief"); generated when the role is created, never changed.
    pub key: String,
    pub name: String,
    pub description: String,
    /// 担当者 — the holder.
    pub holder: Option<ContactRef>,
    /// 代行者 — deputies in the order they step in.
    pub deputies: Vec<ContactRef>,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// 事故レベル — one of the fixed levels 0–3.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableLevel {
    pub level: u8,
    pub name: String,
    /// 影響範囲
    pub impact: String,
    pub responsible_role_id: Option<i64>,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// インシデントの区分 — one of the three fixed categories (leak, tampering, malware).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableCategory {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub description: String,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// A procedure step or checklist item as edited: the editor receives steps in this shape and
/// sends the whole ordered list back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StepInput {
    pub text: String,
    /// The role that does it, if any.
    pub role_id: Option<i64>,
}

/// 対応手順 — the procedure for one category × level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableProcedure {
    pub id: i64,
    pub category_key: String,
    pub level: u8,
    pub note: String,
    pub steps: Vec<StepInput>,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// 初期対応チェックリスト — the first responses of one wizard case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableChecklist {
    pub id: i64,
    /// The wizard case ("malware", "lost_device", ...).
    pub case_key: String,
    pub title: String,
    pub items: Vec<StepInput>,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// 届出及び相談 — one entry of the authority directory, every column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditableAuthority {
    pub id: i64,
    /// The assessment's addressee id ("ppc", "police", ...) or the entry's own key ("local_1").
    pub key: String,
    pub name: String,
    pub purpose: String,
    pub url: String,
    pub phone: String,
    pub email: String,
    pub hours: String,
    /// Where the contact facts come from.
    pub source: String,
    /// The assessment reports to this key, so the entry cannot be deleted (only edited).
    pub required: bool,
    /// The change history's last record of this entry when it was read: its editor sends it back
    /// with a save, which is refused when someone else changed the entry since.
    pub last_change_id: Option<i64>,
}

/// The whole incident-response policy with ids, for the policy editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditablePolicy {
    pub roles: Vec<EditableRole>,
    /// Levels 0–3, in order.
    pub levels: Vec<EditableLevel>,
    pub categories: Vec<EditableCategory>,
    /// In category order, then by level.
    pub procedures: Vec<EditableProcedure>,
    pub checklists: Vec<EditableChecklist>,
    pub authorities: Vec<EditableAuthority>,
}

/// A role's name and description as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoleInput {
    pub name: String,
    pub description: String,
}

/// A level's definition as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LevelInput {
    pub name: String,
    pub impact: String,
    /// Every level has a responsible role (the wizard's call list starts from it).
    pub responsible_role_id: i64,
}

/// A category's name and description as typed (its key is fixed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CategoryInput {
    pub name: String,
    pub description: String,
}

/// An authority directory entry as typed (its key is fixed once created).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuthorityInput {
    pub name: String,
    pub purpose: String,
    pub url: String,
    pub phone: String,
    pub email: String,
    pub hours: String,
    pub source: String,
}

/// What deleting a role left behind: steps and checklist items that named it now name no role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleDeletion {
    pub steps_unassigned: u32,
    pub checklist_items_unassigned: u32,
}
