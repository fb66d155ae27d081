//! The automatic backups of the open company file, and putting one back.

use sonae_core::model::ErrorReport;
use sonae_core::store::backups::{self, BackupInfo};
use sonae_core::store::{CompanyFile, Passphrase};
use tauri::State;

use super::CommandResult;
use crate::session::Session;
use sonae_core::error_code::ErrorCode;

/// The open file's path, and its passphrase when it is protected (its backups are protected by it).
fn open_path_and_passphrase(session: &Session) -> CommandResult<(std::path::PathBuf, Option<Passphrase>)> {
    let open = session.open_file()?;
    let path = open
        .path
        .clone()
        .ok_or_else(|| ErrorReport { code: ErrorCode::NoCompanyFile, message: "no company file is open".into() })?;
    Ok((path, open.company.as_ref().and_then(|c| c.passphrase().cloned())))
}

/// The backups of the open file, newest first (damaged ones included, marked as such).
#[tauri::command]
pub fn list_backups(session: State<'_, Session>) -> CommandResult<Vec<BackupInfo>> {
    let (path, passphrase) = open_path_and_passphrase(&session)?;
    Ok(backups::list_backups_with_passphrase(
        &backups::default_backup_dir(&path)?,
        &backups::company_stem(&path)?,
        passphrase.as_ref(),
    )?)
}

/// Puts a backup in place of the open file. The current file is first kept as a backup of its
/// own ("before restore"), so a restore can itself be undone; then the file is opened again.
#[tauri::command]
pub fn restore_backup(session: State<'_, Session>, backup: String) -> CommandResult<()> {
    let (path, passphrase) = open_path_and_passphrase(&session)?;
    let dir = backups::default_backup_dir(&path)?;
    let backup = std::path::PathBuf::from(backup);
    // Only a backup of this file, from its backup folder, may be put back.
    let listed = backups::list_backups_with_passphrase(&dir, &backups::company_stem(&path)?, passphrase.as_ref())?;
    if !listed.iter().any(|b| b.path == backup && b.is_intact()) {
        return Err(ErrorReport {
            code: ErrorCode::Invalid,
            message: format!("{} is not a usable backup of this file", backup.display()),
        });
    }
    session.wait_for_background_backup();
    let mut open = session.open_file()?;
    // The file must be closed while it is replaced.
    drop(open.company.take());
    let restored = backups::restore_with_passphrase(&backup, &path, &dir, passphrase.as_ref());
    open.company = Some(CompanyFile::open_with_passphrase(&path, passphrase.as_ref())?);
    open.problem = None;
    restored?;
    Ok(())
}
