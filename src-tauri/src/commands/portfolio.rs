//! 顧問先一覧: the client folders, one row per company file (read in the background one at a
//! time, so the window shows progress and can stop), a protected file's passphrase, opening a
//! row, and hand-over packs. Only files the portfolio lists can be read, opened or packed.

use std::path::Path;

use sonae_core::client_overview::{ClientRow, PortfolioFiles};
use sonae_core::company_file::Passphrase;
use tauri::State;

use super::CommandResult;
use crate::dialogs;
use sonae_tasks::Session;

#[tauri::command(async)]
pub fn portfolio_files(session: State<'_, Session>) -> CommandResult<PortfolioFiles> {
    Ok(session.portfolio_listing())
}

/// Asks for a folder of client files and adds it; none when cancelled.
#[tauri::command]
pub async fn add_client_folder(app: tauri::AppHandle, session: State<'_, Session>) -> CommandResult<Option<PortfolioFiles>> {
    let Some(folder) = dialogs::choose_folder(&app) else {
        return Ok(None);
    };
    session.change_client_folders(&folder, true)?;
    Ok(Some(session.portfolio_listing()))
}

#[tauri::command(async)]
pub fn remove_client_folder(session: State<'_, Session>, folder: String) -> CommandResult<PortfolioFiles> {
    session.change_client_folders(Path::new(&folder), false)?;
    Ok(session.portfolio_listing())
}

/// One client's row: from memory when its file has not changed, else read now.
#[tauri::command(async)]
pub fn portfolio_row(session: State<'_, Session>, path: String) -> CommandResult<ClientRow> {
    session.portfolio_row(Path::new(&path))
}

/// Reads a protected client file with its passphrase, kept in memory for this run when it fits.
#[tauri::command(async)]
pub fn unlock_portfolio_file(session: State<'_, Session>, path: String, passphrase: String) -> CommandResult<ClientRow> {
    session.unlock_portfolio_file(Path::new(&path), Passphrase::new(passphrase))
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
    session.choose_pack_folder(folder.clone());
    Ok(Some(folder.display().to_string()))
}

/// Writes one client's hand-over pack into the chosen folder; answers the pack's folder.
#[tauri::command(async)]
pub fn save_handover_pack(session: State<'_, Session>, path: String) -> CommandResult<String> {
    let folder = session.save_handover_pack(Path::new(&path), sonae_core::store::today())?;
    Ok(folder.display().to_string())
}
