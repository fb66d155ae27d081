//! The people of the open server company and their rights, for its 管理者 in the window. The
//! server decides who may change them (`sonae_server::people`); the session only passes the
//! changes on and keeps who is signed in up to date.

use sonae_core::error_code::{ErrorCode, ErrorReport};
use sonae_core::workspace::{ServerAccess, ServerPerson};
use sonae_server::{people, ServerCompany};

use super::Session;

impl Session {
    /// The company's people, by name.
    pub fn server_people(&self) -> Result<Vec<ServerPerson>, ErrorReport> {
        self.with_server(|server| server.with_client(people::list))
    }

    /// Gives someone a sign-in of their own with `password` and `access`; answers the people.
    pub fn add_server_person(
        &self,
        login: &str,
        name: &str,
        access: ServerAccess,
        password: &str,
    ) -> Result<Vec<ServerPerson>, ErrorReport> {
        self.changing_people(|server| server.with_client(|client| people::add(client, login, name, access, password)))
    }

    /// Changes a person's name (`None`: kept) and right (`None`: taken off the company); answers
    /// the people.
    pub fn change_server_person(
        &self,
        login: &str,
        name: Option<&str>,
        access: Option<ServerAccess>,
    ) -> Result<Vec<ServerPerson>, ErrorReport> {
        self.changing_people(|server| server.with_client(|client| people::change(client, login, name, access)))
    }

    /// Gives a person a new password.
    pub fn set_server_person_password(&self, login: &str, password: &str) -> Result<(), ErrorReport> {
        self.with_server(|server| server.with_client(|client| people::set_password(client, login, password)))
    }

    /// Makes a change to the people, then reads them and who is signed in again (the change may
    /// be to oneself).
    fn changing_people(
        &self,
        change: impl FnOnce(&ServerCompany) -> sonae_server::Result<()> + Send,
    ) -> Result<Vec<ServerPerson>, ErrorReport> {
        let (everyone, me) = self.with_server(|server| {
            change(server)?;
            Ok((server.with_client(people::list)?, server.signed_in()?))
        })?;
        if let Some(side) = self.open_company()?.server.as_mut() {
            side.signed_in = me;
        }
        Ok(everyone)
    }

    fn with_server<T: Send>(
        &self,
        work: impl FnOnce(&ServerCompany) -> sonae_server::Result<T> + Send,
    ) -> Result<T, ErrorReport> {
        self.with_company(|company| match company.server_company() {
            Some(server) => Ok(work(server)?),
            None => Err(ErrorReport { code: ErrorCode::Invalid, message: "the open company is not on a server".into() }),
        })
    }
}
