//! Sonae's network edition: one company kept in a PostgreSQL database that several PCs share,
//! instead of a company file on one PC (DEVELOPMENT.md, "The network edition").
//!
//! What is here: reaching a server safely ([`connect`]), the company's schema on PostgreSQL, built
//! from the company file's own migrations ([`dialect`], [`schema`]), and moving a company between a
//! file and a server database, every row and its history included ([`copy`]). Nothing here knows
//! the rules or the documents: they stay in `sonae-core`.

pub mod connect;
pub mod copy;
pub mod dialect;
pub mod people;
pub mod schema;
pub mod store;
pub mod watch;

use sonae_core::error_code::{ErrorCode, ErrorReport};
use sonae_core::store::StoreError;

pub use connect::ServerAddress;
pub use store::ServerCompany;

/// Why a server could not be used; every message says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("the server address cannot be used: {0}")]
    InvalidAddress(String),
    #[error("cannot reach the server {server}: {detail}")]
    Connect { server: String, detail: String },
    #[error("the server database {server} holds tables that are not Sonae's; choose an empty database for Sonae")]
    ForeignDatabase { server: String },
    #[error("the server database {server} holds no company yet; copy one into it with `sonae-cli server push FILE URL`")]
    NoCompany { server: String },
    #[error("the server database {server} already holds the company 「{company}」; nothing was copied (use a new database for another company)")]
    AlreadyHoldsCompany { server: String, company: String },
    #[error("the server database {server} was set up by a newer Sonae (schema version {found}; this version knows up to {supported}); update Sonae to use it — nothing was changed")]
    NewerVersion { server: String, found: i32, supported: i32 },
    #[error("the server database {server} is at schema version {found} and its upgrade to {to} changes stored data, which this version of Sonae cannot do on a server yet; nothing was changed")]
    UpgradeNotPossible { server: String, found: i32, to: i32 },
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("the server refused: {0}")]
    Database(String),
    /// A change to the company's people the server refused, with the reason's code.
    #[error("{message}")]
    People { code: ErrorCode, message: String },
}

impl ServerError {
    /// The code the window shows this failure by.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServerError::InvalidAddress(_) => ErrorCode::ServerAddressInvalid,
            ServerError::Connect { .. } => ErrorCode::ServerConnectFailed,
            ServerError::ForeignDatabase { .. } | ServerError::NoCompany { .. } => ErrorCode::ServerHasNoCompany,
            ServerError::AlreadyHoldsCompany { .. } => ErrorCode::AlreadyExists,
            ServerError::NewerVersion { .. } => ErrorCode::ServerNewerVersion,
            ServerError::UpgradeNotPossible { .. } => ErrorCode::ServerUpgradeNotPossible,
            ServerError::Store(e) => e.code(),
            ServerError::Database(_) => ErrorCode::Database,
            ServerError::People { code, .. } => *code,
        }
    }
}

impl From<ServerError> for ErrorReport {
    fn from(error: ServerError) -> ErrorReport {
        match error {
            ServerError::Store(e) => e.into(),
            other => ErrorReport { code: other.code(), message: other.to_string() },
        }
    }
}

impl From<postgres::Error> for ServerError {
    fn from(error: postgres::Error) -> ServerError {
        match error.as_db_error() {
            Some(db) => ServerError::Database(db.message().to_owned()),
            None => ServerError::Database(error.to_string()),
        }
    }
}

impl From<rusqlite::Error> for ServerError {
    fn from(error: rusqlite::Error) -> ServerError {
        ServerError::Store(error.into())
    }
}

pub type Result<T, E = ServerError> = std::result::Result<T, E>;
