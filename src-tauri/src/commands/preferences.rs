//! The user's preferences (language, the name they record under, backups kept), kept in the
//! settings file beside company files.

use sonae_core::error_code::ErrorReport;
use sonae_core::language::Language;
use sonae_core::session::Preferences;
use tauri::State;

use super::CommandResult;
use sonae_core::error_code::ErrorCode;
use sonae_tasks::Session;

#[tauri::command]
pub fn preferences(session: State<'_, Session>) -> Preferences {
    session.settings.lock().map(|s| s.preferences.clone()).unwrap_or_default()
}

/// Switches the interface language and remembers it for the next start.
#[tauri::command(async)]
pub fn set_language(session: State<'_, Session>, language: Language) -> CommandResult<Preferences> {
    change_preferences(&session, |p| p.language = language)
}

/// Remembers the name written as author of what the user records.
#[tauri::command(async)]
pub fn set_author_name(session: State<'_, Session>, name: String) -> CommandResult<Preferences> {
    change_preferences(&session, |p| p.author_name = name.trim().to_owned())
}

/// How many automatic backups of each company file are kept (1 to 1,000).
#[tauri::command(async)]
pub fn set_backups_kept(session: State<'_, Session>, kept: u32) -> CommandResult<Preferences> {
    change_preferences(&session, |p| p.backups_kept = kept.clamp(1, 1000))
}

/// Changes the preferences and saves them at once; answers with the preferences as saved.
fn change_preferences(session: &Session, change: impl FnOnce(&mut Preferences)) -> CommandResult<Preferences> {
    let mut settings = session.settings.lock().map_err(|_| settings_error("settings are unavailable".into()))?;
    change(&mut settings.preferences);
    settings.save(&session.data_dir).map_err(|e| settings_error(e.to_string()))?;
    Ok(settings.preferences.clone())
}

fn settings_error(message: String) -> ErrorReport {
    ErrorReport { code: ErrorCode::Settings, message }
}
