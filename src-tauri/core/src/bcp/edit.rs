//! Editing the business-continuity plan (事業継続管理): assumed incidents (想定する事象), damaged
//! targets with their recovery owners and related contacts (被害対象 → 復旧責任者 → 関係者連絡先),
//! and exercises (訓練).
//!
//! An exercise is how an office finds out whether its contacts still answer, so recording one
//! also moves each confirmed contact's 最終確認日 (`last_confirmed_on`) up to the day it was held
//! — the contacts are confirmed in one go, each with its own change record. Deleting or changing
//! an exercise never moves a date back: the call was made, and the contact table keeps the latest
//! date it knows, whatever later happens to the record of the exercise.

use crate::store::history::ChangedEntity;
use std::collections::HashMap;

use crate::store::{Db, Transaction};
use rusqlite::params;
use serde::Serialize;

use super::editing::{
    EditableBcp, EditableExercise, EditableScenario, EditableTarget, ExerciseInput, ScenarioInput, TargetInput,
};
use crate::error_code::ErrorCode;
use crate::policy::edit::{contact_exists, contact_names, distinct_contacts, reorder};
use crate::policy::editing::ContactRef;
use crate::store::history::{last_change_column, record_change};
use crate::store::limits::{limit_chars, required_name, required_title, room_for, shown, text, MAX_ENTRIES, MAX_NAME_CHARS};
use crate::store::{now, refused, rows, today, Result, StoreError};

/// The whole BCP with ids, for the BCP editor; exercises most recent first.
pub fn editable_bcp(conn: &dyn Db) -> Result<EditableBcp> {
    let names = contact_names(conn)?;
    let contact = |id: i64| ContactRef { id, name: names.get(&id).cloned().unwrap_or_default() };

    let scenarios = rows(
        conn,
        &format!(
            "SELECT id, title, reason, {} FROM bcp_scenario ORDER BY position, id",
            last_change_column(ChangedEntity::BcpScenario, "bcp_scenario.id")
        ),
        |r| Ok(EditableScenario { id: r.get(0)?, title: r.get(1)?, reason: r.get(2)?, last_change_id: r.get(3)? }),
    )?;

    let mut related: HashMap<i64, Vec<ContactRef>> = HashMap::new();
    for (target_id, contact_id) in
        rows(conn, "SELECT target_id, contact_id FROM bcp_target_contact ORDER BY target_id, position", |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?
    {
        related.entry(target_id).or_default().push(contact(contact_id));
    }
    let targets = rows(
        conn,
        &format!(
            "SELECT id, name, recovery_role_id, recovery_contact_id, related_contacts_hint, target_recovery_time, recovery_steps, {}
               FROM bcp_target ORDER BY position, id",
            last_change_column(ChangedEntity::BcpTarget, "bcp_target.id")
        ),
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<i64>>(7)?,
            ))
        },
    )?
    .into_iter()
    .map(|(id, name, recovery_role_id, recovery_contact_id, hint, time, steps, last_change_id)| EditableTarget {
        id,
        name,
        recovery_role_id,
        recovery_contact: recovery_contact_id.map(contact),
        related_contacts: related.remove(&id).unwrap_or_default(),
        related_contacts_hint: hint,
        target_recovery_time: time,
        recovery_steps: step_lines(&steps),
        last_change_id,
    })
    .collect();

    let mut confirmed: HashMap<i64, Vec<ContactRef>> = HashMap::new();
    for (exercise_id, contact_id) in rows(
        conn,
        "SELECT c.exercise_id, t.id FROM bcp_exercise_confirmation c JOIN contact t ON t.id = c.contact_id
          ORDER BY c.exercise_id, t.call_order IS NULL, t.call_order, t.id",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )? {
        confirmed.entry(exercise_id).or_default().push(contact(contact_id));
    }
    let exercises = rows(
        conn,
        &format!(
            "SELECT id, held_on, scenario_id, participants, what_worked, unreachable, follow_ups, {}
               FROM bcp_exercise ORDER BY held_on DESC, id DESC",
            last_change_column(ChangedEntity::BcpExercise, "bcp_exercise.id")
        ),
        |r| {
            Ok(EditableExercise {
                id: r.get(0)?,
                held_on: r.get(1)?,
                scenario_id: r.get(2)?,
                participants: r.get(3)?,
                what_worked: r.get(4)?,
                unreachable: r.get(5)?,
                follow_ups: r.get(6)?,
                confirmed_contacts: Vec::new(),
                last_change_id: r.get(7)?,
            })
        },
    )?
    .into_iter()
    .map(|exercise| EditableExercise { confirmed_contacts: confirmed.remove(&exercise.id).unwrap_or_default(), ..exercise })
    .collect();

    Ok(EditableBcp { scenarios, targets, exercises })
}

/// The steps kept one per line in `bcp_target.recovery_steps`.
fn step_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

// ---------------------------------------------------------------------------------------------
// 想定する事象

/// Adds an assumed incident at the end of the list.
pub fn create_scenario(tx: &Transaction, author: &str, input: &ScenarioInput) -> Result<i64> {
    let (title, reason) = scenario_fields(input)?;
    let count: i64 = tx.query_row("SELECT count(*) FROM bcp_scenario", [], |r| r.get(0))?;
    room_for(count, "assumed incidents")?;
    tx.execute(
        "INSERT INTO bcp_scenario (title, reason, position) VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM bcp_scenario))",
        params![title, reason],
    )?;
    let id = tx.last_insert_rowid()?;
    record_change(tx, author, ChangedEntity::BcpScenario, Some(id), None::<&()>, Some(&scenario(tx, id)?))?;
    Ok(id)
}

pub fn update_scenario(tx: &Transaction, author: &str, scenario_id: i64, input: &ScenarioInput) -> Result<()> {
    let before = scenario(tx, scenario_id)?;
    let (title, reason) = scenario_fields(input)?;
    tx.execute("UPDATE bcp_scenario SET title = ?2, reason = ?3 WHERE id = ?1", params![scenario_id, title, reason])?;
    record_change(tx, author, ChangedEntity::BcpScenario, Some(scenario_id), Some(&before), Some(&scenario(tx, scenario_id)?))
}

/// Deletes an assumed incident; exercises held on it keep their record and name no scenario.
pub fn delete_scenario(tx: &Transaction, author: &str, scenario_id: i64) -> Result<()> {
    let before = scenario(tx, scenario_id)?;
    tx.execute("DELETE FROM bcp_scenario WHERE id = ?1", [scenario_id])?;
    record_change(tx, author, ChangedEntity::BcpScenario, Some(scenario_id), Some(&before), None::<&()>)
}

/// Puts the assumed incidents in the given order; `scenario_ids` must name each once.
pub fn reorder_scenarios(tx: &Transaction, author: &str, scenario_ids: &[i64]) -> Result<()> {
    reorder(tx, author, "bcp_scenario", ChangedEntity::BcpScenario, "title", scenario_ids)
}

fn scenario(conn: &dyn Db, scenario_id: i64) -> Result<EditableScenario> {
    editable_bcp(conn)?
        .scenarios
        .into_iter()
        .find(|s| s.id == scenario_id)
        .ok_or(StoreError::Missing { what: "BCP scenario", id: scenario_id })
}

fn scenario_fields(input: &ScenarioInput) -> Result<(String, String)> {
    let title = required_title("the assumed incident's title", &input.title)?;
    text("the reason", &input.reason)?;
    Ok((title, input.reason.trim().to_owned()))
}

// ---------------------------------------------------------------------------------------------
// 被害対象 → 復旧責任者 → 関係者連絡先

/// Adds a damaged target at the end of the table.
pub fn create_target(tx: &Transaction, author: &str, input: &TargetInput) -> Result<i64> {
    let count: i64 = tx.query_row("SELECT count(*) FROM bcp_target", [], |r| r.get(0))?;
    room_for(count, "damaged targets")?;
    let fields = target_fields(tx, None, input)?;
    tx.execute(
        "INSERT INTO bcp_target (name, position) VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM bcp_target))",
        [&fields.name],
    )?;
    let id = tx.last_insert_rowid()?;
    write_target(tx, id, &fields)?;
    record_change(tx, author, ChangedEntity::BcpTarget, Some(id), None::<&()>, Some(&target(tx, id)?))?;
    Ok(id)
}

/// Changes everything about a damaged target: its name, its recovery owner (a role, a person or
/// both), its related contacts in order, the hint, the target recovery time and the steps.
pub fn update_target(tx: &Transaction, author: &str, target_id: i64, input: &TargetInput) -> Result<()> {
    let before = target(tx, target_id)?;
    let fields = target_fields(tx, Some(target_id), input)?;
    write_target(tx, target_id, &fields)?;
    record_change(tx, author, ChangedEntity::BcpTarget, Some(target_id), Some(&before), Some(&target(tx, target_id)?))
}

pub fn delete_target(tx: &Transaction, author: &str, target_id: i64) -> Result<()> {
    let before = target(tx, target_id)?;
    tx.execute("DELETE FROM bcp_target WHERE id = ?1", [target_id])?;
    record_change(tx, author, ChangedEntity::BcpTarget, Some(target_id), Some(&before), None::<&()>)
}

/// Puts the damaged targets in the given order; `target_ids` must name each once.
pub fn reorder_targets(tx: &Transaction, author: &str, target_ids: &[i64]) -> Result<()> {
    reorder(tx, author, "bcp_target", ChangedEntity::BcpTarget, "name", target_ids)
}

fn target(conn: &dyn Db, target_id: i64) -> Result<EditableTarget> {
    editable_bcp(conn)?
        .targets
        .into_iter()
        .find(|t| t.id == target_id)
        .ok_or(StoreError::Missing { what: "BCP target", id: target_id })
}

/// A target's fields as they will be stored.
struct TargetFields {
    name: String,
    input: TargetInput,
    steps: String,
}

fn target_fields(conn: &dyn Db, target_id: Option<i64>, input: &TargetInput) -> Result<TargetFields> {
    let name = required_name("the damaged target's name", &input.name)?;
    let same_name: i64 = conn.query_row(
        "SELECT count(*) FROM bcp_target WHERE name = ?1 AND id IS DISTINCT FROM ?2",
        params![name, target_id],
        |r| r.get(0),
    )?;
    if same_name > 0 {
        // A template import keeps the people of a target by its name, so names stay unique.
        return Err(refused(ErrorCode::DuplicateName, format!("there is already a damaged target named \"{}\"", shown(&name))));
    }
    if let Some(role_id) = input.recovery_role_id {
        let found: i64 = conn.query_row("SELECT count(*) FROM role WHERE id = ?1", [role_id], |r| r.get(0))?;
        if found == 0 {
            return Err(refused(ErrorCode::UnknownRole, format!("role {role_id} does not exist")));
        }
    }
    if let Some(contact_id) = input.recovery_contact_id {
        contact_exists(conn, contact_id)?;
    }
    room_for(input.related_contact_ids.len() as i64 - 1, "related contacts")?;
    distinct_contacts(conn, &input.related_contact_ids, "the damaged target")?;
    text("the related contacts' hint", &input.related_contacts_hint)?;
    limit_chars("the target recovery time", &input.target_recovery_time, MAX_NAME_CHARS)?;
    let steps: Vec<String> = input.recovery_steps.iter().flat_map(|s| step_lines(s)).collect();
    if steps.len() > MAX_ENTRIES {
        return Err(refused(ErrorCode::TooManyEntries, format!("at most {MAX_ENTRIES} recovery steps are allowed")));
    }
    for (index, step) in steps.iter().enumerate() {
        text(&format!("recovery step {}", index + 1), step)?;
    }
    Ok(TargetFields { name, input: input.clone(), steps: steps.join("\n") })
}

fn write_target(tx: &Transaction, target_id: i64, fields: &TargetFields) -> Result<()> {
    let input = &fields.input;
    tx.execute(
        "UPDATE bcp_target SET name = ?2, recovery_role_id = ?3, recovery_contact_id = ?4, related_contacts_hint = ?5,
                target_recovery_time = ?6, recovery_steps = ?7 WHERE id = ?1",
        params![
            target_id,
            fields.name,
            input.recovery_role_id,
            input.recovery_contact_id,
            input.related_contacts_hint.trim(),
            input.target_recovery_time.trim(),
            fields.steps
        ],
    )?;
    tx.execute("DELETE FROM bcp_target_contact WHERE target_id = ?1", [target_id])?;
    for (position, contact_id) in input.related_contact_ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO bcp_target_contact (target_id, contact_id, position) VALUES (?1, ?2, ?3)",
            params![target_id, contact_id, position as i64],
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 訓練 — exercises

/// Records an exercise and confirms its contacts: each confirmed contact's 最終確認日 becomes
/// `held_on` unless it already holds a later date (a "contact" change is recorded for each one
/// moved). Returns the exercise's id.
pub fn record_exercise(tx: &Transaction, author: &str, input: &ExerciseInput) -> Result<i64> {
    let held_on = exercise_fields(tx, input)?;
    tx.execute("INSERT INTO bcp_exercise (held_on, created_at) VALUES (?1, ?2)", params![held_on, now()])?;
    let id = tx.last_insert_rowid()?;
    write_exercise(tx, author, id, &held_on, input)?;
    record_change(tx, author, ChangedEntity::BcpExercise, Some(id), None::<&()>, Some(&exercise(tx, id)?))?;
    Ok(id)
}

/// Corrects an exercise's record. Contacts it now confirms move up to its date as when recording;
/// contacts no longer listed keep the date they have (see the module notes).
pub fn update_exercise(tx: &Transaction, author: &str, exercise_id: i64, input: &ExerciseInput) -> Result<()> {
    let before = exercise(tx, exercise_id)?;
    let held_on = exercise_fields(tx, input)?;
    write_exercise(tx, author, exercise_id, &held_on, input)?;
    record_change(tx, author, ChangedEntity::BcpExercise, Some(exercise_id), Some(&before), Some(&exercise(tx, exercise_id)?))
}

/// Deletes an exercise's record. The contacts it confirmed keep their 最終確認日.
pub fn delete_exercise(tx: &Transaction, author: &str, exercise_id: i64) -> Result<()> {
    let before = exercise(tx, exercise_id)?;
    tx.execute("DELETE FROM bcp_exercise WHERE id = ?1", [exercise_id])?;
    record_change(tx, author, ChangedEntity::BcpExercise, Some(exercise_id), Some(&before), None::<&()>)
}

fn exercise(conn: &dyn Db, exercise_id: i64) -> Result<EditableExercise> {
    editable_bcp(conn)?
        .exercises
        .into_iter()
        .find(|e| e.id == exercise_id)
        .ok_or(StoreError::Missing { what: "BCP exercise", id: exercise_id })
}

/// Checks an exercise's fields; returns its date as stored.
fn exercise_fields(conn: &dyn Db, input: &ExerciseInput) -> Result<String> {
    let held_on = input.held_on.trim();
    let date = chrono::NaiveDate::parse_from_str(held_on, "%Y-%m-%d")
        .map_err(|_| refused(ErrorCode::InvalidDate, format!("\"{}\" is not a date (YYYY-MM-DD)", shown(held_on))))?;
    if date > today() {
        return Err(refused(ErrorCode::DateInFuture, format!("{held_on} is in the future; record an exercise once it is held")));
    }
    if let Some(scenario_id) = input.scenario_id {
        let found: i64 = conn.query_row("SELECT count(*) FROM bcp_scenario WHERE id = ?1", [scenario_id], |r| r.get(0))?;
        if found == 0 {
            return Err(refused(ErrorCode::UnknownScenario, format!("assumed incident {scenario_id} does not exist")));
        }
    }
    for (what, value) in [
        ("the participants", &input.participants),
        ("what worked", &input.what_worked),
        ("who could not be reached", &input.unreachable),
        ("the follow-ups", &input.follow_ups),
    ] {
        text(what, value)?;
    }
    distinct_contacts(conn, &input.confirmed_contact_ids, "the exercise")?;
    Ok(date.format("%Y-%m-%d").to_string())
}

fn write_exercise(tx: &Transaction, author: &str, exercise_id: i64, held_on: &str, input: &ExerciseInput) -> Result<()> {
    tx.execute(
        "UPDATE bcp_exercise SET held_on = ?2, scenario_id = ?3, participants = ?4, what_worked = ?5, unreachable = ?6,
                follow_ups = ?7 WHERE id = ?1",
        params![
            exercise_id,
            held_on,
            input.scenario_id,
            input.participants.trim(),
            input.what_worked.trim(),
            input.unreachable.trim(),
            input.follow_ups.trim()
        ],
    )?;
    tx.execute("DELETE FROM bcp_exercise_confirmation WHERE exercise_id = ?1", [exercise_id])?;
    for contact_id in &input.confirmed_contact_ids {
        tx.execute(
            "INSERT INTO bcp_exercise_confirmation (exercise_id, contact_id) VALUES (?1, ?2)",
            params![exercise_id, contact_id],
        )?;
        confirm_contact(tx, author, *contact_id, held_on)?;
    }
    Ok(())
}

/// A contact's confirmation date in a change record.
#[derive(Serialize)]
struct Confirmation {
    name: String,
    last_confirmed_on: Option<String>,
}

/// Moves a contact's 最終確認日 up to `on` when that is later than what it holds.
fn confirm_contact(tx: &Transaction, author: &str, contact_id: i64, on: &str) -> Result<()> {
    let (name, previous): (String, Option<String>) =
        tx.query_row("SELECT name, last_confirmed_on FROM contact WHERE id = ?1", [contact_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if previous.as_deref().is_some_and(|previous| previous >= on) {
        return Ok(());
    }
    tx.execute("UPDATE contact SET last_confirmed_on = ?2, updated_at = ?3 WHERE id = ?1", params![contact_id, on, now()])?;
    let before = Confirmation { name: name.clone(), last_confirmed_on: previous };
    let after = Confirmation { name, last_confirmed_on: Some(on.to_owned()) };
    record_change(tx, author, ChangedEntity::Contact, Some(contact_id), Some(&before), Some(&after))
}
