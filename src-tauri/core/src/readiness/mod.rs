//! The readiness calendar: what keeps a plan alive between incidents — reviewing the policy,
//! reviewing the BCP, exercising the plan — each due a number of months after it was last done
//! (docs/rules.md §12). The home screen lists what is due soon or overdue; the policy and BCP
//! pages record a review with 「見直した」.

pub mod summary;

use crate::store::history::ChangedEntity;
use crate::store::{Db, Transaction};
use chrono::{Months, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_code::ErrorCode;
use crate::exercise::run::{open_follow_ups, FollowUp};
use crate::store::history::record_change;
use crate::store::{now, refused, Result};

/// How many days before its due date a task is listed as coming due.
pub const DUE_SOON_DAYS: u64 = 30;

/// The recurring tasks of the calendar.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReadinessTask {
    /// 方針の見直し — reading the incident-response policy again and marking it reviewed.
    PolicyReview,
    /// 事業継続計画の見直し.
    BcpReview,
    /// 訓練 — an exercise of the plan, as recorded in the BCP.
    Exercise,
}

crate::keys::keyed!(ReadinessTask);

/// Where a task stands on a given day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReadinessState {
    /// Never done, or its due date has passed.
    Overdue,
    /// Due within [`DUE_SOON_DAYS`] days.
    DueSoon,
    /// Done, and not due for more than [`DUE_SOON_DAYS`] days.
    Done,
}

crate::keys::keyed!(ReadinessState);

/// One task of the calendar as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReadinessItem {
    pub task: ReadinessTask,
    pub state: ReadinessState,
    /// When it was last done; null when never recorded.
    #[ts(type = "string | null")]
    pub last_done: Option<NaiveDate>,
    /// When it is next due; null when it was never done (it is due now).
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
    pub interval_months: u32,
}

/// How often each task recurs, in months (1 to 120; 12 by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadinessIntervals {
    pub policy_review_months: u32,
    pub bcp_review_months: u32,
    pub exercise_months: u32,
}

/// A follow-up action of an exercise that is overdue or due within [`DUE_SOON_DAYS`] days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DueFollowUp {
    pub follow_up: FollowUp,
    /// Overdue once its due date has passed; due soon before.
    pub state: ReadinessState,
}

/// The whole calendar, for the home screen and the pages that record a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Readiness {
    pub intervals: ReadinessIntervals,
    /// Every task, in the order [`ReadinessTask`] lists them.
    pub items: Vec<ReadinessItem>,
    /// Open follow-up actions due within [`DUE_SOON_DAYS`] days or overdue, the earliest first.
    pub follow_ups: Vec<DueFollowUp>,
}

/// The day a task done on `last` is due again: `months` later, on the same day of the month or,
/// when that month is shorter, on its last day (31 January + 1 month = 28 or 29 February).
pub fn due_date(last: NaiveDate, months: u32) -> NaiveDate {
    last.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// Where a task last done on `last` (never, when `None`) and recurring every `months` stands on
/// `today`. A task due today is not yet overdue.
pub fn state_on(today: NaiveDate, last: Option<NaiveDate>, months: u32) -> ReadinessState {
    let Some(last) = last else { return ReadinessState::Overdue };
    let due = due_date(last, months);
    if today > due {
        ReadinessState::Overdue
    } else if today >= due.checked_sub_days(chrono::Days::new(DUE_SOON_DAYS)).unwrap_or(due) {
        ReadinessState::DueSoon
    } else {
        ReadinessState::Done
    }
}

/// How often each task recurs, as the company file keeps it.
fn stored_intervals(conn: &dyn Db) -> Result<ReadinessIntervals> {
    conn.query_row("SELECT policy_review_months, bcp_review_months, exercise_months FROM company WHERE id = 1", [], |r| {
        Ok(ReadinessIntervals { policy_review_months: r.get(0)?, bcp_review_months: r.get(1)?, exercise_months: r.get(2)? })
    })
}

/// The calendar of the company file as of `today`.
pub fn readiness(conn: &dyn Db, today: NaiveDate) -> Result<Readiness> {
    let intervals = stored_intervals(conn)?;
    let (policy_reviewed_on, bcp_reviewed_on): (Option<NaiveDate>, Option<NaiveDate>) =
        conn.query_row("SELECT policy_reviewed_on, bcp_reviewed_on FROM company WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let last_exercise: Option<NaiveDate> = conn.query_row("SELECT max(held_on) FROM bcp_exercise", [], |r| r.get(0))?;
    let item = |task, last_done: Option<NaiveDate>, interval_months: u32| ReadinessItem {
        task,
        state: state_on(today, last_done, interval_months),
        last_done,
        due_on: last_done.map(|last| due_date(last, interval_months)),
        interval_months,
    };
    let items = vec![
        item(ReadinessTask::PolicyReview, policy_reviewed_on, intervals.policy_review_months),
        item(ReadinessTask::BcpReview, bcp_reviewed_on, intervals.bcp_review_months),
        item(ReadinessTask::Exercise, last_exercise, intervals.exercise_months),
    ];
    let soon = today.checked_add_days(chrono::Days::new(DUE_SOON_DAYS)).unwrap_or(NaiveDate::MAX);
    let follow_ups = open_follow_ups(conn)?
        .into_iter()
        .take_while(|f| f.due_on <= soon)
        .map(|follow_up| DueFollowUp {
            state: if follow_up.due_on < today { ReadinessState::Overdue } else { ReadinessState::DueSoon },
            follow_up,
        })
        .collect();
    Ok(Readiness { intervals, items, follow_ups })
}

/// The date the policy was last reviewed, for the policy document.
pub fn policy_reviewed_on(conn: &dyn Db) -> Result<Option<NaiveDate>> {
    conn.query_row("SELECT policy_reviewed_on FROM company WHERE id = 1", [], |r| r.get(0))
}

/// Which part of the plan a review was recorded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewedPart {
    Policy,
    Bcp,
}

/// Records that the policy or the BCP was reviewed on `on` (「見直した」), in the change history.
pub fn mark_reviewed(tx: &Transaction, author: &str, part: ReviewedPart, on: NaiveDate) -> Result<()> {
    let column = match part {
        ReviewedPart::Policy => "policy_reviewed_on",
        ReviewedPart::Bcp => "bcp_reviewed_on",
    };
    let before: Option<NaiveDate> = tx.query_row(&format!("SELECT {column} FROM company WHERE id = 1"), [], |r| r.get(0))?;
    if before == Some(on) {
        return Ok(());
    }
    tx.execute(&format!("UPDATE company SET {column} = ?1, updated_at = ?2 WHERE id = 1"), params![on, now()])?;
    let field = |date: Option<NaiveDate>| serde_json::json!({ column: date });
    record_change(tx, author, ChangedEntity::Company, Some(1), Some(&field(before)), Some(&field(Some(on))))
}

/// Sets how often each task recurs; each interval is 1 to 120 months (`invalid_interval`).
pub fn set_intervals(tx: &Transaction, author: &str, intervals: &ReadinessIntervals) -> Result<()> {
    for months in [intervals.policy_review_months, intervals.bcp_review_months, intervals.exercise_months] {
        if !(1..=120).contains(&months) {
            return Err(refused(ErrorCode::InvalidInterval, format!("{months} months is not between 1 and 120")));
        }
    }
    let before = stored_intervals(tx)?;
    if before == *intervals {
        return Ok(());
    }
    tx.execute(
        "UPDATE company SET policy_review_months = ?1, bcp_review_months = ?2, exercise_months = ?3, updated_at = ?4
          WHERE id = 1",
        params![intervals.policy_review_months, intervals.bcp_review_months, intervals.exercise_months, now()],
    )?;
    record_change(tx, author, ChangedEntity::Company, Some(1), Some(&before), Some(intervals))
}

/// The ジギョケイ application's checks as of `today`, with what the company file says about
/// keeping the plan alive: the BCP's targets nobody recovers, the exercise and the BCP review on
/// the calendar.
pub fn jigyokei_checks(
    conn: &dyn Db,
    plan: &crate::bcp::jigyokei::JigyokeiPlan,
    today: NaiveDate,
) -> Result<Vec<crate::bcp::jigyokei::JigyokeiCheck>> {
    let calendar = readiness(conn, today)?;
    let state_of = |task| calendar.items.iter().find(|i| i.task == task).map(|i| (i.state, i.last_done));
    let kept = crate::bcp::jigyokei::KeptAlive {
        targets_without_owner: summary::targets_without_owner(conn)?,
        exercise_due: state_of(ReadinessTask::Exercise).is_none_or(|(state, _)| state == ReadinessState::Overdue),
        bcp_never_reviewed: state_of(ReadinessTask::BcpReview).is_none_or(|(_, last)| last.is_none()),
    };
    Ok(crate::bcp::jigyokei::checks(plan, &kept))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company_file::CompanyFile;
    use crate::language::Language;
    use crate::template::builtin_policy;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_task_is_due_the_same_day_months_later_or_on_the_last_day_of_a_shorter_month() {
        assert_eq!(due_date(day("2025-11-29"), 12), day("2026-11-29"));
        assert_eq!(due_date(day("2026-01-31"), 1), day("2026-02-28"));
        assert_eq!(due_date(day("2028-01-31"), 1), day("2028-02-29"));
        // 29 February: a year later there is none, four years later there is.
        assert_eq!(due_date(day("2024-02-29"), 12), day("2025-02-28"));
        assert_eq!(due_date(day("2024-02-29"), 48), day("2028-02-29"));
        assert_eq!(due_date(day("2026-08-31"), 120), day("2036-08-31"));
    }

    #[test]
    fn overdue_after_the_due_date_due_soon_in_the_month_before_and_never_done_is_overdue() {
        let last = Some(day("2025-12-01"));
        assert_eq!(state_on(day("2026-10-31"), last, 12), ReadinessState::Done);
        assert_eq!(state_on(day("2026-11-01"), last, 12), ReadinessState::DueSoon);
        assert_eq!(state_on(day("2026-12-01"), last, 12), ReadinessState::DueSoon);
        assert_eq!(state_on(day("2026-12-02"), last, 12), ReadinessState::Overdue);
        assert_eq!(state_on(day("2026-12-02"), None, 12), ReadinessState::Overdue);
    }

    #[test]
    fn every_interval_from_1_to_120_months_comes_due_in_order() {
        for start in ["2024-01-31", "2024-02-29", "2025-03-31", "2026-12-31"] {
            let last = day(start);
            for months in 1..=120 {
                let due = due_date(last, months);
                assert!(due > last, "{start} + {months}");
                assert!(due > due_date(last, months - 1) || months == 1, "{start} + {months} is after + {}", months - 1);
                assert_eq!(state_on(due, Some(last), months), ReadinessState::DueSoon, "{start} + {months}");
                assert_eq!(state_on(due.succ_opt().unwrap(), Some(last), months), ReadinessState::Overdue);
                if months > 1 {
                    assert_eq!(state_on(last, Some(last), months), ReadinessState::Done, "{start} + {months}");
                }
            }
        }
    }

    #[test]
    fn a_review_is_recorded_with_its_history_and_intervals_are_kept_between_1_and_120() {
        let mut file = CompanyFile::in_memory("テスト", &builtin_policy(Language::Ja).unwrap()).unwrap();
        let today = day("2026-11-29");
        let before = readiness(file.connection(), today).unwrap();
        assert!(before.items.iter().all(|i| i.state == ReadinessState::Overdue && i.last_done.is_none()));

        file.write(|tx| mark_reviewed(tx, "佐藤", ReviewedPart::Policy, day("2025-10-29"))).unwrap();
        let after = readiness(file.connection(), today).unwrap();
        let policy = &after.items[0];
        assert_eq!(
            (policy.task, policy.state, policy.due_on),
            (ReadinessTask::PolicyReview, ReadinessState::Overdue, Some(day("2026-10-29")))
        );
        file.write(|tx| mark_reviewed(tx, "佐藤", ReviewedPart::Policy, today)).unwrap();
        // Pressed twice the same day, it is one review.
        file.write(|tx| mark_reviewed(tx, "佐藤", ReviewedPart::Policy, today)).unwrap();
        assert_eq!(readiness(file.connection(), today).unwrap().items[0].state, ReadinessState::Done);
        assert_eq!(policy_reviewed_on(file.connection()).unwrap(), Some(today));
        let changes: i64 = file
            .connection()
            .query_row(
                "SELECT count(*) FROM change_log WHERE entity = 'company' AND after LIKE '%policy_reviewed_on%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(changes, 2);

        for months in [0, 121] {
            let wrong = ReadinessIntervals { policy_review_months: 12, bcp_review_months: months, exercise_months: 12 };
            let refused = file.write(|tx| set_intervals(tx, "佐藤", &wrong)).unwrap_err();
            assert_eq!(refused.code(), ErrorCode::InvalidInterval);
        }
        let chosen = ReadinessIntervals { policy_review_months: 24, bcp_review_months: 6, exercise_months: 12 };
        file.write(|tx| set_intervals(tx, "佐藤", &chosen)).unwrap();
        assert_eq!(readiness(file.connection(), today).unwrap().intervals, chosen);
    }

    #[test]
    fn the_jigyokei_checks_read_the_targets_and_the_calendar_of_the_file() {
        use crate::bcp::jigyokei::{JigyokeiCheck, JigyokeiPlan};
        let mut file = CompanyFile::in_memory("テスト", &builtin_policy(Language::Ja).unwrap()).unwrap();
        let today = day("2026-11-29");
        let owned =
            |found: &[JigyokeiCheck]| found.iter().filter(|c| matches!(c, JigyokeiCheck::TargetWithoutOwner { .. })).count();
        let found = jigyokei_checks(file.connection(), &JigyokeiPlan::default(), today).unwrap();
        assert_eq!(owned(&found), 0, "the built-in template's targets each have a recovery role: {found:?}");
        let name: String = file
            .write(|tx| {
                tx.execute(
                    "UPDATE bcp_target SET recovery_role_id = NULL, recovery_contact_id = NULL
                      WHERE id = (SELECT min(id) FROM bcp_target)",
                    [],
                )?;
                tx.query_row("SELECT name FROM bcp_target ORDER BY id LIMIT 1", [], |r| r.get(0))
            })
            .unwrap();
        let found = jigyokei_checks(file.connection(), &JigyokeiPlan::default(), today).unwrap();
        assert_eq!(owned(&found), 1, "{found:?}");
        assert!(found.contains(&JigyokeiCheck::TargetWithoutOwner { name }), "{found:?}");
        assert!(found.contains(&JigyokeiCheck::NoTrainingPlanned) && found.contains(&JigyokeiCheck::NoReviewDate));
        // Once the BCP is reviewed, an empty review plan is no longer a reason to be sent back.
        file.write(|tx| mark_reviewed(tx, "鈴木", ReviewedPart::Bcp, today)).unwrap();
        let found = jigyokei_checks(file.connection(), &JigyokeiPlan::default(), today).unwrap();
        assert!(!found.contains(&JigyokeiCheck::NoReviewDate), "{found:?}");
    }
}
