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
//! Searching folds width, case and kana (see [`crate::fold`]) and matches phone numbers by their
//! digits, the way people in a Japanese office type them.

pub mod csv;

use crate::store::history::ChangedEntity;
use std::collections::{HashMap, HashSet};

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_code::ErrorCode;
use crate::fold::{digits, fold, widen_or_narrow};
use crate::store::history::record_change;
use crate::store::refused;
use crate::store::{now, today, Result, StoreError};
use csv::{CsvPreview, KnownContact};

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
pub fn stale_count(conn: &Connection, cutoff: NaiveDate) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) {STALE_CONTACTS}"), [cutoff], |r| r.get(0))?)
}

/// The contacts [`is_stale`] finds, as an SQL `FROM … WHERE` taking the cutoff as `?1`.
pub(crate) const STALE_CONTACTS: &str = "FROM contact WHERE last_confirmed_on IS NULL OR last_confirmed_on <= ?1";

fn current_cutoff(conn: &Connection, on: NaiveDate) -> Result<NaiveDate> {
    let months: i64 = conn.query_row("SELECT stale_contact_months FROM company WHERE id = 1", [], |r| r.get(0))?;
    Ok(stale_cutoff(on, months))
}

// ---------------------------------------------------------------------------------------------
// Validation

/// One thing wrong with a contact's fields: a stable code, the field (`name`, `phones[1].number`…)
/// and an English sentence naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldProblem {
    pub code: ErrorCode,
    pub field: String,
    pub message: String,
}

/// A phone number as stored: trimmed, half-width, any dash as `-`. `None` when it has no digit.
pub(crate) fn normalize_phone(number: &str) -> Option<String> {
    let number = hyphenated(number);
    if number.is_ascii() && !number.contains('\0') {
        let number = number.trim();
        return number.bytes().any(|b| b.is_ascii_digit()).then(|| number.to_owned());
    }
    let number: String = number
        .trim()
        .chars()
        .filter(|&c| c != '\0')
        .map(widen_or_narrow)
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF70}' => '-',
            c => c,
        })
        .collect();
    number.chars().any(|c| c.is_ascii_digit()).then_some(number)
}

/// A number written only with digits, brackets and spaces as offices write it — 「03(9876)5432」,
/// 「03 9876 5432」, 「(03) 9876-5432」 — with hyphens instead: 03-9876-5432. Anything else
/// (a label, an extension, letters) is left as it is.
fn hyphenated(number: &str) -> String {
    let narrow: String = number.trim().chars().map(widen_or_narrow).collect();
    let only_number = narrow.chars().all(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | ' ' | '-' | '+' | '\u{3000}'));
    if !only_number || !narrow.contains(['(', ')', ' ', '\u{3000}']) {
        return number.to_owned();
    }
    let mut out = String::new();
    for c in narrow.chars() {
        let c = if c.is_ascii_digit() || c == '+' { c } else { '-' };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_owned()
}

/// An email address as stored (trimmed, half-width), if it looks like one: one `@`, something
/// before it, a dotted domain after it, no spaces.
pub(crate) fn normalize_email(address: &str) -> Option<String> {
    let address: String =
        if address.is_ascii() { address.trim().to_owned() } else { address.trim().chars().map(widen_or_narrow).collect() };
    let (local, domain) = address.split_once('@')?;
    let looks_right = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !address.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'));
    looks_right.then_some(address)
}

/// A date typed as YYYY-MM-DD, normalised; `None` when it is not a real date.
pub(crate) fn normalize_date(text: &str) -> Option<String> {
    let text: String = text.trim().chars().map(widen_or_narrow).collect();
    let b = text.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits_at(0..4)? as i32, digits_at(5..7)?, digits_at(8..10)?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// The input as it will be stored, or everything wrong with it.
pub(crate) fn check_input(input: &ContactInput) -> Result<ContactInput, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut problem = |code, field: String, message: String| problems.push(FieldProblem { code, field, message });
    // NUL characters are dropped: SQLite counts a text's length only up to the first one.
    let clean = |text: &str| -> String { text.replace('\0', "").trim().to_owned() };
    let name = clean(&input.name);
    if name.is_empty() {
        problem(ErrorCode::NameMissing, "name".into(), "name: a contact needs a name".into());
    }
    let last_confirmed_on = match input.last_confirmed_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            let date = normalize_date(text);
            if date.is_none() {
                problem(
                    ErrorCode::InvalidDate,
                    "last_confirmed_on".into(),
                    format!("last_confirmed_on: {text:?} is not a date (YYYY-MM-DD)"),
                );
            }
            date
        }
    };
    if let Some(order) = input.call_order.filter(|&n| n < 1) {
        problem(ErrorCode::InvalidCallOrder, "call_order".into(), format!("call_order: {order} is not a position (1 or more)"));
    }
    let mut phones = Vec::new();
    for (index, phone) in input.phones.iter().enumerate() {
        if phone.number.trim().is_empty() && phone.label.trim().is_empty() {
            continue;
        }
        match normalize_phone(&phone.number) {
            Some(number) => phones.push(Phone { label: clean(&phone.label), number, emergency: phone.emergency }),
            None => problem(
                ErrorCode::InvalidPhone,
                format!("phones[{index}].number"),
                format!("phones[{index}].number: {:?} has no digits", phone.number),
            ),
        }
    }
    let mut emails = Vec::new();
    for (index, email) in input.emails.iter().enumerate() {
        if email.address.trim().is_empty() && email.label.trim().is_empty() {
            continue;
        }
        match normalize_email(&email.address) {
            Some(address) => emails.push(Email { label: clean(&email.label), address }),
            None => problem(
                ErrorCode::InvalidEmail,
                format!("emails[{index}].address"),
                format!("emails[{index}].address: {:?} is not an email address", email.address),
            ),
        }
    }
    let mut tags = input.tags.clone();
    tags.sort();
    tags.dedup();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ContactInput {
        kind: input.kind,
        name,
        name_kana: clean(&input.name_kana),
        organization: clean(&input.organization),
        department: clean(&input.department),
        title: clean(&input.title),
        notes: clean(&input.notes),
        call_order: input.call_order,
        last_confirmed_on,
        phones,
        emails,
        tags,
    })
}

fn validated(input: &ContactInput) -> Result<ContactInput> {
    check_input(input).map_err(|problems| StoreError::Refused {
        code: problems[0].code,
        detail: problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "),
    })
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Every contact (or only `only`) with its phones, emails and tags, in id order.
fn read_contacts(conn: &Connection, only: Option<i64>, cutoff: NaiveDate) -> Result<Vec<ContactDetails>> {
    // Two forms of each query, so that reading one contact uses the indexes.
    let filter = |column: &str| if only.is_some() { format!("WHERE {column} = ?1") } else { "WHERE ?1 IS NULL".to_owned() };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, kind, name, name_kana, organization, title, notes, call_order, last_confirmed_on, updated_at, department
           FROM contact {} ORDER BY id",
        filter("id")
    ))?;
    let mut contacts: Vec<ContactDetails> = stmt
        .query_map([only], |r| {
            let last_confirmed_on: Option<NaiveDate> = r.get(8)?;
            Ok(ContactDetails {
                id: r.get(0)?,
                kind: ContactKind::from_key(&r.get::<_, String>(1)?).unwrap_or_default(),
                name: r.get(2)?,
                name_kana: r.get(3)?,
                organization: r.get(4)?,
                department: r.get(10)?,
                title: r.get(5)?,
                notes: r.get(6)?,
                call_order: r.get(7)?,
                stale: is_stale(last_confirmed_on, cutoff),
                last_confirmed_on,
                phones: Vec::new(),
                emails: Vec::new(),
                tags: Vec::new(),
                updated_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = contacts.iter().enumerate().map(|(i, c)| (c.id, i)).collect();

    let mut stmt = conn.prepare_cached(&format!(
        "SELECT contact_id, label, number, emergency FROM contact_phone {} ORDER BY contact_id, position, id",
        filter("contact_id")
    ))?;
    let mut rows = stmt.query([only])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get(0)?) {
            contacts[i].phones.push(Phone { label: r.get(1)?, number: r.get(2)?, emergency: r.get(3)? });
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT contact_id, label, address FROM contact_email {} ORDER BY contact_id, position, id",
        filter("contact_id")
    ))?;
    let mut rows = stmt.query([only])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get(0)?) {
            contacts[i].emails.push(Email { label: r.get(1)?, address: r.get(2)? });
        }
    }
    let mut stmt = conn.prepare_cached(&format!("SELECT contact_id, tag FROM contact_tag {}", filter("contact_id")))?;
    let mut rows = stmt.query([only])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get(0)?) {
            contacts[i].tags.push(r.get(1)?);
        }
    }
    for contact in &mut contacts {
        contact.tags.sort();
    }
    Ok(contacts)
}

/// One contact in full.
pub fn contact(conn: &Connection, id: i64) -> Result<ContactDetails> {
    let cutoff = current_cutoff(conn, today())?;
    read_contacts(conn, Some(id), cutoff)?.pop().ok_or(StoreError::Missing { what: "contact", id })
}

/// The contact list as of today: see [`list_contacts_on`].
pub fn list_contacts(conn: &Connection, query: &ContactQuery) -> Result<ContactPage> {
    list_contacts_on(conn, query, today())
}

/// How the list is ordered: the call tree first in its order, then by reading (kana, else name).
fn list_order(call_order: Option<i64>, name: &str, name_kana: &str, id: i64) -> (bool, Option<i64>, String, i64) {
    (call_order.is_none(), call_order, fold(if name_kana.is_empty() { name } else { name_kana }), id)
}

/// The contacts matching `query`, with staleness judged on `on`, in [`list_order`].
///
/// The tag and staleness filters run in SQL; the search runs over one light row per contact
/// (its texts, numbers and addresses), and only the page shown is read in full.
pub fn list_contacts_on(conn: &Connection, query: &ContactQuery, on: NaiveDate) -> Result<ContactPage> {
    let cutoff = current_cutoff(conn, on)?;
    let search = Search::new(&query.text);
    let lists = if search.words.is_empty() {
        "NULL, NULL"
    } else {
        "(SELECT group_concat(number, char(10)) FROM contact_phone p WHERE p.contact_id = c.id),
         (SELECT group_concat(address, char(10)) FROM contact_email e WHERE e.contact_id = c.id)"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.name, c.name_kana, c.organization, c.title, c.notes, c.call_order, {lists}
           FROM contact c
          WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM contact_tag t WHERE t.contact_id = c.id AND t.tag = ?1))
            AND (NOT ?2 OR c.last_confirmed_on IS NULL OR c.last_confirmed_on <= ?3)"
    ))?;
    let mut rows = stmt.query(params![query.tag.map(ContactTag::key), query.only_stale, cutoff])?;
    let mut matches = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let name: String = r.get(1)?;
        let name_kana: String = r.get(2)?;
        let call_order: Option<i64> = r.get(6)?;
        if !search.words.is_empty() {
            let texts = [name.as_str(), name_kana.as_str(), text_at(r, 3)?, text_at(r, 4)?, text_at(r, 5)?];
            if !search.matches(&texts, text_at(r, 7)?, text_at(r, 8)?) {
                continue;
            }
        }
        matches.push(list_order(call_order, &name, &name_kana, id));
    }
    matches.sort_unstable();
    let total = u32::try_from(matches.len()).unwrap_or(u32::MAX);
    let limit = if query.limit == 0 { usize::MAX } else { query.limit as usize };
    let page: Vec<i64> = matches.into_iter().skip(query.offset as usize).take(limit).map(|(_, _, _, id)| id).collect();
    let items = if page.len() > 100 {
        // A long page (an export, say) reads everyone at once rather than one by one.
        let mut all: HashMap<i64, ContactDetails> = read_contacts(conn, None, cutoff)?.into_iter().map(|c| (c.id, c)).collect();
        page.iter().filter_map(|id| all.remove(id)).map(list_item).collect()
    } else {
        let mut items = Vec::with_capacity(page.len());
        for id in page {
            items.extend(read_contacts(conn, Some(id), cutoff)?.pop().map(list_item));
        }
        items
    };
    Ok(ContactPage { total, items })
}

/// A text column of `row` without copying it (NULL reads as empty).
fn text_at<'r>(row: &'r rusqlite::Row<'_>, index: usize) -> Result<&'r str> {
    Ok(match row.get_ref(index)? {
        rusqlite::types::ValueRef::Text(bytes) => std::str::from_utf8(bytes).unwrap_or_default(),
        rusqlite::types::ValueRef::Null
        | rusqlite::types::ValueRef::Integer(_)
        | rusqlite::types::ValueRef::Real(_)
        | rusqlite::types::ValueRef::Blob(_) => "",
    })
}

fn list_item(c: ContactDetails) -> ContactListItem {
    ContactListItem {
        id: c.id,
        kind: c.kind,
        phone: c.phones.first().cloned(),
        emergency_phone: c.phones.iter().find(|p| p.emergency).cloned(),
        email: c.emails.first().map(|e| e.address.clone()),
        name: c.name,
        name_kana: c.name_kana,
        organization: c.organization,
        department: c.department,
        title: c.title,
        tags: c.tags,
        call_order: c.call_order,
        last_confirmed_on: c.last_confirmed_on,
        stale: c.stale,
    }
}

/// A search as typed, folded once.
struct Search {
    words: Vec<SearchWord>,
}

struct SearchWord {
    folded: String,
    /// The digits of a word made only of digits and phone separators, matched against numbers.
    phone_digits: Option<String>,
}

impl Search {
    fn new(text: &str) -> Search {
        let folded = fold(text);
        let words = folded
            .split_whitespace()
            .map(|word| {
                let numeric = word.chars().all(|c| c.is_ascii_digit() || "-()+.#ー".contains(c));
                let phone_digits = Some(digits(word)).filter(|d| numeric && !d.is_empty());
                SearchWord { folded: word.to_owned(), phone_digits }
            })
            .collect();
        Search { words }
    }

    /// Whether every word is in one of `texts` (name, kana, organisation, title, notes), the
    /// email addresses, or — for a number — the digits of one of the phone numbers. `phones` and
    /// `emails` hold one entry per line.
    fn matches(&self, texts: &[&str; 5], phones: &str, emails: &str) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let mut text = String::new();
        for (index, part) in texts.iter().enumerate() {
            let folded = fold(part);
            if index < 2 {
                // "山田太郎" finds "山田 太郎".
                text.extend(folded.chars().filter(|ch| !ch.is_whitespace()));
                text.push('\n');
            }
            text.push_str(&folded);
            text.push('\n');
        }
        text.push_str(&fold(emails));
        let numbers: Vec<String> =
            if self.words.iter().any(|w| w.phone_digits.is_some()) { phones.lines().map(digits).collect() } else { Vec::new() };
        self.words.iter().all(|word| {
            text.contains(&word.folded)
                || word.phone_digits.as_ref().is_some_and(|d| numbers.iter().any(|n| n.contains(d.as_str())))
        })
    }
}

/// Where a contact is used in the plan and the records (see [`ContactUse`]).
pub fn contact_usage(conn: &Connection, id: i64) -> Result<Vec<ContactUse>> {
    let exists: Option<i64> = conn.query_row("SELECT id FROM contact WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    if exists.is_none() {
        return Err(StoreError::Missing { what: "contact", id });
    }
    let mut uses = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT r.key, r.name, h.rank FROM role_holder h JOIN role r ON r.id = h.role_id
          WHERE h.contact_id = ?1 ORDER BY r.position, h.rank",
    )?;
    for row in stmt.query_map([id], |r| {
        Ok(ContactUse::RoleHolder { role_key: r.get(0)?, role_name: r.get(1)?, deputy: r.get::<_, i64>(2)? > 0 })
    })? {
        uses.push(row?);
    }
    let mut stmt = conn.prepare("SELECT id, name FROM bcp_target WHERE recovery_contact_id = ?1 ORDER BY position")?;
    for row in stmt.query_map([id], |r| Ok(ContactUse::RecoveryOwner { target_id: r.get(0)?, target_name: r.get(1)? }))? {
        uses.push(row?);
    }
    let mut stmt = conn.prepare(
        "SELECT t.id, t.name FROM bcp_target_contact c JOIN bcp_target t ON t.id = c.target_id
          WHERE c.contact_id = ?1 ORDER BY t.position",
    )?;
    for row in stmt.query_map([id], |r| Ok(ContactUse::RelatedContact { target_id: r.get(0)?, target_name: r.get(1)? }))? {
        uses.push(row?);
    }
    let mut stmt = conn.prepare(
        "SELECT e.id, e.held_on FROM bcp_exercise_confirmation c JOIN bcp_exercise e ON e.id = c.exercise_id
          WHERE c.contact_id = ?1 ORDER BY e.held_on DESC, e.id DESC",
    )?;
    for row in stmt.query_map([id], |r| Ok(ContactUse::ExerciseConfirmation { exercise_id: r.get(0)?, held_on: r.get(1)? }))? {
        uses.push(row?);
    }
    let mut stmt = conn.prepare(
        "SELECT i.id, i.title, count(*) FROM incident_call c JOIN incident i ON i.id = c.incident_id
          WHERE c.contact_id = ?1 GROUP BY i.id ORDER BY i.discovered_at DESC, i.id DESC",
    )?;
    for row in stmt.query_map([id], |r| {
        Ok(ContactUse::IncidentCall { incident_id: r.get(0)?, incident_title: r.get(1)?, calls: r.get(2)? })
    })? {
        uses.push(row?);
    }
    Ok(uses)
}

/// The contact's fields as the change log keeps them (the form's shape, `name` included).
fn snapshot(conn: &Connection, id: i64) -> Result<ContactInput> {
    let c = contact(conn, id)?;
    Ok(ContactInput {
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
    })
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Adds a contact; returns its id.
pub fn create_contact(tx: &Transaction, author: &str, input: &ContactInput) -> Result<i64> {
    let contact = validated(input)?;
    let stamp = now();
    tx.execute(
        "INSERT INTO contact (kind, name, name_kana, organization, title, notes, call_order, last_confirmed_on, created_at,
                updated_at, department)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
        params![
            contact.kind.key(),
            contact.name,
            contact.name_kana,
            contact.organization,
            contact.title,
            contact.notes,
            contact.call_order,
            contact.last_confirmed_on,
            stamp,
            contact.department
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_lists(tx, id, &contact)?;
    record_change(tx, author, ChangedEntity::Contact, Some(id), None::<&ContactInput>, Some(&contact))?;
    Ok(id)
}

/// Replaces a contact's fields, phones, emails and tags with `input`.
pub fn update_contact(tx: &Transaction, author: &str, id: i64, input: &ContactInput) -> Result<()> {
    let before = snapshot(tx, id)?;
    let contact = validated(input)?;
    if contact == before {
        return Ok(());
    }
    tx.execute(
        "UPDATE contact SET kind = ?2, name = ?3, name_kana = ?4, organization = ?5, title = ?6, notes = ?7,
                call_order = ?8, last_confirmed_on = ?9, updated_at = ?10, department = ?11 WHERE id = ?1",
        params![
            id,
            contact.kind.key(),
            contact.name,
            contact.name_kana,
            contact.organization,
            contact.title,
            contact.notes,
            contact.call_order,
            contact.last_confirmed_on,
            now(),
            contact.department
        ],
    )?;
    for table in ["contact_phone", "contact_email", "contact_tag"] {
        tx.execute(&format!("DELETE FROM {table} WHERE contact_id = ?1"), [id])?;
    }
    write_lists(tx, id, &contact)?;
    record_change(tx, author, ChangedEntity::Contact, Some(id), Some(&before), Some(&contact))
}

fn write_lists(tx: &Transaction, id: i64, contact: &ContactInput) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO contact_phone (contact_id, position, label, number, emergency) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, phone) in contact.phones.iter().enumerate() {
        insert.execute(params![id, position as i64, phone.label, phone.number, phone.emergency])?;
    }
    let mut insert =
        tx.prepare_cached("INSERT INTO contact_email (contact_id, position, label, address) VALUES (?1, ?2, ?3, ?4)")?;
    for (position, email) in contact.emails.iter().enumerate() {
        insert.execute(params![id, position as i64, email.label, email.address])?;
    }
    let mut insert = tx.prepare_cached("INSERT INTO contact_tag (contact_id, tag) VALUES (?1, ?2)")?;
    for tag in &contact.tags {
        insert.execute(params![id, tag.key()])?;
    }
    Ok(())
}

/// Deletes a contact, unless the plan depends on it (`contact_in_use`: it holds or deputises a
/// role, or owns the recovery of a BCP target). Its BCP related-contact links and exercise
/// confirmations go with it; incident calls keep the name they were made to.
pub fn delete_contact(tx: &Transaction, author: &str, id: i64) -> Result<()> {
    let before = snapshot(tx, id)?;
    let blocking: Vec<String> = contact_usage(tx, id)?.iter().filter(|u| u.blocks_deletion()).map(ContactUse::describe).collect();
    if !blocking.is_empty() {
        return Err(refused(
            ErrorCode::ContactInUse,
            format!("{} cannot be deleted while it is {}; name someone else there first", before.name, blocking.join(", ")),
        ));
    }
    tx.execute("DELETE FROM contact WHERE id = ?1", [id])?;
    record_change(tx, author, ChangedEntity::Contact, Some(id), Some(&before), None::<&ContactInput>)
}

/// 確認済み — records that each listed contact's details were confirmed on `on`.
pub fn confirm_contacts(tx: &Transaction, author: &str, ids: &[i64], on: NaiveDate) -> Result<()> {
    let on = on.format("%Y-%m-%d").to_string();
    let unique: HashSet<i64> = ids.iter().copied().collect();
    let mut ids: Vec<i64> = unique.into_iter().collect();
    ids.sort_unstable();
    for id in ids {
        let before = snapshot(tx, id)?;
        if before.last_confirmed_on.as_deref() == Some(on.as_str()) {
            continue;
        }
        tx.execute("UPDATE contact SET last_confirmed_on = ?2, updated_at = ?3 WHERE id = ?1", params![id, on, now()])?;
        let after = ContactInput { last_confirmed_on: Some(on.clone()), ..before.clone() };
        record_change(tx, author, ChangedEntity::Contact, Some(id), Some(&before), Some(&after))?;
    }
    Ok(())
}

/// 連絡網 — makes `ids` the internal call tree in this order (1, 2, 3…); every other contact
/// leaves it.
pub fn set_call_order(tx: &Transaction, author: &str, ids: &[i64]) -> Result<()> {
    let mut seen = HashSet::new();
    if let Some(twice) = ids.iter().find(|id| !seen.insert(**id)) {
        return Err(refused(ErrorCode::DuplicateContact, format!("contact {twice} is listed twice in the call tree")));
    }
    let mut wanted: HashMap<i64, i64> = ids.iter().enumerate().map(|(i, &id)| (id, i as i64 + 1)).collect();
    for &id in ids {
        let exists: Option<i64> = tx.query_row("SELECT id FROM contact WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        if exists.is_none() {
            return Err(StoreError::Missing { what: "contact", id });
        }
    }
    let current: Vec<(i64, Option<i64>)> = {
        let mut stmt = tx.prepare(
            "SELECT id, call_order FROM contact WHERE call_order IS NOT NULL OR id IN (SELECT value FROM json_each(?1))",
        )?;
        let listed = serde_json::to_string(ids).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let rows = stmt.query_map([listed], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, order) in current {
        let new_order = wanted.remove(&id);
        if new_order == order {
            continue;
        }
        let before = snapshot(tx, id)?;
        tx.execute("UPDATE contact SET call_order = ?2, updated_at = ?3 WHERE id = ?1", params![id, new_order, now()])?;
        let after = ContactInput { call_order: new_order, ..before.clone() };
        record_change(tx, author, ChangedEntity::Contact, Some(id), Some(&before), Some(&after))?;
    }
    Ok(())
}

/// How many months after its last confirmation a contact is flagged (1 to 120).
pub fn set_stale_contact_months(tx: &Transaction, author: &str, months: i64) -> Result<()> {
    if !(1..=120).contains(&months) {
        return Err(refused(ErrorCode::InvalidStaleMonths, format!("stale_contact_months: {months} is not between 1 and 120")));
    }
    #[derive(Serialize)]
    struct Setting {
        name: String,
        stale_contact_months: i64,
    }
    let (name, old): (String, i64) =
        tx.query_row("SELECT name, stale_contact_months FROM company WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if old == months {
        return Ok(());
    }
    tx.execute("UPDATE company SET stale_contact_months = ?1, updated_at = ?2 WHERE id = 1", params![months, now()])?;
    record_change(
        tx,
        author,
        ChangedEntity::Company,
        Some(1),
        Some(&Setting { name: name.clone(), stale_contact_months: old }),
        Some(&Setting { name, stale_contact_months: months }),
    )
}

// ---------------------------------------------------------------------------------------------
// CSV

/// Names, phones and emails of the contacts in the file, for spotting duplicates in a CSV.
pub fn known_contacts(conn: &Connection) -> Result<Vec<KnownContact>> {
    let cutoff = current_cutoff(conn, today())?;
    Ok(read_contacts(conn, None, cutoff)?
        .into_iter()
        .map(|c| KnownContact {
            id: c.id,
            name: c.name,
            phones: c.phones.into_iter().map(|p| p.number).collect(),
            emails: c.emails.into_iter().map(|e| e.address).collect(),
        })
        .collect())
}

/// What importing `bytes` would do to this file (see [`csv::preview_contacts_csv`]).
pub fn preview_contacts_import(conn: &Connection, bytes: &[u8]) -> Result<CsvPreview> {
    preview_contacts_import_mapped(conn, bytes, None)
}

/// [`preview_contacts_import`] with the columns read as the user mapped them.
pub fn preview_contacts_import_mapped(
    conn: &Connection,
    bytes: &[u8],
    mapping: Option<&[Option<csv::CsvField>]>,
) -> Result<CsvPreview> {
    Ok(csv::preview_contacts_csv_mapped(bytes, &known_contacts(conn)?, mapping))
}

/// Imports a contacts CSV, all or nothing: a file with any error is refused (`csv_has_errors`,
/// or the file error's own code such as `file_too_large`) and nothing is imported. Duplicates are
/// skipped. Each imported contact gets a change record.
pub fn import_contacts(tx: &Transaction, author: &str, bytes: &[u8]) -> Result<CsvImportSummary> {
    import_contacts_mapped(tx, author, bytes, None)
}

/// [`import_contacts`] with the columns read as the user mapped them.
pub fn import_contacts_mapped(
    tx: &Transaction,
    author: &str,
    bytes: &[u8],
    mapping: Option<&[Option<csv::CsvField>]>,
) -> Result<CsvImportSummary> {
    let preview = preview_contacts_import_mapped(tx, bytes, mapping)?;
    if let Some(first) = preview.file_errors.first() {
        return Err(refused(csv::file_error_code(&first.code), first.message.clone()));
    }
    let bad: Vec<String> =
        preview.rows.iter().flat_map(|row| row.errors.iter().map(move |e| format!("line {}: {}", row.line, e.message))).collect();
    if !bad.is_empty() {
        const SHOWN: usize = 5;
        let more = if bad.len() > SHOWN { format!(" (and {} more)", bad.len() - SHOWN) } else { String::new() };
        return Err(refused(
            ErrorCode::CsvHasErrors,
            format!("nothing was imported: the file has {} errors: {}{more}", bad.len(), bad[..bad.len().min(SHOWN)].join("; ")),
        ));
    }
    let mut summary = CsvImportSummary { imported: 0, skipped: 0 };
    for row in &preview.rows {
        if row.skipped {
            summary.skipped += 1;
        } else {
            create_contact(tx, author, &row.contact)?;
            summary.imported += 1;
        }
    }
    Ok(summary)
}

/// Every contact as CSV for Excel (UTF-8 with BOM, CRLF), headed in the file's language, in list
/// order. The importer reads it back unchanged.
pub fn export_contacts_csv(conn: &Connection) -> Result<Vec<u8>> {
    let language = crate::store::file_language(conn)?;
    let cutoff = current_cutoff(conn, today())?;
    let mut contacts = read_contacts(conn, None, cutoff)?;
    contacts.sort_by_cached_key(|c| list_order(c.call_order, &c.name, &c.name_kana, c.id));
    Ok(csv::write_contacts_csv(&contacts, language))
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
pub(crate) fn phones(conn: &Connection, contact_id: i64) -> Result<Vec<Phone>> {
    let mut stmt = conn
        .prepare("SELECT label, number, emergency FROM contact_phone WHERE contact_id = ?1 ORDER BY emergency DESC, position")?;
    let rows = stmt.query_map([contact_id], |r| Ok(Phone { label: r.get(0)?, number: r.get(1)?, emergency: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn emails(conn: &Connection, contact_id: i64) -> Result<Vec<Email>> {
    let mut stmt = conn.prepare("SELECT label, address FROM contact_email WHERE contact_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([contact_id], |r| Ok(Email { label: r.get(0)?, address: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
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
