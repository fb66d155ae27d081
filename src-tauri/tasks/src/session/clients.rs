//! The consultant's portfolio as the window reaches it through the session: every request names
//! a file, and only a file the portfolio lists (its client folders and the recent files) is read,
//! unlocked, opened or packed.

use std::path::{Path, PathBuf};

use sonae_core::client_overview::{ClientRow, PortfolioFiles};
use sonae_core::company_file::Passphrase;
use sonae_core::error_code::ErrorReport;

use super::Session;
use crate::portfolio::{handover_pack, listed};

impl Session {
    /// The client folders and the files the portfolio lists.
    pub fn portfolio_listing(&self) -> PortfolioFiles {
        PortfolioFiles {
            folders: self.client_folders().iter().map(|f| f.display().to_string()).collect(),
            files: self.portfolio_files().iter().map(|f| f.display().to_string()).collect(),
        }
    }

    /// One client's row: from memory when its file has not changed, else read now.
    pub fn portfolio_row(&self, path: &Path) -> Result<ClientRow, ErrorReport> {
        listed(&self.portfolio_files(), path)?;
        Ok(self.naming_server(self.portfolio.row(path)))
    }

    /// Reads a protected client file with its passphrase, kept in memory for this run when it fits.
    pub fn unlock_portfolio_file(&self, path: &Path, passphrase: Passphrase) -> Result<ClientRow, ErrorReport> {
        listed(&self.portfolio_files(), path)?;
        Ok(self.naming_server(self.portfolio.unlock(path, passphrase)))
    }

    /// Writes one client's hand-over pack into the chosen pack folder; answers the pack's folder.
    pub fn save_handover_pack(&self, path: &Path, today: chrono::NaiveDate) -> Result<PathBuf, ErrorReport> {
        listed(&self.portfolio_files(), path)?;
        let out = self.pack_folder()?;
        let passphrase = self.portfolio.passphrase(path);
        handover_pack(path, passphrase.as_ref(), &out, self.language(), today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sonae_core::error_code::ErrorCode;

    #[test]
    fn a_file_outside_the_portfolio_is_neither_read_nor_packed() {
        let dir = tempfile::tempdir().unwrap();
        let clients = dir.path().join("顧問先");
        std::fs::create_dir(&clients).unwrap();
        let client = clients.join("みどり商事.sonae");
        drop(sonae_core::company_file::CompanyFile::create_demo(&client, sonae_core::language::Language::Ja).unwrap());
        let outside = dir.path().join("outside.sonae");
        std::fs::copy(&client, &outside).unwrap();
        let session = Session::start(dir.path().join("data"), None);
        session.change_client_folders(&clients, true).unwrap();
        session.choose_pack_folder(dir.path().to_owned());

        assert!(session.portfolio_listing().files.contains(&client.display().to_string()));
        assert!(session.portfolio_row(&client).is_ok());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        for refused in [
            session.portfolio_row(&outside).unwrap_err(),
            session.unlock_portfolio_file(&outside, Passphrase::new("x".repeat(12))).unwrap_err(),
            session.save_handover_pack(&outside, today).unwrap_err(),
        ] {
            assert_eq!(refused.code, ErrorCode::NotListed, "{}", refused.message);
        }
        assert!(session.save_handover_pack(&client, today).unwrap().exists());
    }
}
