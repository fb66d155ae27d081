//! Reading contacts: one, a page of the list with its search, and where a contact is used.

use super::{
    current_cutoff, is_stale, ContactDetails, ContactInput, ContactKind, ContactListItem, ContactPage, ContactQuery, ContactTag,
    ContactUse, Email, Phone,
};
use crate::fold::{digits, fold};
use crate::store::db::Params;
use crate::store::history::{last_change_column, ChangedEntity};
use crate::store::{today, Result, StoreError};
use crate::store::{Db, Optional, Row};
use chrono::NaiveDate;
use rusqlite::params;
use std::collections::HashMap;

/// Every contact (or only `only`) with its phones, emails and tags, in id order.
pub(super) fn read_contacts(conn: &dyn Db, only: Option<i64>, cutoff: NaiveDate) -> Result<Vec<ContactDetails>> {
    // Two forms of each query, so that reading one contact uses the indexes.
    let filter = |column: &str| {
        if only.is_some() {
            format!("WHERE {column} = ?1")
        } else {
            "WHERE CAST(?1 AS INTEGER) IS NULL".to_owned()
        }
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT id, kind, name, name_kana, organization, title, notes, call_order, last_confirmed_on, updated_at, department, {}
           FROM contact {} ORDER BY id",
        last_change_column(ChangedEntity::Contact, "contact.id"),
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
                last_change_id: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = contacts.iter().enumerate().map(|(i, c)| (c.id, i)).collect();

    let phones = format!(
        "SELECT contact_id, label, number, emergency FROM contact_phone {} ORDER BY contact_id, position, id",
        filter("contact_id")
    );
    conn.for_each_row(&phones, &[only.into()], &mut |r| {
        if let Some(&i) = index.get(&r.get(0)?) {
            contacts[i].phones.push(Phone { label: r.get(1)?, number: r.get(2)?, emergency: r.get(3)? });
        }
        Ok(())
    })?;
    let emails = format!(
        "SELECT contact_id, label, address FROM contact_email {} ORDER BY contact_id, position, id",
        filter("contact_id")
    );
    conn.for_each_row(&emails, &[only.into()], &mut |r| {
        if let Some(&i) = index.get(&r.get(0)?) {
            contacts[i].emails.push(Email { label: r.get(1)?, address: r.get(2)? });
        }
        Ok(())
    })?;
    let tags = format!("SELECT contact_id, tag FROM contact_tag {}", filter("contact_id"));
    conn.for_each_row(&tags, &[only.into()], &mut |r| {
        if let Some(&i) = index.get(&r.get(0)?) {
            contacts[i].tags.push(r.get(1)?);
        }
        Ok(())
    })?;
    for contact in &mut contacts {
        contact.tags.sort();
    }
    Ok(contacts)
}

/// One contact in full.
pub fn contact(conn: &dyn Db, id: i64) -> Result<ContactDetails> {
    let cutoff = current_cutoff(conn, today())?;
    read_contacts(conn, Some(id), cutoff)?.pop().ok_or(StoreError::Missing { what: "contact", id })
}

/// The contact list as of today: see [`list_contacts_on`].
pub fn list_contacts(conn: &dyn Db, query: &ContactQuery) -> Result<ContactPage> {
    list_contacts_on(conn, query, today())
}

/// How the list is ordered: the call tree first in its order, then by reading (kana, else name).
pub(super) fn list_order(call_order: Option<i64>, name: &str, name_kana: &str, id: i64) -> (bool, Option<i64>, String, i64) {
    (call_order.is_none(), call_order, fold(if name_kana.is_empty() { name } else { name_kana }), id)
}

/// The contacts matching `query`, with staleness judged on `on`, in [`list_order`].
///
/// The tag and staleness filters run in SQL; the search runs over one light row per contact
/// (its texts, numbers and addresses), and only the page shown is read in full.
pub fn list_contacts_on(conn: &dyn Db, query: &ContactQuery, on: NaiveDate) -> Result<ContactPage> {
    let cutoff = current_cutoff(conn, on)?;
    let search = Search::new(&query.text);
    let lists = if search.words.is_empty() {
        "NULL, NULL"
    } else {
        "(SELECT string_agg(number, '\n') FROM contact_phone p WHERE p.contact_id = c.id),
         (SELECT string_agg(address, '\n') FROM contact_email e WHERE e.contact_id = c.id)"
    };
    let sql = format!(
        "SELECT c.id, c.name, c.name_kana, c.organization, c.title, c.notes, c.call_order, {lists}
           FROM contact c
          WHERE (CAST(?1 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM contact_tag t WHERE t.contact_id = c.id AND t.tag = ?1))
            AND (NOT ?2 OR c.last_confirmed_on IS NULL OR c.last_confirmed_on <= ?3)"
    );
    let mut matches = Vec::new();
    let params = params![query.tag.map(ContactTag::key), query.only_stale, cutoff].into_values()?;
    conn.for_each_row(&sql, &params, &mut |r| {
        let id: i64 = r.get(0)?;
        let name: String = r.get(1)?;
        let name_kana: String = r.get(2)?;
        let call_order: Option<i64> = r.get(6)?;
        if !search.words.is_empty() {
            let texts = [name.as_str(), name_kana.as_str(), text_at(r, 3)?, text_at(r, 4)?, text_at(r, 5)?];
            if !search.matches(&texts, text_at(r, 7)?, text_at(r, 8)?) {
                return Ok(());
            }
        }
        matches.push(list_order(call_order, &name, &name_kana, id));
        Ok(())
    })?;
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
fn text_at<'r>(row: &'r Row<'_>, index: usize) -> Result<&'r str> {
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
pub(super) struct Search {
    words: Vec<SearchWord>,
}

struct SearchWord {
    folded: String,
    /// The digits of a word made only of digits and phone separators, matched against numbers.
    phone_digits: Option<String>,
}

impl Search {
    pub(super) fn new(text: &str) -> Search {
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
    pub(super) fn matches(&self, texts: &[&str; 5], phones: &str, emails: &str) -> bool {
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
pub fn contact_usage(conn: &dyn Db, id: i64) -> Result<Vec<ContactUse>> {
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
pub(super) fn snapshot(conn: &dyn Db, id: i64) -> Result<ContactInput> {
    Ok(contact(conn, id)?.into())
}
