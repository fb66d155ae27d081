//! The company file: one SQLite file per company, holding its policy, contacts, BCP and incidents.
//! This module opens, checks, creates, upgrades, protects and backs up the file as a whole.
//!
//! Opening is careful because the file is a firm's evidence: it is first read without writing to
//! decide whether it is a Sonae file at all, whether this version understands it and whether it
//! is intact. Only then is it opened for writing (WAL, foreign keys) and migrated, every pending
//! migration in one transaction. A refused file is never modified; the one thing done to a file
//! before it is checked is SQLite's undo of a write a crash left unfinished, which puts back what
//! was last saved (`undo_unfinished_write`).
//!
//! A file may be protected by a passphrase (encrypted with SQLCipher, see [`protection`]). Every
//! function that reads a file from disk has a form taking `Option<&Passphrase>`
//! ([`CompanyFile::open_with_passphrase`], [`check_with_passphrase`], …); the plain form is the
//! same with `None`. The passphrase is used only for a file that is protected (a plain file opens
//! whatever is given), and a protected file asked for without one is refused with
//! [`StoreError::PassphraseRequired`], with a wrong one with [`StoreError::WrongPassphrase`].

pub mod backups;
pub mod migrate;
pub mod protection;

use std::path::{Path, PathBuf};

use crate::language::Language;
use crate::store::{Result, StoreError};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use protection::Passphrase;

/// `PRAGMA application_id` of every Sonae company file ("SONE"), so that another program's SQLite
/// database is told apart from a Sonae file.
pub const APPLICATION_ID: i32 = 0x534F_4E45;

pub use migrate::SCHEMA_VERSION;

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open company file.
pub struct CompanyFile {
    conn: Connection,
    path: PathBuf,
    /// The passphrase the file is protected by; `None` for a plain file.
    key: Option<Passphrase>,
    /// What opening did to a file written by an older Sonae; `None` when it was current.
    upgrade: Option<Upgrade>,
}

/// A company file written by an older Sonae, brought to this version's schema when it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    /// The schema version the file had.
    pub from: i32,
    pub to: i32,
    /// The copy of the file as it was before, among its backups (「更新前」).
    pub backup: PathBuf,
    /// The open incidents whose obligations changed when they were assessed again under the
    /// rules that came with the upgrade.
    pub reassessed: Vec<crate::incident::IncidentRef>,
}

/// What `check` found: the file is intact and of a known version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    pub schema_version: i32,
    pub company_name: String,
    /// Whether the file is protected by a passphrase.
    pub protected: bool,
}

impl CompanyFile {
    /// Opens an existing company file, refusing (and leaving untouched) anything that is not an
    /// intact Sonae file of this version or older. Older files are migrated.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with_passphrase(path, None)
    }

    /// [`CompanyFile::open`] for a file that may be protected by `passphrase`.
    ///
    /// A file of an older schema version is first copied whole among its backups as it is (a
    /// 「更新前」 backup, [`backups::BackupReason::BeforeUpgrade`]), then upgraded ([`migrate`]);
    /// [`CompanyFile::upgrade`] then says so.
    pub fn open_with_passphrase(path: &Path, passphrase: Option<&Passphrase>) -> Result<Self> {
        Self::open_upgrading(path, passphrase, migrate::MIGRATIONS)
    }

    /// [`CompanyFile::open_with_passphrase`] with the migrations given instead of this build's
    /// (tests prove the upgrade harness with a migration of their own on top of the real ones).
    #[doc(hidden)]
    pub fn open_upgrading(path: &Path, passphrase: Option<&Passphrase>, migrations: &[migrate::Migration]) -> Result<Self> {
        let Inspection { schema_version: version, key } = inspect(path, passphrase)?;
        let newest = migrations.last().map_or(0, |m| m.version);
        let mut upgrade = if version < newest {
            let backup = backups::keep_before_upgrade(path, key)?;
            Some(Upgrade { from: version, to: newest, backup, reassessed: Vec::new() })
        } else {
            None
        };
        let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        if let Some(key) = key {
            protection::unlock(&conn, key)?;
        }
        configure(&conn)?;
        migrate::upgrade(&mut conn, version, migrations)?;
        if let Some(upgrade) = upgrade.as_mut() {
            upgrade.reassessed = migrate::reassessed_since(&conn, version)?;
        }
        Ok(CompanyFile { conn, path: path.to_owned(), key: key.cloned(), upgrade })
    }

    /// Opens a company file only to read from it (`sonae-cli export`, another client's policy to
    /// start a new file from): checked like [`CompanyFile::open`], but never written to. A file
    /// of an older version is read through an upgraded copy in memory; the file itself stays as
    /// it is, so the older Sonae its owner uses still opens it.
    pub fn open_to_read(path: &Path) -> Result<Self> {
        Self::open_to_read_with_passphrase(path, None)
    }

    /// [`CompanyFile::open_to_read`] for a file that may be protected by `passphrase`.
    pub fn open_to_read_with_passphrase(path: &Path, passphrase: Option<&Passphrase>) -> Result<Self> {
        Self::open_to_read_with_version(path, passphrase).map(|(file, _)| file)
    }

    /// [`CompanyFile::open_to_read_with_passphrase`], also answering the schema version the file
    /// has on disk (older than this build's when what is read is an upgraded copy).
    pub fn open_to_read_with_version(path: &Path, passphrase: Option<&Passphrase>) -> Result<(Self, i32)> {
        let Inspection { schema_version: version, key } = inspect(path, passphrase)?;
        let mut conn = open_read_only(path, key)?;
        if version < SCHEMA_VERSION {
            let mut copy = memory_copy(&conn, key.is_some())?;
            copy.pragma_update(None, "foreign_keys", true)?;
            migrate::upgrade(&mut copy, version, migrate::MIGRATIONS)?;
            conn = copy;
        }
        Ok((CompanyFile { conn, path: path.to_owned(), key: key.cloned(), upgrade: None }, version))
    }

    /// Opens a company file to copy it as it is (`sonae-cli backup`): checked like
    /// [`CompanyFile::open`], only read, never upgraded, and nothing is created beside it.
    pub fn open_as_is_with_passphrase(path: &Path, passphrase: Option<&Passphrase>) -> Result<Self> {
        let Inspection { key, .. } = inspect(path, passphrase)?;
        Ok(CompanyFile { conn: open_read_only(path, key)?, path: path.to_owned(), key: key.cloned(), upgrade: None })
    }

    /// What opening did to a file written by an older Sonae: from which version it was upgraded
    /// and where the copy of it as it was is kept. `None` when the file was current.
    pub fn upgrade(&self) -> Option<&Upgrade> {
        self.upgrade.as_ref()
    }

    /// A second, read-only connection to a file this process has just opened (and so already
    /// checked), for taking its automatic backup off the window's thread.
    pub fn open_for_backup(path: &Path) -> Result<Self> {
        Self::open_for_backup_with_passphrase(path, None)
    }

    /// [`CompanyFile::open_for_backup`] for a file that may be protected by `passphrase` (give the
    /// passphrase it was opened with: [`CompanyFile::passphrase`]).
    pub fn open_for_backup_with_passphrase(path: &Path, passphrase: Option<&Passphrase>) -> Result<Self> {
        let key = key_for(path, passphrase)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        if let Some(key) = key {
            protection::unlock(&conn, key)?;
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(CompanyFile { conn, path: path.to_owned(), key: key.cloned(), upgrade: None })
    }

    /// Creates a new company file from a policy template, written completely to a temporary file
    /// beside `path` and then moved into place, so a crash never leaves half a company file.
    pub fn create(path: &Path, company_name: &str, template: &crate::template::PolicyTemplate) -> Result<Self> {
        Self::create_with(path, |tx| crate::template::seed::apply_template(tx, company_name, template))
    }

    /// Creates a new company file holding the built-in sample company of a language.
    pub fn create_demo(path: &Path, language: Language) -> Result<Self> {
        let template = crate::template::builtin_policy(language).map_err(template_error)?;
        let demo = crate::template::builtin_demo(language).map_err(template_error)?;
        Self::create_with(path, |tx| {
            crate::template::seed::apply_template(tx, &demo.company.name, &template)?;
            crate::template::seed::apply_demo(tx, &demo)
        })
    }

    /// Creates a new company file whose rows `fill` writes into the empty schema of this version
    /// (a company copied from a server), with foreign keys checked once it is done; written
    /// whole beside `path` and moved into place, like [`CompanyFile::create`].
    pub fn create_filled(path: &Path, fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>) -> Result<Self> {
        Self::create_with(path, |tx| fill_checked(tx, fill))
    }

    /// Writes a company file at `path` whose rows `fill` writes, as [`CompanyFile::create_filled`]
    /// does, but protected by `key` from its first page, so that nothing of it is ever on disk in
    /// plain, and replacing the file at `path` if there is one (a copy made again). `key` need not
    /// pass [`Passphrase::check_new`]: it is a key the caller chose, not one a person types anew.
    pub fn write_protected_copy(
        path: &Path,
        key: &Passphrase,
        fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>,
    ) -> Result<()> {
        let staging = Self::staged(path, Some(key), |tx| fill_checked(tx, fill))?;
        staging.persist(path).map_err(|e| crate::store::replace_failed(path, e.error))?;
        sync_dir(parent_dir(path))
    }

    fn create_with(path: &Path, fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>) -> Result<Self> {
        if path.exists() {
            return Err(StoreError::AlreadyExists { path: path.to_owned() });
        }
        let staging = Self::staged(path, None, fill)?;
        // Refuses to replace a file that appeared meanwhile.
        staging.persist_noclobber(path).map_err(|e| StoreError::Io { path: path.to_owned(), source: e.error })?;
        sync_dir(parent_dir(path))?;
        Self::open(path)
    }

    /// A new company file written whole, protected by `key` or plain, in a staging file beside
    /// `path`, for the caller to move into place.
    fn staged(
        path: &Path,
        key: Option<&Passphrase>,
        fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>,
    ) -> Result<tempfile::NamedTempFile> {
        let io = |source| StoreError::Io { path: path.to_owned(), source };
        let staging = staging_file(parent_dir(path)).map_err(io)?;
        {
            let mut conn = Connection::open(staging.path())?;
            if let Some(key) = key {
                protection::key_new_file(&conn, key)?;
            }
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            build_new_file(&tx, fill)?;
            tx.commit()?;
            conn.close().map_err(|(_, e)| e)?;
        }
        staging.as_file().sync_all().map_err(io)?;
        Ok(staging)
    }

    /// A fresh in-memory company file from a template, for tests.
    pub fn in_memory(company_name: &str, template: &crate::template::PolicyTemplate) -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let tx = conn.transaction()?;
        build_new_file(&tx, |tx| crate::template::seed::apply_template(tx, company_name, template))?;
        tx.commit()?;
        Ok(CompanyFile { conn, path: PathBuf::from(":memory:"), key: None, upgrade: None })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The company's tables, to read.
    pub fn connection(&self) -> &dyn crate::store::Db {
        &self.conn
    }

    /// The file's own SQLite connection, for what only a company file has (copying its tables
    /// whole to a server); the core reads through [`CompanyFile::connection`].
    pub fn sqlite(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one read transaction: its statements all see the file as it was at the first
    /// of them, even while another program (the command line) writes to it.
    pub fn read<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&dyn crate::store::Db) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self.conn.unchecked_transaction().map_err(StoreError::from)?;
        let value = work(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `work` in one IMMEDIATE transaction: it is committed whole or not at all.
    pub fn write<T>(&mut self, work: impl FnOnce(&crate::store::Transaction) -> Result<T>) -> Result<T> {
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
        let staging = standalone_copy(&self.conn, out, self.key.as_ref())?;
        staging.persist_noclobber(out).map_err(|e| StoreError::Io { path: out.to_owned(), source: e.error })?;
        // Until its folder is synced, a power cut can undo the rename and take the copy with it.
        sync_dir(parent_dir(out))
    }
}

/// Copies the database behind `source` with SQLite's online backup into a new temporary file in
/// the folder of `destination`, as one standalone file (rollback journal, no WAL beside it), and
/// flushes it to disk. The caller moves it into place. `key` is the passphrase `source` is
/// protected by: the copy is protected by it too (SQLite's backup copies pages only between two
/// plain or two keyed databases, and a copy of a protected file must never be plain).
fn standalone_copy(source: &Connection, destination: &Path, key: Option<&Passphrase>) -> Result<tempfile::NamedTempFile> {
    let io = |source| StoreError::Io { path: destination.to_owned(), source };
    let staging = staging_file(parent_dir(destination)).map_err(io)?;
    {
        let mut dest = Connection::open(staging.path())?;
        if let Some(key) = key {
            protection::key_new_file(&dest, key)?;
        }
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

/// How the temporary files begin in which a whole company file (a new file, a backup, a
/// converted or restored file) is written before it is renamed into place. A process killed in
/// between leaves one behind, hidden, beside the file or among its backups.
const STAGING_PREFIX: &str = ".sonae-copy-";

/// A new, empty staging file in `dir`, deleted again unless it is persisted.
fn staging_file(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new().prefix(STAGING_PREFIX).tempfile_in(dir)
}

/// Deletes from `dir` the staging files (and their SQLite journals) that killed processes left
/// behind: those last written more than `older_than` ago, since a copy being written now is
/// newer. Answers how many were deleted; one that cannot be deleted is left for next time.
pub fn remove_leftover_staging(dir: &Path, older_than: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let is_leftover = |entry: &std::fs::DirEntry| {
        entry.file_name().to_str().is_some_and(|name| name.starts_with(STAGING_PREFIX))
            && entry
                .metadata()
                .ok()
                .filter(|m| m.is_file())
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > older_than)
    };
    entries.flatten().filter(is_leftover).filter(|entry| std::fs::remove_file(entry.path()).is_ok()).count()
}

/// The folder a path is in (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Checks a file without changing it: a Sonae file, of a version this build reads, intact.
pub fn check(path: &Path) -> Result<FileCheck> {
    check_with_passphrase(path, None)
}

/// [`check`] for a file that may be protected by `passphrase`.
pub fn check_with_passphrase(path: &Path, passphrase: Option<&Passphrase>) -> Result<FileCheck> {
    let Inspection { schema_version, key } = inspect(path, passphrase)?;
    let conn = open_read_only(path, key)?;
    let company_name = conn
        .query_row("SELECT name FROM company WHERE id = 1", [], |r| r.get(0))
        .map_err(|e| corrupt(path, format!("no company record: {e}")))?;
    Ok(FileCheck { schema_version, company_name, protected: key.is_some() })
}

/// What [`inspect`] found out about a file.
struct Inspection<'a> {
    schema_version: i32,
    /// The passphrase to read it with: `None` for a plain file.
    key: Option<&'a Passphrase>,
}

/// Decides from a file's first bytes how it is to be read: in plain (`None`, whatever passphrase
/// was given) or with `passphrase`. Refuses a protected file without a passphrase, and what is
/// neither an SQLite file nor shaped like an encrypted one.
fn key_for<'a>(path: &Path, passphrase: Option<&'a Passphrase>) -> Result<Option<&'a Passphrase>> {
    let meta = std::fs::metadata(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            StoreError::NotFound { path: path.to_owned() }
        } else {
            StoreError::Io { path: path.to_owned(), source }
        }
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
        if file.read_exact(&mut header).is_err() {
            return Err(StoreError::NotSqlite { path: path.to_owned() });
        }
    }
    // Nothing typed is no passphrase.
    let passphrase = passphrase.filter(|p| !p.is_empty());
    match (protection::Appearance::of(&header, meta.len()), passphrase) {
        (protection::Appearance::Plain, _) => Ok(None),
        (protection::Appearance::Protected | protection::Appearance::Encrypted, Some(passphrase)) => Ok(Some(passphrase)),
        (protection::Appearance::Protected, None) => Err(StoreError::PassphraseRequired { path: path.to_owned() }),
        (protection::Appearance::Encrypted | protection::Appearance::Other, _) => {
            Err(StoreError::NotSqlite { path: path.to_owned() })
        }
    }
}

/// Reads a file's identity, version and integrity without writing to it.
fn inspect<'a>(path: &Path, passphrase: Option<&'a Passphrase>) -> Result<Inspection<'a>> {
    let key = key_for(path, passphrase)?;
    undo_unfinished_write(path, key);
    let conn = open_read_only(path, key).map_err(|e| corrupt(path, e.to_string()))?;
    if key.is_some() {
        // Reading the first page tells whether the passphrase fits (SQLCipher checks each page's
        // HMAC); a damaged page further on is found by the integrity check below.
        conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
            .map_err(|_| StoreError::WrongPassphrase { path: path.to_owned() })?;
    }
    let read = |pragma: &str| -> Result<i32> {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0)).map_err(|e| corrupt(path, e.to_string()))
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
    let problems = integrity_problems(&conn, key.is_some()).map_err(|e| corrupt(path, e.to_string()))?;
    if problems != ["ok"] {
        return Err(corrupt(path, problems.join("; ")));
    }
    Ok(Inspection { schema_version: version, key })
}

/// Lets SQLite undo a write that a crash or a power cut left unfinished in a file in rollback mode
/// (a new, restored or converted file before its first opening switches it to WAL, or a file
/// being switched): the journal beside it holds the pages as they were last saved, and the file
/// is not the saved state until they are put back. A read-only connection cannot put them back
/// and takes the file for damaged, so a writing connection reads it first. That restores what was
/// saved, and changes nothing else: a file refused afterwards is the file as it was saved.
///
/// Nothing is done when no journal is there; what fails here (a wrong passphrase, a file that may
/// not be written) is left for the read-only check to report.
fn undo_unfinished_write(path: &Path, key: Option<&Passphrase>) {
    let journal = side_files(path, &["-journal"]);
    if !journal.iter().any(|journal| std::fs::metadata(journal).is_ok_and(|m| m.len() > 0)) {
        return;
    }
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE) else { return };
    if key.is_some_and(|key| protection::unlock(&conn, key).is_err()) {
        return;
    }
    // The first read takes the journal into account: SQLite plays it back and deletes it.
    let _ = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0));
}

/// Runs SQLite's integrity check on an in-memory copy of `source`; returns `["ok"]` or the first
/// problems found.
///
/// Not on `source` itself: SQLite does not load CHECK constraints for a read-only connection, so
/// its integrity check skips them, and a file whose rows break them (a status no longer 'open' or
/// 'closed', say) would be passed — the fuzz tests found such files. The copy is writable, so its
/// check covers the constraints, and the company file is still only read. The copy of a protected
/// file is keyed too (`protected`): SQLCipher copies pages only between keyed databases.
fn integrity_problems(source: &Connection, protected: bool) -> rusqlite::Result<Vec<String>> {
    let copy = memory_copy(source, protected)?;
    let mut check = copy.prepare("PRAGMA integrity_check(5)")?;
    let problems = check.query_map([], |r| r.get(0))?.collect();
    problems
}

/// A writable copy in memory of the database behind `source` (keyed when it is `protected`:
/// SQLCipher copies pages only between keyed databases).
fn memory_copy(source: &Connection, protected: bool) -> rusqlite::Result<Connection> {
    // SQLCipher answers for a keyed connection with its `cipher_page_size`, as text.
    let page_size: i64 = source.query_row("PRAGMA page_size", [], |r| match r.get_ref(0)? {
        rusqlite::types::ValueRef::Text(text) => {
            std::str::from_utf8(text).ok().and_then(|t| t.parse().ok()).ok_or(rusqlite::Error::InvalidQuery)
        }
        value @ (rusqlite::types::ValueRef::Null
        | rusqlite::types::ValueRef::Integer(_)
        | rusqlite::types::ValueRef::Real(_)
        | rusqlite::types::ValueRef::Blob(_)) => Ok(value.as_i64()?),
    })?;
    let mut copy = Connection::open_in_memory()?;
    if protected {
        protection::key_memory_copy(&copy)?;
    }
    copy.pragma_update(None, "page_size", page_size)?;
    rusqlite::backup::Backup::new(source, &mut copy)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    Ok(copy)
}

/// Opens a file for reading without creating anything beside it.
///
/// A plain read-only connection to a WAL-mode file (every Sonae file once opened) creates, and
/// leaves behind, `-wal` and `-shm` files. When neither a `-wal` nor a rollback `-journal` is
/// there, nothing is mid-write, so the file is opened as immutable (no locks, no side files). When
/// one is there, it holds data SQLite must take into account, and the ordinary read-only
/// connection uses it (the side files exist already, so nothing new appears).
///
/// `key` is the passphrase of a protected file ([`key_for`]), applied before anything is read.
fn open_read_only(path: &Path, key: Option<&Passphrase>) -> rusqlite::Result<Connection> {
    let conn = if side_files(path, &["-wal", "-journal"]).iter().any(|side| side.exists()) {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?
    } else {
        Connection::open_with_flags(
            format!("{}?immutable=1", file_uri(path)),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        )?
    };
    if let Some(key) = key {
        protection::unlock(&conn, key)?;
    }
    Ok(conn)
}

/// Folds the WAL of the file behind `conn` into it and leaves it in rollback mode, with nothing
/// beside it. SQLite allows that only when no other connection has the file open, which is how a
/// file still open in the app (or another process) is noticed before it is replaced under it.
fn leave_wal(conn: &Connection, path: &Path) -> Result<()> {
    let in_use = || StoreError::InUse { path: path.to_owned() };
    // The switch commits by deleting a rollback journal: durably, as in `configure`, or a power
    // cut soon after brings the journal back and the file is refused as damaged.
    conn.pragma_update(None, "synchronous", "EXTRA")?;
    let mode: String =
        conn.query_row("PRAGMA main.journal_mode = DELETE", [], |r| r.get(0)).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => in_use(),
            _ => StoreError::from(e),
        })?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(in_use());
    }
    Ok(())
}

/// Makes the names in `dir` durable: a file created, renamed or deleted there stays so after a
/// power cut only once its folder is synced, however well the file itself was. On Unix a folder
/// is synced like a file; Windows offers no way to sync a folder, so there it does nothing.
pub fn sync_dir(dir: &Path) -> Result<()> {
    sync_folder(dir).map_err(|source| StoreError::Io { path: dir.to_owned(), source })
}

/// [`sync_dir`] answering the plain I/O error, for what is not a company file (exported
/// documents, hand-over packs).
pub fn sync_folder(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
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

/// Runs `fill` with foreign keys checked only at its end: the rows of a copied company may come in
/// any order (a company at its insurer's contact before the contacts).
fn fill_checked(tx: &rusqlite::Transaction, fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>) -> Result<()> {
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    fill(tx)?;
    let dangling: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| row.get(0))?;
    if dangling > 0 {
        return Err(StoreError::Invalid(format!("{dangling} rows point at rows that are not there")));
    }
    Ok(())
}

/// Creates the whole current schema in a new file, fills it, and marks it as a Sonae file of
/// this schema version.
fn build_new_file(tx: &rusqlite::Transaction, fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>) -> Result<()> {
    migrate::create_schema(tx)?;
    fill(tx)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // A file not yet in WAL mode (new, restored or converted: written as one standalone file) is
    // switched by a transaction in rollback mode, which commits by deleting its journal. EXTRA
    // makes that deletion durable (SQLite syncs the folder after it): otherwise a power cut soon
    // after brings the journal back, and with a journal beside it the file fails the read-only
    // check of its next opening and is refused as damaged.
    conn.pragma_update(None, "synchronous", "EXTRA")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// What a company file may have beside it while in use: WAL, shared memory, rollback journal.
const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

fn side_files(path: &Path, suffixes: &[&str]) -> Vec<PathBuf> {
    suffixes
        .iter()
        .map(|suffix| {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            PathBuf::from(side)
        })
        .collect()
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::Io { path: path.to_owned(), source: e }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::*;

    fn write_aged(path: &Path, age: Duration) {
        std::fs::write(path, b"partial copy").unwrap();
        std::fs::File::options().write(true).open(path).unwrap().set_modified(SystemTime::now() - age).unwrap();
    }

    #[test]
    fn leftover_staging_files_go_and_everything_else_stays() {
        let dir = tempfile::tempdir().unwrap();
        let hour = Duration::from_secs(3600);
        write_aged(&dir.path().join(".sonae-copy-Ab12Cd"), 2 * hour);
        write_aged(&dir.path().join(".sonae-copy-Ab12Cd-journal"), 2 * hour);
        // Being written by another process right now.
        write_aged(&dir.path().join(".sonae-copy-Ef34Gh"), Duration::from_secs(5));
        // Not Sonae's, however old.
        write_aged(&dir.path().join("company.sonae"), 2 * hour);
        write_aged(&dir.path().join(".sonae-export-Ij56Kl"), 2 * hour);
        std::fs::create_dir(dir.path().join(".sonae-copy-folder")).unwrap();

        assert_eq!(remove_leftover_staging(dir.path(), hour), 2);
        let mut left: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, [".sonae-copy-Ef34Gh", ".sonae-copy-folder", ".sonae-export-Ij56Kl", "company.sonae"]);
        assert_eq!(remove_leftover_staging(&dir.path().join("missing"), hour), 0);
    }
}
