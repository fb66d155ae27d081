//! 机上訓練 — tabletop exercises: a team plays a scenario against the company's own call tree,
//! procedures and BCP, the facilitator reveals what happens next, and what the team did, who
//! answered and what has to be fixed are recorded (docs/rules.md §13). Ending an exercise writes
//! the BCP's exercise record; the gaps it found become follow-up actions with an owner and a due
//! date, which the readiness calendar lists until they are done.
//!
//! - `scenario`: the scenarios (built in, written in the editor, or imported from a file);
//! - `run`: an exercise as it is held, and its follow-ups.

pub mod run;
pub mod scenario;

use crate::store::Db;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bcp::BcpTarget;
use crate::policy::{AuthorityDesk, Contact, Procedure};
use crate::store::Result;

/// What the team works from during an exercise: the company's own call tree, the procedures of
/// the scenario's category, the authority directory and the BCP's damaged targets — the same
/// facts the incident wizard and the BCP show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExerciseReference {
    /// In calling order.
    pub call_tree: Vec<Contact>,
    /// Levels 1 to 3 of the category; none for a disaster scenario.
    pub procedures: Vec<Procedure>,
    pub authorities: Vec<AuthorityDesk>,
    pub targets: Vec<BcpTarget>,
}

/// The reference for an exercise of a scenario in `category` (none for a disaster).
pub fn reference(conn: &dyn Db, category: Option<&str>) -> Result<ExerciseReference> {
    let policy = crate::policy::read::policy(conn)?;
    Ok(ExerciseReference {
        call_tree: crate::policy::read::call_tree(conn)?,
        procedures: policy.procedures.into_iter().filter(|p| p.level > 0 && Some(p.category_key.as_str()) == category).collect(),
        authorities: policy.authorities,
        targets: crate::bcp::bcp(conn)?.targets,
    })
}
