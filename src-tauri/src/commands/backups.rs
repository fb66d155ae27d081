//! The automatic backups of the open company file, and putting one back.

use sonae_core::company_file::backups::BackupInfo;
use sonae_tasks::Session;
use tauri::State;

use super::CommandResult;

/// The backups of the open file, newest first (damaged ones included, marked as such).
#[tauri::command(async)]
pub fn list_backups(session: State<'_, Session>) -> CommandResult<Vec<BackupInfo>> {
    session.list_backups()
}

/// Puts a backup in place of the open file. The current file is first kept as a backup of its
/// own ("before restore"), so a restore can itself be undone; then the file is opened again. Only
/// a backup of this file, from its backup folder, may be put back.
#[tauri::command(async)]
pub fn restore_backup(session: State<'_, Session>, backup: String) -> CommandResult<()> {
    session.restore_backup(std::path::Path::new(&backup))
}
