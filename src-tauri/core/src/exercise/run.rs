//! An exercise as it is held: the scenario copied in, the injects revealed with what the team did
//! and how long it took, the calls practised, the follow-up actions found, and, when it ends, the
//! BCP's exercise record (docs/rules.md §13).
//!
//! Nothing here touches the incident tables: an exercise adds no incident, obligation or deadline.
//! Its reporting step is practice, so there is nothing to mark as sent.

use crate::store::history::ChangedEntity;
use crate::store::{Db, Optional, Transaction};
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::scenario::{inject_from_row, ExerciseStep, Inject, ScenarioSpec};
use crate::bcp::editing::ExerciseInput;
use crate::error_code::ErrorCode;
use crate::language::Language;
use crate::store::history::record_change;
use crate::store::limits::{required_name, text, MAX_NAME_CHARS};
use crate::store::{file_language, now, refused, rows, rows_with, today, Result, StoreError};

/// One exercise in the list: what was played, when, and whether it is over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExerciseRunSummary {
    pub id: i64,
    pub title: String,
    #[ts(type = "string")]
    pub started_at: DateTime<FixedOffset>,
    #[ts(type = "string | null")]
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub open_follow_ups: i64,
}

/// An inject that has been revealed, with what the team did about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RevealedInject {
    pub position: u32,
    pub inject: Inject,
    #[ts(type = "string")]
    pub revealed_at: DateTime<FixedOffset>,
    pub response: String,
    pub minutes_taken: Option<u32>,
}

/// A call practised: the contact, and whether they answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PractisedCall {
    /// None once the contact has been deleted from the contact table.
    pub contact_id: Option<i64>,
    pub contact_name: String,
    pub reached: bool,
    #[ts(type = "string")]
    pub marked_at: DateTime<FixedOffset>,
}

/// A gap an exercise found, with who closes it by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FollowUp {
    pub id: i64,
    pub run_id: i64,
    /// The title of the exercise that found it.
    pub exercise_title: String,
    pub text: String,
    pub owner: String,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
}

/// A follow-up action as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FollowUpInput {
    pub text: String,
    pub owner: String,
    /// YYYY-MM-DD.
    pub due_on: String,
}

/// What the facilitator writes when ending the exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EndInput {
    pub participants: String,
    pub what_worked: String,
}

/// One exercise with everything recorded so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExerciseRun {
    pub id: i64,
    /// The built-in scenario's key, when it was one.
    pub scenario_key: Option<String>,
    pub title: String,
    pub description: String,
    pub category: Option<String>,
    pub duration_hours: u32,
    pub facilitator: String,
    pub participants: String,
    pub what_worked: String,
    #[ts(type = "string")]
    pub started_at: DateTime<FixedOffset>,
    #[ts(type = "string | null")]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// In order of scenario time.
    pub revealed: Vec<RevealedInject>,
    /// How many injects are still to come, and when the next one is due in scenario time.
    pub remaining: u32,
    pub next_at_minutes: Option<u32>,
    pub calls: Vec<PractisedCall>,
    pub follow_ups: Vec<FollowUp>,
    /// The BCP exercise record written when it ended.
    pub bcp_exercise_id: Option<i64>,
}

/// Starts an exercise of `spec` now and reveals its first inject; returns its id.
pub fn start_run(
    tx: &Transaction,
    author: &str,
    spec: &ScenarioSpec,
    scenario_key: Option<&str>,
    facilitator: &str,
) -> Result<i64> {
    start_run_at(tx, author, spec, scenario_key, facilitator, &now())
}

pub(crate) fn start_run_at(
    tx: &Transaction,
    author: &str,
    spec: &ScenarioSpec,
    scenario_key: Option<&str>,
    facilitator: &str,
    at: &str,
) -> Result<i64> {
    super::scenario::check_scenario(spec)?;
    crate::store::limits::limit_chars("the facilitator", facilitator, MAX_NAME_CHARS)?;
    tx.execute(
        "INSERT INTO exercise_run (scenario_key, title, description, category, duration_hours, facilitator, started_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![scenario_key, spec.title.trim(), spec.description, spec.category, spec.duration_hours, facilitator.trim(), at],
    )?;
    let id = tx.last_insert_rowid()?;
    let mut insert = tx.prepare(
        "INSERT INTO exercise_run_inject (run_id, position, at_minutes, text, question, step) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, inject) in spec.injects.iter().enumerate() {
        insert.execute(params![
            id,
            position as i64,
            inject.at_minutes,
            inject.text,
            inject.question,
            inject.step.map(ExerciseStep::key)
        ])?;
    }
    reveal_next_at(tx, id, at)?;
    record_change(
        tx,
        author,
        ChangedEntity::ExerciseRun,
        Some(id),
        None::<&()>,
        Some(&serde_json::json!({ "title": spec.title.trim() })),
    )?;
    Ok(id)
}

/// Refuses (`exercise_ended`) a change to an exercise that has ended; `missing` when it does not
/// exist.
fn still_running(conn: &dyn Db, run_id: i64) -> Result<()> {
    let ended: Option<String> = conn
        .query_row("SELECT ended_at FROM exercise_run WHERE id = ?1", [run_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::Missing { what: "exercise", id: run_id })?;
    match ended {
        Some(_) => {
            Err(refused(ErrorCode::ExerciseEnded, format!("exercise {run_id} has ended; its record can no longer change")))
        }
        None => Ok(()),
    }
}

/// Reveals the next inject; refused (`no_inject_left`) when every inject is out.
pub fn reveal_next(tx: &Transaction, run_id: i64) -> Result<()> {
    still_running(tx, run_id)?;
    reveal_next_at(tx, run_id, &now())
}

pub(crate) fn reveal_next_at(tx: &Transaction, run_id: i64, at: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE exercise_run_inject SET revealed_at = ?2
          WHERE run_id = ?1 AND position = (SELECT min(position) FROM exercise_run_inject WHERE run_id = ?1 AND revealed_at IS NULL)",
        params![run_id, at],
    )?;
    if changed == 0 {
        return Err(refused(ErrorCode::NoInjectLeft, "every inject of this exercise has been revealed"));
    }
    Ok(())
}

/// Records what the team did about a revealed inject and how many minutes it took.
pub fn record_response(tx: &Transaction, run_id: i64, position: u32, response: &str, minutes_taken: Option<u32>) -> Result<()> {
    still_running(tx, run_id)?;
    text("the response", response)?;
    let changed = tx.execute(
        "UPDATE exercise_run_inject SET response = ?3, minutes_taken = ?4
          WHERE run_id = ?1 AND position = ?2 AND revealed_at IS NOT NULL",
        params![run_id, position, response.trim(), minutes_taken],
    )?;
    if changed == 0 {
        return Err(refused(ErrorCode::Invalid, format!("inject {position} of exercise {run_id} has not been revealed")));
    }
    Ok(())
}

/// Marks a practised call to a contact of the contact table as reached or not (the last mark
/// counts, as in the wizard).
pub fn mark_call(tx: &Transaction, run_id: i64, contact_id: i64, reached: bool) -> Result<()> {
    still_running(tx, run_id)?;
    mark_call_at(tx, run_id, contact_id, reached, &now())
}

pub(crate) fn mark_call_at(tx: &Transaction, run_id: i64, contact_id: i64, reached: bool, at: &str) -> Result<()> {
    let name: String = tx
        .query_row("SELECT name FROM contact WHERE id = ?1", [contact_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| refused(ErrorCode::UnknownContact, format!("contact {contact_id} does not exist")))?;
    tx.execute("DELETE FROM exercise_run_call WHERE run_id = ?1 AND contact_id = ?2", params![run_id, contact_id])?;
    tx.execute(
        "INSERT INTO exercise_run_call (run_id, contact_id, contact_name, reached, marked_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (run_id, contact_name)
           DO UPDATE SET contact_id = excluded.contact_id, reached = excluded.reached, marked_at = excluded.marked_at",
        params![run_id, contact_id, name, reached, at],
    )?;
    Ok(())
}

/// Checks a follow-up as typed; returns its due date as stored.
fn follow_up_fields(input: &FollowUpInput) -> Result<NaiveDate> {
    if input.text.trim().is_empty() {
        return Err(refused(ErrorCode::TextRequired, "a follow-up action says what is to be done"));
    }
    text("the follow-up", &input.text)?;
    required_name("the follow-up's owner", &input.owner)?;
    NaiveDate::parse_from_str(input.due_on.trim(), "%Y-%m-%d")
        .map_err(|_| refused(ErrorCode::InvalidDate, format!("\"{}\" is not a date (YYYY-MM-DD)", input.due_on)))
}

/// Adds a follow-up action to an exercise under way; returns its id.
pub fn add_follow_up(tx: &Transaction, author: &str, run_id: i64, input: &FollowUpInput) -> Result<i64> {
    still_running(tx, run_id)?;
    let due_on = follow_up_fields(input)?;
    tx.execute(
        "INSERT INTO exercise_follow_up (run_id, text, owner, due_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![run_id, input.text.trim(), input.owner.trim(), due_on, now()],
    )?;
    let id = tx.last_insert_rowid()?;
    record_change(tx, author, ChangedEntity::ExerciseFollowUp, Some(id), None::<&()>, Some(input))?;
    Ok(id)
}

/// Marks a follow-up done on `done_on` (YYYY-MM-DD, not after today), or open again with none.
/// This stays possible after the exercise ended: closing the gaps is what comes after it.
pub fn set_follow_up_done(tx: &Transaction, author: &str, follow_up_id: i64, done_on: Option<&str>) -> Result<()> {
    let before: Option<NaiveDate> = tx
        .query_row("SELECT done_on FROM exercise_follow_up WHERE id = ?1", [follow_up_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::Missing { what: "follow-up action", id: follow_up_id })?;
    let done_on = match done_on {
        None => None,
        Some(day) => {
            let day = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                .map_err(|_| refused(ErrorCode::InvalidDate, format!("\"{day}\" is not a date (YYYY-MM-DD)")))?;
            if day > today() {
                return Err(refused(ErrorCode::DateInFuture, format!("{day} is in the future; mark it done once it is done")));
            }
            Some(day)
        }
    };
    if before == done_on {
        return Ok(());
    }
    tx.execute("UPDATE exercise_follow_up SET done_on = ?2 WHERE id = ?1", params![follow_up_id, done_on])?;
    record_change(
        tx,
        author,
        ChangedEntity::ExerciseFollowUp,
        Some(follow_up_id),
        Some(&serde_json::json!({ "done_on": before })),
        Some(&serde_json::json!({ "done_on": done_on })),
    )
}

/// Ends the exercise and writes the BCP's exercise record: held on the day it started, with the
/// participants, what worked, who could not be reached, the follow-ups, and the contacts reached
/// — who count as confirmed on that day, as when an exercise is recorded by hand. Returns the
/// record's id.
pub fn end_run(tx: &Transaction, author: &str, run_id: i64, input: &EndInput) -> Result<i64> {
    end_run_at(tx, author, run_id, input, &now())
}

pub(crate) fn end_run_at(tx: &Transaction, author: &str, run_id: i64, input: &EndInput, at: &str) -> Result<i64> {
    still_running(tx, run_id)?;
    text("the participants", &input.participants)?;
    text("what worked", &input.what_worked)?;
    let run = run(tx, run_id)?;
    let language = file_language(tx)?;
    let names =
        |reached: bool| run.calls.iter().filter(|c| c.reached == reached).map(|c| c.contact_name.as_str()).collect::<Vec<_>>();
    let list_separator = language.pick(("、", ", "));
    let follow_ups = run
        .follow_ups
        .iter()
        .map(|f| match language {
            Language::Ja => format!("{}（{}、{}まで）", f.text, f.owner, f.due_on.format("%Y年%-m月%-d日")),
            Language::En => format!("{} ({}, by {})", f.text, f.owner, f.due_on.format("%-d %B %Y")),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let record = ExerciseInput {
        held_on: run.started_at.date_naive().to_string(),
        scenario_id: None,
        participants: input.participants.trim().to_owned(),
        what_worked: input.what_worked.trim().to_owned(),
        unreachable: names(false).join(list_separator),
        follow_ups,
        confirmed_contact_ids: run.calls.iter().filter(|c| c.reached).filter_map(|c| c.contact_id).collect(),
    };
    let record_id = crate::bcp::edit::record_exercise(tx, author, &record)?;
    tx.execute(
        "UPDATE exercise_run SET ended_at = ?2, participants = ?3, what_worked = ?4, bcp_exercise_id = ?5 WHERE id = ?1",
        params![run_id, at, record.participants, record.what_worked, record_id],
    )?;
    record_change(
        tx,
        author,
        ChangedEntity::ExerciseRun,
        Some(run_id),
        None::<&()>,
        Some(&serde_json::json!({ "ended_at": at })),
    )?;
    Ok(record_id)
}

/// Discards an exercise that has not ended (started by mistake); an ended one is a record and
/// stays.
pub fn discard_run(tx: &Transaction, author: &str, run_id: i64) -> Result<()> {
    still_running(tx, run_id)?;
    let title: String = tx.query_row("SELECT title FROM exercise_run WHERE id = ?1", [run_id], |r| r.get(0))?;
    tx.execute("DELETE FROM exercise_run WHERE id = ?1", [run_id])?;
    record_change(tx, author, ChangedEntity::ExerciseRun, Some(run_id), Some(&serde_json::json!({ "title": title })), None::<&()>)
}

/// Every exercise, the latest first.
pub fn list_runs(conn: &dyn Db) -> Result<Vec<ExerciseRunSummary>> {
    rows(
        conn,
        "SELECT r.id, r.title, r.started_at, r.ended_at,
                (SELECT count(*) FROM exercise_follow_up f WHERE f.run_id = r.id AND f.done_on IS NULL)
           FROM exercise_run r ORDER BY r.started_at DESC, r.id DESC",
        |r| {
            Ok(ExerciseRunSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                started_at: r.get(2)?,
                ended_at: r.get(3)?,
                open_follow_ups: r.get(4)?,
            })
        },
    )
}

/// The latest exercise that has ended, for the report when none is named.
pub fn latest_ended_run(conn: &dyn Db) -> Result<Option<i64>> {
    conn.query_row("SELECT id FROM exercise_run WHERE ended_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1", [], |r| {
        r.get(0)
    })
    .optional()
}

const FOLLOW_UP_COLUMNS: &str = "f.id, f.run_id, r.title, f.text, f.owner, f.due_on, f.done_on
   FROM exercise_follow_up f JOIN exercise_run r ON r.id = f.run_id";

fn follow_up_from_row(r: &crate::store::Row) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: r.get(0)?,
        run_id: r.get(1)?,
        exercise_title: r.get(2)?,
        text: r.get(3)?,
        owner: r.get(4)?,
        due_on: r.get(5)?,
        done_on: r.get(6)?,
    })
}

/// Follow-up actions not yet done, of every exercise, the earliest due first.
pub fn open_follow_ups(conn: &dyn Db) -> Result<Vec<FollowUp>> {
    rows(conn, &format!("SELECT {FOLLOW_UP_COLUMNS} WHERE f.done_on IS NULL ORDER BY f.due_on, f.id"), follow_up_from_row)
}

/// One exercise with everything recorded so far.
pub fn run(conn: &dyn Db, run_id: i64) -> Result<ExerciseRun> {
    let mut run = conn
        .query_row(
            "SELECT id, scenario_key, title, description, category, duration_hours, facilitator, participants, what_worked,
                    started_at, ended_at, bcp_exercise_id
               FROM exercise_run WHERE id = ?1",
            [run_id],
            |r| {
                Ok(ExerciseRun {
                    id: r.get(0)?,
                    scenario_key: r.get(1)?,
                    title: r.get(2)?,
                    description: r.get(3)?,
                    category: r.get(4)?,
                    duration_hours: r.get(5)?,
                    facilitator: r.get(6)?,
                    participants: r.get(7)?,
                    what_worked: r.get(8)?,
                    started_at: r.get(9)?,
                    ended_at: r.get(10)?,
                    revealed: Vec::new(),
                    remaining: 0,
                    next_at_minutes: None,
                    calls: Vec::new(),
                    follow_ups: Vec::new(),
                    bcp_exercise_id: r.get(11)?,
                })
            },
        )
        .optional()?
        .ok_or(StoreError::Missing { what: "exercise", id: run_id })?;
    let injects = rows_with(
        conn,
        "SELECT position, at_minutes, text, question, step, revealed_at, response, minutes_taken
           FROM exercise_run_inject WHERE run_id = ?1 ORDER BY position",
        [run_id],
        |r| {
            Ok((
                r.get::<_, u32>(0)?,
                inject_from_row(r, 1)?,
                r.get::<_, Option<DateTime<FixedOffset>>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<u32>>(7)?,
            ))
        },
    )?;
    for (position, inject, revealed_at, response, minutes_taken) in injects {
        match revealed_at {
            Some(revealed_at) => run.revealed.push(RevealedInject { position, inject, revealed_at, response, minutes_taken }),
            None => {
                run.next_at_minutes = run.next_at_minutes.or(Some(inject.at_minutes));
                run.remaining += 1;
            }
        }
    }
    run.calls = rows_with(
        conn,
        "SELECT c.contact_id, c.contact_name, c.reached, c.marked_at FROM exercise_run_call c
           LEFT JOIN contact t ON t.id = c.contact_id
          WHERE c.run_id = ?1 ORDER BY t.call_order IS NULL, t.call_order, c.marked_at, c.contact_name",
        [run_id],
        |r| Ok(PractisedCall { contact_id: r.get(0)?, contact_name: r.get(1)?, reached: r.get(2)?, marked_at: r.get(3)? }),
    )?;
    run.follow_ups = rows_with(
        conn,
        &format!("SELECT {FOLLOW_UP_COLUMNS} WHERE f.run_id = ?1 ORDER BY f.due_on, f.id"),
        [run_id],
        follow_up_from_row,
    )?;
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company_file::CompanyFile;
    use crate::exercise::scenario::{builtin_scenarios, ScenarioSource};
    use crate::readiness::{readiness, ReadinessState};
    use crate::template::builtin_policy;

    fn refusal<T: std::fmt::Debug>(result: Result<T>) -> ErrorCode {
        match result {
            Err(StoreError::Refused { code, .. }) => code,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    fn counts(conn: &dyn Db) -> (i64, i64, i64) {
        let count = |table: &str| conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        (count("incident"), count("obligation"), count("timeline_entry"))
    }

    #[test]
    fn an_exercise_from_start_to_end_writes_the_bcp_record_and_touches_no_incident() {
        let mut file = CompanyFile::in_memory("テスト", &builtin_policy(Language::Ja).unwrap()).unwrap();
        let (reached, unreached) = file
            .write(|tx| {
                let add = |name: &str| -> Result<i64> {
                    tx.execute(
                        "INSERT INTO contact (kind, name, last_confirmed_on, created_at, updated_at)
                         VALUES ('person', ?1, '2025-01-10', '2025-01-10T09:00:00+09:00', '2025-01-10T09:00:00+09:00')",
                        [name],
                    )?;
                    tx.last_insert_rowid()
                };
                Ok((add("桜井 浩一")?, add("保守会社")?))
            })
            .unwrap();
        let before = counts(file.connection());
        let ransomware = builtin_scenarios(Language::Ja).remove(0);
        let ScenarioSource::Builtin { key } = &ransomware.source else { unreachable!() };
        let id = file.write(|tx| start_run(tx, "松本", &ransomware.spec, Some(key), "松本 さくら")).unwrap();

        let started = run(file.connection(), id).unwrap();
        assert_eq!(started.revealed.len(), 1, "the first inject is out when the exercise starts");
        assert_eq!(started.remaining as usize, ransomware.spec.injects.len() - 1);
        assert_eq!(started.next_at_minutes, Some(ransomware.spec.injects[1].at_minutes));

        file.write(|tx| {
            reveal_next(tx, id)?;
            record_response(tx, id, 0, "サーバーのLANケーブルを抜いた", Some(7))?;
            // Calls not in the call tree are listed in the order they were last marked.
            mark_call_at(tx, id, reached, false, "2026-12-07T10:00:00+09:00")?;
            mark_call_at(tx, id, reached, true, "2026-12-07T10:01:00+09:00")?; // the second try got through: the last mark counts
            mark_call_at(tx, id, unreached, false, "2026-12-07T10:02:00+09:00")?;
            add_follow_up(
                tx,
                "松本",
                id,
                &FollowUpInput {
                    text: "保守会社の夜間番号を確かめる".into(), owner: "中村".into(), due_on: "2026-12-18".into()
                },
            )?;
            Ok(())
        })
        .unwrap();
        assert_eq!(refusal(file.write(|tx| record_response(tx, id, 5, "まだ出ていない", None))), ErrorCode::Invalid);
        assert_eq!(
            refusal(file.write(|tx| add_follow_up(
                tx,
                "松本",
                id,
                &FollowUpInput { text: "x".into(), owner: "中村".into(), due_on: "12/18".into() }
            ))),
            ErrorCode::InvalidDate
        );

        let record_id = file
            .write(|tx| end_run(tx, "松本", id, &EndInput { participants: "5名".into(), what_worked: "初動は早かった".into() }))
            .unwrap();
        let ended = run(file.connection(), id).unwrap();
        assert!(ended.ended_at.is_some());
        assert_eq!(ended.bcp_exercise_id, Some(record_id));
        assert_eq!(ended.revealed[0].response, "サーバーのLANケーブルを抜いた");
        assert_eq!(
            ended.calls.iter().map(|c| (c.contact_name.as_str(), c.reached)).collect::<Vec<_>>(),
            [("桜井 浩一", true), ("保守会社", false)]
        );

        let bcp = crate::bcp::bcp(file.connection()).unwrap();
        let record = &bcp.exercises[0];
        assert_eq!(record.held_on, ended.started_at.date_naive());
        assert_eq!(record.scenario.as_deref(), Some(ransomware.spec.title.as_str()));
        assert_eq!((record.participants.as_str(), record.what_worked.as_str()), ("5名", "初動は早かった"));
        assert_eq!(record.unreachable, "保守会社");
        assert_eq!(record.follow_ups, "保守会社の夜間番号を確かめる（中村、2026年12月18日まで）");
        assert_eq!(record.confirmed_contacts, ["桜井 浩一"]);
        let confirmed: Vec<(String, Option<NaiveDate>)> =
            rows(file.connection(), "SELECT name, last_confirmed_on FROM contact ORDER BY id", |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
        assert_eq!(confirmed[0].1, Some(record.held_on), "reached: confirmed on the day of the exercise");
        assert_eq!(confirmed[1].1, NaiveDate::from_ymd_opt(2025, 1, 10), "not reached: left as it was");

        assert_eq!(counts(file.connection()), before, "no incident, obligation or timeline entry");
        assert!(crate::incident::read::list_incidents(file.connection()).unwrap().is_empty());

        // Ended, it is a record: nothing of it changes and it cannot be discarded, but its
        // follow-ups can be closed.
        assert_eq!(refusal(file.write(|tx| reveal_next(tx, id))), ErrorCode::ExerciseEnded);
        assert_eq!(refusal(file.write(|tx| mark_call(tx, id, unreached, true))), ErrorCode::ExerciseEnded);
        assert_eq!(refusal(file.write(|tx| discard_run(tx, "松本", id))), ErrorCode::ExerciseEnded);
        let follow_up = ended.follow_ups[0].id;
        let due = NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
        let on = |file: &CompanyFile, day: NaiveDate| readiness(file.connection(), day).unwrap().follow_ups;
        assert!(on(&file, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()).is_empty(), "not listed more than 30 days ahead");
        assert_eq!(on(&file, due)[0].state, ReadinessState::DueSoon);
        assert_eq!(on(&file, due.succ_opt().unwrap())[0].state, ReadinessState::Overdue);
        file.write(|tx| set_follow_up_done(tx, "中村", follow_up, Some(&today().to_string()))).unwrap();
        assert!(on(&file, due.succ_opt().unwrap()).is_empty());
        assert!(open_follow_ups(file.connection()).unwrap().is_empty());
        assert_eq!(list_runs(file.connection()).unwrap()[0].open_follow_ups, 0);
        assert_eq!(latest_ended_run(file.connection()).unwrap(), Some(id));
    }

    #[test]
    fn revealing_past_the_last_inject_is_refused_and_an_unfinished_exercise_can_be_discarded() {
        let mut file = CompanyFile::in_memory("テスト", &builtin_policy(Language::En).unwrap()).unwrap();
        let mut spec = builtin_scenarios(Language::En).remove(1).spec;
        spec.injects.truncate(2);
        let id = file.write(|tx| start_run(tx, "Sato", &spec, None, "")).unwrap();
        file.write(|tx| reveal_next(tx, id)).unwrap();
        assert_eq!(refusal(file.write(|tx| reveal_next(tx, id))), ErrorCode::NoInjectLeft);
        assert_eq!(refusal(file.write(|tx| mark_call(tx, id, 999, true))), ErrorCode::UnknownContact);
        assert_eq!(latest_ended_run(file.connection()).unwrap(), None, "an exercise under way has no report yet by default");
        file.write(|tx| discard_run(tx, "Sato", id)).unwrap();
        assert!(list_runs(file.connection()).unwrap().is_empty());
        assert!(matches!(run(file.connection(), id), Err(StoreError::Missing { .. })));
    }
}
