//! What the window works on: the open company file (or why none is open) and the user's settings.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sonae_core::model::ErrorReport;
use sonae_core::store::{backups, CompanyFile};
use sonae_core::template;

use crate::settings::Settings;

pub struct Session {
    pub data_dir: PathBuf,
    pub settings: Mutex<Settings>,
    pub company: Mutex<Option<CompanyFile>>,
    pub path: Option<PathBuf>,
    /// Why the company file could not be opened; the file itself is left as it was.
    pub problem: Option<ErrorReport>,
}

impl Session {
    pub fn start(data_dir: PathBuf, requested: Option<PathBuf>) -> Session {
        let mut settings = Settings::load(&data_dir);
        let path = requested
            .or_else(|| settings.recent_files.first().filter(|p| p.exists()).cloned())
            .unwrap_or_else(|| data_dir.join(DEFAULT_FILE_NAME));
        let opened = open_or_create(&path, &settings);
        let (company, problem) = match opened {
            Ok(company) => {
                settings.remember(&path);
                let _ = settings.save(&data_dir);
                keep_backup(&company, &path, settings.preferences.backups_kept);
                (Some(company), None)
            }
            Err(problem) => (None, Some(problem)),
        };
        Session { data_dir, settings: Mutex::new(settings), company: Mutex::new(company), path: Some(path), problem }
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
        std::fs::create_dir_all(dir).map_err(|e| ErrorReport { code: "io".into(), message: format!("{}: {e}", dir.display()) })?;
    }
    let policy = template::builtin_policy(language)
        .map_err(|e| ErrorReport { code: "invalid".into(), message: format!("built-in template: {e}") })?;
    Ok(CompanyFile::create(path, name, &policy)?)
}

/// Takes the automatic backup of a company file just opened, into `{stem}-backups` beside it, and
/// drops the oldest beyond `kept`. A failed backup never stops the file from opening; it is
/// reported on stderr.
pub fn keep_backup(company: &CompanyFile, path: &Path, kept: u32) {
    let result = backups::default_backup_dir(path).and_then(|dir| {
        backups::take_backup(company, &dir, backups::BackupReason::Opened)?;
        backups::rotate(&dir, &backups::company_stem(path)?, kept.max(1) as usize)
    });
    if let Err(e) = result {
        eprintln!("sonae: no backup of {}: {e}", path.display());
    }
}
