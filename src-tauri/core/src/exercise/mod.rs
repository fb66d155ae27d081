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
