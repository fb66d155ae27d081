//! Writing contacts: create, change, delete, confirm and order the call tree, each with its
//! change record in the caller's transaction.

use super::input::validated;
use super::read::{contact_usage, snapshot};
use super::{ContactInput, ContactUse};
use crate::error_code::ErrorCode;
use crate::store::history::record_change;
use crate::store::history::ChangedEntity;
use crate::store::refused;
use crate::store::{now, Result, StoreError};
use crate::store::{Optional, Transaction};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

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
    let id = tx.last_insert_rowid()?;
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
    let mut insert =
        tx.prepare("INSERT INTO contact_phone (contact_id, position, label, number, emergency) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (position, phone) in contact.phones.iter().enumerate() {
        insert.execute(params![id, position as i64, phone.label, phone.number, phone.emergency])?;
    }
    let mut insert = tx.prepare("INSERT INTO contact_email (contact_id, position, label, address) VALUES (?1, ?2, ?3, ?4)")?;
    for (position, email) in contact.emails.iter().enumerate() {
        insert.execute(params![id, position as i64, email.label, email.address])?;
    }
    let mut insert = tx.prepare("INSERT INTO contact_tag (contact_id, tag) VALUES (?1, ?2)")?;
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
        let mut current: Vec<(i64, Option<i64>)> =
            tx.query_map("SELECT id, call_order FROM contact WHERE call_order IS NOT NULL", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for &id in ids {
            if !current.iter().any(|&(listed, _)| listed == id) {
                current.push((id, None));
            }
        }
        current.sort_unstable();
        current
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
