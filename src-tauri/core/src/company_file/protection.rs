//! Optional passphrase protection of a company file at rest (SQLCipher).
//!
//! A company file holds a firm's contacts, its incidents and what it told the authorities; a copied
//! file or a lost laptop must not give that away. With a passphrase the whole file is encrypted by
//! SQLCipher (AES-256 pages, each with an HMAC, the key derived with PBKDF2), and so are its backups.
//! Without one, the file is the ordinary SQLite file it always was: an unkeyed SQLCipher connection
//! reads and writes plain SQLite files unchanged.
//!
//! Why it is built this way:
//! - The passphrase is applied as the first statement of every connection to a protected file
//!   (`PRAGMA key`), and kept in the open [`CompanyFile`] so that its backups are made with it: a
//!   backup of a protected file is never plain. It is never written anywhere, so a forgotten
//!   passphrase cannot be recovered by anyone.
//! - An encrypted file has no readable header, so telling "protected, ask for the passphrase" from
//!   "some other file" needs a mark: every protected file Sonae writes begins with a salt whose
//!   first four bytes are "SONE" (Sonae's application id; the other 12 bytes are random, plenty for
//!   a salt). A file without the mark but shaped like an encrypted database (a whole number of
//!   1 KiB pages) is still tried when a passphrase is given, and otherwise said not to be a Sonae
//!   file — random bytes are not taken for a protected file.
//! - Protecting, changing the passphrase and removing protection are one operation
//!   ([`CompanyFile::set_passphrase`]): SQLCipher can only convert between plain and encrypted by
//!   copying (`sqlcipher_export`), so a converted copy is written beside the file, checked, and
//!   renamed over it. A crash leaves the old file or the new one, never a mix.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;

use super::{inspect, open_read_only, parent_dir, staging_file, sync_dir, CompanyFile, Result, StoreError};
use crate::error_code::ErrorCode;

/// A passphrase protecting a company file. It is kept only in memory and wiped when dropped; it
/// is never printed (`Debug` shows no character of it, there is no `Display`) nor serialised.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// The fewest characters (not bytes: "あいうえおかきく" is long enough) a new passphrase may have.
    pub const MIN_CHARS: usize = 8;

    /// A passphrase as typed, to open a file with. Any text is accepted: a wrong one is told apart
    /// when the file is read ([`StoreError::WrongPassphrase`]). It is kept in Unicode's composed
    /// form (NFC), so that 「が」 typed as one character or as か + ゛ (as some systems and input
    /// methods send it) is the same passphrase; nothing else is changed (width, case, spaces).
    pub fn new(text: impl Into<String>) -> Passphrase {
        use unicode_normalization::UnicodeNormalization;
        let mut typed = text.into();
        let composed = typed.nfc().collect();
        zeroize::Zeroize::zeroize(&mut typed);
        Passphrase(composed)
    }

    /// Whether this passphrase may protect a file: at least [`Passphrase::MIN_CHARS`] characters
    /// of any script. Refused with the code `weak_passphrase` when shorter, `invalid_passphrase`
    /// when it holds a NUL character or has the form of an SQLCipher raw key (`x'…'` in hex), which
    /// SQLCipher would not treat as a passphrase.
    pub fn check_new(&self) -> Result<()> {
        let chars = self.0.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(StoreError::Refused { code: ErrorCode::WeakPassphrase,
                detail: format!(
                    "the passphrase is too short ({chars} characters); use at least {} characters — a few words are easier to remember than symbols",
                    Self::MIN_CHARS
                ),
            });
        }
        let raw_key_form = ["x'", "X'"]
            .iter()
            .find_map(|prefix| self.0.strip_prefix(prefix))
            .and_then(|rest| rest.strip_suffix('\''))
            .is_some_and(|hex| hex.chars().all(|c| c.is_ascii_hexdigit()));
        if self.0.contains('\0') || raw_key_form {
            return Err(StoreError::Refused {
                code: ErrorCode::InvalidPassphrase,
                detail:
                    "this passphrase cannot be used (it contains a NUL character or looks like a raw key x'…'); choose another"
                        .into(),
            });
        }
        Ok(())
    }

    /// The text, for handing to SQLCipher, or to the server whose kept copy it unlocks (the
    /// copy's passphrase is that server's password). Never for showing or writing down.
    pub fn text(&self) -> &str {
        &self.0
    }

    /// Whether nothing was typed (which is no passphrase at all).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// The first four bytes of every protected file Sonae writes (the start of its salt): "SONE",
/// [`super::APPLICATION_ID`], which a plain file keeps at offset 68 where nobody can read it once
/// encrypted.
const SALT_MARK: [u8; 4] = super::APPLICATION_ID.to_be_bytes();

/// The length of SQLCipher's salt, stored as the first bytes of an encrypted file.
const SALT_LEN: usize = 16;

/// The smallest page SQLCipher writes; every encrypted file is a whole number of such pages
/// (Sonae's are 4 KiB pages, SQLCipher 4's default).
const PAGE_GRAIN: u64 = 1024;

/// What the first bytes and the size of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Appearance {
    /// An ordinary SQLite file ("SQLite format 3").
    Plain,
    /// A protected file written by Sonae: pages of an encrypted database behind Sonae's salt mark.
    Protected,
    /// Whole pages of what may be an encrypted database, without Sonae's mark (another program's
    /// SQLCipher file, or just random bytes).
    Encrypted,
    /// Neither: a text file, a truncated download, anything else.
    Other,
}

impl Appearance {
    pub(super) fn of(header: &[u8; 16], size: u64) -> Appearance {
        if header == super::SQLITE_HEADER {
            Appearance::Plain
        } else if size < PAGE_GRAIN || !size.is_multiple_of(PAGE_GRAIN) {
            Appearance::Other
        } else if header[..SALT_MARK.len()] == SALT_MARK {
            Appearance::Protected
        } else {
            Appearance::Encrypted
        }
    }
}

/// Applies `passphrase` to the main database of a new connection to a protected file: it must be
/// the first statement on that connection. SQLCipher checks it only when a page is first read.
pub(super) fn unlock(conn: &Connection, passphrase: &Passphrase) -> rusqlite::Result<()> {
    conn.pragma_update(None, "key", passphrase.text())?;
    quiet_cipher_log();
    Ok(())
}

/// SQLCipher logs its errors to stderr by default ("hmac check failed" for every wrong passphrase
/// or damaged page). Sonae reports those as typed errors to the person who chose the file, so the
/// log is turned off, once for the process, before the first keyed page is read.
fn quiet_cipher_log() {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        if let Ok(conn) = Connection::open_in_memory() {
            let _ = conn.execute_batch("PRAGMA cipher_log = off");
        }
    });
}

/// Makes the still empty database `schema` of `conn`, already keyed, start with Sonae's salt mark
/// (see the module doc). It must run before anything is written to that database.
fn mark_new_salt(conn: &Connection, schema: &str) -> rusqlite::Result<()> {
    let salt: String = random_hex(SALT_LEN - SALT_MARK.len())?;
    let mark: String = SALT_MARK.iter().map(|b| format!("{b:02X}")).collect();
    conn.execute_batch(&format!("PRAGMA \"{schema}\".cipher_salt = \"x'{mark}{salt}'\""))
}

/// Keys a new, empty database file on `conn` with `passphrase` and Sonae's salt mark.
pub(super) fn key_new_file(conn: &Connection, passphrase: &Passphrase) -> rusqlite::Result<()> {
    unlock(conn, passphrase)?;
    mark_new_salt(conn, "main")
}

/// Keys an in-memory copy of a protected file. SQLCipher copies pages with the backup API only
/// between databases that are both keyed (their pages keep room for the cipher's IV and HMAC); an
/// in-memory database is never written to disk, so a random raw key (no key derivation) will do.
pub(super) fn key_memory_copy(copy: &Connection) -> rusqlite::Result<()> {
    copy.pragma_update(None, "key", format!("x'{}'", random_hex(32)?))?;
    quiet_cipher_log();
    Ok(())
}

/// `len` random bytes in hex, from SQLite's generator (seeded by the operating system).
fn random_hex(len: usize) -> rusqlite::Result<String> {
    Connection::open_in_memory()?.query_row("SELECT hex(randomblob(?1))", [len as i64], |r| r.get(0))
}

impl CompanyFile {
    /// Whether the file is protected by a passphrase (encrypted on disk).
    pub fn is_protected(&self) -> bool {
        self.key.is_some()
    }

    /// The passphrase the file is protected by, if any: to open it again, or its backups.
    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Protects the file with `new`, changes its passphrase to `new`, or, with `None`, removes the
    /// protection; its backups are not touched (see [`super::backups::rekey_backups`]). Asking for
    /// the protection the file already has changes nothing.
    ///
    /// A converted copy is written beside the file, flushed, and checked (it opens with the new
    /// passphrase, is intact, and has the same schema, company and number of rows in every
    /// table); then the file is closed, the copy renamed over it and opened again. Nobody else
    /// may have the file open meanwhile ([`StoreError::InUse`] otherwise). A crash leaves either
    /// the old file or the new one. A new passphrase must pass [`Passphrase::check_new`].
    ///
    /// On an error the file on disk is as it was and `self` is open on it as before. Only when the
    /// file cannot be opened again afterwards (removed meanwhile, say) is `self` left closed: every
    /// query on it fails, and [`CompanyFile::is_protected`] says false.
    pub fn set_passphrase(&mut self, new: Option<&Passphrase>) -> Result<()> {
        if self.path == Path::new(":memory:") {
            return Err(StoreError::Invalid("an in-memory company file cannot be protected".into()));
        }
        if let Some(passphrase) = new {
            passphrase.check_new()?;
        }
        if self.key.as_ref() == new {
            return Ok(()); // already protected as asked
        }
        let path = self.path.clone();
        let converted = claim_exclusive_use(&self.conn, &path).and_then(|()| converted_copy(&self.conn, &path, new));
        // The file is closed either way (this also ends the exclusive locking mode), then opened
        // again: converted once the copy is in place, otherwise as it was.
        let closed = self.close();
        let old_key = self.key.take();
        let replaced = converted.and_then(|staging| {
            closed?;
            replace_with(&path, staging)
        });
        let reopen_with = match replaced {
            Ok(()) => new.cloned(),
            Err(_) => old_key,
        };
        *self = CompanyFile::open_with_passphrase(&path, reopen_with.as_ref())?;
        replaced?;
        sync_dir(parent_dir(&path))
    }

    /// Closes the connection, leaving in its place an empty in-memory database.
    fn close(&mut self) -> Result<()> {
        let open = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        open.close().map_err(|(_, e)| StoreError::from(e))
    }
}

/// Renames the converted copy over the closed company file at `path`, keeping the file's
/// permissions (the copy was made private to this user).
fn replace_with(path: &Path, staging: tempfile::NamedTempFile) -> Result<()> {
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(staging.path(), meta.permissions());
    }
    // Nothing can be pending beside the file (its WAL was folded in and nobody else has it open),
    // but anything SQLite found there would be replayed onto the converted file.
    for side in super::side_files(path, &super::SIDE_FILES) {
        super::remove_if_present(&side)?;
    }
    staging.persist(path).map_err(|e| crate::store::replace_failed(path, e.error))?;
    Ok(())
}

/// Folds the WAL of the file behind `conn` into it and keeps it locked against writers until
/// `conn` is closed: the copy about to be made is then the whole file, and stays its latest state.
/// A file open elsewhere (another window, `sonae-cli`) is refused ([`super::leave_wal`]).
fn claim_exclusive_use(conn: &Connection, path: &Path) -> Result<()> {
    super::leave_wal(conn, path)?;
    conn.execute_batch("PRAGMA main.locking_mode = EXCLUSIVE")?;
    // The lock is taken by the first read and kept from then on.
    conn.query_row("SELECT count(*) FROM main.sqlite_schema", [], |r| r.get::<_, i64>(0))?;
    Ok(())
}

/// Writes the main database of `source` (a read-write connection, keyed if the file is protected)
/// to a new file beside `destination`, protected with `to` or plain, and checks it; the caller
/// renames it into place. `source` is not changed.
pub(super) fn converted_copy(
    source: &Connection,
    destination: &Path,
    to: Option<&Passphrase>,
) -> Result<tempfile::NamedTempFile> {
    let io = |e| StoreError::Io { path: destination.to_owned(), source: e };
    let staging = staging_file(parent_dir(destination)).map_err(io)?;
    let staging_name = staging.path().to_str().ok_or_else(|| {
        StoreError::Invalid(format!("{}: the folder's name cannot be handed to SQLite", parent_dir(destination).display()))
    })?;
    // An empty key attaches a plain database; without KEY it would take the source's.
    quiet_cipher_log();
    source.execute("ATTACH DATABASE ?1 AS staging KEY ?2", [staging_name, to.map_or("", Passphrase::text)])?;
    let exported = export_to_staging(source, to.is_some());
    let detached = source.execute_batch("DETACH DATABASE staging");
    exported?;
    detached?;
    staging.as_file().sync_all().map_err(io)?;
    verify_copy(source, staging.path(), to).map_err(|problem| StoreError::Refused {
        code: ErrorCode::ConversionFailed,
        detail: format!(
            "{}: the converted copy did not check out ({problem}); the file was left unchanged",
            destination.display()
        ),
    })?;
    Ok(staging)
}

/// Copies schema and rows of `main` into the attached, empty `staging` in one transaction.
/// `sqlcipher_export` copies neither the schema version nor the application id; they are set here.
fn export_to_staging(conn: &Connection, protected: bool) -> Result<()> {
    if protected {
        mark_new_salt(conn, "staging")?;
    }
    // The copy is flushed as a whole once written; a crash meanwhile only loses the copy.
    conn.execute_batch("PRAGMA staging.synchronous = OFF; PRAGMA staging.journal_mode = MEMORY")?;
    let version: i32 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    let application_id: i32 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
    conn.execute_batch("BEGIN")?;
    let filled = (|| -> rusqlite::Result<()> {
        conn.execute_batch("SELECT sqlcipher_export('staging')")?;
        conn.pragma_update(Some("staging"), "user_version", version)?;
        conn.pragma_update(Some("staging"), "application_id", application_id)?;
        conn.execute_batch("COMMIT")
    })();
    if filled.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    Ok(filled?)
}

/// What a conversion must carry over: the schema (tables, indexes, the triggers that keep the
/// timeline append-only), the number of rows of every table, and the company's name.
#[derive(PartialEq)]
struct Fingerprint {
    schema: Vec<(String, String, Option<String>)>,
    rows: BTreeMap<String, i64>,
    company: String,
}

fn fingerprint(conn: &Connection) -> rusqlite::Result<Fingerprint> {
    let schema: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = BTreeMap::new();
    for (kind, table, _) in &schema {
        if kind == "table" && !table.starts_with("sqlite_") {
            let count = conn.query_row(&format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\"")), [], |r| r.get(0))?;
            rows.insert(table.clone(), count);
        }
    }
    let company = conn.query_row("SELECT name FROM company WHERE id = 1", [], |r| r.get(0))?;
    Ok(Fingerprint { schema, rows, company })
}

/// Opens the written copy afresh with the new passphrase, as any company file is opened (intact,
/// a Sonae file of a known version), and compares it with the source.
fn verify_copy(source: &Connection, copy: &Path, to: Option<&Passphrase>) -> Result<()> {
    let inspected = inspect(copy, to)?;
    if inspected.key.is_some() != to.is_some() {
        return Err(StoreError::Invalid("it is not protected as asked".into()));
    }
    let copied = fingerprint(&open_read_only(copy, inspected.key)?)?;
    if fingerprint(source)? != copied {
        return Err(StoreError::Invalid("its contents differ from the file's".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_never_shows_in_debug_output() {
        let secret = Passphrase::new("correct horse battery");
        assert_eq!(format!("{secret:?}"), "Passphrase(..)");
        assert!(!format!("{:?}", Some(&secret)).contains("horse"));
    }

    #[test]
    fn new_passphrases_are_counted_in_characters() {
        assert_eq!(Passphrase::new("あいうえおかき").check_new().unwrap_err().code(), "weak_passphrase");
        Passphrase::new("あいうえおかきく").check_new().expect("eight Japanese characters are enough");
        assert_eq!(Passphrase::new("").check_new().unwrap_err().code(), "weak_passphrase");
        assert_eq!(Passphrase::new("1234567").check_new().unwrap_err().code(), "weak_passphrase");
        Passphrase::new("12345678").check_new().expect("eight ASCII characters are enough");
        assert_eq!(Passphrase::new("abc\0defgh").check_new().unwrap_err().code(), "invalid_passphrase");
        let raw = format!("x'{}'", "ab".repeat(32));
        assert_eq!(Passphrase::new(raw).check_new().unwrap_err().code(), "invalid_passphrase");
    }

    #[test]
    fn a_file_is_taken_for_a_protected_one_only_with_whole_pages_and_the_mark() {
        let mut marked = [7u8; 16];
        marked[..4].copy_from_slice(b"SONE");
        assert_eq!(Appearance::of(b"SQLite format 3\0", 5000), Appearance::Plain);
        assert_eq!(Appearance::of(&marked, 8192), Appearance::Protected);
        assert_eq!(Appearance::of(&marked, 8191), Appearance::Other);
        assert_eq!(Appearance::of(&marked, 512), Appearance::Other);
        assert_eq!(Appearance::of(&[7u8; 16], 8192), Appearance::Encrypted);
        assert_eq!(Appearance::of(&[7u8; 16], 5000), Appearance::Other);
    }
}
