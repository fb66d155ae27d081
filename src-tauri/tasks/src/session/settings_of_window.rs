//! What the window reads and changes of the person's settings through the session: preferences,
//! the recent files (the only paths the window may ask to open by name), the client folders, the
//! hand-over pack folder, and the column mappings remembered for contact lists. Kept here, not in
//! the window's commands, so that each rule is tested without a window.

use std::path::{Path, PathBuf};

use sonae_core::contacts::csv::CsvField;
use sonae_core::error_code::{ErrorCode, ErrorReport};
use sonae_core::language::Language;
use sonae_core::workspace::{OpenFileState, Preferences, RecentFile, ServerPlace};

use sonae_core::company_file::CompanyFile;

use super::{settings_error, Session};
use crate::company::Company;
use crate::settings::{CsvMapping, Settings};

impl Session {
    fn settings(&self) -> Result<std::sync::MutexGuard<'_, Settings>, ErrorReport> {
        self.settings.lock().map_err(|_| settings_error("the settings are unavailable".into()))
    }

    /// Which file is open, or why it could not be opened, with what opening upgraded while that
    /// notice is unread.
    pub fn open_file_state(&self) -> Result<OpenFileState, ErrorReport> {
        let open = self.open_company()?;
        let upgrade = open.unread_upgrade();
        Ok(OpenFileState {
            path: open.path.as_ref().map(|p| p.display().to_string()),
            server: open.company.as_ref().and_then(Company::server).map(ToString::to_string),
            signed_in: open.server.as_ref().and_then(|side| side.signed_in.clone()),
            kept_copy: open.server.as_ref().and_then(|side| side.kept_copy.clone()),
            problem: open.problem.clone(),
            protected: open.company.as_ref().and_then(Company::file).is_some_and(CompanyFile::is_protected),
            upgraded_from: upgrade.map(|u| u.from),
            reassessed: upgrade.map(|u| u.reassessed.clone()).unwrap_or_default(),
        })
    }

    /// The user has read that opening upgraded the file: the notice is not shown again.
    pub fn dismiss_upgrade_notice(&self) -> Result<(), ErrorReport> {
        self.open_company()?.upgrade_notice_read = true;
        Ok(())
    }

    pub fn preferences(&self) -> Preferences {
        self.settings.lock().map(|s| s.preferences.clone()).unwrap_or_default()
    }

    /// The name recorded as author of every change and timeline entry: on a server, the person
    /// signed in (the server records that name whatever is sent); otherwise the name in the
    /// preferences.
    pub fn author(&self) -> String {
        let signed_in =
            self.open_company().ok().and_then(|open| open.server.as_ref()?.signed_in.as_ref().map(|p| p.name.clone()));
        signed_in.unwrap_or_else(|| self.preferences().author_name)
    }

    /// The language the user reads the app in.
    pub fn language(&self) -> Language {
        self.preferences().language
    }

    /// Changes the preferences and saves them at once; answers with the preferences as saved.
    /// A change that cannot be saved is not made. The name is kept without surrounding spaces and the number of backups within 1 to 1,000.
    pub fn change_preferences(&self, change: impl FnOnce(&mut Preferences)) -> Result<Preferences, ErrorReport> {
        let mut settings = self.settings()?;
        let mut changed = settings.clone();
        change(&mut changed.preferences);
        changed.preferences.author_name = changed.preferences.author_name.trim().to_owned();
        changed.preferences.backups_kept = changed.preferences.backups_kept.clamp(1, 1000);
        changed.save(&self.data_dir)?;
        *settings = changed;
        Ok(settings.preferences.clone())
    }

    /// The company files opened before, the most recent first.
    pub fn recent_files(&self) -> Result<Vec<RecentFile>, ErrorReport> {
        let open_path = self.open_company()?.path.clone();
        let settings = self.settings()?;
        Ok(settings
            .recent_files
            .iter()
            .map(|path| RecentFile {
                path: path.display().to_string(),
                file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                folder: path.parent().map(|p| p.display().to_string()).unwrap_or_default(),
                exists: path.exists(),
                open: open_path.as_deref() == Some(path.as_path()),
            })
            .collect())
    }

    /// Opens one of the recent files in place of the current one. Only a path on the list is
    /// accepted, exactly as listed: the window cannot name any other file.
    pub fn open_recent_file(&self, path: &Path) -> Result<(), ErrorReport> {
        if !self.settings()?.recent_files.iter().any(|recent| recent == path) {
            return Err(ErrorReport {
                code: ErrorCode::Invalid,
                message: format!("{} is not a recent company file", path.display()),
            });
        }
        self.switch_to(path)
    }

    /// The server companies connected to before, the most recent first (never a password).
    pub fn recent_servers(&self) -> Result<Vec<ServerPlace>, ErrorReport> {
        Ok(self.settings()?.recent_servers.clone())
    }

    /// Takes `place` off the recent servers and saves the settings (or changes nothing when they
    /// cannot be saved); answers the servers left. The company on the server is not touched.
    pub fn forget_server(&self, place: &ServerPlace) -> Result<Vec<ServerPlace>, ErrorReport> {
        let mut settings = self.settings()?;
        let mut changed = settings.clone();
        changed.recent_servers.retain(|p| p != place);
        changed.save(&self.data_dir)?;
        *settings = changed;
        Ok(settings.recent_servers.clone())
    }

    /// The client folders the consultant added to the portfolio.
    pub fn client_folders(&self) -> Vec<PathBuf> {
        self.settings.lock().map(|s| s.client_folders.clone()).unwrap_or_default()
    }

    /// Remembers the folder hand-over packs go into, chosen by the user in a dialog.
    pub fn choose_pack_folder(&self, folder: PathBuf) {
        if let Ok(mut chosen) = self.pack_folder.lock() {
            *chosen = Some(folder);
        }
    }

    /// The folder chosen for hand-over packs; `no_file_chosen` before one was chosen.
    pub fn pack_folder(&self) -> Result<PathBuf, ErrorReport> {
        self.pack_folder.lock().ok().and_then(|f| f.clone()).ok_or_else(|| ErrorReport {
            code: ErrorCode::NoFileChosen,
            message: "choose the folder for the hand-over packs first".into(),
        })
    }

    /// How the user read the columns of a contact list with these headings last time.
    pub fn remembered_csv_mapping(&self, headers: &[String]) -> Option<Vec<Option<CsvField>>> {
        self.settings.lock().ok().and_then(|s| s.csv_mapping(headers))
    }

    /// Remembers how the columns of a list with these headings were read, for the next such list.
    /// Not remembering is no reason to fail an import that has happened: a settings file that
    /// cannot be written is left as it was.
    pub fn remember_csv_mapping(&self, headers: Vec<String>, fields: Vec<Option<CsvField>>) {
        if let Ok(mut settings) = self.settings.lock() {
            settings.remember_csv_mapping(CsvMapping { headers, fields });
            let _ = settings.save(&self.data_dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session_with_two_files() -> (tempfile::TempDir, Session, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("相談先 一.sonae");
        let second = dir.path().join("second.sonae");
        drop(crate::jobs::create_company_file(&second, Some("二番目"), &crate::jobs::builtin_policy(Language::Ja).unwrap()));
        let session = Session::start(dir.path().to_owned(), Some(first.clone()));
        session.switch_to(&second).unwrap();
        (dir, session, first, second)
    }

    #[test]
    fn a_forgotten_server_leaves_the_list_for_good_and_its_ca_file_must_be_chosen_again() {
        let dir = tempfile::tempdir().unwrap();
        let place = |host: &str| ServerPlace {
            host: host.into(),
            port: 5432,
            database: "sakura".into(),
            user: "somu".into(),
            ca_file: format!("/certs/{host}.crt"),
        };
        let mut settings = crate::settings::Settings::default();
        settings.remember_server(&place("old-nas"));
        settings.remember_server(&place("office-nas"));
        settings.save(dir.path()).unwrap();
        let session = Session::start(dir.path().to_owned(), Some(dir.path().join("own.sonae")));

        assert_eq!(session.forget_server(&place("old-nas")).unwrap(), vec![place("office-nas")]);
        assert_eq!(session.forget_server(&place("never-listed")).unwrap(), vec![place("office-nas")]);
        let refused = session.connect_to_server(&place("old-nas"), "pw".into()).unwrap_err();
        assert_eq!(refused.code, ErrorCode::NoFileChosen, "its CA file is no longer a recent server's");
        drop(session);
        let again = Session::start(dir.path().to_owned(), None);
        assert_eq!(again.recent_servers().unwrap(), vec![place("office-nas")]);
    }

    #[test]
    fn recent_files_list_both_and_mark_the_open_one() {
        let (_dir, session, first, second) = session_with_two_files();
        let recent = session.recent_files().unwrap();
        let listed: Vec<(&str, bool)> = recent.iter().map(|r| (r.file_name.as_str(), r.open)).collect();
        assert_eq!(listed, [("second.sonae", true), ("相談先 一.sonae", false)]);
        assert!(recent.iter().all(|r| r.exists));
        assert_eq!(recent[1].path, first.display().to_string());
        assert_eq!(recent[0].folder, second.parent().unwrap().display().to_string());
    }

    #[test]
    fn only_a_recent_file_can_be_opened_by_name() {
        let (dir, session, first, second) = session_with_two_files();
        session.open_recent_file(&first).unwrap();
        assert_eq!(session.open_file_state().unwrap().path, Some(first.display().to_string()));

        // A company file that exists but was never opened, a path walking out of a recent file's
        // folder, and a system file: all refused, and the open file stays open.
        let never_opened = dir.path().join("other.sonae");
        drop(crate::jobs::create_company_file(&never_opened, Some("他社"), &crate::jobs::builtin_policy(Language::Ja).unwrap()));
        let walked = second.parent().unwrap().join("..").join(dir.path().file_name().unwrap()).join("second.sonae");
        for path in [never_opened.as_path(), walked.as_path(), Path::new("/etc/passwd")] {
            let refused = session.open_recent_file(path).unwrap_err();
            assert_eq!(refused.code, ErrorCode::Invalid, "{}", path.display());
            assert_eq!(session.open_file_state().unwrap().path, Some(first.display().to_string()));
        }
    }

    #[test]
    fn recent_files_come_back_after_a_restart_as_the_system_writes_paths() {
        let (dir, session, first, second) = session_with_two_files();
        drop(session);
        let again = Session::start(dir.path().to_owned(), None);
        let recent = again.recent_files().unwrap();
        let listed: Vec<(&str, &str, bool)> = recent.iter().map(|r| (r.file_name.as_str(), r.path.as_str(), r.open)).collect();
        let (first_shown, second_shown) = (first.display().to_string(), second.display().to_string());
        assert_eq!(listed, [("second.sonae", second_shown.as_str(), true), ("相談先 一.sonae", first_shown.as_str(), false)]);
        if cfg!(windows) {
            // What the window shows and sends back is a Windows path: drive, backslashes.
            assert!(first_shown.get(1..3) == Some(":\\") && !first_shown.contains('/'), "{first_shown}");
            assert!(recent[1].folder.ends_with(&*dir.path().file_name().unwrap().to_string_lossy()), "{}", recent[1].folder);
        }
        // The window opens a recent file by the text it was shown.
        again.open_recent_file(Path::new(&recent[1].path)).unwrap();
        assert_eq!(again.open_file_state().unwrap().path, Some(first_shown));
    }

    /// Windows refuses to replace a file another program holds open (as Excel or an editor does,
    /// sharing it for reading only); elsewhere an open file can always be replaced.
    #[cfg(windows)]
    #[test]
    fn settings_held_open_by_another_program_are_not_changed_and_the_reason_is_given() {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ: u32 = 1;
        let dir = tempfile::tempdir().unwrap();
        let session = Session::start(dir.path().to_owned(), None);
        let file = dir.path().join("settings.json");
        let before = std::fs::read(&file).unwrap();
        let held = std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(&file).unwrap();

        let refused = session.change_preferences(|p| p.author_name = "総務 山田".into()).unwrap_err();
        assert_eq!(refused.code, ErrorCode::SettingsInUse, "{}", refused.message);
        assert_eq!(session.author(), "", "the refused change was made all the same");
        let folder = dir.path().join("顧問先");
        assert_eq!(session.change_client_folders(&folder, true).unwrap_err().code, ErrorCode::SettingsInUse);
        assert!(session.client_folders().is_empty());
        drop(held);
        assert_eq!(std::fs::read(&file).unwrap(), before, "the settings file changed");
        assert!(!dir.path().join("settings.json.new").exists(), "the unsaved copy was left behind");

        // Once the other program lets go, the same change is saved.
        session.change_preferences(|p| p.author_name = "総務 山田".into()).unwrap();
        assert_eq!(Settings::load(dir.path()).preferences.author_name, "総務 山田");
    }

    #[test]
    fn preferences_are_saved_trimmed_and_within_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::start(dir.path().to_owned(), None);
        let saved = session
            .change_preferences(|p| {
                p.author_name = "  総務 山田  ".into();
                p.backups_kept = 0;
                p.language = Language::En;
            })
            .unwrap();
        assert_eq!((saved.author_name.as_str(), saved.backups_kept, saved.language), ("総務 山田", 1, Language::En));
        assert_eq!(session.change_preferences(|p| p.backups_kept = 5000).unwrap().backups_kept, 1000);
        let again = Settings::load(dir.path());
        assert_eq!(again.preferences, session.preferences());
        assert_eq!(session.author(), "総務 山田");
    }

    #[test]
    fn a_csv_mapping_is_remembered_for_the_same_headings_only() {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::start(dir.path().to_owned(), None);
        let headers = vec!["氏名".to_owned(), "携帯".to_owned()];
        let fields = vec![Some(CsvField::Name), Some(CsvField::EmergencyPhone)];
        session.remember_csv_mapping(headers.clone(), fields.clone());
        assert_eq!(session.remembered_csv_mapping(&headers), Some(fields.clone()));
        assert_eq!(session.remembered_csv_mapping(&["氏名".to_owned()]), None);
        // Kept in the settings file, for the next run.
        assert_eq!(Settings::load(dir.path()).csv_mapping(&headers), Some(fields));
    }

    #[test]
    fn a_hand_over_pack_needs_its_folder_chosen_first() {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::start(dir.path().to_owned(), None);
        assert_eq!(session.pack_folder().unwrap_err().code, ErrorCode::NoFileChosen);
        session.choose_pack_folder(dir.path().join("引き継ぎ"));
        assert_eq!(session.pack_folder().unwrap(), dir.path().join("引き継ぎ"));
    }
}
