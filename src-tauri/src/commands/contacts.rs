//! The contact table: list and search, edit, confirm, the call tree, and CSV import and export.
//! Writes answer with the contact as stored, so the form shows exactly what was saved.

use sonae_core::contacts::csv::{CsvField, CsvPreview};
use sonae_core::contacts::{self, *};
use sonae_core::store;
use sonae_core::store::history::{self, ChangedEntity};
use sonae_core::workspace::ChosenContactsCsv;
use tauri::State;

use super::{author, read_company, save_through_dialog, with_company, CommandResult};
use crate::dialogs;
use sonae_tasks::{ImportKind, Session};

#[tauri::command(async)]
pub fn list_contacts(session: State<'_, Session>, query: ContactQuery) -> CommandResult<ContactPage> {
    read_company(&session, |db| contacts::list_contacts(db, &query))
}

#[tauri::command(async)]
pub fn contact_details(session: State<'_, Session>, id: i64) -> CommandResult<ContactDetails> {
    read_company(&session, |db| contacts::contact(db, id))
}

/// Where a contact is used (roles, BCP, exercises, incident calls), to explain a refused deletion.
#[tauri::command(async)]
pub fn contact_usage(session: State<'_, Session>, id: i64) -> CommandResult<Vec<ContactUse>> {
    read_company(&session, |db| contacts::contact_usage(db, id))
}

#[tauri::command(async)]
pub fn create_contact(session: State<'_, Session>, contact: ContactInput) -> CommandResult<ContactDetails> {
    let author = author(&session);
    with_company(&session, |company| {
        let id = company.write(|tx| contacts::create_contact(tx, &author, &contact))?;
        Ok(company.read(|db| contacts::contact(db, id))?)
    })
}

/// Replaces a contact with the form's contents. `last_change_id` is the one the form was read
/// with: when someone else changed the contact since, the save is refused (`changed_elsewhere`)
/// and theirs is kept.
#[tauri::command(async)]
pub fn update_contact(
    session: State<'_, Session>,
    id: i64,
    contact: ContactInput,
    last_change_id: Option<i64>,
) -> CommandResult<ContactDetails> {
    let author = author(&session);
    with_company(&session, |company| {
        company.write(|tx| {
            history::refuse_if_changed_since(tx, ChangedEntity::Contact, id, last_change_id)?;
            contacts::update_contact(tx, &author, id, &contact)
        })?;
        Ok(company.read(|db| contacts::contact(db, id))?)
    })
}

/// Deletes a contact; refused (`contact_in_use`) while it holds a role or owns a recovery, and
/// (`changed_elsewhere`) when someone changed it since the form read it with `last_change_id`:
/// their change is not thrown away unseen.
#[tauri::command(async)]
pub fn delete_contact(session: State<'_, Session>, id: i64, last_change_id: Option<i64>) -> CommandResult<()> {
    let author = author(&session);
    with_company(&session, |company| {
        Ok(company.write(|tx| {
            history::refuse_if_changed_since(tx, ChangedEntity::Contact, id, last_change_id)?;
            contacts::delete_contact(tx, &author, id)
        })?)
    })
}

/// 「今日確認した」 for one contact or several.
#[tauri::command(async)]
pub fn confirm_contacts(session: State<'_, Session>, ids: Vec<i64>) -> CommandResult<()> {
    let author = author(&session);
    with_company(&session, |company| Ok(company.write(|tx| contacts::confirm_contacts(tx, &author, &ids, store::today()))?))
}

/// 連絡網: the internal call tree, in calling order.
#[tauri::command(async)]
pub fn set_call_order(session: State<'_, Session>, ids: Vec<i64>) -> CommandResult<()> {
    let author = author(&session);
    with_company(&session, |company| Ok(company.write(|tx| contacts::set_call_order(tx, &author, &ids))?))
}

/// How many months may pass before a contact is due for confirmation again.
#[tauri::command(async)]
pub fn set_stale_contact_months(session: State<'_, Session>, months: i64) -> CommandResult<()> {
    let author = author(&session);
    with_company(&session, |company| Ok(company.write(|tx| contacts::set_stale_contact_months(tx, &author, months))?))
}

/// Asks for a contacts CSV and says what importing it would do; nothing is imported yet. Answers
/// none when the user cancelled.
#[tauri::command]
pub async fn choose_contacts_csv(app: tauri::AppHandle, session: State<'_, Session>) -> CommandResult<Option<ChosenContactsCsv>> {
    let Some(path) = dialogs::choose_file_to_open(&app, "CSV", &["csv", "txt"]) else {
        return Ok(None);
    };
    session.choose_import(ImportKind::ContactsCsv, path);
    preview_chosen_contacts_csv(session, None).map(Some)
}

/// Reads the chosen CSV again as it is on disk now (after the user fixed it) and previews it,
/// with its columns read as `mapping` says, else as they were read last time for a list with the
/// same headings, else as guessed.
#[tauri::command(async)]
pub fn preview_chosen_contacts_csv(
    session: State<'_, Session>,
    mapping: Option<Vec<Option<CsvField>>>,
) -> CommandResult<ChosenContactsCsv> {
    let (path, bytes) = session.read_chosen_import(ImportKind::ContactsCsv)?;
    let mut preview: CsvPreview = with_company(&session, |company| {
        Ok(company.read(|db| contacts::preview_contacts_import_mapped(db, &bytes, mapping.as_deref()))?)
    })?;
    if mapping.is_none() {
        let headers: Vec<String> = preview.columns.iter().map(|c| c.header.clone()).collect();
        let remembered = session.remembered_csv_mapping(&headers);
        if let Some(remembered) = remembered {
            preview = with_company(&session, |company| {
                Ok(company.read(|db| contacts::preview_contacts_import_mapped(db, &bytes, Some(&remembered)))?)
            })?;
        }
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(ChosenContactsCsv { file_name, preview })
}

/// Imports the chosen CSV as it is on disk now, with the columns read as `mapping` says: all
/// rows, or nothing when any row has an error. The mapping is remembered for the next list with
/// the same headings.
#[tauri::command(async)]
pub fn import_chosen_contacts_csv(
    session: State<'_, Session>,
    mapping: Option<Vec<Option<CsvField>>>,
) -> CommandResult<CsvImportSummary> {
    let (_, bytes) = session.read_chosen_import(ImportKind::ContactsCsv)?;
    let author = author(&session);
    let (summary, headers) = session.long_task_on_company(|company| {
        let preview = company.read(|db| contacts::preview_contacts_import_mapped(db, &bytes, mapping.as_deref()))?;
        let summary = company.write(|tx| contacts::import_contacts_mapped(tx, &author, &bytes, mapping.as_deref()))?;
        Ok((summary, preview.columns))
    })?;
    if let Some(fields) = mapping {
        session.remember_csv_mapping(headers.into_iter().map(|c| c.header).collect(), fields);
    }
    Ok(summary)
}

/// Every contact as a CSV for Excel, saved where the user chooses.
#[tauri::command]
pub async fn export_contacts_csv(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    file_name: String,
) -> CommandResult<Option<String>> {
    let csv = session.long_task_on_company(|company| Ok(company.read(contacts::export_contacts_csv)?))?;
    save_through_dialog(&app, "CSV", "csv", &file_name, &csv)
}
