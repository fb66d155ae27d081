//! 変更履歴 — the change history of the policy, contacts and BCP.

use sonae_core::store::history::{self, ChangeRecord, ChangedEntity};
use tauri::State;

use super::{with_company, CommandResult};
use sonae_tasks::Session;

/// The most recent changes first, a page at a time; `entity` narrows to one kind of thing.
#[tauri::command(async)]
pub fn change_history(
    session: State<'_, Session>,
    entity: Option<ChangedEntity>,
    offset: u32,
    limit: u32,
) -> CommandResult<Vec<ChangeRecord>> {
    with_company(&session, |company| Ok(history::change_history(company.connection(), entity, None, limit.min(500), offset)?))
}
