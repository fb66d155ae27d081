//! The company file: one SQLite file per company, holding its policy, contacts, BCP and incidents.
//!
//! Opening is careful because the file is a firm's evidence: it is first read without writing to
//! decide whether it is a Sonae file at all, whether this version understands it and whether it
//! is intact. Only then is it opened for writing (WAL, foreign keys) and migrated, each migration
//! in one transaction. A refused file is never modified.

pub mod backups;
mod bcp_edit;
mod company_edit;
pub mod contacts;
pub mod history;
mod incidents;
mod near_misses;
mod obligations;
mod policy;
mod policy_edit;
mod policy_template;
mod seed;
mod summary;
mod timeline_text;
pub mod wizard;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

/// The transaction every write runs in (see [`CompanyFile::write`]).
pub use rusqlite::Transaction;

pub use incidents::{call_list, incident_detail, list_incidents, wizard_policy};
pub use near_misses::{add_near_miss, near_miss_training_csv, near_misses};
pub(crate) use near_misses::csv_field;
pub use contacts::{
    confirm_contacts, contact, contact_usage, create_contact, delete_contact, export_contacts_csv, import_contacts,
    list_contacts, preview_contacts_import, set_call_order, set_stale_contact_months, update_contact,
};
pub use obligations::record_assessment;
pub use policy::{bcp, call_tree, policy};
pub use summary::{company_profile, home_summary};
pub use bcp_edit::{
    create_scenario, create_target, delete_exercise, delete_scenario, delete_target, editable_bcp, record_exercise,
    reorder_scenarios, reorder_targets, update_exercise, update_scenario, update_target,
};
pub use company_edit::update_company_profile;
pub use policy_edit::{
    create_authority, create_role, delete_authority, delete_role, editable_policy, reorder_authorities, reorder_roles,
    save_checklist, save_procedure, set_role_holders, update_authority, update_category, update_level, update_role,
};
pub use policy_template::{export_policy_template, import_policy_template, template_file_bytes};

/// `PRAGMA application_id` of every Sonae company file ("SONE"), so that another program's SQLite
/// database is told apart from a Sonae file.
pub const APPLICATION_ID: i32 = 0x534F_4E45;

/// Embedded migrations; the schema version of a file is the number of migrations applied to it.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_company_file.sql")];

/// The newest schema version this build understands.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

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
    #[error("{path}: the file is damaged ({detail}); it was left unchanged — restore a backup")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: the file is in use by another program (close it in Sonae first); nothing was changed")]
    InUse { path: PathBuf },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("{what} {id} does not exist")]
    Missing { what: &'static str, id: i64 },
    /// A domain rule refused the change (e.g. closing with a mandatory report not sent).
    #[error("{detail}")]
    Refused { code: &'static str, detail: String },
}

impl StoreError {
    /// A stable code the UI can react to without parsing the message.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound { .. } => "not_found",
            StoreError::AlreadyExists { .. } => "already_exists",
            StoreError::Empty { .. } | StoreError::NotSqlite { .. } => "not_a_company_file",
            StoreError::ForeignDatabase { .. } => "not_a_company_file",
            StoreError::NewerVersion { .. } => "newer_version",
            StoreError::Corrupt { .. } | StoreError::Relabelled { .. } => "corrupt",
            StoreError::InUse { .. } => "in_use",
            StoreError::Io { .. } => "io",
            StoreError::Sqlite(_) => "database",
            StoreError::Invalid(_) => "invalid",
            StoreError::Missing { .. } => "missing",
            StoreError::Refused { code, .. } => code,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open company file.
pub struct CompanyFile {
    conn: Connection,
    path: PathBuf,
}

/// What `check` found: the file is intact and of a known version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    pub schema_version: i32,
    pub company_name: String,
}

impl CompanyFile {
    /// Opens an existing company file, refusing (and leaving untouched) anything that is not an
    /// intact Sonae file of this version or older. Older files are migrated.
    pub fn open(path: &Path) -> Result<Self> {
        let version = inspect(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        migrate(&mut conn, version)?;
        Ok(CompanyFile { conn, path: path.to_owned() })
    }

    /// Opens a company file only to read from it (another client's policy to start a new file
    /// from): checked like [`CompanyFile::open`], but never written to and never migrated.
    pub fn open_to_read(path: &Path) -> Result<Self> {
        let version = inspect(path)?;
        if version < SCHEMA_VERSION {
            return Err(StoreError::Refused {
                code: "older_version",
                detail: format!("{}: written by an older Sonae; open it once in Sonae to update it, then try again", path.display()),
            });
        }
        Ok(CompanyFile { conn: open_read_only(path)?, path: path.to_owned() })
    }

    /// A second, read-only connection to a file this process has just opened (and so already
    /// checked), for taking its automatic backup off the window's thread.
    pub fn open_for_backup(path: &Path) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(CompanyFile { conn, path: path.to_owned() })
    }

    /// Creates a new company file from a policy template, written completely to a temporary file
    /// beside `path` and then moved into place, so a crash never leaves half a company file.
    pub fn create(path: &Path, company_name: &str, template: &crate::template::PolicyTemplate) -> Result<Self> {
        Self::create_with(path, |tx| seed::apply_template(tx, company_name, template))
    }

    /// Creates a new company file holding the built-in sample company of a language.
    pub fn create_demo(path: &Path, language: &str) -> Result<Self> {
        let template = crate::template::builtin_policy(language).map_err(template_error)?;
        let demo = crate::template::builtin_demo(language).map_err(template_error)?;
        Self::create_with(path, |tx| {
            seed::apply_template(tx, &demo.company.name, &template)?;
            seed::apply_demo(tx, &demo)
        })
    }

    fn create_with(path: &Path, fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>) -> Result<Self> {
        if path.exists() {
            return Err(StoreError::AlreadyExists { path: path.to_owned() });
        }
        let io = |source| StoreError::Io { path: path.to_owned(), source };
        let staging = tempfile::Builder::new().prefix(".sonae-new-").tempfile_in(parent_dir(path)).map_err(io)?;
        {
            let mut conn = Connection::open(staging.path())?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            build_new_file(&tx, fill)?;
            tx.commit()?;
            conn.close().map_err(|(_, e)| e)?;
        }
        // Refuses to replace a file that appeared meanwhile.
        staging.persist_noclobber(path).map_err(|e| io(e.error))?;
        Self::open(path)
    }

    /// A fresh in-memory company file from a template, for tests.
    pub fn in_memory(company_name: &str, template: &crate::template::PolicyTemplate) -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let tx = conn.transaction()?;
        build_new_file(&tx, |tx| seed::apply_template(tx, company_name, template))?;
        tx.commit()?;
        Ok(CompanyFile { conn, path: PathBuf::from(":memory:") })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one IMMEDIATE transaction: it is committed whole or not at all.
    pub fn write<T>(&mut self, work: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Copies the file to `out` with SQLite's online backup, which is consistent even while
    /// another process (the app) is writing. The copy is made beside `out` and moved into place
    /// only when complete; an existing `out` is never replaced.
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        if out.exists() {
            return Err(StoreError::AlreadyExists { path: out.to_owned() });
        }
        let staging = standalone_copy(&self.conn, out)?;
        staging.persist_noclobber(out).map_err(|e| StoreError::Io { path: out.to_owned(), source: e.error })?;
        Ok(())
    }
}

/// Copies the database behind `source` with SQLite's online backup into a new temporary file in
/// the folder of `destination`, as one standalone file (rollback journal, no WAL beside it), and
/// flushes it to disk. The caller moves it into place.
fn standalone_copy(source: &Connection, destination: &Path) -> Result<tempfile::NamedTempFile> {
    let io = |source| StoreError::Io { path: destination.to_owned(), source };
    let staging = tempfile::Builder::new().prefix(".sonae-copy-").tempfile_in(parent_dir(destination)).map_err(io)?;
    {
        let mut dest = Connection::open(staging.path())?;
        {
            let backup = rusqlite::backup::Backup::new(source, &mut dest)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        }
        dest.pragma_update(None, "journal_mode", "DELETE")?;
        dest.close().map_err(|(_, e)| e)?;
    }
    staging.as_file().sync_all().map_err(io)?;
    Ok(staging)
}

/// The folder a path is in (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Checks a file without changing it: a Sonae file, of a version this build reads, intact.
pub fn check(path: &Path) -> Result<FileCheck> {
    let schema_version = inspect(path)?;
    let conn = open_read_only(path)?;
    let company_name = conn
        .query_row("SELECT name FROM company WHERE id = 1", [], |r| r.get(0))
        .map_err(|e| corrupt(path, format!("no company record: {e}")))?;
    Ok(FileCheck { schema_version, company_name })
}

/// Reads a file's identity, version and integrity without writing to it; returns its schema version.
fn inspect(path: &Path) -> Result<i32> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound { path: path.to_owned() },
        _ => StoreError::Io { path: path.to_owned(), source },
    })?;
    if meta.is_dir() {
        return Err(StoreError::NotSqlite { path: path.to_owned() });
    }
    if meta.len() == 0 {
        return Err(StoreError::Empty { path: path.to_owned() });
    }
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut file = std::fs::File::open(path).map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
        if file.read_exact(&mut header).is_err() || &header != SQLITE_HEADER {
            return Err(StoreError::NotSqlite { path: path.to_owned() });
        }
    }
    let conn = open_read_only(path).map_err(|e| corrupt(path, e.to_string()))?;
    let read = |pragma: &str| -> Result<i32> {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
            .map_err(|e| corrupt(path, e.to_string()))
    };
    let application_id = read("application_id")?;
    if application_id != APPLICATION_ID {
        let sonae_tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('company', 'incident', 'timeline_entry')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| corrupt(path, e.to_string()))?;
        return Err(match sonae_tables {
            3 => StoreError::Relabelled { path: path.to_owned(), found: application_id },
            _ => StoreError::ForeignDatabase { path: path.to_owned() },
        });
    }
    let version = read("user_version")?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion { path: path.to_owned(), found: version, supported: SCHEMA_VERSION });
    }
    // Every Sonae file is marked with its schema version when it is created.
    if version < 1 {
        return Err(corrupt(path, format!("no schema version (found {version})")));
    }
    let problems = integrity_problems(&conn).map_err(|e| corrupt(path, e.to_string()))?;
    if problems != ["ok"] {
        return Err(corrupt(path, problems.join("; ")));
    }
    Ok(version)
}

/// Runs SQLite's integrity check on an in-memory copy of `source`; returns `["ok"]` or the first
/// problems found.
///
/// Not on `source` itself: SQLite does not load CHECK constraints for a read-only connection, so
/// its integrity check skips them, and a file whose rows break them (a status no longer 'open' or
/// 'closed', say) would be passed — the fuzz tests found such files. The copy is writable, so its
/// check covers the constraints, and the company file is still only read.
fn integrity_problems(source: &Connection) -> rusqlite::Result<Vec<String>> {
    let page_size: i64 = source.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    let mut copy = Connection::open_in_memory()?;
    copy.pragma_update(None, "page_size", page_size)?;
    rusqlite::backup::Backup::new(source, &mut copy)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    let mut check = copy.prepare("PRAGMA integrity_check(5)")?;
    let problems = check.query_map([], |r| r.get(0))?.collect();
    problems
}

/// Opens a file for reading without creating anything beside it.
///
/// A plain read-only connection to a WAL-mode file (every Sonae file once opened) creates, and
/// leaves behind, `-wal` and `-shm` files. When neither a `-wal` nor a rollback `-journal` is
/// there, nothing is mid-write, so the file is opened as immutable (no locks, no side files). When
/// one is there, it holds data SQLite must take into account, and the ordinary read-only
/// connection uses it (the side files exist already, so nothing new appears).
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let beside = |suffix: &str| {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        PathBuf::from(side).exists()
    };
    if beside("-wal") || beside("-journal") {
        return Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY);
    }
    Connection::open_with_flags(
        format!("{}?immutable=1", file_uri(path)),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
}

/// A `file:` URI for SQLite naming `path`, every byte outside the unreserved set percent-encoded
/// (Japanese folder names, spaces, `?` and `#` included).
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    if path.has_root() || path.is_absolute() {
        uri.push_str("//");
        if !path.as_os_str().as_encoded_bytes().starts_with(b"/") {
            uri.push('/'); // a Windows drive: file:///C:/...
        }
    }
    for &byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'\\' if cfg!(windows) => uri.push('/'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' | b':' => uri.push(byte as char),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn corrupt(path: &Path, detail: String) -> StoreError {
    StoreError::Corrupt { path: path.to_owned(), detail }
}

fn template_error(e: serde_json::Error) -> StoreError {
    StoreError::Invalid(format!("built-in template is invalid: {e}"))
}

/// Creates the whole current schema in a new file, fills it, and marks it as a Sonae file of
/// this schema version.
fn build_new_file(tx: &rusqlite::Transaction, fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>) -> Result<()> {
    for migration in MIGRATIONS {
        tx.execute_batch(migration)?;
    }
    fill(tx)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

fn migrate(conn: &mut Connection, from: i32) -> Result<()> {
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", index as i32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The current instant as RFC 3339 in the machine's local offset (what users see in the timeline).
pub fn now() -> String {
    chrono::Local::now().fixed_offset().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Today's date in the machine's local time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
