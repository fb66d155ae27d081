//! The user's preferences (language, the name they record under, backups kept), kept in the
//! settings file beside company files.

use sonae_core::language::Language;
use sonae_core::workspace::Preferences;
use tauri::State;

use super::CommandResult;
use sonae_tasks::Session;

#[tauri::command]
pub fn preferences(session: State<'_, Session>) -> Preferences {
    session.preferences()
}

/// Switches the interface language and remembers it for the next start.
#[tauri::command(async)]
pub fn set_language(session: State<'_, Session>, language: Language) -> CommandResult<Preferences> {
    session.change_preferences(|p| p.language = language)
}

/// Remembers the name written as author of what the user records.
#[tauri::command(async)]
pub fn set_author_name(session: State<'_, Session>, name: String) -> CommandResult<Preferences> {
    session.change_preferences(|p| p.author_name = name)
}

/// How many automatic backups of each company file are kept (1 to 1,000).
#[tauri::command(async)]
pub fn set_backups_kept(session: State<'_, Session>, kept: u32) -> CommandResult<Preferences> {
    session.change_preferences(|p| p.backups_kept = kept)
}
