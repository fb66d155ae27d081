//! What the window works on: the open company (a file on this PC or a company on a server; or why
//! none is open) and the user's settings.
//!
//! A consultant switches between client files during one session, so the open company is held
//! behind one lock with its path: a switch closes the old one and opens the new one in a single
//! step, and every command sees either the old company or the new one, never a mix.
//!
//! A long task (converting the file and its backups to a new passphrase, a restore, a large
//! import or export) holds the file for seconds. Meanwhile every other request answers at once
//! with `busy` instead of queueing behind it, and a second long task is refused the same way.

use sonae_core::company_file;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use sonae_core::company_file::backups;
use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;
use sonae_core::error_code::ErrorCode;
use sonae_core::error_code::ErrorReport;

use sonae_core::workspace::{CompanyChanges, KeptCopy, ServerPerson, ServerPlace};
use sonae_server::watch::ChangeWatcher;
use sonae_server::ServerCompany;

use crate::company::{off_async_runtime, Company};
use crate::jobs;
use crate::settings::Settings;

mod clients;
mod kept_copy;
mod people;
mod settings_of_window;

pub struct Session {
    data_dir: PathBuf,
    settings: Mutex<Settings>,
    open: Mutex<OpenCompany>,
    /// Files the user chose to import from (a contacts CSV, a policy template), by kind: kept so
    /// that after a preview the same file can be read again and imported without the window ever
    /// naming a path.
    chosen_imports: Mutex<HashMap<ImportKind, PathBuf>>,
    /// A protected file the user asked to open from the company-file screen, waiting for its
    /// passphrase; the file open before stays open meanwhile.
    awaiting_passphrase: Mutex<Option<PathBuf>>,
    /// The open-time backup still being taken, if any: converting or restoring the file waits for
    /// it, since either needs the file to itself.
    background_backup: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// The copy of the server company this PC keeps, still being written, if it is.
    kept_copy_job: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// A long task is running on the open file.
    busy: AtomicBool,
    /// The consultant's portfolio: rows read and passphrases given, in memory only.
    portfolio: crate::portfolio::Portfolio,
    /// The folder the user chose for hand-over packs: the window can ask for packs to be written
    /// there, never name a folder itself.
    pack_folder: Mutex<Option<PathBuf>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    ContactsCsv,
    PolicyTemplate,
    /// The company file a new file takes its policy from, kept while its passphrase is asked for.
    PolicySourceFile,
    /// The CA certificate chosen in the 「サーバーに接続」 dialog.
    ServerCaFile,
}

/// The company the window shows.
#[derive(Default)]
pub struct OpenCompany {
    /// The company file's path (none for a company on a server).
    pub path: Option<PathBuf>,
    pub company: Option<Company>,
    /// Why the company file could not be opened; the file itself is left as it was.
    pub problem: Option<ErrorReport>,
    /// The user has read the notice that opening upgraded the file (it is said once).
    pub upgrade_notice_read: bool,
    /// For a company on a server, or this PC's copy of one: where it is and what comes with it.
    pub server: Option<ServerSide>,
}

/// What a company on a server brings beside its tables.
pub struct ServerSide {
    pub place: ServerPlace,
    /// The password this connection was made with: the key of this PC's copy of the company.
    pub key: Passphrase,
    /// The person signed in, as the server knew them when connecting.
    pub signed_in: Option<ServerPerson>,
    /// What other PCs change meanwhile (none for the copy).
    pub watcher: Option<ChangeWatcher>,
    /// When the copy kept on this PC is open instead of the server: which, and of when.
    pub kept_copy: Option<KeptCopy>,
}

impl OpenCompany {
    fn opened(path: &Path, company: CompanyFile) -> OpenCompany {
        OpenCompany { path: Some(path.to_owned()), company: Some(company.into()), ..OpenCompany::default() }
    }

    fn on_server(company: ServerCompany, side: ServerSide) -> OpenCompany {
        let watcher = Some(company.watch_changes());
        OpenCompany { company: Some(company.into()), server: Some(ServerSide { watcher, ..side }), ..OpenCompany::default() }
    }

    /// What opening upgraded in the open file, while its notice is unread.
    pub fn unread_upgrade(&self) -> Option<&company_file::Upgrade> {
        self.company.as_ref()?.file()?.upgrade().filter(|_| !self.upgrade_notice_read)
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
                OpenCompany::opened(&path, company)
            }
            Err(problem) => OpenCompany { path: Some(path), problem: Some(problem), ..OpenCompany::default() },
        };
        release_freed_memory();
        Session {
            data_dir,
            settings: Mutex::new(settings),
            open: Mutex::new(open),
            chosen_imports: Mutex::default(),
            awaiting_passphrase: Mutex::default(),
            background_backup: Mutex::new(background_backup),
            kept_copy_job: Mutex::default(),
            busy: AtomicBool::new(false),
            portfolio: crate::portfolio::Portfolio::default(),
            pack_folder: Mutex::default(),
        }
    }

    /// The company files the portfolio lists: those in the client folders, then the recent files.
    pub fn portfolio_files(&self) -> Vec<PathBuf> {
        let (folders, mut recent) = match self.settings.lock() {
            Ok(settings) => (settings.client_folders.clone(), settings.recent_files.clone()),
            Err(_) => (Vec::new(), Vec::new()),
        };
        // The server companies connected to before, through the copies this PC keeps of them.
        recent.extend(self.kept_copies().into_iter().map(|(_, path)| path));
        sonae_core::client_overview::company_files(&folders, &recent)
    }

    /// Adds (`add`) or removes a client folder and saves the settings (or changes nothing when
    /// they cannot be saved); answers the folders.
    pub fn change_client_folders(&self, folder: &Path, add: bool) -> Result<Vec<PathBuf>, ErrorReport> {
        let mut settings = self.settings.lock().map_err(|_| settings_error("the settings are unavailable".into()))?;
        let mut changed = settings.clone();
        changed.client_folders.retain(|f| f != folder);
        if add {
            changed.client_folders.push(folder.to_owned());
        }
        changed.save(&self.data_dir)?;
        *settings = changed;
        Ok(settings.client_folders.clone())
    }

    /// Opens a file the portfolio lists in place of the open one, with the passphrase given for
    /// it in the portfolio when it is protected.
    pub fn open_from_portfolio(&self, path: &Path) -> Result<(), ErrorReport> {
        crate::portfolio::listed(&self.portfolio_files(), path)?;
        if let Some(place) = self.server_of_kept_copy(path) {
            // A server company is opened on its server, never as a file from its copy.
            let password = self.portfolio.passphrase(path).ok_or_else(|| ErrorReport {
                code: ErrorCode::PassphraseRequired,
                message: "give the password of this server company first".into(),
            })?;
            return self.connect_to_server(&place, password.text().to_owned());
        }
        match self.portfolio.passphrase(path) {
            Some(passphrase) => self.switch_to_with(path, Some(&passphrase)),
            None => self.switch_to(path),
        }
    }

    /// The open file, for a short piece of work; `busy` at once while a long task holds it.
    pub fn open_company(&self) -> Result<MutexGuard<'_, OpenCompany>, ErrorReport> {
        if self.is_busy() {
            return Err(busy());
        }
        self.lock_open_company()
    }

    fn lock_open_company(&self) -> Result<MutexGuard<'_, OpenCompany>, ErrorReport> {
        self.open.lock().map_err(|_| ErrorReport {
            code: ErrorCode::Internal,
            message: "the company file is unavailable after an earlier failure; restart Sonae".into(),
        })
    }

    /// Whether a long task is running.
    pub fn is_busy(&self) -> bool {
        self.busy.load(Ordering::SeqCst)
    }

    /// What other PCs changed in the open server company since `generation`; nothing for a file.
    /// Never waits: while a command has the company, nothing is answered, and the changes are
    /// told at the next asking.
    pub fn company_changes(&self, generation: u64) -> CompanyChanges {
        let nothing = CompanyChanges { generation, parts: Vec::new() };
        match self.open.try_lock() {
            Ok(open) => match open.server.as_ref().and_then(|side| side.watcher.as_ref()) {
                Some(watcher) => watcher.changes_since(generation),
                None => nothing,
            },
            Err(_) => nothing,
        }
    }

    /// Runs `work` on the open company, or reports why there is none (or that a long task has it).
    pub fn with_company<T: Send>(
        &self,
        work: impl FnOnce(&mut Company) -> Result<T, ErrorReport> + Send,
    ) -> Result<T, ErrorReport> {
        let mut open = self.open_company()?;
        company_of(&mut open)?.run(work)
    }

    /// Runs `work` as the one long task: other requests answer `busy` until it is done, and a
    /// second long task is refused with `busy` rather than started twice.
    pub fn long_task<T>(&self, work: impl FnOnce(&mut OpenCompany) -> Result<T, ErrorReport>) -> Result<T, ErrorReport> {
        if self.busy.compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst).is_err() {
            return Err(busy());
        }
        struct Done<'a>(&'a AtomicBool);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.store(false, Ordering::SeqCst);
            }
        }
        let _done = Done(&self.busy);
        let mut open = self.lock_open_company()?;
        work(&mut open)
    }

    /// Runs `work` on the open company as the one long task (see [`Session::long_task`]).
    pub fn long_task_on_company<T: Send>(
        &self,
        work: impl FnOnce(&mut Company) -> Result<T, ErrorReport> + Send,
    ) -> Result<T, ErrorReport> {
        self.long_task(|open| company_of(open)?.run(work))
    }

    /// Protects the open file with `next`, changes its passphrase, or removes it (`next` none),
    /// and converts its backups the same way; answers how many backups were converted. Changing or
    /// removing a passphrase needs the current one, asked again. Waits for the open-time backup.
    pub fn change_passphrase(&self, current: Option<Passphrase>, next: Option<Passphrase>) -> Result<usize, ErrorReport> {
        self.long_task_on_company(|company| {
            let company = company.file_mut().ok_or_else(done_on_server)?;
            self.wait_for_background_backup();
            if company.passphrase().is_some() && company.passphrase() != current.as_ref() {
                return Err(ErrorReport {
                    code: ErrorCode::WrongPassphrase,
                    message: "the current passphrase is not the one this file is protected by; nothing was changed".into(),
                });
            }
            let backup_dir = backups::default_backup_dir(company.path())?;
            Ok(jobs::change_passphrase(company, &backup_dir, next.as_ref())?.converted.len())
        })
    }

    /// The backups of the open file, newest first (damaged ones included, marked as such).
    pub fn list_backups(&self) -> Result<Vec<backups::BackupInfo>, ErrorReport> {
        let (path, passphrase) = self.open_path_and_passphrase()?;
        Ok(jobs::list_backups(&path, &backups::default_backup_dir(&path)?, passphrase.as_ref())?)
    }

    /// Puts a backup of the open file in its place (the file as it was is kept as a backup first)
    /// and opens it again. Waits for the open-time backup.
    pub fn restore_backup(&self, backup: &Path) -> Result<(), ErrorReport> {
        let (path, passphrase) = self.open_path_and_passphrase()?;
        self.long_task(|open| {
            self.wait_for_background_backup();
            let dir = backups::default_backup_dir(&path)?;
            // The file must be closed while it is replaced.
            drop(open.company.take());
            let restored = jobs::restore_backup(&path, backup, &dir, passphrase.as_ref());
            open.company = Some(CompanyFile::open_with_passphrase(&path, passphrase.as_ref())?.into());
            open.problem = None;
            restored?;
            Ok(())
        })
    }

    /// The open file's path, and its passphrase when it is protected (its backups are protected
    /// by it). A company on a server has neither: its backups are the server's.
    fn open_path_and_passphrase(&self) -> Result<(PathBuf, Option<Passphrase>), ErrorReport> {
        let open = self.open_company()?;
        // A server company, or this PC's copy of one: its backups are the server's.
        if open.server.is_some() {
            return Err(done_on_server());
        }
        let path = open.path.clone().ok_or_else(no_company_file)?;
        Ok((path, open.company.as_ref().and_then(Company::file).and_then(|c| c.passphrase().cloned())))
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
                let open = self.open_company()?;
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

    /// Connects to the company in the server database at `place`, signed in with `password`, and
    /// works on it in place of the open company; the place (never the password) is remembered
    /// among the recent servers. When the server cannot be reached or holds no company, the
    /// current company stays open and the reason is returned.
    ///
    /// The CA certificate must be the one chosen in this session's dialog or one a recent server
    /// uses: the window cannot name any other file.
    pub fn connect_to_server(&self, place: &ServerPlace, password: String) -> Result<(), ErrorReport> {
        let ca_file = Path::new(&place.ca_file);
        let chosen = self.chosen_import_path(ImportKind::ServerCaFile).is_some_and(|c| c == ca_file);
        let known = self.settings.lock().is_ok_and(|s| s.recent_servers.iter().any(|r| Path::new(&r.ca_file) == ca_file));
        if !chosen && !known {
            return Err(ErrorReport {
                code: ErrorCode::NoFileChosen,
                message: "choose the server's CA certificate file first".into(),
            });
        }
        let key = Passphrase::new(password.clone());
        let address = crate::company::server_address(place, password)?;
        let (company, signed_in) = off_async_runtime(|| {
            let company = ServerCompany::open(&address)?;
            let signed_in = company.signed_in()?;
            Ok::<_, sonae_server::ServerError>((company, signed_in))
        })?;
        self.keep_copy_in_background(address, place, key.clone());
        let side = ServerSide { place: place.clone(), key, signed_in, watcher: None, kept_copy: None };
        *self.open_company()? = OpenCompany::on_server(company, side);
        if let Ok(mut settings) = self.settings.lock() {
            settings.remember_server(place);
            let _ = settings.save(&self.data_dir);
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
        let mut open = self.open_company()?;
        *open = OpenCompany::opened(path, company);
        drop(open);
        let kept = match self.settings.lock() {
            Ok(mut settings) => {
                settings.remember(path);
                let _ = settings.save(&self.data_dir);
                settings.preferences.backups_kept
            }
            Err(_) => sonae_core::workspace::Preferences::default().backups_kept,
        };
        let backup = keep_backup_in_background(path, kept, key);
        if let Ok(mut running) = self.background_backup.lock() {
            *running = Some(backup);
        }
        release_freed_memory();
        Ok(())
    }
}

/// The open company, or why there is none.
fn company_of(open: &mut OpenCompany) -> Result<&mut Company, ErrorReport> {
    let problem = open.problem.clone();
    open.company.as_mut().ok_or_else(|| problem.unwrap_or_else(no_company_file))
}

fn no_company_file() -> ErrorReport {
    ErrorReport { code: ErrorCode::NoCompanyFile, message: "no company file is open".into() }
}

fn done_on_server() -> ErrorReport {
    ErrorReport {
        code: ErrorCode::DoneOnServer,
        message: "the open company is on a server: its backups and its protection are the server's".into(),
    }
}

fn busy() -> ErrorReport {
    ErrorReport { code: ErrorCode::Busy, message: "a long task is running on the company file; try again when it is done".into() }
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
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| ErrorReport { code: ErrorCode::Io, message: format!("{}: {e}", dir.display()) })?;
    }
    let policy = jobs::builtin_policy(settings.preferences.language)?;
    Ok(jobs::create_company_file(path, None, &policy)?)
}

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
            jobs::keep_backup(&company, &dir, backups::BackupReason::Opened, kept.max(1) as usize)
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

fn settings_error(message: String) -> ErrorReport {
    ErrorReport { code: ErrorCode::Settings, message }
}

#[cfg(test)]
mod tests {
    use sonae_core::company;
    use std::sync::mpsc;

    use super::*;
    use sonae_core::language::Language;

    const PASSPHRASE: &str = "春の朝の長いパスフレーズ";

    fn company_name(session: &Session) -> Result<String, ErrorReport> {
        session.with_company(|company| Ok(company::company_profile(company.connection())?.name))
    }

    fn protected_demo(path: &Path) {
        let mut company = CompanyFile::create_demo(path, Language::Ja).unwrap();
        company.set_passphrase(Some(&Passphrase::new(PASSPHRASE))).unwrap();
    }

    #[test]
    fn a_first_start_creates_the_default_file_and_remembers_it() {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::start(dir.path().to_owned(), None);
        session.wait_for_background_backup();
        assert_eq!(company_name(&session).unwrap(), "わたしの会社");
        let default = dir.path().join(DEFAULT_FILE_NAME);
        assert_eq!(session.open_company().unwrap().path.as_deref(), Some(default.as_path()));
        assert_eq!(Settings::load(dir.path()).recent_files, vec![default.clone()]);
        // The next start opens the last file used.
        drop(session);
        let again = Session::start(dir.path().to_owned(), None);
        assert_eq!(again.open_company().unwrap().path.as_deref(), Some(default.as_path()));
    }

    #[test]
    fn a_damaged_file_is_reported_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.sonae");
        std::fs::write(&path, b"SQLite format 3\0 but nothing after").unwrap();
        let session = Session::start(dir.path().join("data"), Some(path.clone()));
        let open = session.open_company().unwrap();
        assert!(open.company.is_none());
        let problem = open.problem.clone().expect("a reason");
        drop(open);
        assert_eq!(company_name(&session).unwrap_err().code, problem.code);
        assert_eq!(std::fs::read(&path).unwrap(), b"SQLite format 3\0 but nothing after");
    }

    #[test]
    fn a_failed_switch_keeps_the_current_file_open() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first.sonae");
        drop(CompanyFile::create_demo(&first, Language::Ja).unwrap());
        let session = Session::start(dir.path().join("data"), Some(first.clone()));
        let before = company_name(&session).unwrap();
        let error = session.switch_to(&dir.path().join("missing.sonae")).unwrap_err();
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(company_name(&session).unwrap(), before);
        assert_eq!(session.open_company().unwrap().path.as_deref(), Some(first.as_path()));
    }

    #[test]
    fn a_protected_file_waits_for_its_passphrase_and_a_wrong_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.sonae");
        let locked = dir.path().join("locked.sonae");
        drop(CompanyFile::create_demo(&plain, Language::En).unwrap());
        protected_demo(&locked);
        let session = Session::start(dir.path().join("data"), Some(plain.clone()));
        assert_eq!(session.unlock(Passphrase::new(PASSPHRASE)).unwrap_err().code, ErrorCode::Invalid, "nothing waits");

        assert_eq!(session.switch_to(&locked).unwrap_err().code, ErrorCode::PassphraseRequired);
        assert_eq!(session.open_company().unwrap().path.as_deref(), Some(plain.as_path()), "the file before stays open");
        assert_eq!(session.unlock(Passphrase::new("not the passphrase")).unwrap_err().code, ErrorCode::WrongPassphrase);
        assert_eq!(session.open_company().unwrap().path.as_deref(), Some(plain.as_path()));
        session.unlock(Passphrase::new(PASSPHRASE)).unwrap();
        assert_eq!(session.open_company().unwrap().path.as_deref(), Some(locked.as_path()));
        assert!(session.with_company(|company| Ok(company.file().is_some_and(CompanyFile::is_protected))).unwrap());
        assert_eq!(session.awaiting_passphrase.lock().unwrap().clone(), None);
    }

    #[test]
    fn a_protected_file_at_start_is_opened_by_unlocking() {
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked.sonae");
        protected_demo(&locked);
        let session = Session::start(dir.path().join("data"), Some(locked.clone()));
        assert_eq!(company_name(&session).unwrap_err().code, ErrorCode::PassphraseRequired);
        session.unlock(Passphrase::new(PASSPHRASE)).unwrap();
        assert!(company_name(&session).is_ok());
    }

    #[test]
    fn during_a_long_task_other_requests_answer_busy_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme.sonae");
        drop(CompanyFile::create_demo(&path, Language::Ja).unwrap());
        let session = Session::start(dir.path().join("data"), Some(path));
        let (started, wait_for_start) = mpsc::channel();
        let (finish, wait_for_finish) = mpsc::channel::<()>();
        std::thread::scope(|scope| {
            let session = &session;
            let long = scope.spawn(move || {
                session.long_task(|_| {
                    started.send(()).unwrap();
                    wait_for_finish.recv().unwrap();
                    Ok(42)
                })
            });
            wait_for_start.recv().unwrap();
            assert!(session.is_busy());
            assert_eq!(company_name(session).unwrap_err().code, ErrorCode::Busy);
            assert_eq!(session.long_task(|_| Ok(0)).unwrap_err().code, ErrorCode::Busy, "started twice");
            assert_eq!(session.list_backups().unwrap_err().code, ErrorCode::Busy);
            finish.send(()).unwrap();
            assert_eq!(long.join().unwrap().unwrap(), 42);
        });
        assert!(!session.is_busy());
        assert!(company_name(&session).is_ok());
        // A failed long task frees the file too.
        let failed: Result<(), ErrorReport> = session.long_task(|_| Err(busy()));
        assert!(failed.is_err());
        assert!(!session.is_busy());
    }

    #[test]
    fn the_passphrase_is_changed_only_with_the_current_one_and_backups_follow() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme.sonae");
        drop(CompanyFile::create_demo(&path, Language::Ja).unwrap());
        let session = Session::start(dir.path().join("data"), Some(path.clone()));
        assert_eq!(session.change_passphrase(None, Some(Passphrase::new(PASSPHRASE))).unwrap(), 1, "the open-time backup");
        let error = session.change_passphrase(Some(Passphrase::new("wrong but long enough")), None).unwrap_err();
        assert_eq!(error.code, ErrorCode::WrongPassphrase);
        assert!(session.with_company(|company| Ok(company.file().is_some_and(CompanyFile::is_protected))).unwrap());
        assert_eq!(session.change_passphrase(Some(Passphrase::new(PASSPHRASE)), None).unwrap(), 1);
        assert!(!session.with_company(|company| Ok(company.file().is_some_and(CompanyFile::is_protected))).unwrap());
        assert!(session.list_backups().unwrap().iter().all(|b| b.is_intact()));
    }

    #[test]
    fn a_restore_puts_the_backup_back_and_reopens_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme.sonae");
        drop(CompanyFile::create_demo(&path, Language::Ja).unwrap());
        let session = Session::start(dir.path().join("data"), Some(path));
        session.wait_for_background_backup();
        let backup = session.list_backups().unwrap()[0].path.clone();
        session
            .with_company(|company| {
                let mut profile = company::company_profile(company.connection())?;
                profile.name = "改名した会社".into();
                Ok(company.write(|tx| company::edit::update_company_profile(tx, "tester", &profile))?)
            })
            .unwrap();
        session.restore_backup(&backup).unwrap();
        assert_ne!(company_name(&session).unwrap(), "改名した会社");
        assert_eq!(session.list_backups().unwrap().len(), 2, "the file as it was is kept");
        let elsewhere = dir.path().join("elsewhere.sonae");
        std::fs::copy(&backup, &elsewhere).unwrap();
        assert_eq!(session.restore_backup(&elsewhere).unwrap_err().code, ErrorCode::Invalid);
    }

    #[test]
    fn an_import_needs_a_chosen_file_of_a_sensible_size() {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::start(dir.path().join("data"), Some(dir.path().join("new.sonae")));
        assert_eq!(session.read_chosen_import(ImportKind::ContactsCsv).unwrap_err().code, ErrorCode::NoFileChosen);
        let csv = dir.path().join("contacts.csv");
        std::fs::write(&csv, "氏名\n山田\n").unwrap();
        session.choose_import(ImportKind::ContactsCsv, csv.clone());
        assert_eq!(
            session.read_chosen_import(ImportKind::ContactsCsv).unwrap(),
            (csv.clone(), "氏名\n山田\n".as_bytes().to_vec())
        );
        std::fs::File::options().write(true).open(&csv).unwrap().set_len(MAX_IMPORT_BYTES + 1).unwrap();
        assert_eq!(session.read_chosen_import(ImportKind::ContactsCsv).unwrap_err().code, ErrorCode::FileTooLarge);
    }
}
