//! Thin Tauri commands, one module per area. Each takes the session, calls `sonae-core`, and turns
//! errors into an [`ErrorReport`] (`{code, message}`) the UI can react to.

pub mod assessment;
pub mod backups;
pub mod bcp;
pub mod contacts;
pub mod documents;
pub mod exercises;
pub mod files;
pub mod history;
pub mod incidents;
pub mod jigyokei;
pub mod people;
pub mod policy;
pub mod portfolio;
pub mod preferences;
pub mod readiness;

use sonae_core::error_code::ErrorReport;
use sonae_tasks::Company;

use sonae_tasks::Session;

pub type CommandResult<T> = Result<T, ErrorReport>;

/// The name in the preferences, recorded as the author of every change and timeline entry.
pub fn author(session: &Session) -> String {
    session.author()
}

/// The language the user reads the app in: documents and built-in scenarios come in it.
pub fn language(session: &Session) -> sonae_core::language::Language {
    session.language()
}

/// Runs `work` on the open company, or reports why there is none (or `busy`).
pub fn with_company<T: Send>(session: &Session, work: impl FnOnce(&mut Company) -> CommandResult<T> + Send) -> CommandResult<T> {
    session.with_company(work)
}

/// Runs `work` on one snapshot of the open company (see [`Company::read`]): what a screen reads.
pub fn read_company<T: Send, E: From<sonae_core::store::StoreError> + Into<ErrorReport>>(
    session: &Session,
    work: impl FnOnce(&dyn sonae_core::store::Db) -> Result<T, E> + Send,
) -> CommandResult<T> {
    session.with_company(|company| company.read(work).map_err(Into::into))
}

/// Asks where to save `bytes` and writes them there; answers with the path, or none when the user
/// cancelled. Blocks until the dialog closes, so it must be called from an async command.
pub fn save_through_dialog(
    app: &tauri::AppHandle,
    kind: &str,
    extension: &str,
    file_name: &str,
    bytes: &[u8],
) -> CommandResult<Option<String>> {
    let Some(path) = crate::dialogs::choose_file_to_save(app, kind, extension, file_name) else {
        return Ok(None);
    };
    // The dialog already asked before replacing an existing file. Written beside it, synced and
    // moved into place, so an interrupted write never leaves half a file under the chosen name.
    sonae_core::render::save(&path, bytes, true)?;
    Ok(Some(path.display().to_string()))
}
