//! The readiness calendar: where the reviews and the exercise stand, recording a review
//! (「見直した」), and how often each is due. Each answers with the calendar as it now stands.

use sonae_core::readiness::summary::{readiness_summary as summary_of, ReadinessSummary};
use sonae_core::readiness::{self, Readiness, ReadinessIntervals, ReviewedPart};
use sonae_core::store;
use tauri::State;

use super::{author, read_company, with_company, CommandResult};
use sonae_tasks::Session;

#[tauri::command(async)]
pub fn readiness(session: State<'_, Session>) -> CommandResult<Readiness> {
    read_company(&session, |db| readiness::readiness(db, store::today()))
}

/// 「見直した」: the policy or the BCP was reviewed today.
#[tauri::command(async)]
pub fn mark_reviewed(session: State<'_, Session>, part: ReviewedPart) -> CommandResult<Readiness> {
    let author = author(&session);
    with_company(&session, |company| {
        let today = store::today();
        company.write(|tx| readiness::mark_reviewed(tx, &author, part, today))?;
        Ok(company.read(|db| readiness::readiness(db, today))?)
    })
}

#[tauri::command(async)]
pub fn set_readiness_intervals(session: State<'_, Session>, intervals: ReadinessIntervals) -> CommandResult<Readiness> {
    let author = author(&session);
    with_company(&session, |company| {
        company.write(|tx| readiness::set_intervals(tx, &author, &intervals))?;
        Ok(company.read(|db| readiness::readiness(db, store::today()))?)
    })
}

/// 備えの点検: what is due and where the plan has gaps.
#[tauri::command(async)]
pub fn readiness_summary(session: State<'_, Session>) -> CommandResult<ReadinessSummary> {
    read_company(&session, |db| summary_of(db, store::today()))
}
