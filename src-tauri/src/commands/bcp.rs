//! The business-continuity plan's editor: assumed incidents, damaged targets with their recovery
//! owners and contacts, and exercise records. Each write answers with the plan as stored; a
//! change to an entry someone else changed since it was read is refused, naming them.

use sonae_core::bcp;
use sonae_core::bcp::editing::*;
use sonae_core::store;
use sonae_core::store::history::{self, ChangedEntity};
use sonae_tasks::Company;
use tauri::State;

use super::{author, read_company, with_company, CommandResult};
use sonae_tasks::Session;

/// Runs one BCP write and answers with the plan as it now stands.
fn edit_bcp<T>(
    session: &Session,
    work: impl FnOnce(&store::Transaction, &str) -> store::Result<T> + Send,
) -> CommandResult<EditableBcp> {
    let author = author(session);
    with_company(session, |company: &mut Company| {
        company.write(|tx| work(tx, &author))?;
        Ok(company.read(|db| bcp::edit::editable_bcp(db))?)
    })
}

/// Runs one BCP write on an entry (`id` none: a new one), refused (`changed_elsewhere`) when
/// someone else changed the entry since its editor read it with `last_change_id`.
fn edit_bcp_entry(
    session: &Session,
    entity: ChangedEntity,
    id: Option<i64>,
    last_change_id: Option<i64>,
    work: impl FnOnce(&store::Transaction, &str) -> store::Result<()> + Send,
) -> CommandResult<EditableBcp> {
    edit_bcp(session, |tx, author| {
        if let Some(id) = id {
            history::refuse_if_changed_since(tx, entity, id, last_change_id)?;
        }
        work(tx, author)
    })
}

#[tauri::command(async)]
pub fn editable_bcp(session: State<'_, Session>) -> CommandResult<EditableBcp> {
    read_company(&session, |db| bcp::edit::editable_bcp(db))
}

/// 想定する事象: adds one (`id` none) or changes one.
#[tauri::command(async)]
pub fn save_scenario(
    session: State<'_, Session>,
    id: Option<i64>,
    scenario: ScenarioInput,
    last_change_id: Option<i64>,
) -> CommandResult<EditableBcp> {
    edit_bcp_entry(&session, ChangedEntity::BcpScenario, id, last_change_id, |tx, author| match id {
        Some(id) => bcp::edit::update_scenario(tx, author, id, &scenario),
        None => bcp::edit::create_scenario(tx, author, &scenario).map(drop),
    })
}

#[tauri::command(async)]
pub fn delete_scenario(session: State<'_, Session>, id: i64, last_change_id: Option<i64>) -> CommandResult<EditableBcp> {
    edit_bcp_entry(&session, ChangedEntity::BcpScenario, Some(id), last_change_id, |tx, author| {
        bcp::edit::delete_scenario(tx, author, id)
    })
}

/// 被害対象 → 復旧責任者 → 関係者連絡先: adds one (`id` none) or changes one.
#[tauri::command(async)]
pub fn save_target(
    session: State<'_, Session>,
    id: Option<i64>,
    target: TargetInput,
    last_change_id: Option<i64>,
) -> CommandResult<EditableBcp> {
    edit_bcp_entry(&session, ChangedEntity::BcpTarget, id, last_change_id, |tx, author| match id {
        Some(id) => bcp::edit::update_target(tx, author, id, &target),
        None => bcp::edit::create_target(tx, author, &target).map(drop),
    })
}

#[tauri::command(async)]
pub fn delete_target(session: State<'_, Session>, id: i64, last_change_id: Option<i64>) -> CommandResult<EditableBcp> {
    edit_bcp_entry(&session, ChangedEntity::BcpTarget, Some(id), last_change_id, |tx, author| {
        bcp::edit::delete_target(tx, author, id)
    })
}

/// Records an exercise (`id` none) or corrects one; the contacts it reached count as confirmed
/// on its date.
#[tauri::command(async)]
pub fn save_exercise(
    session: State<'_, Session>,
    id: Option<i64>,
    exercise: ExerciseInput,
    last_change_id: Option<i64>,
) -> CommandResult<EditableBcp> {
    edit_bcp_entry(&session, ChangedEntity::BcpExercise, id, last_change_id, |tx, author| match id {
        Some(id) => bcp::edit::update_exercise(tx, author, id, &exercise),
        None => bcp::edit::record_exercise(tx, author, &exercise).map(drop),
    })
}

#[tauri::command(async)]
pub fn delete_exercise(session: State<'_, Session>, id: i64, last_change_id: Option<i64>) -> CommandResult<EditableBcp> {
    edit_bcp_entry(&session, ChangedEntity::BcpExercise, Some(id), last_change_id, |tx, author| {
        bcp::edit::delete_exercise(tx, author, id)
    })
}
