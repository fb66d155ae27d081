//! The readiness summary: what an owner or a consultant reads in a minute to know whether the
//! plan would hold today — roles nobody holds or nobody stands in for, procedures without steps,
//! BCP targets without a recovery owner or anyone to call, contacts not confirmed, and the last
//! exercise with what it left to do (docs/rules.md §12). The screen and the one-page PDF both
//! read it.

use crate::store::Db;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{readiness, ReadinessItem};
use crate::exercise::run::{open_follow_ups, FollowUp};
use crate::store::{rows, Result};

/// A category × level of the policy whose procedure has no step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProcedureGap {
    pub category: String,
    pub level: u8,
}

/// The most recent exercise recorded in the BCP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LastExercise {
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    /// The assumed incident or exercise scenario it practised, if one was chosen.
    pub scenario: Option<String>,
    /// Who could not be reached, as recorded.
    pub unreachable: String,
    /// What it left to do, as recorded (empty for an exercise held in Sonae, whose follow-ups are
    /// in `open_follow_ups` with their state).
    pub follow_ups: String,
}

/// The gaps in the plan as of a day; every list empty and the calendar done means ready.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReadinessSummary {
    #[ts(type = "string")]
    pub checked_on: NaiveDate,
    pub calendar: Vec<ReadinessItem>,
    pub roles_without_holder: Vec<String>,
    /// Roles with a holder and nobody to stand in for them.
    pub roles_without_deputy: Vec<String>,
    /// Levels 1 to 3 of each category (level 0 is a near miss and needs no procedure).
    pub procedures_without_steps: Vec<ProcedureGap>,
    /// BCP targets with neither a recovery role nor a recovery person.
    pub targets_without_owner: Vec<String>,
    /// BCP targets with no related contact, chosen or written down.
    pub targets_without_contacts: Vec<String>,
    pub stale_contact_count: i64,
    pub stale_contact_months: i64,
    pub last_exercise: Option<LastExercise>,
    /// Follow-up actions of any exercise not yet done, the earliest due first.
    pub open_follow_ups: Vec<FollowUp>,
}

/// The roles nobody holds, in the policy's order.
pub fn roles_without_holder(conn: &dyn Db) -> Result<Vec<String>> {
    rows(
        conn,
        "SELECT name FROM role r WHERE NOT EXISTS (SELECT 1 FROM role_holder h WHERE h.role_id = r.id) ORDER BY position, id",
        |r| r.get(0),
    )
}

/// The BCP targets with neither a recovery role nor a recovery person, in the plan's order.
pub fn targets_without_owner(conn: &dyn Db) -> Result<Vec<String>> {
    rows(
        conn,
        "SELECT name FROM bcp_target WHERE recovery_role_id IS NULL AND recovery_contact_id IS NULL ORDER BY position, id",
        |r| r.get(0),
    )
}

/// The readiness summary of the company file as of `today`.
pub fn readiness_summary(conn: &dyn Db, today: NaiveDate) -> Result<ReadinessSummary> {
    let names = |sql: &str| rows(conn, sql, |r| r.get::<_, String>(0));
    let roles_without_holder = roles_without_holder(conn)?;
    let roles_without_deputy = names(
        "SELECT name FROM role r WHERE (SELECT count(*) FROM role_holder h WHERE h.role_id = r.id) = 1 ORDER BY position, id",
    )?;
    let procedures_without_steps = rows(
        conn,
        "SELECT c.name, l.level FROM category c CROSS JOIN level l
          WHERE l.level > 0 AND NOT EXISTS (
                SELECT 1 FROM procedure p JOIN procedure_step s ON s.procedure_id = p.id
                 WHERE p.category_id = c.id AND p.level = l.level)
          ORDER BY c.position, l.level",
        |r| Ok(ProcedureGap { category: r.get(0)?, level: r.get(1)? }),
    )?;
    let targets_without_owner = targets_without_owner(conn)?;
    let targets_without_contacts = names(
        "SELECT name FROM bcp_target t
          WHERE trim(related_contacts_hint) = ''
            AND NOT EXISTS (SELECT 1 FROM bcp_target_contact c WHERE c.target_id = t.id)
          ORDER BY position, id",
    )?;
    let stale_contact_months: i64 = conn.query_row("SELECT stale_contact_months FROM company WHERE id = 1", [], |r| r.get(0))?;
    let stale_contact_count = crate::contacts::stale_count(conn, crate::contacts::stale_cutoff(today, stale_contact_months))?;
    let last_exercise = rows(
        conn,
        // The follow-ups of an exercise held in Sonae are listed with their state below, so its
        // record's copy of them (written when it ended) is not repeated.
        "SELECT e.held_on, coalesce(s.title, r.title), e.unreachable, CASE WHEN r.id IS NULL THEN e.follow_ups ELSE '' END
           FROM bcp_exercise e LEFT JOIN bcp_scenario s ON s.id = e.scenario_id
                LEFT JOIN exercise_run r ON r.bcp_exercise_id = e.id
          ORDER BY e.held_on DESC, e.id DESC LIMIT 1",
        |r| Ok(LastExercise { held_on: r.get(0)?, scenario: r.get(1)?, unreachable: r.get(2)?, follow_ups: r.get(3)? }),
    )?
    .pop();
    Ok(ReadinessSummary {
        checked_on: today,
        calendar: readiness(conn, today)?.items,
        roles_without_holder,
        roles_without_deputy,
        procedures_without_steps,
        targets_without_owner,
        targets_without_contacts,
        stale_contact_count,
        stale_contact_months,
        last_exercise,
        open_follow_ups: open_follow_ups(conn)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company_file::CompanyFile;
    use crate::language::Language;

    #[test]
    fn the_demo_company_shows_its_gaps_and_filling_one_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = CompanyFile::create_demo(&dir.path().join("demo.sonae"), Language::Ja).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let before = readiness_summary(file.connection(), today).unwrap();
        assert!(before.roles_without_holder.is_empty(), "{before:?}");
        let last = before.last_exercise.as_ref().expect("the demo records an exercise");
        assert!(last.follow_ups.is_empty(), "held in Sonae: its follow-ups are listed once, with their state");
        assert_eq!(before.open_follow_ups.len(), 2, "the demo exercise's two follow-ups not yet done");
        assert!(before.stale_contact_count > 0 && before.stale_contact_months == 12);

        // A role nobody holds, a target nobody owns or can call: both show, by name.
        file.write(|tx| {
            tx.execute("INSERT INTO role (key, name, position) VALUES ('pr', '広報担当', 99)", [])?;
            tx.execute("INSERT INTO bcp_target (name, position) VALUES ('予約サイト', 99)", [])?;
            tx.execute("DELETE FROM procedure_step WHERE procedure_id IN (SELECT p.id FROM procedure p JOIN category c ON c.id = p.category_id WHERE c.key = 'malware' AND p.level = 3)", [])?;
            Ok(())
        })
        .unwrap();
        let after = readiness_summary(file.connection(), today).unwrap();
        assert_eq!(after.roles_without_holder, ["広報担当"]);
        assert!(after.targets_without_owner.contains(&"予約サイト".to_owned()));
        assert!(after.targets_without_contacts.contains(&"予約サイト".to_owned()));
        assert!(after.procedures_without_steps.iter().any(|g| g.level == 3 && g.category.contains("ウイルス")), "{after:?}");
        assert!(after.procedures_without_steps.iter().all(|g| g.level > 0));
    }
}
