//! Printed documents and submission drafts: saved as PDF where the user chooses, or handed over
//! as plain text in the order of the authority's web form. Documents come out in the language the
//! user reads the app in.

use sonae_core::incident::letters::{self, EditedLetter};
use sonae_core::render::{self, Document, ExportOptions, LetterView, ReportStage};
use tauri::State;

use super::{author, language, read_company, save_through_dialog, with_company, CommandResult};
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
    let pdf = session.long_task_on_company(|company| Ok(company.read(|db| render::export(db, document, &options))?))?;
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
    read_company(&session, |db| render::draft_text(db, document, &options))
}

/// A letter (the notice to the people affected, the client notice) for the editor: its text as it
/// will be printed, the text composed from the record, and whether the facts changed since it was
/// edited.
#[tauri::command(async)]
pub fn letter(session: State<'_, Session>, document: Document, incident_id: i64) -> CommandResult<LetterView> {
    let options = options(&session, Some(incident_id), ReportStage::Preliminary);
    read_company(&session, |db| render::letter_view(db, document, &options))
}

/// Keeps the office's text as the letter from now on; the timeline records the edit. Refused
/// (`changed_elsewhere`) when the letter was edited or composed again since the editor's text was
/// read, based on the saved edit `as_read` (none: the composed letter).
#[tauri::command(async)]
pub fn save_letter(
    session: State<'_, Session>,
    document: Document,
    incident_id: i64,
    text: String,
    as_read: Option<EditedLetter>,
) -> CommandResult<LetterView> {
    let options = options(&session, Some(incident_id), ReportStage::Preliminary);
    let author = author(&session);
    with_company(&session, |company| {
        let view = company.read(|db| render::letter_view(db, document, &options))?;
        company.write(|tx| {
            letters::refuse_if_edited_since(tx, incident_id, document.key(), as_read.as_ref())?;
            letters::save(tx, incident_id, document.key(), &view.title, &text, &view.composed, &author)
        })?;
        Ok(company.read(|db| render::letter_view(db, document, &options))?)
    })
}

/// Gives up the office's edit: the letter is composed from the record again. Refused like a save
/// when the letter changed since the editor read it (`as_read`).
#[tauri::command(async)]
pub fn recompose_letter(
    session: State<'_, Session>,
    document: Document,
    incident_id: i64,
    as_read: Option<EditedLetter>,
) -> CommandResult<LetterView> {
    let options = options(&session, Some(incident_id), ReportStage::Preliminary);
    let author = author(&session);
    with_company(&session, |company| {
        let view = company.read(|db| render::letter_view(db, document, &options))?;
        company.write(|tx| {
            letters::refuse_if_edited_since(tx, incident_id, document.key(), as_read.as_ref())?;
            letters::discard(tx, incident_id, document.key(), &view.title, &author)
        })?;
        Ok(company.read(|db| render::letter_view(db, document, &options))?)
    })
}
