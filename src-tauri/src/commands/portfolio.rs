//! 顧問先一覧: the client folders, one row per company file (read in the background one at a
//! time, so the window shows progress and can stop), a protected file's passphrase, opening a
//! row, and hand-over packs. Only files the portfolio lists can be read, opened or packed.

use std::path::{Path, PathBuf};

use sonae_core::company_file::Passphrase;
use sonae_core::portfolio::{ClientRow, PortfolioFiles};
use sonae_tasks::portfolio::{handover_pack, listed};
use tauri::State;

use super::{language, CommandResult};
use crate::dialogs;
use sonae_tasks::Session;

fn files_of(session: &Session) -> PortfolioFiles {
    let folders = session.settings.lock().map(|s| s.client_folders.clone()).unwrap_or_default();
    PortfolioFiles {
        folders: folders.iter().map(|f| f.display().to_string()).collect(),
        files: session.portfolio_files().iter().map(|f| f.display().to_string()).collect(),
    }
}

#[tauri::command(async)]
pub fn portfolio_files(session: State<'_, Session>) -> CommandResult<PortfolioFiles> {
    Ok(files_of(&session))
}

/// Asks for a folder of client files and adds it; none when cancelled.
#[tauri::command]
pub async fn add_client_folder(app: tauri::AppHandle, session: State<'_, Session>) -> CommandResult<Option<PortfolioFiles>> {
    let Some(folder) = dialogs::choose_folder(&app) else {
        return Ok(None);
    };
    session.change_client_folders(&folder, true)?;
    Ok(Some(files_of(&session)))
}

#[tauri::command(async)]
pub fn remove_client_folder(session: State<'_, Session>, folder: String) -> CommandResult<PortfolioFiles> {
    session.change_client_folders(Path::new(&folder), false)?;
    Ok(files_of(&session))
}

/// One client's row: from memory when its file has not changed, else read now.
#[tauri::command(async)]
pub fn portfolio_row(session: State<'_, Session>, path: String) -> CommandResult<ClientRow> {
    let path = PathBuf::from(path);
    listed(&session.portfolio_files(), &path)?;
    Ok(session.portfolio.row(&path))
}

/// Reads a protected client file with its passphrase, kept in memory for this run when it fits.
#[tauri::command(async)]
pub fn unlock_portfolio_file(session: State<'_, Session>, path: String, passphrase: String) -> CommandResult<ClientRow> {
    let path = PathBuf::from(path);
    listed(&session.portfolio_files(), &path)?;
    Ok(session.portfolio.unlock(&path, Passphrase::new(passphrase)))
}

#[tauri::command(async)]
pub fn open_portfolio_file(session: State<'_, Session>, path: String) -> CommandResult<()> {
    session.open_from_portfolio(Path::new(&path))
}

/// Asks for the folder hand-over packs go into; answers it, or none when cancelled.
#[tauri::command]
pub async fn choose_pack_folder(app: tauri::AppHandle, session: State<'_, Session>) -> CommandResult<Option<String>> {
    let Some(folder) = dialogs::choose_folder(&app) else {
        return Ok(None);
    };
    if let Ok(mut chosen) = session.pack_folder.lock() {
        *chosen = Some(folder.clone());
    }
    Ok(Some(folder.display().to_string()))
}

/// Writes one client's hand-over pack into the chosen folder; answers the pack's folder.
#[tauri::command(async)]
pub fn save_handover_pack(session: State<'_, Session>, path: String) -> CommandResult<String> {
    let path = PathBuf::from(path);
    listed(&session.portfolio_files(), &path)?;
    let out = session.pack_folder.lock().ok().and_then(|f| f.clone()).ok_or_else(|| sonae_core::error_code::ErrorReport {
        code: sonae_core::error_code::ErrorCode::NoFileChosen,
        message: "choose the folder for the hand-over packs first".into(),
    })?;
    let passphrase = session.portfolio.passphrase(&path);
    let folder = handover_pack(&path, passphrase.as_ref(), &out, language(&session), sonae_core::store::today())?;
    Ok(folder.display().to_string())
}
