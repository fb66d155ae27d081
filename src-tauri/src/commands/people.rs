//! The people of a company on a server and their rights (管理者, 担当者, 閲覧), for its 管理者.
//! The server itself refuses anyone else's change (`not_permitted`).

use sonae_core::workspace::{ServerAccess, ServerPerson};
use sonae_tasks::Session;
use tauri::State;

use super::CommandResult;

/// The company's people, by name.
#[tauri::command(async)]
pub fn server_people(session: State<'_, Session>) -> CommandResult<Vec<ServerPerson>> {
    session.server_people()
}

/// Gives someone a sign-in of their own, with a password of at least 8 characters and a right;
/// answers the people.
#[tauri::command(async)]
pub fn add_server_person(
    session: State<'_, Session>,
    login: String,
    name: String,
    access: ServerAccess,
    password: String,
) -> CommandResult<Vec<ServerPerson>> {
    session.add_server_person(&login, &name, access, &password)
}

/// Changes a person's name and right; no right takes them off the company. Answers the people.
#[tauri::command(async)]
pub fn change_server_person(
    session: State<'_, Session>,
    login: String,
    name: String,
    access: Option<ServerAccess>,
) -> CommandResult<Vec<ServerPerson>> {
    session.change_server_person(&login, Some(&name), access)
}

/// Gives a person a new password.
#[tauri::command(async)]
pub fn set_server_person_password(session: State<'_, Session>, login: String, password: String) -> CommandResult<()> {
    session.set_server_person_password(&login, &password)
}
