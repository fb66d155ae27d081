//! The open company file and its overview.

use sonae_core::model::{HomeSummary, OpenFileState};
use sonae_core::store;
use tauri::State;

use super::{with_company, CommandResult};
use crate::session::Session;

/// Which file is open, or why it could not be opened.
#[tauri::command]
pub fn open_file_state(session: State<'_, Session>) -> OpenFileState {
    OpenFileState {
        path: session.path.as_ref().map(|p| p.display().to_string()),
        problem: session.problem.clone(),
    }
}

/// The home screen's overview of the open company file.
#[tauri::command]
pub fn home_summary(session: State<'_, Session>) -> CommandResult<HomeSummary> {
    with_company(&session, |company| Ok(store::home_summary(company.connection(), None)?))
}
