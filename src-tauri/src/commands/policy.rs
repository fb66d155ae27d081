//! The policy editor (response organisation, levels, categories, procedures, first-response
//! checklists, where to report), the company profile, and policy templates carried between
//! clients. Each write is one transaction in `sonae-core` and answers with the policy as stored.

use sonae_core::company;
use sonae_core::company::CompanyProfile;
use sonae_core::policy;
use sonae_core::policy::edit::PolicyEntry;
use sonae_core::policy::editing::*;
use sonae_core::store;
use sonae_core::template;
use sonae_core::template::exchange::ImportSummary;
use sonae_core::workspace::ChosenPolicyTemplate;
use sonae_tasks::Company;
use tauri::State;

use super::{author, read_company, save_through_dialog, with_company, CommandResult};
use crate::dialogs;
use sonae_tasks::{ImportKind, Session};

/// Runs one policy write and answers with the policy as it now stands.
fn edit_policy<T>(
    session: &Session,
    work: impl FnOnce(&store::Transaction, &str) -> store::Result<T> + Send,
) -> CommandResult<EditablePolicy> {
    let author = author(session);
    with_company(session, |company: &mut Company| {
        company.write(|tx| work(tx, &author))?;
        Ok(company.read(|db| policy::edit::editable_policy(db))?)
    })
}

/// [`edit_policy`] for a change to one existing entry, refused (`changed_elsewhere`) when someone
/// else changed the entry since its editor read it with `last_change_id`.
fn edit_policy_entry<T>(
    session: &Session,
    entry: PolicyEntry,
    last_change_id: Option<i64>,
    work: impl FnOnce(&store::Transaction, &str) -> store::Result<T> + Send,
) -> CommandResult<EditablePolicy> {
    edit_policy(session, move |tx, author| {
        policy::edit::refuse_if_entry_changed(tx, entry, last_change_id)?;
        work(tx, author)
    })
}

#[tauri::command(async)]
pub fn editable_policy(session: State<'_, Session>) -> CommandResult<EditablePolicy> {
    read_company(&session, |db| policy::edit::editable_policy(db))
}

/// Adds a role (`id` none) or renames and describes one (read with `last_change_id`).
#[tauri::command(async)]
pub fn save_role(
    session: State<'_, Session>,
    id: Option<i64>,
    role: RoleInput,
    last_change_id: Option<i64>,
) -> CommandResult<EditablePolicy> {
    match id {
        Some(id) => edit_policy_entry(&session, PolicyEntry::Role(id), last_change_id, |tx, author| {
            policy::edit::update_role(tx, author, id, &role)
        }),
        None => edit_policy(&session, |tx, author| policy::edit::create_role(tx, author, &role).map(drop)),
    }
}

/// The holder first, then the deputies in the order they step in.
#[tauri::command(async)]
pub fn set_role_holders(
    session: State<'_, Session>,
    id: i64,
    contact_ids: Vec<i64>,
    last_change_id: Option<i64>,
) -> CommandResult<EditablePolicy> {
    edit_policy_entry(&session, PolicyEntry::Role(id), last_change_id, |tx, author| {
        policy::edit::set_role_holders(tx, author, id, &contact_ids)
    })
}

#[tauri::command(async)]
pub fn reorder_roles(session: State<'_, Session>, ids: Vec<i64>) -> CommandResult<EditablePolicy> {
    edit_policy(&session, |tx, author| policy::edit::reorder_roles(tx, author, &ids))
}

/// Deletes a role; refused (`role_in_use`) while a level or a BCP target relies on it, and
/// (`changed_elsewhere`) when someone changed it since its editor read it with `last_change_id`.
#[tauri::command(async)]
pub fn delete_role(session: State<'_, Session>, id: i64, last_change_id: Option<i64>) -> CommandResult<EditablePolicy> {
    edit_policy_entry(&session, PolicyEntry::Role(id), last_change_id, move |tx, author| {
        policy::edit::delete_role(tx, author, id)
    })
}

#[tauri::command(async)]
pub fn update_level(
    session: State<'_, Session>,
    level: u8,
    input: LevelInput,
    last_change_id: Option<i64>,
) -> CommandResult<EditablePolicy> {
    edit_policy_entry(&session, PolicyEntry::Level(level), last_change_id, |tx, author| {
        policy::edit::update_level(tx, author, level, &input)
    })
}

#[tauri::command(async)]
pub fn update_category(
    session: State<'_, Session>,
    id: i64,
    input: CategoryInput,
    last_change_id: Option<i64>,
) -> CommandResult<EditablePolicy> {
    edit_policy_entry(&session, PolicyEntry::Category(id), last_change_id, |tx, author| {
        policy::edit::update_category(tx, author, id, &input)
    })
}

/// Replaces the note and the ordered steps for one category × level.
#[tauri::command(async)]
pub fn save_procedure(
    session: State<'_, Session>,
    category_key: String,
    level: u8,
    note: String,
    steps: Vec<StepInput>,
    last_change_id: Option<i64>,
) -> CommandResult<EditablePolicy> {
    let entry = PolicyEntry::Procedure { category_key: &category_key, level };
    edit_policy_entry(&session, entry, last_change_id, |tx, author| {
        policy::edit::save_procedure(tx, author, &category_key, level, &note, &steps)
    })
}

/// Replaces the title and the ordered items of one case's first-response checklist.
#[tauri::command(async)]
pub fn save_checklist(
    session: State<'_, Session>,
    case_key: String,
    title: String,
    items: Vec<StepInput>,
    last_change_id: Option<i64>,
) -> CommandResult<EditablePolicy> {
    edit_policy_entry(&session, PolicyEntry::Checklist { case_key: &case_key }, last_change_id, |tx, author| {
        policy::edit::save_checklist(tx, author, &case_key, &title, &items)
    })
}

/// Adds a local desk (`id` none: the prefectural police, the certification body, the insurer) or
/// changes an entry of the directory (read with `last_change_id`).
#[tauri::command(async)]
pub fn save_authority(
    session: State<'_, Session>,
    id: Option<i64>,
    authority: AuthorityInput,
    last_change_id: Option<i64>,
) -> CommandResult<EditablePolicy> {
    match id {
        Some(id) => edit_policy_entry(&session, PolicyEntry::Authority(id), last_change_id, |tx, author| {
            policy::edit::update_authority(tx, author, id, &authority)
        }),
        None => edit_policy(&session, |tx, author| policy::edit::create_authority(tx, author, &authority).map(drop)),
    }
}

/// Deletes a local entry; the authorities the assessment names cannot be deleted. Refused
/// (`changed_elsewhere`) when someone changed it since its editor read it with `last_change_id`.
#[tauri::command(async)]
pub fn delete_authority(session: State<'_, Session>, id: i64, last_change_id: Option<i64>) -> CommandResult<EditablePolicy> {
    edit_policy_entry(&session, PolicyEntry::Authority(id), last_change_id, move |tx, author| {
        policy::edit::delete_authority(tx, author, id)
    })
}

#[tauri::command(async)]
pub fn reorder_authorities(session: State<'_, Session>, ids: Vec<i64>) -> CommandResult<EditablePolicy> {
    edit_policy(&session, |tx, author| policy::edit::reorder_authorities(tx, author, &ids))
}

/// Saves the company profile; refused (`changed_elsewhere`) when someone else saved it since its
/// form read it as `as_read`.
#[tauri::command(async)]
pub fn update_company_profile(
    session: State<'_, Session>,
    profile: CompanyProfile,
    as_read: Option<CompanyProfile>,
) -> CommandResult<CompanyProfile> {
    let author = author(&session);
    with_company(&session, |company| {
        company.write(|tx| {
            if let Some(as_read) = &as_read {
                company::edit::refuse_if_profile_changed(tx, as_read)?;
            }
            company::edit::update_company_profile(tx, &author, &profile)
        })?;
        Ok(company.read(|db| company::company_profile(db))?)
    })
}

/// Saves the policy as a template file (no people in it) where the user chooses.
#[tauri::command]
pub async fn export_policy_template(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    file_name: String,
) -> CommandResult<Option<String>> {
    let bytes = read_company(&session, template::exchange::template_file_bytes)?;
    save_through_dialog(&app, "JSON", "json", &file_name, &bytes)
}

/// Asks for a policy template file and describes it; nothing is replaced yet. Answers none when
/// the user cancelled.
#[tauri::command]
pub async fn choose_policy_template(
    app: tauri::AppHandle,
    session: State<'_, Session>,
) -> CommandResult<Option<ChosenPolicyTemplate>> {
    let Some(path) = dialogs::choose_file_to_open(&app, "JSON", &["json"]) else {
        return Ok(None);
    };
    let file =
        template::file::read_template_file(&sonae_tasks::session::read_import_file(&path)?).map_err(store::StoreError::from)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    session.choose_import(ImportKind::PolicyTemplate, path);
    Ok(Some(ChosenPolicyTemplate::describe(file_name, &file)))
}

/// Replaces the policy and the BCP's scenarios and targets with the chosen template, keeping
/// people where roles and targets still match; contacts, incidents and exercises are untouched.
#[tauri::command(async)]
pub fn import_chosen_policy_template(session: State<'_, Session>) -> CommandResult<ImportSummary> {
    let (_, bytes) = session.read_chosen_import(ImportKind::PolicyTemplate)?;
    let template = template::file::parse_template_file(&bytes).map_err(store::StoreError::from)?;
    let author = author(&session);
    with_company(&session, |company| Ok(company.write(|tx| template::exchange::import_policy_template(tx, &author, &template))?))
}
