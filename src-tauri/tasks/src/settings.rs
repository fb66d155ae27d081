//! Per-user settings kept beside (not inside) company files: preferences, the last files and
//! servers used.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sonae_core::error_code::{ErrorCode, ErrorReport};
use sonae_core::workspace::{Preferences, ServerPlace};

/// The user's Sonae folder: the folder named by `SONAE_DATA_DIR` when it is set, else
/// `$XDG_DATA_HOME/sonae` (usually `~/.local/share/sonae`) on Linux and the platform's data
/// directory elsewhere (`%APPDATA%\sonae` on Windows, which no environment variable moves — the
/// end-to-end tests give each run its own folder through `SONAE_DATA_DIR`).
pub fn data_dir() -> PathBuf {
    data_dir_from(std::env::var_os("SONAE_DATA_DIR"))
}

fn data_dir_from(chosen: Option<std::ffi::OsString>) -> PathBuf {
    match chosen {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir().unwrap_or_else(std::env::temp_dir).join("sonae"),
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub preferences: Preferences,
    /// Company files opened, most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Folders of client company files the consultant added to the portfolio (paths only:
    /// nothing about a client is kept here).
    pub client_folders: Vec<PathBuf>,
    /// How the user read the columns of contact lists with these headings, newest first: the
    /// next list with the same heading row is read the same way.
    pub csv_mappings: Vec<CsvMapping>,
    /// Server companies connected to, most recent first; never a password.
    pub recent_servers: Vec<ServerPlace>,
}

/// The columns of a contact list as the user mapped them, for its heading row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvMapping {
    pub headers: Vec<String>,
    pub fields: Vec<Option<sonae_core::contacts::csv::CsvField>>,
}

impl Settings {
    /// The mapping last used for a list with exactly these headings.
    pub fn csv_mapping(&self, headers: &[String]) -> Option<Vec<Option<sonae_core::contacts::csv::CsvField>>> {
        self.csv_mappings.iter().find(|m| m.headers == headers).map(|m| m.fields.clone())
    }

    /// Remembers a mapping for its headings (at most 20 heading rows are kept).
    pub fn remember_csv_mapping(&mut self, mapping: CsvMapping) {
        self.csv_mappings.retain(|m| m.headers != mapping.headers);
        self.csv_mappings.insert(0, mapping);
        self.csv_mappings.truncate(20);
    }
}

impl Settings {
    fn path(dir: &Path) -> PathBuf {
        dir.join("settings.json")
    }

    /// Reads the settings; a missing or unreadable file gives the defaults (nothing in it is
    /// worth refusing to start over).
    pub fn load(dir: &Path) -> Settings {
        std::fs::read_to_string(Self::path(dir)).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    }

    /// Writes the settings atomically (a new file moved over the old one). Windows refuses the
    /// move while another program holds the file open; a virus scanner does so for a moment, so
    /// the move is tried again for half a second before the save is refused with
    /// `settings_in_use` (and the old file kept, the new one removed).
    pub fn save(&self, dir: &Path) -> Result<(), ErrorReport> {
        let failed = |e: std::io::Error| ErrorReport { code: ErrorCode::Settings, message: format!("{}: {e}", dir.display()) };
        std::fs::create_dir_all(dir).map_err(failed)?;
        let staging = dir.join("settings.json.new");
        let text = serde_json::to_vec_pretty(self).map_err(|e| failed(e.into()))?;
        std::fs::write(&staging, text).map_err(failed)?;
        let path = Self::path(dir);
        let mut tries = 0;
        loop {
            match std::fs::rename(&staging, &path) {
                Ok(()) => return Ok(()),
                Err(e) if sonae_core::store::held_open_elsewhere(&path, &e) => {
                    tries += 1;
                    if tries == 5 {
                        let _ = std::fs::remove_file(&staging);
                        return Err(ErrorReport {
                            code: ErrorCode::SettingsInUse,
                            message: format!("{} is open in another program: {e}", path.display()),
                        });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&staging);
                    return Err(failed(e));
                }
            }
        }
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_owned());
        self.recent_files.truncate(10);
    }

    /// Puts `place` first in the recent servers.
    pub fn remember_server(&mut self, place: &ServerPlace) {
        self.recent_servers.retain(|p| p != place);
        self.recent_servers.insert(0, place.clone());
        self.recent_servers.truncate(10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_mapping_is_remembered_for_its_headings_and_survives_a_restart() {
        use sonae_core::contacts::csv::CsvField;
        let dir = tempfile::tempdir().unwrap();
        let headers = vec!["氏名".to_owned(), "区分".to_owned()];
        let mut settings = Settings::default();
        settings.remember_csv_mapping(CsvMapping {
            headers: headers.clone(),
            fields: vec![Some(CsvField::Name), Some(CsvField::Tags)],
        });
        settings.remember_csv_mapping(CsvMapping { headers: headers.clone(), fields: vec![Some(CsvField::Name), None] });
        settings.save(dir.path()).unwrap();
        let again = Settings::load(dir.path());
        assert_eq!(again.csv_mappings.len(), 1, "one mapping per heading row, the latest");
        assert_eq!(again.csv_mapping(&headers), Some(vec![Some(CsvField::Name), None]));
        assert_eq!(again.csv_mapping(&["名前".to_owned()]), None);
    }

    #[test]
    fn sonae_data_dir_names_the_folder_and_an_empty_one_is_ignored() {
        assert_eq!(data_dir_from(Some("/tmp/elsewhere".into())), PathBuf::from("/tmp/elsewhere"));
        let default = data_dir_from(None);
        assert_eq!(default.file_name().and_then(|n| n.to_str()), Some("sonae"));
        assert_eq!(data_dir_from(Some("".into())), default);
    }
}
