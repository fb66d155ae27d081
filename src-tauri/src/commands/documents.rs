//! Printed documents and submission drafts: saved as PDF where the user chooses, or handed over
//! as plain text in the order of the authority's web form. Documents come out in the language the
//! user reads the app in.

use sonae_core::model::{ErrorReport, Language};
use sonae_core::render::{self, Document, ExportOptions, ReportStage};
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use super::{with_company, CommandResult};
use crate::session::Session;

fn options(session: &Session, incident_id: Option<i64>, stage: ReportStage) -> ExportOptions {
    let language = session.settings.lock().map(|s| s.preferences.language).unwrap_or(Language::Ja);
    ExportOptions { incident_id, stage, language, issued_on: None }
}

/// Makes the PDF, then asks where to save it; answers with the saved path, or none when the user
/// cancelled. The dialog is opened from here, so the window never names a path to write.
#[tauri::command]
pub async fn export_document(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    document: Document,
    incident_id: Option<i64>,
    stage: ReportStage,
    file_name: String,
) -> CommandResult<Option<String>> {
    let options = options(&session, incident_id, stage);
    let pdf = with_company(&session, |company| Ok(render::export(company.connection(), document, &options)?))?;
    let chosen = app.dialog().file().add_filter("PDF", &["pdf"]).set_file_name(&file_name).blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    // The dialog already asked before replacing an existing file.
    render::save(&path, &pdf, true).map_err(ErrorReport::from)?;
    Ok(Some(path.display().to_string()))
}

/// A draft as plain text, in the order of the authority's web form.
#[tauri::command]
pub fn draft_text(
    session: State<'_, Session>,
    document: Document,
    incident_id: i64,
    stage: ReportStage,
) -> CommandResult<String> {
    let options = options(&session, Some(incident_id), stage);
    with_company(&session, |company| Ok(render::draft_text(company.connection(), document, &options)?))
}
