//! Thin Tauri commands, one module per area. Each takes the session, calls `sonae-core`, and turns
//! errors into an [`ErrorReport`] (`{code, message}`) the UI can react to.

pub mod assessment;
pub mod backups;
pub mod documents;
pub mod files;
pub mod incidents;
pub mod preferences;

use sonae_core::model::ErrorReport;
use sonae_core::store::CompanyFile;

use crate::session::Session;

pub type CommandResult<T> = Result<T, ErrorReport>;

/// Runs `work` on the open company file, or reports why there is none.
pub fn with_company<T>(session: &Session, work: impl FnOnce(&mut CompanyFile) -> CommandResult<T>) -> CommandResult<T> {
    let mut guard = session.company.lock().map_err(|_| ErrorReport {
        code: "internal".into(),
        message: "the company file is unavailable after an earlier failure; restart Sonae".into(),
    })?;
    match guard.as_mut() {
        Some(company) => work(company),
        None => Err(session.problem.clone().unwrap_or(ErrorReport {
            code: "no_company_file".into(),
            message: "no company file is open".into(),
        })),
    }
}

/// Asks where to save `bytes` (a save dialog opened from the Rust side, so the window never names
/// a path to write) and writes them there; answers with the path, or none when the user cancelled.
/// Blocks until the dialog closes, so it must be called from an async command.
pub fn save_through_dialog(
    app: &tauri::AppHandle,
    kind: &str,
    extension: &str,
    file_name: &str,
    bytes: &[u8],
) -> CommandResult<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let chosen = app.dialog().file().add_filter(kind, &[extension]).set_file_name(file_name).blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    // The dialog already asked before replacing an existing file. Written beside it, synced and
    // moved into place, so an interrupted write never leaves half a file under the chosen name.
    sonae_core::render::save(&path, bytes, true)?;
    Ok(Some(path.display().to_string()))
}
