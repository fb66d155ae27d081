//! Rotating backups of a company file, and restoring one.
//!
//! The company file is a firm's only record of its policy, contacts and incidents, and a small
//! office has nobody who runs backups. So the app takes a copy by itself (when a file is opened and
//! once a day while it stays open), keeps the newest few, and lets the user put one back.
//!
//! Why it is built this way:
//! - Copies are made with SQLite's online backup, so they are consistent even while the file is
//!   being written, and each is one standalone file that Sonae (or `sonae-cli check`) can open.
//! - A backup's name says whose it is, when and why: `{stem}.{YYYYMMDD-HHMMSS-mmm}.{reason}.sonae`
//!   in local time. Names sort by time, and listing or rotating needs no index file that could
//!   itself be lost.
//! - Listing reads each backup read-only and summarises it (company, contacts, incidents, last
//!   change) so the user can pick the right one; a damaged backup is shown as unusable rather than
//!   hiding the others.
//! - Restoring never loses the current file: it is kept as a backup first (even when it is damaged,
//!   as a byte copy), and the chosen backup replaces it in one rename, after its WAL, shared-memory
//!   and journal files are cleared so SQLite can never replay them onto the restored file.
//! - Backups follow the file's protection (see [`super::protection`]): a backup of a protected
//!   file is protected by the same passphrase, and when the file is protected, its passphrase
//!   changed or its protection removed, [`rekey_backups`] converts its backups the same way, so
//!   no plain copy stays behind and every backup opens with the file's passphrase. Listing needs
//!   the passphrase to summarise protected backups; one it cannot open with it (taken under an
//!   earlier passphrase) is shown as locked, not as damaged.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::protection::converted_copy;
use super::{
    inspect, leave_wal, open_read_only, parent_dir, remove_if_present, side_files, standalone_copy, sync_dir, CompanyFile,
    Inspection, Passphrase, Result, StoreError, SIDE_FILES,
};
use crate::error_code::ErrorCode;

/// The extension of a company file, and so of its backups (a backup opens like any company file).
const EXTENSION: &str = "sonae";

/// How the time of a backup is written in its name: sortable, local time, to the millisecond.
const STAMP_FORMAT: &str = "%Y%m%d-%H%M%S-%3f";

/// The side files that hold data (the shared memory is only an index of the WAL, rebuilt on open).
const DATA_SIDE_FILES: [&str; 2] = ["-wal", "-journal"];

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// When the app opened the file.
    Opened,
    /// The daily backup of a file left open.
    Daily,
    /// The current file, kept just before a backup replaced it.
    BeforeRestore,
    /// Asked for by the user (`sonae-cli backups take`).
    Manual,
    /// 更新前 — the file as an older Sonae wrote it, kept just before it was upgraded to this
    /// version's schema; an older Sonae opens it. Never rotated away.
    BeforeUpgrade,
}

impl BackupReason {
    const ALL: [BackupReason; 5] = [
        BackupReason::Opened,
        BackupReason::Daily,
        BackupReason::BeforeRestore,
        BackupReason::Manual,
        BackupReason::BeforeUpgrade,
    ];

    /// The word in a backup's file name.
    pub fn slug(self) -> &'static str {
        match self {
            BackupReason::Opened => "opened",
            BackupReason::Daily => "daily",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::Manual => "manual",
            BackupReason::BeforeUpgrade => "before-upgrade",
        }
    }

    fn from_slug(slug: &str) -> Option<BackupReason> {
        BackupReason::ALL.into_iter().find(|reason| reason.slug() == slug)
    }
}

/// One backup in a backup folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BackupInfo {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// When it was taken, in local time.
    #[ts(type = "string")]
    pub taken_at: NaiveDateTime,
    pub reason: BackupReason,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub contents: BackupContents,
}

/// What a backup holds, read without writing to it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum BackupContents {
    /// It opens cleanly and can be restored.
    Intact(BackupSummary),
    /// It is protected by a passphrase other than the one it was listed with (taken before the
    /// file's passphrase was changed, or while the file was protected): it can be restored only
    /// with its own passphrase. `reason` is the message for the user.
    Locked { reason: String },
    /// It cannot be restored; `code` is the [`StoreError::code`] of why ("corrupt" when damaged,
    /// "newer_version" when written by a newer Sonae), `reason` the message for the user.
    Unusable { code: ErrorCode, reason: String },
}

/// Enough of a backup's contents for the user to recognise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupSummary {
    pub company_name: String,
    pub contacts: i64,
    pub incidents: i64,
    pub open_incidents: i64,
    /// The latest change recorded anywhere in the file (RFC 3339), if any.
    pub last_change: Option<String>,
}

impl BackupInfo {
    pub fn is_intact(&self) -> bool {
        matches!(self.contents, BackupContents::Intact(_))
    }
}

/// Where a company file's backups go unless the user chose another folder: `{stem}-backups`
/// beside the file, so that moving a client's folder moves its backups too.
pub fn default_backup_dir(company_path: &Path) -> Result<PathBuf> {
    Ok(parent_dir(company_path).join(format!("{}-backups", company_stem(company_path)?)))
}

/// The part of a company file's name that its backups carry ("acme" for `acme.sonae`).
pub fn company_stem(company_path: &Path) -> Result<String> {
    company_path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .filter(|stem| !stem.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| StoreError::Invalid(format!("{}: a company file needs a file name", company_path.display())))
}

/// Takes a backup of an open company file into `backup_dir` (created if missing).
pub fn take_backup(company: &CompanyFile, backup_dir: &Path, reason: BackupReason) -> Result<BackupInfo> {
    if company.path() == Path::new(":memory:") {
        return Err(StoreError::Invalid("an in-memory company file has no file to back up".into()));
    }
    let stem = company_stem(company.path())?;
    create_dir(backup_dir)?;
    let key = company.key.as_ref();
    let staging = standalone_copy(&company.conn, &backup_dir.join(&stem), key)?;
    let (path, taken_at) = place_backup(staging, backup_dir, &stem, reason)?;
    Ok(describe(path, taken_at, reason, key))
}

/// Every backup of the company file named `stem` in `backup_dir`, newest first. A missing folder
/// has none; files that are not backups of this company file are left out.
pub fn list_backups(backup_dir: &Path, stem: &str) -> Result<Vec<BackupInfo>> {
    list_backups_with_passphrase(backup_dir, stem, None)
}

/// [`list_backups`] of a file protected by `passphrase`: backups it opens are summarised, protected
/// ones it does not open are [`BackupContents::Locked`].
pub fn list_backups_with_passphrase(backup_dir: &Path, stem: &str, passphrase: Option<&Passphrase>) -> Result<Vec<BackupInfo>> {
    Ok(backup_names(backup_dir, stem)?
        .into_iter()
        .rev()
        .map(|(path, taken_at, reason)| describe(path, taken_at, reason, passphrase))
        .collect())
}

/// What [`rekey_backups`] did with each backup.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct RekeyedBackups {
    /// Converted to the new protection.
    #[ts(type = "string[]")]
    pub converted: Vec<PathBuf>,
    /// Already protected as asked (plain when protection was removed, or opening with the new
    /// passphrase): nothing to do.
    #[ts(type = "string[]")]
    pub unchanged: Vec<PathBuf>,
    /// Left as they were: damaged, written by a newer Sonae, or protected by a passphrase that is
    /// neither the old nor the new one. `contents` says which.
    pub left: Vec<BackupInfo>,
}

/// Converts every backup of `stem` in `backup_dir` that opens with `from` (the file's passphrase
/// until now; `None` when it was plain) to the protection `to` (`None`: plain), each through a
/// checked copy renamed over it, so that a crash leaves each backup either as it was or converted.
/// A plain backup is protected by `to` whatever `from` is: after protecting a file no plain copy
/// of it stays in its backup folder. Run it after [`CompanyFile::set_passphrase`] with the same
/// passphrases; running it again is harmless.
pub fn rekey_backups(
    backup_dir: &Path,
    stem: &str,
    from: Option<&Passphrase>,
    to: Option<&Passphrase>,
) -> Result<RekeyedBackups> {
    if let Some(passphrase) = to {
        passphrase.check_new()?;
    }
    let mut done = RekeyedBackups::default();
    for (path, taken_at, reason) in backup_names(backup_dir, stem)? {
        // A plain file opens whatever passphrase is given; a protected one with `from` or, when it
        // was converted already, with `to`.
        let readable = inspect(&path, from).or_else(|e| match (e.code(), to) {
            (ErrorCode::WrongPassphrase | ErrorCode::PassphraseRequired, Some(_)) => inspect(&path, to),
            _ => Err(e),
        });
        let key = match readable {
            Ok(Inspection { key, .. }) => key,
            Err(_) => {
                done.left.push(describe(path, taken_at, reason, from));
                continue;
            }
        };
        if key == to {
            done.unchanged.push(path);
            continue;
        }
        let source = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        if let Some(key) = key {
            super::protection::unlock(&source, key)?;
        }
        let staging = converted_copy(&source, &path, to)?;
        source.close().map_err(|(_, e)| StoreError::from(e))?;
        staging.persist(&path).map_err(|e| StoreError::Io { path: path.clone(), source: e.error })?;
        sync_dir(backup_dir)?;
        done.converted.push(path);
    }
    Ok(done)
}

/// Deletes the oldest backups of `stem` beyond the newest `keep` (at least one is always kept);
/// returns the deleted paths. Copies kept before an upgrade are neither counted nor deleted: they
/// are the only way back to the older Sonae, and there is one per upgrade.
pub fn rotate(backup_dir: &Path, stem: &str, keep: usize) -> Result<Vec<PathBuf>> {
    if keep == 0 {
        return Err(StoreError::Invalid("at least one backup must be kept".into()));
    }
    let mut names = backup_names(backup_dir, stem)?;
    names.retain(|(_, _, reason)| *reason != BackupReason::BeforeUpgrade);
    let surplus = names.len().saturating_sub(keep);
    let mut deleted = Vec::with_capacity(surplus);
    for (path, _, _) in names.into_iter().take(surplus) {
        for side in side_files(&path, &SIDE_FILES) {
            remove_if_present(&side)?;
        }
        std::fs::remove_file(&path).map_err(|source| StoreError::Io { path: path.clone(), source })?;
        deleted.push(path);
    }
    Ok(deleted)
}

/// Whether the daily backup is due: no backup of `stem` was taken on `today` (local date).
pub fn backup_due(backup_dir: &Path, stem: &str, today: NaiveDate) -> Result<bool> {
    Ok(!backup_names(backup_dir, stem)?.iter().any(|(_, taken_at, _)| taken_at.date() == today))
}

/// Puts `backup` back as the company file at `company_path`.
///
/// In order: the backup is checked (it must open cleanly; otherwise nothing changes); the current
/// file, if there is one, is kept in `backup_dir` as a "before restore" backup (a byte copy with
/// its WAL and journal when it is itself damaged); then the backup is copied beside the company
/// file and renamed over it. The company file must not be open — close it in the app first; a
/// file still open elsewhere is refused with [`StoreError::InUse`].
///
/// Returns the backup that now holds the replaced file, if there was one.
pub fn restore(backup: &Path, company_path: &Path, backup_dir: &Path) -> Result<Option<BackupInfo>> {
    restore_with_passphrase(backup, company_path, backup_dir, None)
}

/// [`restore`] with the passphrase that opens the backup and, if it is protected too, the current
/// file. The restored file is protected as the backup was; the current file is kept as it was
/// (protected or plain, or byte for byte when `passphrase` does not open it).
pub fn restore_with_passphrase(
    backup: &Path,
    company_path: &Path,
    backup_dir: &Path,
    passphrase: Option<&Passphrase>,
) -> Result<Option<BackupInfo>> {
    let Inspection { key, .. } = inspect(backup, passphrase)?;
    if company_path.exists() && same_file(backup, company_path)? {
        return Err(StoreError::Invalid(format!("{}: this is the company file itself", backup.display())));
    }
    let kept = keep_current_file(company_path, backup_dir, passphrase)?;

    let source = open_read_only(backup, key)?;
    let staging = standalone_copy(&source, company_path, key)?;
    drop(source);
    // Whatever sat beside the old file (kept above) must not be replayed onto the restored one.
    for side in side_files(company_path, &SIDE_FILES) {
        remove_if_present(&side)?;
    }
    staging.persist(company_path).map_err(|e| crate::store::replace_failed(company_path, e.error))?;
    sync_dir(parent_dir(company_path))?;
    Ok(kept)
}

/// Copies a company file that is about to be upgraded, as it is, among its backups in the default
/// folder ([`default_backup_dir`]) as a [`BackupReason::BeforeUpgrade`] backup, protected like the
/// file (`key`). The file has been checked ([`inspect`]) and is only read. Returns the copy's path.
pub(super) fn keep_before_upgrade(company_path: &Path, key: Option<&Passphrase>) -> Result<PathBuf> {
    let backup_dir = default_backup_dir(company_path)?;
    create_dir(&backup_dir)?;
    let (path, _) = copy_into(company_path, key, &backup_dir, &company_stem(company_path)?, BackupReason::BeforeUpgrade)?;
    Ok(path)
}

/// Copies an intact company file (read-only, with `key` when protected) into `backup_dir` as a
/// backup of `stem` taken for `reason`.
fn copy_into(
    company_path: &Path,
    key: Option<&Passphrase>,
    backup_dir: &Path,
    stem: &str,
    reason: BackupReason,
) -> Result<(PathBuf, NaiveDateTime)> {
    let current = open_read_only(company_path, key)?;
    let staging = standalone_copy(&current, &backup_dir.join(stem), key)?;
    drop(current);
    place_backup(staging, backup_dir, stem, reason)
}

/// Keeps the company file as it is now in `backup_dir`, making sure nobody else has it open.
fn keep_current_file(company_path: &Path, backup_dir: &Path, passphrase: Option<&Passphrase>) -> Result<Option<BackupInfo>> {
    if !company_path.exists() {
        return Ok(None);
    }
    let stem = company_stem(company_path)?;
    create_dir(backup_dir)?;
    let reason = BackupReason::BeforeRestore;
    let (path, taken_at) = match inspect(company_path, passphrase) {
        Ok(Inspection { key, .. }) => {
            claim_exclusive_use(company_path, key)?;
            copy_into(company_path, key, backup_dir, &stem, reason)?
        }
        // A file SQLite cannot read consistently is kept byte for byte, with what was beside it.
        Err(_) => {
            let io = |source| StoreError::Io { path: company_path.to_owned(), source };
            let staging = super::staging_file(backup_dir).map_err(io)?;
            std::fs::copy(company_path, staging.path()).map_err(io)?;
            staging.as_file().sync_all().map_err(io)?;
            let (path, taken_at) = place_backup(staging, backup_dir, &stem, reason)?;
            let kept_sides = side_files(&path, &DATA_SIDE_FILES);
            for (side, kept_side) in side_files(company_path, &DATA_SIDE_FILES).into_iter().zip(kept_sides) {
                if side.exists() {
                    std::fs::copy(&side, &kept_side).map_err(|source| StoreError::Io { path: side.clone(), source })?;
                }
            }
            (path, taken_at)
        }
    };
    Ok(Some(describe(path, taken_at, reason, passphrase)))
}

/// Folds the WAL of an intact company file into it and leaves it without one, refusing a file
/// still open in the app or another process ([`leave_wal`]) before it is replaced under it.
fn claim_exclusive_use(company_path: &Path, key: Option<&Passphrase>) -> Result<()> {
    let claim = || -> Result<()> {
        let conn = Connection::open_with_flags(company_path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        if let Some(key) = key {
            super::protection::unlock(&conn, key)?;
        }
        leave_wal(&conn, company_path)?;
        conn.close().map_err(|(_, e)| StoreError::from(e))
    };
    // On Windows a program other than SQLite holding the file makes SQLite fail with a bare
    // "disk I/O error": say what it is.
    claim().map_err(|e| {
        if crate::store::open_elsewhere(company_path) {
            StoreError::InUse { path: company_path.to_owned() }
        } else {
            e
        }
    })
}

/// Moves a finished copy into `backup_dir` under a new backup name; two backups in the same
/// millisecond get successive milliseconds, never the same name.
fn place_backup(
    mut staging: tempfile::NamedTempFile,
    backup_dir: &Path,
    stem: &str,
    reason: BackupReason,
) -> Result<(PathBuf, NaiveDateTime)> {
    let mut taken_at = taken_at_now();
    loop {
        let path = backup_dir.join(backup_file_name(stem, taken_at, reason));
        match staging.persist_noclobber(&path) {
            Ok(_) => {
                sync_dir(backup_dir)?;
                return Ok((path, taken_at));
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                staging = e.file;
                taken_at += chrono::Duration::milliseconds(1);
            }
            Err(e) => return Err(StoreError::Io { path, source: e.error }),
        }
    }
}

fn backup_file_name(stem: &str, taken_at: NaiveDateTime, reason: BackupReason) -> String {
    format!("{stem}.{}.{}.{EXTENSION}", taken_at.format(STAMP_FORMAT), reason.slug())
}

/// Reads a backup's name back: its time and reason, if it is a backup of `stem`.
fn parse_backup_name(file_name: &str, stem: &str) -> Option<(NaiveDateTime, BackupReason)> {
    let rest = file_name.strip_prefix(stem)?.strip_prefix('.')?.strip_suffix(EXTENSION)?.strip_suffix('.')?;
    let (stamp, slug) = rest.split_once('.')?;
    let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    Some((taken_at, BackupReason::from_slug(slug)?))
}

/// The backups of `stem` in `backup_dir` by name, oldest first.
fn backup_names(backup_dir: &Path, stem: &str) -> Result<Vec<(PathBuf, NaiveDateTime, BackupReason)>> {
    let io = |source| StoreError::Io { path: backup_dir.to_owned(), source };
    let entries = match std::fs::read_dir(backup_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io)?;
        let Some(file_name) = entry.file_name().to_str().map(str::to_owned) else { continue };
        if let Some((taken_at, reason)) = parse_backup_name(&file_name, stem) {
            names.push((entry.path(), taken_at, reason));
        }
    }
    names.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    Ok(names)
}

fn describe(path: PathBuf, taken_at: NaiveDateTime, reason: BackupReason, passphrase: Option<&Passphrase>) -> BackupInfo {
    let size_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let contents = match summarise(&path, passphrase) {
        Ok(summary) => BackupContents::Intact(summary),
        Err(StoreError::PassphraseRequired { .. }) => BackupContents::Locked {
            reason: "protected by a passphrase; it can be restored only with that passphrase".into(),
        },
        // Shaped like a protected file (or it would not have been tried), so taken for one.
        Err(StoreError::WrongPassphrase { .. }) => BackupContents::Locked {
            reason: "protected by another passphrase (the file's passphrase when it was taken); it can be restored only with that passphrase".into(),
        },
        Err(e) => BackupContents::Unusable { code: e.code(), reason: e.to_string() },
    };
    BackupInfo { path, taken_at, reason, size_bytes, contents }
}

/// Reads a backup's summary without writing to it.
fn summarise(path: &Path, passphrase: Option<&Passphrase>) -> Result<BackupSummary> {
    let Inspection { key, .. } = inspect(path, passphrase)?;
    let conn = open_read_only(path, key)?;
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(BackupSummary {
        company_name: conn.query_row("SELECT name FROM company WHERE id = 1", [], |r| r.get(0))?,
        contacts: count("SELECT count(*) FROM contact")?,
        incidents: count("SELECT count(*) FROM incident")?,
        open_incidents: count("SELECT count(*) FROM incident WHERE status = 'open'")?,
        last_change: conn.query_row(
            "SELECT max(at) FROM (
                SELECT updated_at AS at FROM company UNION ALL SELECT max(updated_at) FROM contact
                UNION ALL SELECT max(updated_at) FROM incident UNION ALL SELECT max(at) FROM timeline_entry
                UNION ALL SELECT max(updated_at) FROM obligation UNION ALL SELECT max(at) FROM change_log)",
            [],
            |r| r.get(0),
        )?,
    })
}

fn taken_at_now() -> NaiveDateTime {
    let now = chrono::Local::now().naive_local();
    // Names carry milliseconds; keep exactly what the name says.
    now.with_nanosecond(now.nanosecond() / 1_000_000 * 1_000_000).unwrap_or(now)
}

/// Whether two paths name the same file (both must exist).
pub fn same_file(a: &Path, b: &Path) -> Result<bool> {
    let canonical = |p: &Path| p.canonicalize().map_err(|source| StoreError::Io { path: p.to_owned(), source });
    Ok(canonical(a)? == canonical(b)?)
}

/// Creates the backup folder `dir` and any folder above it that is missing, each durably: a
/// folder is named in its parent, and until the parent is synced a power cut can take the new
/// folder away with every backup in it (the power-cut test lost every backup taken into a new
/// backup folder so).
fn create_dir(dir: &Path) -> Result<()> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|folder| !folder.as_os_str().is_empty() && !folder.exists()).collect();
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_owned(), source })?;
    for folder in missing.iter().rev() {
        sync_dir(parent_dir(folder))?;
    }
    Ok(())
}
