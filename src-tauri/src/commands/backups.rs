//! The automatic backups of the open company file, and putting one back.

use sonae_core::model::ErrorReport;
use sonae_core::store::backups::{self, BackupInfo};
use sonae_core::store::CompanyFile;
use tauri::State;

use super::CommandResult;
use crate::session::Session;

fn open_path(session: &Session) -> CommandResult<std::path::PathBuf> {
    session.open_file()?.path.clone().ok_or_else(|| ErrorReport { code: "no_company_file".into(), message: "no company file is open".into() })
}

/// The backups of the open file, newest first (damaged ones included, marked as such).
#[tauri::command]
pub fn list_backups(session: State<'_, Session>) -> CommandResult<Vec<BackupInfo>> {
    let path = open_path(&session)?;
    Ok(backups::list_backups(&backups::default_backup_dir(&path)?, &backups::company_stem(&path)?)?)
}

/// Puts a backup in place of the open file. The current file is first kept as a backup of its
/// own ("before restore"), so a restore can itself be undone; then the file is opened again.
#[tauri::command]
pub fn restore_backup(session: State<'_, Session>, backup: String) -> CommandResult<()> {
    let path = open_path(&session)?;
    let dir = backups::default_backup_dir(&path)?;
    let backup = std::path::PathBuf::from(backup);
    // Only a backup of this file, from its backup folder, may be put back.
    let listed = backups::list_backups(&dir, &backups::company_stem(&path)?)?;
    if !listed.iter().any(|b| b.path == backup && b.is_intact()) {
        return Err(ErrorReport { code: "invalid".into(), message: format!("{} is not a usable backup of this file", backup.display()) });
    }
    let mut open = session.open_file()?;
    // The file must be closed while it is replaced.
    drop(open.company.take());
    let restored = backups::restore(&backup, &path, &dir);
    open.company = Some(CompanyFile::open(&path)?);
    open.problem = None;
    restored?;
    Ok(())
}
