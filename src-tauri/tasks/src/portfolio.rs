//! The consultant's desk in the application layer: which files the portfolio lists (the client
//! folders and the recent files), each row read once and then kept in memory until its file
//! changes (same path, size and modification time), the passphrases given for protected files
//! (in memory only, for as long as the app runs), and the hand-over pack for a client.
//!
//! Nothing about a client is written outside its file: the cache and the passphrases live and die
//! with the process; the settings hold only the folder paths the consultant added.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use chrono::{Local, NaiveDate};
use sonae_core::client_overview::{self, ClientRow, ClientState};
use sonae_core::company_file::{CompanyFile, Passphrase};
use sonae_core::error_code::{ErrorCode, ErrorReport};
use sonae_core::language::Language;
use sonae_core::render::{self, Document, ExportOptions};

struct Cached {
    size: u64,
    modified: SystemTime,
    /// Whether a passphrase was known when the row was read (a locked row is read again once one
    /// is given).
    with_passphrase: bool,
    row: ClientRow,
}

/// The portfolio's memory: rows read, and passphrases given.
#[derive(Default)]
pub struct Portfolio {
    cache: Mutex<HashMap<PathBuf, Cached>>,
    passphrases: Mutex<HashMap<PathBuf, Passphrase>>,
}

impl Portfolio {
    /// The passphrase given for `path` in this run, if any.
    pub fn passphrase(&self, path: &Path) -> Option<Passphrase> {
        self.passphrases.lock().ok().and_then(|p| p.get(path).cloned())
    }

    /// The row of `path`: from memory when the file has not changed since it was read, else read
    /// now (and remembered).
    pub fn row(&self, path: &Path) -> ClientRow {
        let passphrase = self.passphrase(path);
        let stamp = client_overview::stamp(path);
        if let (Some((size, modified)), Ok(cache)) = (stamp, self.cache.lock()) {
            if let Some(cached) = cache.get(path) {
                if cached.size == size && cached.modified == modified && cached.with_passphrase == passphrase.is_some() {
                    return cached.row.clone();
                }
            }
        }
        let row = client_overview::read_client(path, passphrase.as_ref(), Local::now());
        self.remember(path, stamp, passphrase.is_some(), &row);
        row
    }

    /// Keeps `row` as read from the file as it was at `stamp`.
    fn remember(&self, path: &Path, stamp: Option<(u64, SystemTime)>, with_passphrase: bool, row: &ClientRow) {
        if let (Some((size, modified)), Ok(mut cache)) = (stamp, self.cache.lock()) {
            cache.insert(path.to_owned(), Cached { size, modified, with_passphrase, row: row.clone() });
        }
    }

    /// Reads a protected file with `passphrase`; the passphrase is kept (in memory) only when it
    /// opens the file.
    pub fn unlock(&self, path: &Path, passphrase: Passphrase) -> ClientRow {
        let stamp = client_overview::stamp(path);
        let row = client_overview::read_client(path, Some(&passphrase), Local::now());
        if !matches!(row.state, ClientState::Locked { .. }) {
            if let Ok(mut known) = self.passphrases.lock() {
                known.insert(path.to_owned(), passphrase);
            }
            self.remember(path, stamp, true, &row);
        }
        row
    }
}

/// Refuses a path the portfolio does not list: only files found in the client folders or among
/// the recent files can be opened or packed from it.
pub fn listed(listed: &[PathBuf], path: &Path) -> Result<(), ErrorReport> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    let wanted = canonical(path);
    if listed.iter().any(|p| canonical(p) == wanted) {
        Ok(())
    } else {
        Err(ErrorReport {
            code: ErrorCode::NotListed,
            message: format!("{} is not in the client folders or the recent files", path.display()),
        })
    }
}

/// The documents of a hand-over pack, in the order they are written.
const PACK_DOCUMENTS: [Document; 4] = [Document::Policy, Document::Bcp, Document::ContactsCard, Document::ReadinessSummary];

/// A file name part from a company name: what a file system refuses becomes 「_」.
fn file_part(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.').to_owned();
    if trimmed.is_empty() {
        "company".into()
    } else {
        trimmed.chars().take(80).collect()
    }
}

/// Writes one client's hand-over pack into a new folder in `out_dir` named for the company and
/// `today`: the policy, the BCP, the contact card, the readiness summary and, when one has ended,
/// the last exercise report as PDFs, and the policy template file. Returns the folder. The
/// client's file is only read; the folder is made complete or not at all (written under a
/// temporary name, then renamed).
pub fn handover_pack(
    path: &Path,
    passphrase: Option<&Passphrase>,
    out_dir: &Path,
    language: Language,
    today: NaiveDate,
) -> Result<PathBuf, ErrorReport> {
    let company = CompanyFile::open_to_read_with_passphrase(path, passphrase)?;
    let conn = company.connection();
    let name = file_part(&sonae_core::company::company_profile(conn)?.name);
    let date = today.format("%Y%m%d").to_string();
    let folder = out_dir.join(format!("{name}_{date}"));
    if folder.exists() {
        return Err(render::RenderError::AlreadyExists { path: folder }.into());
    }
    let staging = out_dir.join(format!(".{name}_{date}.partial"));
    let io = |e: std::io::Error| ErrorReport { code: ErrorCode::Io, message: format!("{}: {e}", staging.display()) };
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(io)?;
    let written = (|| -> Result<(), ErrorReport> {
        let options = ExportOptions { language, issued_on: Some(today), ..ExportOptions::default() };
        let mut documents = PACK_DOCUMENTS.to_vec();
        if sonae_core::exercise::run::latest_ended_run(conn)?.is_some() {
            documents.push(Document::ExerciseReport);
        }
        for document in documents {
            let pdf = render::export(conn, document, &options)?;
            render::save(&staging.join(format!("{name}_{}_{date}.pdf", document.key())), &pdf, false)?;
        }
        let template = sonae_core::template::exchange::template_file_bytes(conn)?;
        render::save(&staging.join(format!("{name}_policy-template_{date}.json")), &template, false)?;
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    std::fs::rename(&staging, &folder).map_err(io)?;
    // Every document was synced into the folder as it was saved; now its new name too, or a power
    // cut can undo the rename and take the whole pack with it.
    sonae_core::company_file::sync_folder(out_dir).map_err(io)?;
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_read_once_until_its_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("client.sonae");
        drop(CompanyFile::create_demo(&path, Language::Ja).unwrap());
        let portfolio = Portfolio::default();
        let first = portfolio.row(&path);
        assert!(matches!(first.state, ClientState::Ready { .. }));
        // Changed behind the cache's back in a way the cache cannot see is not the test: a touched
        // file (new modification time) is read again.
        {
            let mut company = CompanyFile::open(&path).unwrap();
            company.write(|tx| tx.execute("UPDATE company SET name = '改名した会社' WHERE id = 1", [])).unwrap();
        }
        let filetime = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(filetime).unwrap();
        let second = portfolio.row(&path);
        let ClientState::Ready { readiness } = &second.state else { panic!("{second:?}") };
        assert_eq!(readiness.company_name, "改名した会社");
        assert_eq!(portfolio.row(&path), second, "the same again from memory");
    }

    #[test]
    fn a_pack_holds_every_document_named_for_the_client_and_only_listed_files_are_taken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("client.sonae");
        drop(CompanyFile::create_demo(&path, Language::Ja).unwrap());
        let before = std::fs::read(&path).unwrap();
        let out = dir.path().join("packs");
        std::fs::create_dir(&out).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let folder = handover_pack(&path, None, &out, Language::Ja, today).unwrap();
        assert_eq!(folder.file_name().unwrap(), "株式会社さくら設計事務所_20261129");
        let mut names: Vec<String> =
            std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "株式会社さくら設計事務所_bcp_20261129.pdf",
                "株式会社さくら設計事務所_contacts-card_20261129.pdf",
                "株式会社さくら設計事務所_exercise-report_20261129.pdf",
                "株式会社さくら設計事務所_policy-template_20261129.json",
                "株式会社さくら設計事務所_policy_20261129.pdf",
                "株式会社さくら設計事務所_readiness-summary_20261129.pdf",
            ]
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "the client's file is only read");
        let again = handover_pack(&path, None, &out, Language::Ja, today).unwrap_err();
        assert_eq!(again.code, ErrorCode::AlreadyExists);
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1, "no partial folder left");

        assert!(listed(std::slice::from_ref(&path), &path).is_ok());
        assert_eq!(listed(std::slice::from_ref(&path), &dir.path().join("other.sonae")).unwrap_err().code, ErrorCode::NotListed);
        assert_eq!(file_part("A/B: C?"), "A_B_ C_");
    }
}
