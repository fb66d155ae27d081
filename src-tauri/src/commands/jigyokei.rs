//! The 事業継続力強化計画 answers on the BCP page: read them with what would get the application
//! sent back, the fields still empty and the draft's sections as text; save them. The PDF is made
//! by `export_document` like every document.

use sonae_core::bcp::jigyokei::{self, JigyokeiPlan, JigyokeiReview, JigyokeiSection};
use sonae_core::render::{self, ExportOptions};
use sonae_core::store;
use tauri::State;

use super::{author, read_company, with_company, CommandResult};
use sonae_tasks::Session;

fn review(conn: &dyn store::Db) -> CommandResult<JigyokeiReview> {
    let today = store::today();
    let plan = jigyokei::jigyokei(conn)?;
    let sections = render::jigyokei_sections(conn, &ExportOptions { issued_on: Some(today), ..ExportOptions::default() })?
        .into_iter()
        .map(|(heading, text)| JigyokeiSection { heading, text })
        .collect();
    Ok(JigyokeiReview {
        checks: sonae_core::readiness::jigyokei_checks(conn, &plan, today)?,
        missing: jigyokei::missing(conn, &plan)?,
        sections,
        plan,
    })
}

#[tauri::command(async)]
pub fn jigyokei_review(session: State<'_, Session>) -> CommandResult<JigyokeiReview> {
    read_company(&session, review)
}

/// Saves the answers; refused (`changed_elsewhere`) when someone else saved them since their form
/// read them as `as_read`.
#[tauri::command(async)]
pub fn save_jigyokei(
    session: State<'_, Session>,
    plan: JigyokeiPlan,
    as_read: Option<JigyokeiPlan>,
) -> CommandResult<JigyokeiReview> {
    let author = author(&session);
    with_company(&session, |company| {
        company.write(|tx| {
            if let Some(as_read) = &as_read {
                jigyokei::refuse_if_jigyokei_changed(tx, as_read)?;
            }
            jigyokei::save_jigyokei(tx, &author, &plan)
        })?;
        company.read(review)
    })
}
