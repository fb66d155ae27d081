//! 連絡先 — the contact table as the contacts screen edits it: people and organisations with their
//! phones, emails and tags, the internal call tree (連絡網) and the date each entry was last
//! confirmed.
//!
//! The policy, the BCP and the wizard only read contacts (see [`crate::policy::Contact`]); this
//! module is where they are written. Every write takes the caller's transaction and leaves one
//! change record per contact it changes (see [`super::history`]). A contact the plan depends on —
//! the holder or deputy of a role, the recovery owner of a BCP target — cannot be deleted until
//! the plan names someone else; [`contact_usage`] says where a contact is used, so the screen can
//! explain it.
//!
//! The types and the confirmation rule are here; `input` checks what a contact may hold, `read`
//! lists and searches, `edit` writes, `exchange` imports and exports the Excel CSV whose format is
//! `csv`.
//!
//! Searching folds width, case and kana (see [`crate::fold`]) and matches phone numbers by their
//! digits, the way people in a Japanese office type them.

pub mod csv;
mod edit;
mod exchange;
mod input;
mod read;

use crate::store::Db;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::Result;

/// 区分 — whether a contact is a person or an organisation (a desk, a company, an authority).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ContactKind {
    #[default]
    Person,
    Organization,
}

crate::keys::keyed!(ContactKind);

/// 分類 — what a contact is to the company.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ContactTag {
    /// 社内
    Internal,
    /// 当局 — authorities and public desks (PPC, IPA, police…).
    Authority,
    /// 取引先・委託先 — vendors and contractors.
    Vendor,
    /// 顧客
    Customer,
    /// 保険 — the cyber insurer.
    Insurer,
    /// その他
    Other,
}

crate::keys::keyed!(ContactTag);

/// A contact as its edit form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContactDetails {
    pub id: i64,
    pub kind: ContactKind,
    pub name: String,
    /// ふりがな — the reading, used for sorting and search.
    pub name_kana: String,
    pub organization: String,
    /// 部署
    pub department: String,
    pub title: String,
    pub notes: String,
    /// 連絡網 — position in the internal call tree (1 = called first), or null.
    pub call_order: Option<i64>,
    /// YYYY-MM-DD, or null when never confirmed.
    #[ts(type = "string | null")]
    pub last_confirmed_on: Option<chrono::NaiveDate>,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    pub tags: Vec<ContactTag>,
    /// Not confirmed for the company's `stale_contact_months`, or never.
    pub stale: bool,
    /// RFC 3339.
    #[ts(type = "string")]
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    /// The change history's last record of this contact when it was read (none before its first
    /// recorded change). The form sends it back with a save, which is refused when someone else
    /// changed the contact since ([`crate::store::history::refuse_if_changed_since`]).
    pub last_change_id: Option<i64>,
}

/// A contact as typed in its form (or read from a CSV row), for creating or replacing one.
/// Blank phone and email lines are dropped; text is trimmed; numbers and addresses typed in
/// full-width are stored in half-width.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContactInput {
    pub kind: ContactKind,
    pub name: String,
    pub name_kana: String,
    pub organization: String,
    /// 部署
    pub department: String,
    pub title: String,
    pub notes: String,
    /// 1 or more, or null for someone outside the call tree.
    pub call_order: Option<i64>,
    /// YYYY-MM-DD.
    pub last_confirmed_on: Option<String>,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    pub tags: Vec<ContactTag>,
}

/// A contact as its form holds it, to edit and save back.
impl From<ContactDetails> for ContactInput {
    fn from(c: ContactDetails) -> ContactInput {
        ContactInput {
            kind: c.kind,
            name: c.name,
            name_kana: c.name_kana,
            organization: c.organization,
            department: c.department,
            title: c.title,
            notes: c.notes,
            call_order: c.call_order,
            last_confirmed_on: c.last_confirmed_on.map(|on| on.to_string()),
            phones: c.phones,
            emails: c.emails,
            tags: c.tags,
        }
    }
}

/// What the contact list asks for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContactQuery {
    /// Words separated by spaces; every word must match (name, kana, organisation, title,
    /// emails, notes, or the digits of a phone number).
    pub text: String,
    pub tag: Option<ContactTag>,
    /// Only contacts due for confirmation.
    pub only_stale: bool,
    pub offset: u32,
    /// At most this many items; 0 for all.
    pub limit: u32,
}

/// One page of the contact list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContactPage {
    /// How many contacts match the query in all.
    pub total: u32,
    pub items: Vec<ContactListItem>,
}

/// One row of the contact list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContactListItem {
    pub id: i64,
    pub kind: ContactKind,
    pub name: String,
    pub name_kana: String,
    pub organization: String,
    pub department: String,
    pub title: String,
    /// The first phone.
    pub phone: Option<Phone>,
    /// The first phone marked for emergencies, if any.
    pub emergency_phone: Option<Phone>,
    /// The first email address.
    pub email: Option<String>,
    pub tags: Vec<ContactTag>,
    pub call_order: Option<i64>,
    #[ts(type = "string | null")]
    pub last_confirmed_on: Option<chrono::NaiveDate>,
    pub stale: bool,
}

/// Where a contact is used. `role_holder` and `recovery_owner` block its deletion; the others are
/// for information: on deletion the contact is dropped from the BCP target's related contacts and
/// the exercise's confirmations, and incident calls keep the name they were made to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ContactUse {
    /// 担当者 or 代行者 of a role of the response organisation.
    RoleHolder { role_key: String, role_name: String, deputy: bool },
    /// 復旧責任者 of a BCP target.
    RecoveryOwner { target_id: i64, target_name: String },
    /// 関係者連絡先 of a BCP target.
    RelatedContact { target_id: i64, target_name: String },
    /// Confirmed reachable in a BCP exercise.
    ExerciseConfirmation { exercise_id: i64, held_on: String },
    /// Called about an incident (from the wizard's call list).
    IncidentCall { incident_id: i64, incident_title: String, calls: i64 },
}

impl ContactUse {
    /// Whether this use prevents the contact's deletion.
    pub fn blocks_deletion(&self) -> bool {
        matches!(self, ContactUse::RoleHolder { .. } | ContactUse::RecoveryOwner { .. })
    }

    fn describe(&self) -> String {
        match self {
            ContactUse::RoleHolder { role_name, deputy: false, .. } => format!("holder of the role \"{role_name}\""),
            ContactUse::RoleHolder { role_name, deputy: true, .. } => format!("deputy for the role \"{role_name}\""),
            ContactUse::RecoveryOwner { target_name, .. } => format!("recovery owner of the BCP target \"{target_name}\""),
            ContactUse::RelatedContact { target_name, .. } => format!("related contact of the BCP target \"{target_name}\""),
            ContactUse::ExerciseConfirmation { held_on, .. } => format!("confirmed in the exercise of {held_on}"),
            ContactUse::IncidentCall { incident_title, .. } => format!("called about the incident \"{incident_title}\""),
        }
    }
}

/// How many imported and skipped rows an import had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvImportSummary {
    pub imported: u32,
    /// Rows left out as duplicates (of a contact in the file or of an earlier row).
    pub skipped: u32,
}

pub use edit::{confirm_contacts, create_contact, delete_contact, set_call_order, set_stale_contact_months, update_contact};
pub use exchange::{
    export_contacts_csv, import_contacts, import_contacts_mapped, known_contacts, preview_contacts_import,
    preview_contacts_import_mapped,
};
pub(crate) use input::{check_input, normalize_email, normalize_phone};
pub use read::{contact, contact_usage, list_contacts, list_contacts_on};

// ---------------------------------------------------------------------------------------------
// Confirmation cutoff

/// The last confirmation date that counts as stale on `on`: a contact confirmed on or before it,
/// or never, is due for confirmation. The home screen and the contact list share this rule.
pub fn stale_cutoff(on: NaiveDate, months: i64) -> NaiveDate {
    let months = u32::try_from(months).unwrap_or(12);
    on.checked_sub_months(Months::new(months)).unwrap_or(on)
}

/// Whether a contact last confirmed on `last_confirmed_on` is stale for `cutoff` ([`stale_cutoff`]).
pub fn is_stale(last_confirmed_on: Option<NaiveDate>, cutoff: NaiveDate) -> bool {
    last_confirmed_on.is_none_or(|on| on <= cutoff)
}

/// How many contacts were last confirmed on or before `cutoff`, or never.
pub fn stale_count(conn: &dyn Db, cutoff: NaiveDate) -> Result<i64> {
    conn.query_row(&format!("SELECT count(*) {STALE_CONTACTS}"), [cutoff], |r| r.get(0))
}

/// The contacts [`is_stale`] finds, as an SQL `FROM … WHERE` taking the cutoff as `?1`.
pub(crate) const STALE_CONTACTS: &str = "FROM contact WHERE last_confirmed_on IS NULL OR last_confirmed_on <= ?1";

fn current_cutoff(conn: &dyn Db, on: NaiveDate) -> Result<NaiveDate> {
    let months: i64 = conn.query_row("SELECT stale_contact_months FROM company WHERE id = 1", [], |r| r.get(0))?;
    Ok(stale_cutoff(on, months))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Phone {
    pub label: String,
    pub number: String,
    pub emergency: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Email {
    pub label: String,
    pub address: String,
}

/// A contact's phone numbers, emergency numbers first.
pub(crate) fn phones(conn: &dyn Db, contact_id: i64) -> Result<Vec<Phone>> {
    let mut stmt = conn
        .prepare("SELECT label, number, emergency FROM contact_phone WHERE contact_id = ?1 ORDER BY emergency DESC, position")?;
    let rows = stmt.query_map([contact_id], |r| Ok(Phone { label: r.get(0)?, number: r.get(1)?, emergency: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn emails(conn: &dyn Db, contact_id: i64) -> Result<Vec<Email>> {
    let mut stmt = conn.prepare("SELECT label, address FROM contact_email WHERE contact_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([contact_id], |r| Ok(Email { label: r.get(0)?, address: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::read::Search;
    use super::*;

    fn input(name: &str) -> ContactInput {
        ContactInput { name: name.into(), ..ContactInput::default() }
    }

    #[test]
    fn input_is_trimmed_and_numbers_made_half_width() {
        let mut typed = input("  山田 太郎 ");
        typed.phones = vec![
            Phone { label: "携帯".into(), number: "０９０ー１２３４ー５６７８".into(), emergency: true },
            Phone { label: String::new(), number: "  ".into(), emergency: false },
        ];
        typed.emails = vec![Email { label: String::new(), address: " ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ ".into() }];
        typed.last_confirmed_on = Some("２０２６-０１-０５".into());
        typed.tags = vec![ContactTag::Vendor, ContactTag::Internal, ContactTag::Vendor];
        let stored = check_input(&typed).unwrap();
        assert_eq!(stored.name, "山田 太郎");
        assert_eq!(stored.phones.len(), 1, "the blank line is dropped");
        assert_eq!(stored.phones[0].number, "090-1234-5678");
        assert_eq!(stored.emails[0].address, "taro@example.jp");
        assert_eq!(stored.last_confirmed_on.as_deref(), Some("2026-01-05"));
        assert_eq!(stored.tags, [ContactTag::Internal, ContactTag::Vendor]);
    }

    #[test]
    fn each_bad_field_is_named_with_its_code() {
        let mut typed = input(" ");
        typed.phones = vec![Phone { label: "代表".into(), number: "なし".into(), emergency: false }];
        typed.emails = vec![Email { label: String::new(), address: "taro@example".into() }];
        typed.last_confirmed_on = Some("2026/13/01".into());
        typed.call_order = Some(0);
        let problems = check_input(&typed).unwrap_err();
        let codes: Vec<_> = problems.iter().map(|p| (p.code.as_str(), p.field.as_str())).collect();
        assert_eq!(
            codes,
            [
                ("name_missing", "name"),
                ("invalid_date", "last_confirmed_on"),
                ("invalid_call_order", "call_order"),
                ("invalid_phone", "phones[0].number"),
                ("invalid_email", "emails[0].address"),
            ]
        );
        assert!(problems.iter().all(|p| p.message.starts_with(&p.field)));
    }

    #[test]
    fn email_shapes() {
        for good in ["a@b.jp", "taro.yamada+it@example.co.jp", "ｔａｒｏ＠ｅｘ．ｊｐ"] {
            assert!(normalize_email(good).is_some(), "{good}");
        }
        for bad in [
            "",
            "taro",
            "@example.jp",
            "taro@",
            "taro@example",
            "taro@@example.jp",
            "ta ro@example.jp",
            "taro@.jp",
            "taro@example..jp",
        ] {
            assert!(normalize_email(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn stale_is_on_or_before_the_cutoff_or_never() {
        let on = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let cutoff = stale_cutoff(on, 12);
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        assert_eq!(cutoff, day("2025-03-31"));
        assert!(is_stale(None, cutoff));
        assert!(is_stale(Some(day("2025-03-31")), cutoff));
        assert!(!is_stale(Some(day("2025-04-01")), cutoff));
        // Month ends clamp: 2026-03-31 minus one month is 2026-02-28.
        assert_eq!(stale_cutoff(on, 1), day("2026-02-28"));
    }

    #[test]
    fn search_words_fold_and_match_phone_digits() {
        let contact = ContactDetails {
            id: 1,
            kind: ContactKind::Person,
            name: "山田 太郎".into(),
            name_kana: "ヤマダ タロウ".into(),
            organization: "ＡＢＣ商事株式会社".into(),
            department: String::new(),
            title: "総務部長".into(),
            notes: "夜間はｹｰﾀｲへ".into(),
            call_order: None,
            last_confirmed_on: None,
            phones: vec![Phone { label: String::new(), number: "03-1234-5678".into(), emergency: false }],
            emails: vec![Email { label: String::new(), address: "Taro.Yamada@Example.jp".into() }],
            tags: vec![],
            stale: true,
            updated_at: chrono::DateTime::UNIX_EPOCH.fixed_offset(),
            last_change_id: None,
        };
        let phones: Vec<&str> = contact.phones.iter().map(|p| p.number.as_str()).collect();
        let emails: Vec<&str> = contact.emails.iter().map(|e| e.address.as_str()).collect();
        let texts = [
            contact.name.as_str(),
            contact.name_kana.as_str(),
            contact.organization.as_str(),
            contact.title.as_str(),
            contact.notes.as_str(),
        ];
        let finds = |text: &str| Search::new(text).matches(&texts, &phones.join("\n"), &emails.join("\n"));
        for hit in [
            "やまだ",
            "ﾔﾏﾀﾞ",
            "山田太郎",
            "abc",
            "ａｂｃ 総務",
            "3456",
            "03-1234",
            "０３－１２３４",
            "(03)1234",
            "taro.yamada@",
            "けーたい",
            "EXAMPLE.JP",
            "",
        ] {
            assert!(finds(hit), "{hit:?} should find the contact");
        }
        for miss in ["佐藤", "やまだ 佐藤", "9999", "03-9999"] {
            assert!(!finds(miss), "{miss:?} should not find the contact");
        }
    }
}
