//! The user's preferences (language), kept in the settings file beside company files.

use sonae_core::model::{ErrorReport, Language, Preferences};
use tauri::State;

use super::CommandResult;
use crate::session::Session;

#[tauri::command]
pub fn preferences(session: State<'_, Session>) -> Preferences {
    session.settings.lock().map(|s| s.preferences.clone()).unwrap_or_default()
}

/// Switches the interface language and remembers it for the next start.
#[tauri::command]
pub fn set_language(session: State<'_, Session>, language: Language) -> CommandResult<Preferences> {
    let mut settings = session.settings.lock().map_err(|_| settings_error("settings are unavailable".into()))?;
    settings.preferences.language = language;
    settings.save(&session.data_dir).map_err(|e| settings_error(e.to_string()))?;
    Ok(settings.preferences.clone())
}

/// Remembers the name written as author of what the user records.
#[tauri::command]
pub fn set_author_name(session: State<'_, Session>, name: String) -> CommandResult<Preferences> {
    let mut settings = session.settings.lock().map_err(|_| settings_error("settings are unavailable".into()))?;
    settings.preferences.author_name = name.trim().to_owned();
    settings.save(&session.data_dir).map_err(|e| settings_error(e.to_string()))?;
    Ok(settings.preferences.clone())
}

fn settings_error(message: String) -> ErrorReport {
    ErrorReport { code: "settings".into(), message }
}
