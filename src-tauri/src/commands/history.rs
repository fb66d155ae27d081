//! 変更履歴 — the change history of the policy, contacts and BCP.

use sonae_core::store::history::{self, ChangeRecord, ChangedEntity};
use tauri::State;

use super::{read_company, CommandResult};
use sonae_tasks::Session;

/// The most recent changes first, a page at a time; `entity` narrows to one kind of thing.
#[tauri::command(async)]
pub fn change_history(
    session: State<'_, Session>,
    entity: Option<ChangedEntity>,
    offset: u32,
    limit: u32,
) -> CommandResult<Vec<ChangeRecord>> {
    read_company(&session, |db| history::change_history(db, entity, None, limit.min(500), offset))
}

/// The last change recorded for one thing: who changed it and when, for the message that refuses
/// a save because someone else changed it meanwhile.
#[tauri::command(async)]
pub fn last_change(session: State<'_, Session>, entity: ChangedEntity, entity_id: i64) -> CommandResult<Option<ChangeRecord>> {
    read_company(&session, |db| history::last_change(db, entity, entity_id))
}
