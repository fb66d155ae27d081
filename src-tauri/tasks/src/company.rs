//! The company the window or the command line works on: a company file on this PC, or a company
//! in a server database that several PCs share. The core reads and writes both the same way
//! ([`Company::connection`], [`Company::write`]); what only a file has (a path, a passphrase,
//! backups beside it) is reached through [`Company::file`].

use std::path::PathBuf;

use sonae_core::company_file::CompanyFile;
use sonae_core::error_code::{ErrorCode, ErrorReport};
use sonae_core::store;
use sonae_core::workspace::ServerPlace;
use sonae_server::{ServerAddress, ServerCompany};

pub enum Company {
    File(Box<CompanyFile>),
    Server(Box<ServerCompany>),
    /// This PC's copy of a server company, open to read while the server cannot be reached.
    KeptCopy(Box<CompanyFile>),
}

impl Company {
    /// The company's tables, to read.
    pub fn connection(&self) -> &dyn store::Db {
        match self {
            Company::File(file) | Company::KeptCopy(file) => file.connection(),
            Company::Server(server) => server.connection(),
        }
    }

    /// Runs `work` on one snapshot of the company: its statements all see the same state, even
    /// while other PCs save to a server company (or another program to the file), so that what a
    /// screen or a document reads in several statements fits together.
    pub fn read<T, E: From<store::StoreError>>(&self, work: impl FnOnce(&dyn store::Db) -> Result<T, E>) -> Result<T, E> {
        match self {
            Company::File(file) | Company::KeptCopy(file) => file.read(work),
            Company::Server(server) => server.read(work),
        }
    }

    /// Runs `work` in one transaction, committed whole or not at all.
    pub fn write<T>(&mut self, work: impl FnOnce(&store::Transaction) -> store::Result<T>) -> store::Result<T> {
        match self {
            Company::File(file) => file.write(work),
            Company::Server(server) => server.write(work),
            Company::KeptCopy(_) => Err(store::StoreError::Refused {
                code: ErrorCode::KeptCopyReadOnly,
                detail: "this is the copy of the server company kept on this PC, which can only be read; nothing was changed"
                    .into(),
            }),
        }
    }

    /// Runs `work` on this company. A server company's client waits for the server on a small
    /// runtime of its own, which an async runtime's threads refuse to run (the window's commands
    /// run on one), so its work runs on a thread of its own, after connecting again if the server
    /// ended the connection; a file's runs here.
    pub fn run<T: Send>(&mut self, work: impl FnOnce(&mut Company) -> Result<T, ErrorReport> + Send) -> Result<T, ErrorReport> {
        match self {
            Company::File(_) | Company::KeptCopy(_) => work(self),
            Company::Server(_) => off_async_runtime(|| {
                if let Company::Server(server) = self {
                    server.reconnect_if_lost()?;
                }
                work(self)
            }),
        }
    }

    /// The company file, when the company is one.
    pub fn file(&self) -> Option<&CompanyFile> {
        match self {
            Company::File(file) => Some(file),
            Company::Server(_) | Company::KeptCopy(_) => None,
        }
    }

    /// The company file, to change it as a file (its passphrase), when the company is one.
    pub fn file_mut(&mut self) -> Option<&mut CompanyFile> {
        match self {
            Company::File(file) => Some(file),
            Company::Server(_) | Company::KeptCopy(_) => None,
        }
    }

    /// The company on a server, when it is one.
    pub fn server_company(&self) -> Option<&ServerCompany> {
        match self {
            Company::Server(server) => Some(server),
            Company::File(_) | Company::KeptCopy(_) => None,
        }
    }

    /// The server database, when the company is kept on one.
    pub fn server(&self) -> Option<&ServerAddress> {
        self.server_company().map(ServerCompany::address)
    }
}

impl From<CompanyFile> for Company {
    fn from(file: CompanyFile) -> Company {
        Company::File(Box::new(file))
    }
}

impl From<ServerCompany> for Company {
    fn from(server: ServerCompany) -> Company {
        Company::Server(Box::new(server))
    }
}

/// Runs `work` on a thread of its own and waits for it: for work that talks to a server, which
/// must not run on an async runtime's thread (see [`Company::run`]).
pub fn off_async_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| scope.spawn(work).join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The address of the server company at `place`, signed in with `password`; a place with a field
/// left empty is refused with the fields it lacks.
pub fn server_address(place: &ServerPlace, password: String) -> Result<ServerAddress, ErrorReport> {
    let missing: Vec<&str> = [
        ("host", place.host.trim()),
        ("database", place.database.trim()),
        ("user", place.user.trim()),
        ("CA certificate", place.ca_file.trim()),
    ]
    .into_iter()
    .filter(|(_, value)| value.is_empty())
    .map(|(name, _)| name)
    .collect();
    if !missing.is_empty() || place.port == 0 {
        let mut missing = missing.join(", ");
        if place.port == 0 {
            missing.push_str(if missing.is_empty() { "port" } else { ", port" });
        }
        return Err(ErrorReport {
            code: ErrorCode::ServerAddressInvalid,
            message: format!("the server address lacks: {missing}"),
        });
    }
    Ok(ServerAddress::from_fields(
        place.host.trim(),
        place.port,
        place.user.trim(),
        place.database.trim(),
        PathBuf::from(place.ca_file.trim()),
        Some(password).filter(|p| !p.is_empty()),
    ))
}
