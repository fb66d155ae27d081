//! 事業継続管理 — the business-continuity plan: assumed incidents, damaged targets with their
//! recovery owners and the contacts those owners need, and the exercises that tested the plan.
//! The read model (every reference resolved to names, for printing) is here; the editors' shapes
//! are in [`editing`] and their writes in [`edit`].

pub mod edit;
pub mod editing;
pub mod jigyokei;

use std::collections::HashMap;

use crate::store::Db;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::policy::read::{contacts_by_id, role_names};
use crate::policy::Contact;
use crate::store::{rows, Result};

/// 想定する事象 — an assumed incident of the BCP, with why it matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BcpScenario {
    pub title: String,
    pub reason: String,
}

/// 被害対象 → 復旧責任者 → 関係者連絡先.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BcpTarget {
    pub name: String,
    /// 復旧責任者 as a role name.
    pub recovery_role: Option<String>,
    /// 復旧責任者 as a named person.
    pub recovery_contact: Option<Contact>,
    /// 関係者連絡先 from the contact table, in order.
    pub related_contacts: Vec<Contact>,
    /// Who else to call when they are not (yet) in the contact table.
    pub related_contacts_hint: String,
    pub target_recovery_time: String,
    pub recovery_steps: Vec<String>,
}

/// 訓練 — one exercise that verified the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BcpExercise {
    #[ts(type = "string")]
    pub held_on: chrono::NaiveDate,
    /// The assumed incident, or the exercise scenario when the exercise was held in Sonae.
    pub scenario: Option<String>,
    pub participants: String,
    pub what_worked: String,
    pub unreachable: String,
    pub follow_ups: String,
    /// Names of the contacts confirmed reachable in the exercise.
    pub confirmed_contacts: Vec<String>,
}

/// 事業継続管理 — the business-continuity plan (IPA model rules, part 7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Bcp {
    pub scenarios: Vec<BcpScenario>,
    pub targets: Vec<BcpTarget>,
    /// Most recent first.
    pub exercises: Vec<BcpExercise>,
}

/// The business-continuity plan: assumed incidents, damaged targets with their recovery owners
/// and related contacts, and the exercises held (most recent first).
pub fn bcp(conn: &dyn Db) -> Result<Bcp> {
    let contacts = contacts_by_id(conn)?;
    let role_names = role_names(conn)?;

    let scenarios = rows(conn, "SELECT title, reason FROM bcp_scenario ORDER BY position, id", |r| {
        Ok(BcpScenario { title: r.get(0)?, reason: r.get(1)? })
    })?;

    let mut related: HashMap<i64, Vec<Contact>> = HashMap::new();
    for (target_id, contact_id) in
        rows(conn, "SELECT target_id, contact_id FROM bcp_target_contact ORDER BY target_id, position", |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?
    {
        if let Some(contact) = contacts.get(&contact_id) {
            related.entry(target_id).or_default().push(contact.clone());
        }
    }
    let targets = rows(
        conn,
        "SELECT id, name, recovery_role_id, recovery_contact_id, related_contacts_hint, target_recovery_time, recovery_steps
           FROM bcp_target ORDER BY position, id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        },
    )?
    .into_iter()
    .map(|(id, name, role, contact, hint, time, steps)| BcpTarget {
        name,
        recovery_role: role.and_then(|id| role_names.get(&id).cloned()),
        recovery_contact: contact.and_then(|id| contacts.get(&id).cloned()),
        related_contacts: related.remove(&id).unwrap_or_default(),
        related_contacts_hint: hint,
        target_recovery_time: time,
        recovery_steps: steps.lines().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
    })
    .collect();

    let mut confirmed: HashMap<i64, Vec<String>> = HashMap::new();
    for (exercise_id, name) in rows(
        conn,
        "SELECT c.exercise_id, t.name FROM bcp_exercise_confirmation c JOIN contact t ON t.id = c.contact_id
          ORDER BY c.exercise_id, t.call_order IS NULL, t.call_order, t.id",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )? {
        confirmed.entry(exercise_id).or_default().push(name);
    }
    let exercises = rows(
        conn,
        "SELECT e.id, e.held_on, coalesce(s.title, r.title), e.participants, e.what_worked, e.unreachable, e.follow_ups
           FROM bcp_exercise e LEFT JOIN bcp_scenario s ON s.id = e.scenario_id
                LEFT JOIN exercise_run r ON r.bcp_exercise_id = e.id
          ORDER BY e.held_on DESC, e.id DESC",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                BcpExercise {
                    held_on: r.get(1)?,
                    scenario: r.get(2)?,
                    participants: r.get(3)?,
                    what_worked: r.get(4)?,
                    unreachable: r.get(5)?,
                    follow_ups: r.get(6)?,
                    confirmed_contacts: Vec::new(),
                },
            ))
        },
    )?
    .into_iter()
    .map(|(id, exercise)| BcpExercise { confirmed_contacts: confirmed.remove(&id).unwrap_or_default(), ..exercise })
    .collect();

    Ok(Bcp { scenarios, targets, exercises })
}
