//! The open company file, its overview, and moving between company files: the recent ones, another
//! one chosen on disk, or a new one for a new client.

use sonae_core::home;
use std::path::Path;

use sonae_core::company_file::Passphrase;
use sonae_core::error_code::ErrorCode;
use sonae_core::error_code::ErrorReport;
use sonae_core::home::HomeSummary;
use sonae_core::language::Language;
use sonae_core::workspace::{CompanyChanges, OpenFileState, PolicySource, RecentFile, ServerPlace};
use sonae_tasks::jobs::{self, COMPANY_FILE_EXTENSION};
use sonae_tasks::{ImportKind, Session};
use tauri::State;

use super::{read_company, CommandResult};
use crate::dialogs;

/// Which file is open, or why it could not be opened.
#[tauri::command(async)]
pub fn open_file_state(session: State<'_, Session>) -> CommandResult<OpenFileState> {
    session.open_file_state()
}

/// The user has read that opening upgraded the file: the notice is not shown again.
#[tauri::command(async)]
pub fn dismiss_upgrade_notice(session: State<'_, Session>) -> CommandResult<()> {
    session.dismiss_upgrade_notice()
}

/// Opens the protected company file Sonae was asked to open (at start or from the company-file
/// screen) with its passphrase.
#[tauri::command(async)]
pub fn unlock_company_file(session: State<'_, Session>, passphrase: String) -> CommandResult<()> {
    session.unlock(Passphrase::new(passphrase))
}

/// Protects the open file with `next`, changes its passphrase, or removes the protection (`next`
/// empty), and converts its backups the same way; answers how many backups were converted.
/// Changing or removing a passphrase needs the current one.
#[tauri::command(async)]
pub fn set_file_passphrase(session: State<'_, Session>, current: Option<String>, next: Option<String>) -> CommandResult<usize> {
    session.change_passphrase(current.map(Passphrase::new), next.map(Passphrase::new))
}

/// What other PCs changed in the open server company since `generation`, for the open screen to
/// read again; nothing for a company file.
#[tauri::command(async)]
pub fn company_changes(session: State<'_, Session>, generation: u64) -> CompanyChanges {
    session.company_changes(generation)
}

/// The home screen's overview of the open company file.
#[tauri::command(async)]
pub fn home_summary(session: State<'_, Session>) -> CommandResult<HomeSummary> {
    read_company(&session, |db| home::home_summary(db, None))
}

/// The company files opened before, the most recent first.
#[tauri::command(async)]
pub fn recent_files(session: State<'_, Session>) -> CommandResult<Vec<RecentFile>> {
    session.recent_files()
}

/// Opens one of the recent files in place of the current one; only a path from the list.
#[tauri::command(async)]
pub fn open_recent_file(session: State<'_, Session>, path: String) -> CommandResult<()> {
    session.open_recent_file(Path::new(&path))
}

/// The server companies connected to before, the most recent first (never a password).
#[tauri::command(async)]
pub fn recent_servers(session: State<'_, Session>) -> CommandResult<Vec<ServerPlace>> {
    session.recent_servers()
}

/// Takes a server off the list of recent servers; answers the servers left. Nothing on the server
/// changes.
#[tauri::command(async)]
pub fn forget_server(session: State<'_, Session>, place: ServerPlace) -> CommandResult<Vec<ServerPlace>> {
    session.forget_server(&place)
}

/// Asks for the CA certificate file the server's administrator handed out; answers with its path,
/// or none when the user cancelled.
#[tauri::command]
pub async fn choose_server_ca_file(app: tauri::AppHandle, session: State<'_, Session>) -> CommandResult<Option<String>> {
    let Some(path) = dialogs::choose_file_to_open(&app, "CA", &["crt", "pem", "cer"]) else {
        return Ok(None);
    };
    session.choose_import(ImportKind::ServerCaFile, path.clone());
    Ok(Some(path.display().to_string()))
}

/// Opens, read only, this PC's copy of the server company at `place` (made at its last
/// connection), unlocked with the password of that connection: for when the server cannot be
/// reached.
#[tauri::command(async)]
pub fn open_kept_copy(session: State<'_, Session>, place: ServerPlace, password: String) -> CommandResult<()> {
    session.open_kept_copy(&place, password)
}

/// Opens, read only, this PC's copy of the server company open now, whose server stopped
/// answering.
#[tauri::command(async)]
pub fn open_kept_copy_of_open_server(session: State<'_, Session>) -> CommandResult<()> {
    session.open_kept_copy_of_open_server()
}

/// Connects to the company in the server database at `place` with `password` and opens it in
/// place of the current company. The password is used for this connection only and never kept
/// on disk (it is the key of this PC's copy of the company, made after connecting).
/// A server that cannot be reached, or holds no company, leaves the current company open.
#[tauri::command(async)]
pub fn connect_to_server(session: State<'_, Session>, place: ServerPlace, password: String) -> CommandResult<()> {
    session.connect_to_server(&place, password)
}

/// Asks for a company file and opens it in place of the current one; answers with its path, or
/// none when the user cancelled. A file that cannot be opened leaves the current one open.
#[tauri::command]
pub async fn open_company_file(app: tauri::AppHandle, session: State<'_, Session>) -> CommandResult<Option<String>> {
    let Some(path) = dialogs::choose_file_to_open(&app, "Sonae", &[COMPANY_FILE_EXTENSION]) else {
        return Ok(None);
    };
    session.switch_to(&path)?;
    Ok(Some(path.display().to_string()))
}

/// Creates a company file for a new client, with its policy from a built-in template or from
/// another company file, asks where to keep it, and opens it. Answers with its path, or none
/// when the user cancelled a dialog.
///
/// When the other company file is protected, the answer is `source_passphrase_required`; the
/// window then asks for that file's passphrase and calls again with it, and the file already
/// chosen is read with it (no second dialog). The new file itself is plain.
#[tauri::command]
pub async fn create_company_file(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    company_name: String,
    source: PolicySource,
    source_passphrase: Option<String>,
) -> CommandResult<Option<String>> {
    let company_name = company_name.trim().to_owned();
    if company_name.is_empty() {
        return Err(ErrorReport { code: ErrorCode::NameRequired, message: "the company needs a name".into() });
    }
    let policy = match source {
        PolicySource::BuiltinJa => jobs::builtin_policy(Language::Ja)?,
        PolicySource::BuiltinEn => jobs::builtin_policy(Language::En)?,
        PolicySource::CompanyFile => {
            let chosen = source_passphrase.as_ref().and_then(|_| session.chosen_import_path(ImportKind::PolicySourceFile));
            let other = match chosen {
                Some(path) => path,
                None => {
                    let Some(path) = dialogs::choose_file_to_open(&app, "Sonae", &[COMPANY_FILE_EXTENSION]) else {
                        return Ok(None);
                    };
                    session.choose_import(ImportKind::PolicySourceFile, path.clone());
                    path
                }
            };
            let passphrase = source_passphrase.map(Passphrase::new);
            jobs::policy_of_file(&other, passphrase.as_ref()).map_err(|e| match e.code() {
                ErrorCode::PassphraseRequired => ErrorReport {
                    code: ErrorCode::SourcePassphraseRequired,
                    message: format!(
                        "{}: the company file to take the policy from is protected by a passphrase",
                        other.display()
                    ),
                },
                _ => ErrorReport::from(e),
            })?
        }
    };
    let file_name = jobs::company_file_name(&company_name);
    let Some(path) = dialogs::choose_file_to_save(&app, "Sonae", COMPANY_FILE_EXTENSION, &file_name) else {
        return Ok(None);
    };
    let path = jobs::with_company_file_extension(path);
    drop(jobs::create_company_file(&path, Some(&company_name), &policy)?);
    session.switch_to(&path)?;
    Ok(Some(path.display().to_string()))
}
