//! What every part of the core needs to read and write a company's tables: the store they are
//! in ([`db`]), the one error type with its codes, the clock, the change history and the text
//! limits. It knows nothing of the concepts above it; the file itself (opening, upgrading,
//! protecting, backing up) is [`crate::company_file`].

pub mod db;
pub mod history;
pub(crate) mod limits;

use std::path::PathBuf;

use crate::error_code::ErrorCode;
use crate::language::Language;

pub use db::{Db, Optional, Row, Transaction};

/// Why a company file could not be opened, created or written. Every message is meant to be read
/// by the person who chose the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path}: already exists; choose another name or remove it first")]
    AlreadyExists { path: PathBuf },
    #[error("{path}: the file is empty (0 bytes) — it is not a Sonae company file")]
    Empty { path: PathBuf },
    #[error("{path}: not a Sonae company file (it is not an SQLite database)")]
    NotSqlite { path: PathBuf },
    #[error("{path}: an SQLite database of another program, not a Sonae company file")]
    ForeignDatabase { path: PathBuf },
    #[error("{path}: holds a Sonae company's tables but is not marked as one (application id {found:#x}); it may have been altered by another program — it was left unchanged; restore a backup")]
    Relabelled { path: PathBuf, found: i32 },
    #[error("{path}: written by a newer Sonae (schema version {found}; this version reads up to {supported}); update Sonae to open it — the file was left unchanged")]
    NewerVersion { path: PathBuf, found: i32, supported: i32 },
    /// A schema upgrade failed its checks; its transaction was rolled back.
    #[error("the upgrade of the company file to schema version {version} failed ({detail}); the file was left as it was")]
    UpgradeFailed { version: i32, detail: String },
    #[error("{path}: the file is damaged ({detail}); it was left unchanged — restore a backup")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: the file is in use by another program (close it in Sonae first); nothing was changed")]
    InUse { path: PathBuf },
    /// The file is protected and no passphrase was given.
    #[error("{path}: this company file is protected by a passphrase; enter its passphrase to open it")]
    PassphraseRequired { path: PathBuf },
    /// A passphrase was given and the file cannot be read with it.
    #[error("{path}: this passphrase does not open the file — the passphrase is wrong, or the file is not a Sonae company file; the file was left unchanged")]
    WrongPassphrase { path: PathBuf },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The server holding the company refused a statement (or could not be reached).
    #[error("the server refused: {detail} (in: {statement})")]
    Server { detail: String, statement: String },
    #[error("{0}")]
    Invalid(String),
    /// A stored value the code does not know: the file was changed by something else.
    #[error("the company file holds an {0}")]
    UnknownKey(#[from] crate::keys::UnknownKey),
    #[error("{what} {id} does not exist")]
    Missing { what: &'static str, id: i64 },
    /// A domain rule refused the change (e.g. closing with a mandatory report not sent).
    #[error("{detail}")]
    Refused { code: ErrorCode, detail: String },
}

impl StoreError {
    /// A stable code the UI can react to without parsing the message.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::AlreadyExists { .. } => ErrorCode::AlreadyExists,
            StoreError::Empty { .. } | StoreError::NotSqlite { .. } => ErrorCode::NotACompanyFile,
            StoreError::ForeignDatabase { .. } => ErrorCode::NotACompanyFile,
            StoreError::NewerVersion { .. } => ErrorCode::NewerVersion,
            StoreError::UpgradeFailed { .. } => ErrorCode::UpgradeFailed,
            StoreError::Corrupt { .. } | StoreError::Relabelled { .. } => ErrorCode::Corrupt,
            StoreError::InUse { .. } => ErrorCode::InUse,
            StoreError::PassphraseRequired { .. } => ErrorCode::PassphraseRequired,
            StoreError::WrongPassphrase { .. } => ErrorCode::WrongPassphrase,
            StoreError::Io { .. } => ErrorCode::Io,
            StoreError::Sqlite(_) | StoreError::Server { .. } => ErrorCode::Database,
            StoreError::Invalid(_) | StoreError::UnknownKey(_) => ErrorCode::Invalid,
            StoreError::Missing { .. } => ErrorCode::Missing,
            StoreError::Refused { code, .. } => *code,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The language of the company file's texts (its policy, timeline sentences, CSV headings).
pub(crate) fn file_language(conn: &dyn Db) -> Result<Language> {
    conn.query_row("SELECT language FROM company WHERE id = 1", [], |r| r.get(0))
}

/// A domain rule refused the change: `code` tells the window which text to show, `detail` says
/// what exactly, for the log and the command line.
pub(crate) fn refused(code: ErrorCode, detail: impl Into<String>) -> StoreError {
    StoreError::Refused { code, detail: detail.into() }
}

/// The current instant as RFC 3339 in the machine's local offset (what users see in the timeline).
pub fn now() -> String {
    chrono::Local::now().fixed_offset().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Today's date in the machine's local time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl From<StoreError> for crate::error_code::ErrorReport {
    fn from(e: StoreError) -> Self {
        crate::error_code::ErrorReport { code: e.code(), message: e.to_string() }
    }
}

/// Every row of `sql` (no parameters), each read by `row`.
pub(crate) fn rows<T>(conn: &dyn Db, sql: &str, row: impl FnMut(&Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
    conn.query_map(sql, (), row)
}

/// Every row of `sql` with its parameters, each read by `row`.
pub(crate) fn rows_with<T>(
    conn: &dyn Db,
    sql: &str,
    params: impl db::Params,
    row: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    conn.query_map(sql, params, row)
}

/// Windows' error when a file is open in a way that excludes this use of it.
const ERROR_SHARING_VIOLATION: i32 = 32;

/// Whether `error`, from replacing `path`, came from another program holding `path` open. Only
/// Windows refuses that (with "access denied", as for a read-only file); elsewhere an open file
/// can always be replaced.
pub fn held_open_elsewhere(path: &std::path::Path, error: &std::io::Error) -> bool {
    const ERROR_ACCESS_DENIED: i32 = 5;
    cfg!(windows) && matches!(error.raw_os_error(), Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION)) && open_elsewhere(path)
}

/// Whether another program has `path` open in a way that keeps it from being written or replaced
/// (Windows only): opening it for this process alone then fails with a sharing violation.
pub(crate) fn open_elsewhere(path: &std::path::Path) -> bool {
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        let alone = std::fs::OpenOptions::new().read(true).share_mode(0).open(path);
        matches!(alone, Err(e) if e.raw_os_error() == Some(ERROR_SHARING_VIOLATION))
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        false
    }
}

/// The error of replacing `path` with a finished copy: [`StoreError::InUse`] when another program
/// holds it open (which only Windows refuses), else the I/O error itself.
pub(crate) fn replace_failed(path: &std::path::Path, error: std::io::Error) -> StoreError {
    if held_open_elsewhere(path, &error) {
        StoreError::InUse { path: path.to_owned() }
    } else {
        StoreError::Io { path: path.to_owned(), source: error }
    }
}
