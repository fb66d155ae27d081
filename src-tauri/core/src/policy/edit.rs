//! Editing the incident-response policy: 対応体制 (roles and who holds them), 事故レベル, インシデント
//! の区分, 対応手順, 初期対応チェックリスト and 届出及び相談.
//!
//! The policy is what the wizard acts on in the worst hour, so every write checks that the
//! policy stays usable — each level keeps a responsible role, the assessment's addressees stay in
//! the directory, steps name roles that exist — and that it still fits a template file (the text
//! and list limits of [`crate::template::file`]), so it can always be exported. Each write records
//! one change (変更履歴) with its author in the same transaction.
//!
//! What is fixed, and why:
//! - Levels are exactly 0–3 (the model rules' definitions); only their texts and responsible
//!   role change.
//! - Categories are exactly `leak`, `tampering` and `malware`. The wizard's case → category
//!   guess, the leak-is-at-least-level-2 rule, the assessment pre-fill, the incident list's and
//!   documents' category labels are all written against these keys, so a category cannot be
//!   added or removed; its name and description can be changed.
//! - Checklists exist per wizard case ([`crate::incident::wizard::CaseKind`]); an unknown case is refused.
//! - Role and authority keys are generated once and never change: templates and the assessment
//!   find entries by key.

use crate::store::history::ChangedEntity;
use std::collections::HashMap;

use crate::store::{Db, Optional, Transaction};
use rusqlite::params;
use serde::Serialize;

use super::editing::{
    AuthorityInput, CategoryInput, ContactRef, EditableAuthority, EditableCategory, EditableChecklist, EditableLevel,
    EditablePolicy, EditableProcedure, EditableRole, LevelInput, RoleDeletion, RoleInput, StepInput,
};
use super::is_required_directory_key;
use super::read::steps_by_parent;
use crate::error_code::ErrorCode;
use crate::store::history::{last_change_column, record_change, refuse_if_changed_since};
use crate::store::limits::{limit_chars, required_name, required_title, room_for, shown, text, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::store::refused;
pub(crate) use crate::store::rows;
use crate::store::{Result, StoreError};

// ---------------------------------------------------------------------------------------------
// Reading

/// The whole policy with ids, for the policy editor.
pub fn editable_policy(conn: &dyn Db) -> Result<EditablePolicy> {
    let names = contact_names(conn)?;
    let mut holders: HashMap<i64, Vec<ContactRef>> = HashMap::new();
    for (role_id, contact_id) in rows(conn, "SELECT role_id, contact_id FROM role_holder ORDER BY role_id, rank", |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })? {
        let name = names.get(&contact_id).cloned().unwrap_or_default();
        holders.entry(role_id).or_default().push(ContactRef { id: contact_id, name });
    }
    let roles = rows(
        conn,
        &format!(
            "SELECT id, key, name, description, {} FROM role ORDER BY position, id",
            last_change_column(ChangedEntity::Role, "role.id")
        ),
        |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?
    .into_iter()
    .map(|(id, key, name, description, last_change_id)| {
        let mut people = holders.remove(&id).unwrap_or_default().into_iter();
        EditableRole { id, key, name, description, holder: people.next(), deputies: people.collect(), last_change_id }
    })
    .collect();

    let levels = rows(
        conn,
        &format!(
            "SELECT level, name, impact, responsible_role_id, {} FROM level ORDER BY level",
            last_change_column(ChangedEntity::Level, "level.level")
        ),
        |r| {
            Ok(EditableLevel {
                level: r.get(0)?,
                name: r.get(1)?,
                impact: r.get(2)?,
                responsible_role_id: r.get(3)?,
                last_change_id: r.get(4)?,
            })
        },
    )?;
    let categories = rows(
        conn,
        &format!(
            "SELECT id, key, name, description, {} FROM category ORDER BY position, id",
            last_change_column(ChangedEntity::Category, "category.id")
        ),
        |r| {
            Ok(EditableCategory {
                id: r.get(0)?,
                key: r.get(1)?,
                name: r.get(2)?,
                description: r.get(3)?,
                last_change_id: r.get(4)?,
            })
        },
    )?;

    let mut steps = steps_by_parent(
        conn,
        "SELECT procedure_id, text, role_id FROM procedure_step ORDER BY procedure_id, position, id",
        |text, role_id| StepInput { text, role_id },
    )?;
    let procedures = rows(
        conn,
        &format!(
            "SELECT p.id, c.key, p.level, p.note, {} FROM procedure p JOIN category c ON c.id = p.category_id
              ORDER BY c.position, c.id, p.level",
            last_change_column(ChangedEntity::Procedure, "p.id")
        ),
        |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?
    .into_iter()
    .map(|(id, category_key, level, note, last_change_id)| EditableProcedure {
        id,
        category_key,
        level,
        note,
        steps: steps.remove(&id).unwrap_or_default(),
        last_change_id,
    })
    .collect();

    let mut items = steps_by_parent(
        conn,
        "SELECT checklist_id, text, role_id FROM checklist_item ORDER BY checklist_id, position, id",
        |text, role_id| StepInput { text, role_id },
    )?;
    let checklists = rows(
        conn,
        &format!(
            "SELECT id, case_key, title, {} FROM checklist ORDER BY position, id",
            last_change_column(ChangedEntity::Checklist, "checklist.id")
        ),
        |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?
    .into_iter()
    .map(|(id, case_key, title, last_change_id)| EditableChecklist {
        id,
        case_key,
        title,
        items: items.remove(&id).unwrap_or_default(),
        last_change_id,
    })
    .collect();

    let authorities = rows(
        conn,
        &format!(
            "SELECT id, key, name, purpose, url, phone, email, hours, source, {} FROM authority ORDER BY position, id",
            last_change_column(ChangedEntity::Authority, "authority.id")
        ),
        |r| {
            let key: String = r.get(1)?;
            Ok(EditableAuthority {
                id: r.get(0)?,
                required: is_required_directory_key(&key),
                key,
                name: r.get(2)?,
                purpose: r.get(3)?,
                url: r.get(4)?,
                phone: r.get(5)?,
                email: r.get(6)?,
                hours: r.get(7)?,
                source: r.get(8)?,
                last_change_id: r.get(9)?,
            })
        },
    )?;
    Ok(EditablePolicy { roles, levels, categories, procedures, checklists, authorities })
}

/// One entry of the policy as its editor saves it.
#[derive(Debug, Clone, Copy)]
pub enum PolicyEntry<'a> {
    Role(i64),
    Level(u8),
    Category(i64),
    Procedure { category_key: &'a str, level: u8 },
    Checklist { case_key: &'a str },
    Authority(i64),
}

/// Refuses the save of `entry` from an editor that read it when `seen` was its last recorded
/// change, when someone else changed it since (see [`refuse_if_changed_since`]). A procedure or
/// a checklist that does not exist yet has nothing to compare.
pub fn refuse_if_entry_changed(tx: &Transaction, entry: PolicyEntry, seen: Option<i64>) -> Result<()> {
    let (entity, id) = match entry {
        PolicyEntry::Role(id) => (ChangedEntity::Role, Some(id)),
        PolicyEntry::Level(level) => (ChangedEntity::Level, Some(i64::from(level))),
        PolicyEntry::Category(id) => (ChangedEntity::Category, Some(id)),
        PolicyEntry::Procedure { category_key, level } => (
            ChangedEntity::Procedure,
            tx.query_row(
                "SELECT p.id FROM procedure p JOIN category c ON c.id = p.category_id WHERE c.key = ?1 AND p.level = ?2",
                params![category_key, level],
                |r| r.get(0),
            )
            .optional()?,
        ),
        PolicyEntry::Checklist { case_key } => (
            ChangedEntity::Checklist,
            tx.query_row("SELECT id FROM checklist WHERE case_key = ?1", [case_key], |r| r.get(0)).optional()?,
        ),
        PolicyEntry::Authority(id) => (ChangedEntity::Authority, Some(id)),
    };
    match id {
        Some(id) => refuse_if_changed_since(tx, entity, id, seen),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// 対応体制 — roles

/// Adds a role at the end of the list. Its key is made from the name when the name is written in
/// Latin letters ("IT support" → `it_support`), else `role_1`, `role_2`, …; always unique.
pub fn create_role(tx: &Transaction, author: &str, input: &RoleInput) -> Result<i64> {
    let (name, description) = role_fields(input)?;
    let count: i64 = tx.query_row("SELECT count(*) FROM role", [], |r| r.get(0))?;
    room_for(count, "roles")?;
    let key = new_key(tx, "role", "role", &slug(&name))?;
    tx.execute(
        "INSERT INTO role (key, name, description, position) VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), -1) + 1 FROM role))",
        params![key, name, description],
    )?;
    let id = tx.last_insert_rowid()?;
    let after = role(tx, id)?;
    record_change(tx, author, ChangedEntity::Role, Some(id), None::<&()>, Some(&after))?;
    Ok(id)
}

/// Changes a role's name and description.
pub fn update_role(tx: &Transaction, author: &str, role_id: i64, input: &RoleInput) -> Result<()> {
    let before = role(tx, role_id)?;
    let (name, description) = role_fields(input)?;
    tx.execute("UPDATE role SET name = ?2, description = ?3 WHERE id = ?1", params![role_id, name, description])?;
    record_change(tx, author, ChangedEntity::Role, Some(role_id), Some(&before), Some(&role(tx, role_id)?))
}

/// Sets who holds a role: the first contact is the holder (担当者), the rest are deputies
/// (代行者) in the order they step in. An empty list leaves the role unfilled.
pub fn set_role_holders(tx: &Transaction, author: &str, role_id: i64, contact_ids: &[i64]) -> Result<()> {
    let before = role(tx, role_id)?;
    distinct_contacts(tx, contact_ids, "a role")?;
    tx.execute("DELETE FROM role_holder WHERE role_id = ?1", [role_id])?;
    for (rank, contact_id) in contact_ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO role_holder (role_id, contact_id, rank) VALUES (?1, ?2, ?3)",
            params![role_id, contact_id, rank as i64],
        )?;
    }
    record_change(tx, author, ChangedEntity::Role, Some(role_id), Some(&before), Some(&role(tx, role_id)?))
}

/// Puts the roles in the given order; `role_ids` must name every role once.
pub fn reorder_roles(tx: &Transaction, author: &str, role_ids: &[i64]) -> Result<()> {
    reorder(tx, author, "role", ChangedEntity::Role, "name", role_ids)
}

/// Deletes a role and its holders. Refused (`role_in_use`) while a level names it responsible or
/// a BCP target names it as recovery owner: those must always point at someone, so the user
/// chooses the replacement first. Procedure steps and checklist items that name the role keep
/// their text and name no role afterwards — refusing there would make removing a role a chore of
/// editing a dozen procedures — and the counts returned say how many, for the editor to tell.
pub fn delete_role(tx: &Transaction, author: &str, role_id: i64) -> Result<RoleDeletion> {
    let before = role(tx, role_id)?;
    let levels = rows(tx, &format!("SELECT level FROM level WHERE responsible_role_id = {role_id} ORDER BY level"), |r| {
        r.get::<_, i64>(0)
    })?;
    let targets = rows(tx, &format!("SELECT name FROM bcp_target WHERE recovery_role_id = {role_id} ORDER BY position"), |r| {
        r.get::<_, String>(0).map(|name| shown(&name))
    })?;
    if !levels.is_empty() || !targets.is_empty() {
        let mut uses = Vec::new();
        if !levels.is_empty() {
            let list: Vec<String> = levels.iter().map(i64::to_string).collect();
            uses.push(format!("it is responsible for level {}", list.join(", ")));
        }
        if !targets.is_empty() {
            uses.push(format!("it owns the recovery of {}", targets.join(", ")));
        }
        return Err(refused(
            ErrorCode::RoleInUse,
            format!(
                "the role \"{}\" cannot be deleted: {}; choose another role there first",
                shown(&before.name),
                uses.join(" and ")
            ),
        ));
    }
    let count = |table: &str| -> Result<u32> {
        tx.query_row(&format!("SELECT count(*) FROM {table} WHERE role_id = ?1"), [role_id], |r| r.get(0))
    };
    let deletion =
        RoleDeletion { steps_unassigned: count("procedure_step")?, checklist_items_unassigned: count("checklist_item")? };
    tx.execute("DELETE FROM role WHERE id = ?1", [role_id])?;
    record_change(tx, author, ChangedEntity::Role, Some(role_id), Some(&before), None::<&()>)?;
    Ok(deletion)
}

fn role(conn: &dyn Db, role_id: i64) -> Result<EditableRole> {
    editable_policy(conn)?.roles.into_iter().find(|r| r.id == role_id).ok_or(StoreError::Missing { what: "role", id: role_id })
}

fn role_fields(input: &RoleInput) -> Result<(String, String)> {
    let name = required_name("the role's name", &input.name)?;
    text("the role's description", &input.description)?;
    Ok((name, input.description.trim().to_owned()))
}

fn role_exists(conn: &dyn Db, role_id: i64) -> Result<()> {
    let found: Option<i64> = conn.query_row("SELECT id FROM role WHERE id = ?1", [role_id], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or_else(|| refused(ErrorCode::UnknownRole, format!("role {role_id} does not exist")))
}

// ---------------------------------------------------------------------------------------------
// 事故レベル

/// Changes a level's name, impact scope and responsible role. Levels 0–3 always exist.
pub fn update_level(tx: &Transaction, author: &str, level: u8, input: &LevelInput) -> Result<()> {
    let before = editable_policy(tx)?
        .levels
        .into_iter()
        .find(|l| l.level == level)
        .ok_or_else(|| refused(ErrorCode::UnknownLevel, format!("there is no level {level}; levels are 0 to 3")))?;
    let name = required_name("the level's name", &input.name)?;
    text("the level's impact", &input.impact)?;
    role_exists(tx, input.responsible_role_id)?;
    tx.execute(
        "UPDATE level SET name = ?2, impact = ?3, responsible_role_id = ?4 WHERE level = ?1",
        params![level, name, input.impact.trim(), input.responsible_role_id],
    )?;
    let after = editable_policy(tx)?.levels.into_iter().find(|l| l.level == level);
    record_change(tx, author, ChangedEntity::Level, Some(i64::from(level)), Some(&before), after.as_ref())
}

// ---------------------------------------------------------------------------------------------
// インシデントの区分

/// Renames a category or changes its description (its key stays; see the module notes).
pub fn update_category(tx: &Transaction, author: &str, category_id: i64, input: &CategoryInput) -> Result<()> {
    let find = |conn: &dyn Db| -> Result<EditableCategory> {
        editable_policy(conn)?
            .categories
            .into_iter()
            .find(|c| c.id == category_id)
            .ok_or(StoreError::Missing { what: "category", id: category_id })
    };
    let before = find(tx)?;
    let name = required_name("the category's name", &input.name)?;
    text("the category's description", &input.description)?;
    tx.execute(
        "UPDATE category SET name = ?2, description = ?3 WHERE id = ?1",
        params![category_id, name, input.description.trim()],
    )?;
    record_change(tx, author, ChangedEntity::Category, Some(category_id), Some(&before), Some(&find(tx)?))
}

// ---------------------------------------------------------------------------------------------
// 対応手順 and 初期対応チェックリスト

/// A procedure or checklist in a change record, labelled for the history list.
#[derive(Serialize)]
struct Labelled<'a, T: Serialize> {
    name: String,
    #[serde(flatten)]
    value: &'a T,
}

/// Replaces the note and the ordered steps of the procedure for `category_key` × `level` (the
/// editor adds, edits, reorders and deletes steps, then sends the whole list). Returns the
/// procedure's id.
pub fn save_procedure(
    tx: &Transaction,
    author: &str,
    category_key: &str,
    level: u8,
    note: &str,
    steps: &[StepInput],
) -> Result<i64> {
    let (category_id, category_name): (i64, String) = tx
        .query_row("SELECT id, name FROM category WHERE key = ?1", [category_key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| refused(ErrorCode::UnknownCategory, format!("the policy has no category \"{}\"", shown(category_key))))?;
    let level_name: String = tx
        .query_row("SELECT name FROM level WHERE level = ?1", [level], |r| r.get(0))
        .optional()?
        .ok_or_else(|| refused(ErrorCode::UnknownLevel, format!("there is no level {level}; levels are 0 to 3")))?;
    text("the procedure's note", note)?;
    let steps = checked_steps(tx, steps)?;
    let find = |conn: &dyn Db| -> Result<Option<EditableProcedure>> {
        Ok(editable_policy(conn)?.procedures.into_iter().find(|p| p.category_key == category_key && p.level == level))
    };
    let before = find(tx)?;
    tx.execute(
        "INSERT INTO procedure (category_id, level, note) VALUES (?1, ?2, ?3)
         ON CONFLICT (category_id, level) DO UPDATE SET note = excluded.note",
        params![category_id, level, note.trim()],
    )?;
    let procedure_id: i64 =
        tx.query_row("SELECT id FROM procedure WHERE category_id = ?1 AND level = ?2", params![category_id, level], |r| {
            r.get(0)
        })?;
    tx.execute("DELETE FROM procedure_step WHERE procedure_id = ?1", [procedure_id])?;
    for (position, step) in steps.iter().enumerate() {
        tx.execute(
            "INSERT INTO procedure_step (procedure_id, position, text, role_id) VALUES (?1, ?2, ?3, ?4)",
            params![procedure_id, position as i64, step.text, step.role_id],
        )?;
    }
    let label = format!("{category_name} × {level_name}");
    let after = find(tx)?;
    record_change(
        tx,
        author,
        ChangedEntity::Procedure,
        Some(procedure_id),
        before.as_ref().map(|value| Labelled { name: label.clone(), value }).as_ref(),
        after.as_ref().map(|value| Labelled { name: label.clone(), value }).as_ref(),
    )?;
    Ok(procedure_id)
}

/// Replaces the title and the ordered items of the first-response checklist of a wizard case.
/// Returns the checklist's id.
pub fn save_checklist(tx: &Transaction, author: &str, case_key: &str, title: &str, items: &[StepInput]) -> Result<i64> {
    if !crate::incident::wizard::CaseKind::ALL.iter().any(|c| c.key() == case_key) {
        return Err(refused(ErrorCode::UnknownCase, format!("\"{}\" is not a case the incident wizard offers", shown(case_key))));
    }
    let title = required_title("the checklist's title", title)?;
    let items = checked_steps(tx, items)?;
    let find = |conn: &dyn Db| -> Result<Option<EditableChecklist>> {
        Ok(editable_policy(conn)?.checklists.into_iter().find(|c| c.case_key == case_key))
    };
    let before = find(tx)?;
    tx.execute(
        "INSERT INTO checklist (case_key, title, position) VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM checklist))
         ON CONFLICT (case_key) DO UPDATE SET title = excluded.title",
        params![case_key, title],
    )?;
    let checklist_id: i64 = tx.query_row("SELECT id FROM checklist WHERE case_key = ?1", [case_key], |r| r.get(0))?;
    tx.execute("DELETE FROM checklist_item WHERE checklist_id = ?1", [checklist_id])?;
    for (position, item) in items.iter().enumerate() {
        tx.execute(
            "INSERT INTO checklist_item (checklist_id, position, text, role_id) VALUES (?1, ?2, ?3, ?4)",
            params![checklist_id, position as i64, item.text, item.role_id],
        )?;
    }
    record_change(tx, author, ChangedEntity::Checklist, Some(checklist_id), before.as_ref(), find(tx)?.as_ref())?;
    Ok(checklist_id)
}

/// Steps as they will be stored: text trimmed and required, roles existing, within the limits.
fn checked_steps(conn: &dyn Db, steps: &[StepInput]) -> Result<Vec<StepInput>> {
    room_for(steps.len() as i64 - 1, "steps")?;
    steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let text = step.text.trim();
            if text.is_empty() {
                return Err(refused(ErrorCode::StepTextRequired, format!("step {} has no text", index + 1)));
            }
            self::text(&format!("step {}", index + 1), text)?;
            if let Some(role_id) = step.role_id {
                role_exists(conn, role_id)?;
            }
            Ok(StepInput { text: text.to_owned(), role_id: step.role_id })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 届出及び相談 — the authority directory

/// Adds a local entry (the prefectural police's cybercrime desk, the certification body, the
/// insurer, …) at the end of the directory, with the key `local_1`, `local_2`, ….
pub fn create_authority(tx: &Transaction, author: &str, input: &AuthorityInput) -> Result<i64> {
    let input = authority_fields(input)?;
    let count: i64 = tx.query_row("SELECT count(*) FROM authority", [], |r| r.get(0))?;
    room_for(count, "authorities")?;
    let key = new_key(tx, "authority", "local", "")?;
    tx.execute(
        "INSERT INTO authority (key, name, purpose, url, phone, email, hours, source, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT coalesce(max(position), -1) + 1 FROM authority))",
        params![key, input.name, input.purpose, input.url, input.phone, input.email, input.hours, input.source],
    )?;
    let id = tx.last_insert_rowid()?;
    record_change(tx, author, ChangedEntity::Authority, Some(id), None::<&()>, Some(&authority(tx, id)?))?;
    Ok(id)
}

/// Changes every column of a directory entry but its key.
pub fn update_authority(tx: &Transaction, author: &str, authority_id: i64, input: &AuthorityInput) -> Result<()> {
    let before = authority(tx, authority_id)?;
    let input = authority_fields(input)?;
    tx.execute(
        "UPDATE authority SET name = ?2, purpose = ?3, url = ?4, phone = ?5, email = ?6, hours = ?7, source = ?8 WHERE id = ?1",
        params![authority_id, input.name, input.purpose, input.url, input.phone, input.email, input.hours, input.source],
    )?;
    record_change(tx, author, ChangedEntity::Authority, Some(authority_id), Some(&before), Some(&authority(tx, authority_id)?))
}

/// Deletes a directory entry. Refused (`authority_required`) for the addressees the assessment
/// reports to ([`super::required_directory_keys`]): an obligation shows where to send the report from
/// that entry.
pub fn delete_authority(tx: &Transaction, author: &str, authority_id: i64) -> Result<()> {
    let before = authority(tx, authority_id)?;
    if before.required {
        return Err(refused(
            ErrorCode::AuthorityRequired,
            format!("\"{}\" cannot be deleted: the assessment reports to it; edit its details instead", shown(&before.name)),
        ));
    }
    tx.execute("DELETE FROM authority WHERE id = ?1", [authority_id])?;
    record_change(tx, author, ChangedEntity::Authority, Some(authority_id), Some(&before), None::<&()>)
}

/// Puts the directory in the given order; `authority_ids` must name every entry once.
pub fn reorder_authorities(tx: &Transaction, author: &str, authority_ids: &[i64]) -> Result<()> {
    reorder(tx, author, "authority", ChangedEntity::Authority, "name", authority_ids)
}

fn authority(conn: &dyn Db, authority_id: i64) -> Result<EditableAuthority> {
    editable_policy(conn)?
        .authorities
        .into_iter()
        .find(|a| a.id == authority_id)
        .ok_or(StoreError::Missing { what: "authority", id: authority_id })
}

fn authority_fields(input: &AuthorityInput) -> Result<AuthorityInput> {
    let name = required_name("the authority's name", &input.name)?;
    for (what, value, limit) in [
        ("the purpose", &input.purpose, MAX_TEXT_CHARS),
        ("the web address", &input.url, MAX_TEXT_CHARS),
        ("the phone number", &input.phone, MAX_NAME_CHARS),
        ("the email address", &input.email, MAX_NAME_CHARS),
        ("the opening hours", &input.hours, MAX_TEXT_CHARS),
        ("the source", &input.source, MAX_TEXT_CHARS),
    ] {
        limit_chars(what, value, limit)?;
    }
    let trim = |s: &String| s.trim().to_owned();
    Ok(AuthorityInput {
        name,
        purpose: trim(&input.purpose),
        url: trim(&input.url),
        phone: trim(&input.phone),
        email: trim(&input.email),
        hours: trim(&input.hours),
        source: trim(&input.source),
    })
}

// ---------------------------------------------------------------------------------------------
// Shared by the policy and BCP editors

/// Every contact's name, by id.
pub(crate) fn contact_names(conn: &dyn Db) -> Result<HashMap<i64, String>> {
    Ok(rows(conn, "SELECT id, name FROM contact", |r| Ok((r.get(0)?, r.get(1)?)))?.into_iter().collect())
}

/// Checks that each contact exists (`unknown_contact`) and appears once (`duplicate_contact`).
pub(crate) fn distinct_contacts(conn: &dyn Db, contact_ids: &[i64], place: &str) -> Result<()> {
    let names = contact_names(conn)?;
    for (index, id) in contact_ids.iter().enumerate() {
        let name = names.get(id).ok_or_else(|| refused(ErrorCode::UnknownContact, format!("contact {id} does not exist")))?;
        if contact_ids[..index].contains(id) {
            return Err(refused(ErrorCode::DuplicateContact, format!("{} is listed twice for {place}", shown(name))));
        }
    }
    Ok(())
}

/// Refuses (`unknown_contact`) a contact that does not exist.
pub(crate) fn contact_exists(conn: &dyn Db, contact_id: i64) -> Result<()> {
    distinct_contacts(conn, &[contact_id], "")
}

/// Gives the rows of `table` the order of `ids`, which must name each row once
/// (`order_mismatch`), and records the order before and after as one change of `entity`.
pub(crate) fn reorder(
    tx: &Transaction,
    author: &str,
    table: &str,
    entity: ChangedEntity,
    label: &str,
    ids: &[i64],
) -> Result<()> {
    #[derive(Serialize)]
    struct Order {
        order: Vec<(i64, String)>,
    }
    let read = || rows(tx, &format!("SELECT id, {label} FROM {table} ORDER BY position, id"), |r| Ok((r.get(0)?, r.get(1)?)));
    let before = Order { order: read()? };
    let mut current: Vec<i64> = before.order.iter().map(|(id, _)| *id).collect();
    let mut wanted = ids.to_vec();
    current.sort_unstable();
    wanted.sort_unstable();
    if current != wanted {
        return Err(refused(
            ErrorCode::OrderMismatch,
            format!("the new order must list each of the {} entries exactly once", current.len()),
        ));
    }
    for (position, id) in ids.iter().enumerate() {
        tx.execute(&format!("UPDATE {table} SET position = ?2 WHERE id = ?1"), params![id, position as i64])?;
    }
    record_change(tx, author, entity, None, Some(&before), Some(&Order { order: read()? }))
}

/// A key for a new row of `table`: `slug` when it is free and not empty, else `slug_2`, `slug_3`,
/// …; without a slug, `{prefix}_1`, `{prefix}_2`, … .
fn new_key(conn: &dyn Db, table: &str, prefix: &str, slug: &str) -> Result<String> {
    let taken = |key: &str| -> Result<bool> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table} WHERE key = ?1"), [key], |r| r.get::<_, i64>(0))? > 0)
    };
    if !slug.is_empty() && !taken(slug)? {
        return Ok(slug.to_owned());
    }
    let base = if slug.is_empty() { prefix } else { slug };
    let first = if slug.is_empty() { 1 } else { 2 };
    for n in first.. {
        let key = format!("{base}_{n}");
        if !taken(&key)? {
            return Ok(key);
        }
    }
    unreachable!("some key is always free")
}

/// A key made of a Latin-letter name: lower case, runs of anything else become one `_`; empty
/// when the name has no Latin letter to start from (Japanese names get `role_N`).
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('_') && !slug.is_empty() {
            slug.push('_');
        }
    }
    let slug: String = slug.trim_end_matches('_').chars().take(40).collect();
    let slug = slug.trim_end_matches('_').to_owned();
    if slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        slug
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_keys_or_nothing() {
        assert_eq!(super::slug("IT support"), "it_support");
        assert_eq!(super::slug("  Data-Protection Officer!! "), "data_protection_officer");
        assert_eq!(super::slug("広報担当"), "");
        assert_eq!(super::slug("2nd line"), "");
        assert_eq!(super::slug("広報 PR"), "pr");
    }
}
