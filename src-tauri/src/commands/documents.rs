//! Printed documents and submission drafts: saved as PDF where the user chooses, or handed over
//! as plain text in the order of the authority's web form. Documents come out in the language the
//! user reads the app in.

use sonae_core::render::{self, Document, ExportOptions, ReportStage};
use tauri::State;

use super::{language, save_through_dialog, with_company, CommandResult};
use sonae_tasks::Session;

fn options(session: &Session, incident_id: Option<i64>, stage: ReportStage) -> ExportOptions {
    ExportOptions { incident_id, exercise_id: None, stage, language: language(session), issued_on: None }
}

/// Makes the PDF, then asks where to save it; answers with the saved path, or none when the user
/// cancelled.
#[tauri::command]
pub async fn export_document(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    document: Document,
    incident_id: Option<i64>,
    exercise_id: Option<i64>,
    stage: ReportStage,
    file_name: String,
) -> CommandResult<Option<String>> {
    let options = ExportOptions { exercise_id, ..options(&session, incident_id, stage) };
    let pdf = session.long_task_on_company(|company| Ok(render::export(company.connection(), document, &options)?))?;
    save_through_dialog(&app, "PDF", "pdf", &file_name, &pdf)
}

/// A draft as plain text, in the order of the authority's web form.
#[tauri::command(async)]
pub fn draft_text(
    session: State<'_, Session>,
    document: Document,
    incident_id: i64,
    stage: ReportStage,
) -> CommandResult<String> {
    let options = options(&session, Some(incident_id), stage);
    with_company(&session, |company| Ok(render::draft_text(company.connection(), document, &options)?))
}
