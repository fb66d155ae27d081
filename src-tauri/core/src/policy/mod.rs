//! The company's policy, business-continuity plan and call tree as they are read for printing and
//! display: every reference (a role, a person, a recovery owner) already resolved to names,
//! phones and emails, so a document can be written from these values alone.
//!
//! The shapes follow the structure of the IPA model rules (IPA, 中小企業の情報セキュリティ対策
//! ガイドライン, appendix 「情報セキュリティインシデント対応ならびに事業継続管理」). They are plain values:
//! the store fills them ([`read::policy`], [`read::call_tree`]) and the renderer reads them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod edit;
pub mod editing;
pub mod read;

pub use crate::contacts::{Email, Phone};

/// A person or organisation from the contact table, with the numbers to reach them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contact {
    pub id: i64,
    /// "person" or "organization".
    pub kind: String,
    pub name: String,
    pub organization: String,
    pub title: String,
    pub notes: String,
    /// 連絡網 — position in the internal call tree (1 = called first).
    pub call_order: Option<i64>,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
}

impl Contact {
    /// The number to call in an emergency: the first one marked for emergencies, else the first.
    pub fn emergency_phone(&self) -> Option<&Phone> {
        self.phones.iter().find(|p| p.emergency).or_else(|| self.phones.first())
    }

    pub fn first_email(&self) -> Option<&Email> {
        self.emails.first()
    }
}

/// 対応体制 — one role of the response organisation and who holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Role {
    pub key: String,
    pub name: String,
    pub description: String,
    /// 担当者 — the holder, if anyone holds the role yet.
    pub holder: Option<Contact>,
    /// 代行者 — deputies in the order they step in.
    pub deputies: Vec<Contact>,
}

/// One step of a procedure or item of a checklist, with the name of the role that does it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Step {
    pub text: String,
    pub role: Option<String>,
}

/// 対応手順 — what to do for one category at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Procedure {
    pub category_key: String,
    pub category_name: String,
    pub level: u8,
    pub note: String,
    pub steps: Vec<Step>,
}

/// 初期対応チェックリスト — the first responses for one case (malware, lost device, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Checklist {
    pub case_key: String,
    pub title: String,
    pub items: Vec<Step>,
}

/// 届出及び相談 — one authority or desk where incidents are reported or advice is asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuthorityDesk {
    /// Matches the assessment's authority ids where there is one (`ppc`, `police`, ...).
    pub key: String,
    pub name: String,
    pub purpose: String,
    pub url: String,
    pub phone: String,
    pub email: String,
    pub hours: String,
}

/// The whole incident-response policy (IPA model rules, parts 1–6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Policy {
    pub roles: Vec<Role>,
    /// 事故レベル 0–3.
    pub levels: Vec<LevelDefinition>,
    /// インシデントの区分 — leak, tampering/outage, malware.
    pub categories: Vec<CategoryDefinition>,
    /// In category order, then by level.
    pub procedures: Vec<Procedure>,
    pub checklists: Vec<Checklist>,
    pub authorities: Vec<AuthorityDesk>,
}

/// A policy level as the wizard shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LevelDefinition {
    pub level: u8,
    pub name: String,
    pub impact: String,
    pub responsible_role: Option<String>,
}

/// A policy category as the wizard shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CategoryDefinition {
    pub key: String,
    pub name: String,
    pub description: String,
}

/// The parts of the policy the wizard explains its questions with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WizardPolicy {
    pub levels: Vec<LevelDefinition>,
    pub categories: Vec<CategoryDefinition>,
}

/// The category keys the wizard, the assessment pre-fill and the documents are written against
/// (漏えい・流出, 改ざん・消失・破壊・サービス停止, ウイルス感染). A policy has exactly these.
pub const CATEGORY_KEYS: [&str; 3] = ["leak", "tampering", "malware"];

/// The directory entries every policy keeps: those of the addressees the assessment may send any
/// office to ([`crate::rules::Authority::directory_required`]). An obligation's "where to send it" is found by
/// the entry's key ([`crate::rules::Authority::directory_key`]).
pub fn required_directory_keys() -> impl Iterator<Item = &'static str> {
    crate::rules::Authority::ALL.iter().filter(|a| a.directory_required()).filter_map(|a| a.directory_key())
}

/// Whether `key` names a directory entry every policy keeps.
pub fn is_required_directory_key(key: &str) -> bool {
    required_directory_keys().any(|required| required == key)
}
