//! What the window works on: the open company file (or why none is open) and the user's settings.
//!
//! A consultant switches between client files during one session, so the open file is held behind
//! one lock with its path: a switch closes the old file and opens the new one in a single step, and
//! every command sees either the old file or the new one, never a mix.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use sonae_core::model::ErrorReport;
use sonae_core::store::{self, backups, CompanyFile, Passphrase};
use sonae_core::template;

use crate::settings::Settings;
use sonae_core::error_code::ErrorCode;

pub struct Session {
    pub data_dir: PathBuf,
    pub settings: Mutex<Settings>,
    pub open: Mutex<OpenFile>,
    /// Files the user chose to import from (a contacts CSV, a policy template), by kind: kept so
    /// that after a preview the same file can be read again and imported without the window ever
    /// naming a path.
    pub chosen_imports: Mutex<HashMap<ImportKind, PathBuf>>,
    /// A protected file the user asked to open from the company-file screen, waiting for its
    /// passphrase; the file open before stays open meanwhile.
    pub awaiting_passphrase: Mutex<Option<PathBuf>>,
    /// The open-time backup still being taken, if any: converting or restoring the file waits for
    /// it, since either needs the file to itself.
    background_backup: Mutex<Option<std::thread::JoinHandle<()>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    ContactsCsv,
    PolicyTemplate,
    /// The company file a new file takes its policy from, kept while its passphrase is asked for.
    PolicySourceFile,
}

/// The company file the window shows.
pub struct OpenFile {
    pub path: Option<PathBuf>,
    pub company: Option<CompanyFile>,
    /// Why the company file could not be opened; the file itself is left as it was.
    pub problem: Option<ErrorReport>,
    /// The user has read the notice that opening upgraded the file (it is said once).
    pub upgrade_notice_read: bool,
}

impl OpenFile {
    fn opened(path: &Path, company: CompanyFile) -> OpenFile {
        OpenFile { path: Some(path.to_owned()), company: Some(company), problem: None, upgrade_notice_read: false }
    }

    /// What opening upgraded in the open file, while its notice is unread.
    pub fn unread_upgrade(&self) -> Option<&store::Upgrade> {
        self.company.as_ref()?.upgrade().filter(|_| !self.upgrade_notice_read)
    }
}

impl Session {
    pub fn start(data_dir: PathBuf, requested: Option<PathBuf>) -> Session {
        let mut settings = Settings::load(&data_dir);
        let path = requested
            .or_else(|| settings.recent_files.first().filter(|p| p.exists()).cloned())
            .unwrap_or_else(|| data_dir.join(DEFAULT_FILE_NAME));
        let mut background_backup = None;
        let open = match open_or_create(&path, &settings) {
            Ok(company) => {
                settings.remember(&path);
                let _ = settings.save(&data_dir);
                background_backup = Some(keep_backup_in_background(&path, settings.preferences.backups_kept, None));
                OpenFile::opened(&path, company)
            }
            Err(problem) => OpenFile { path: Some(path), company: None, problem: Some(problem), upgrade_notice_read: false },
        };
        release_freed_memory();
        Session {
            data_dir,
            settings: Mutex::new(settings),
            open: Mutex::new(open),
            chosen_imports: Mutex::default(),
            awaiting_passphrase: Mutex::default(),
            background_backup: Mutex::new(background_backup),
        }
    }

    pub fn open_file(&self) -> Result<MutexGuard<'_, OpenFile>, ErrorReport> {
        self.open.lock().map_err(|_| ErrorReport {
            code: ErrorCode::Internal,
            message: "the company file is unavailable after an earlier failure; restart Sonae".into(),
        })
    }

    /// Remembers the file chosen for an import of `kind`.
    pub fn choose_import(&self, kind: ImportKind, path: PathBuf) {
        if let Ok(mut chosen) = self.chosen_imports.lock() {
            chosen.insert(kind, path);
        }
    }

    /// The file chosen for an import of `kind`, if one was.
    pub fn chosen_import_path(&self, kind: ImportKind) -> Option<PathBuf> {
        self.chosen_imports.lock().ok().and_then(|c| c.get(&kind).cloned())
    }

    /// Reads the file chosen for an import of `kind` again, as it is on disk now.
    pub fn read_chosen_import(&self, kind: ImportKind) -> Result<(PathBuf, Vec<u8>), ErrorReport> {
        let path = self
            .chosen_import_path(kind)
            .ok_or_else(|| ErrorReport { code: ErrorCode::NoFileChosen, message: "choose a file to import first".into() })?;
        let bytes = read_import_file(&path)?;
        Ok((path, bytes))
    }

    /// Closes the open file and opens `path` in its place. When `path` cannot be opened the
    /// current file stays open and the reason is returned.
    pub fn switch_to(&self, path: &Path) -> Result<(), ErrorReport> {
        self.switch_to_with(path, None).inspect_err(|e| {
            if e.code == ErrorCode::PassphraseRequired {
                if let Ok(mut awaiting) = self.awaiting_passphrase.lock() {
                    *awaiting = Some(path.to_owned());
                }
            }
        })
    }

    /// Opens the protected file waiting for its passphrase: the one asked for from the
    /// company-file screen, else the file Sonae started on. A wrong passphrase changes nothing.
    pub fn unlock(&self, passphrase: Passphrase) -> Result<(), ErrorReport> {
        let awaiting = self.awaiting_passphrase.lock().ok().and_then(|a| a.clone());
        let target = match awaiting {
            Some(path) => path,
            None => {
                let open = self.open_file()?;
                match (&open.company, &open.path) {
                    (None, Some(path)) => path.clone(),
                    _ => {
                        return Err(ErrorReport {
                            code: ErrorCode::Invalid,
                            message: "no protected file is waiting to be opened".into(),
                        })
                    }
                }
            }
        };
        self.switch_to_with(&target, Some(&passphrase))?;
        if let Ok(mut awaiting) = self.awaiting_passphrase.lock() {
            *awaiting = None;
        }
        Ok(())
    }

    /// Waits until the open-time backup, if one is being taken, is done.
    pub fn wait_for_background_backup(&self) {
        let running = self.background_backup.lock().ok().and_then(|mut b| b.take());
        if let Some(backup) = running {
            let _ = backup.join();
        }
    }

    fn switch_to_with(&self, path: &Path, passphrase: Option<&Passphrase>) -> Result<(), ErrorReport> {
        let company = CompanyFile::open_with_passphrase(path, passphrase)?;
        let key = company.passphrase().cloned();
        let mut open = self.open_file()?;
        *open = OpenFile::opened(path, company);
        drop(open);
        let kept = match self.settings.lock() {
            Ok(mut settings) => {
                settings.remember(path);
                let _ = settings.save(&self.data_dir);
                settings.preferences.backups_kept
            }
            Err(_) => sonae_core::model::Preferences::default().backups_kept,
        };
        let backup = keep_backup_in_background(path, kept, key);
        if let Ok(mut running) = self.background_backup.lock() {
            *running = Some(backup);
        }
        release_freed_memory();
        Ok(())
    }
}

/// Gives the memory freed after opening a file back to the system. Opening checks the file's
/// integrity on an in-memory copy of it (see `sonae_core::store`); glibc keeps the freed pages of
/// that copy in the process's heap, which for the large benchmark file stayed 15 MB of resident
/// memory for as long as the window was open.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The company file created on first start.
const DEFAULT_FILE_NAME: &str = "company.sonae";

/// Opens `path`, or, when nothing is there yet, creates it from the built-in template.
fn open_or_create(path: &Path, settings: &Settings) -> Result<CompanyFile, ErrorReport> {
    if path.exists() {
        return Ok(CompanyFile::open(path)?);
    }
    let (language, name) = match settings.preferences.language {
        sonae_core::model::Language::En => ("en", "My company"),
        sonae_core::model::Language::Ja => ("ja", "わたしの会社"),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| ErrorReport { code: ErrorCode::Io, message: format!("{}: {e}", dir.display()) })?;
    }
    let policy = template::builtin_policy(language)
        .map_err(|e| ErrorReport { code: ErrorCode::Invalid, message: format!("built-in template: {e}") })?;
    Ok(CompanyFile::create(path, name, &policy)?)
}

/// How old a staging file must be to count as left behind by a killed process (writing one takes
/// seconds at most, even for a large file).
const LEFTOVER_STAGING_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Takes the automatic backup of a company file just opened, into `{stem}-backups` beside it, and
/// drops the oldest beyond `kept`. It runs on its own thread over its own read connection (SQLite's
/// online backup), so a large file does not hold up the first screen. A failed backup never stops
/// the file from opening; it is reported on stderr. A protected file's backup is protected by the
/// same passphrase. Staging copies that killed processes left beside the file or among its backups
/// are deleted on the way.
pub fn keep_backup_in_background(path: &Path, kept: u32, passphrase: Option<Passphrase>) -> std::thread::JoinHandle<()> {
    let path = path.to_owned();
    std::thread::spawn(move || {
        let result = CompanyFile::open_for_backup_with_passphrase(&path, passphrase.as_ref()).and_then(|company| {
            let dir = backups::default_backup_dir(&path)?;
            backups::take_backup(&company, &dir, backups::BackupReason::Opened)?;
            for folder in [path.parent(), Some(dir.as_path())].into_iter().flatten() {
                store::remove_leftover_staging(folder, LEFTOVER_STAGING_AGE);
            }
            backups::rotate(&dir, &backups::company_stem(&path)?, kept.max(1) as usize)
        });
        if let Err(e) = result {
            eprintln!("sonae: no backup of {}: {e}", path.display());
        }
    })
}

/// Files to import are read whole; anything larger than this is not a contacts list or a policy.
const MAX_IMPORT_BYTES: u64 = 16 * 1024 * 1024;

pub fn read_import_file(path: &Path) -> Result<Vec<u8>, ErrorReport> {
    let io = |e: std::io::Error| ErrorReport { code: ErrorCode::Io, message: format!("{}: {e}", path.display()) };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(ErrorReport {
            code: ErrorCode::FileTooLarge,
            message: format!("{}: {size} bytes; files to import must be under {MAX_IMPORT_BYTES} bytes", path.display()),
        });
    }
    std::fs::read(path).map_err(io)
}
