//! The copy of a server company this PC keeps, so that in an emergency that takes the server or
//! the network away (the incident may be exactly that) the call tree, the contacts, the
//! procedures, the authorities and the BCP can still be read (DEVELOPMENT.md, "The server goes
//! away"). The copy is written again after every successful connection, encrypted from its first
//! page with the password that connection was made with, and opens read only: nothing is queued
//! to be sent to the server later.

use std::path::{Path, PathBuf};

use sonae_core::client_overview::ClientRow;
use sonae_core::company_file::{self, CompanyFile, Passphrase};
use sonae_core::error_code::{ErrorCode, ErrorReport};
use sonae_core::workspace::{KeptCopy, ServerPlace};
use sonae_server::ServerAddress;

use super::{OpenCompany, ServerSide, Session};
use crate::company::Company;

/// The folder of the data directory where the copies are kept, one per server company.
const KEPT_COPIES: &str = "kept-copies";

impl Session {
    /// Where this PC keeps its copy of the server company at `place`: a file named after the
    /// place, with whatever a file name cannot hold replaced.
    pub fn kept_copy_path(&self, place: &ServerPlace) -> PathBuf {
        let name: String = place
            .to_string()
            .chars()
            .map(|c| if c.is_alphanumeric() || matches!(c, '@' | '.' | '-' | '_') { c } else { '_' })
            .collect();
        self.data_dir.join(KEPT_COPIES).join(format!("{name}.sonae"))
    }

    /// The recent servers whose copy this PC keeps, with the copy's path.
    pub(super) fn kept_copies(&self) -> Vec<(ServerPlace, PathBuf)> {
        self.recent_servers()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|place| {
                let path = self.kept_copy_path(&place);
                path.exists().then_some((place, path))
            })
            .collect()
    }

    /// The server company whose copy `path` would be, if it is one. Callers have found `path`
    /// among the listed files already, so it is only named, not looked for on disk again.
    pub(super) fn server_of_kept_copy(&self, path: &Path) -> Option<ServerPlace> {
        self.recent_servers().ok()?.into_iter().find(|place| self.kept_copy_path(place) == path)
    }

    /// `row` with the server it is a copy of, for a row of the portfolio read from a kept copy.
    pub(super) fn naming_server(&self, row: ClientRow) -> ClientRow {
        ClientRow { server: self.server_of_kept_copy(Path::new(&row.path)), ..row }
    }

    /// Writes this PC's copy of the company at `address` again, on a thread of its own with a
    /// connection of its own; a failure leaves the copy before it in place.
    pub(super) fn keep_copy_in_background(&self, address: ServerAddress, place: &ServerPlace, key: Passphrase) {
        let path = self.kept_copy_path(place);
        let job = std::thread::Builder::new().name("sonae-kept-copy".into()).spawn(move || {
            let folder = path.parent().unwrap_or(Path::new("."));
            let written = std::fs::create_dir_all(folder)
                .map_err(|e| e.to_string())
                .and_then(|()| sonae_server::copy::keep_copy(&address, &path, &key).map_err(|e| e.to_string()));
            // A copy a killed process was writing is left behind, hidden, beside the copies.
            company_file::remove_leftover_staging(folder, crate::jobs::LEFTOVER_STAGING_AGE);
            if let Err(problem) = written {
                eprintln!("sonae: the copy of {address} for when the server is away was not written: {problem}");
            }
        });
        if let (Ok(job), Ok(mut running)) = (job, self.kept_copy_job.lock()) {
            // An earlier copy still being written finishes on its own.
            *running = Some(job);
        }
    }

    /// Waits until the copy being written after connecting, if any, is done.
    pub fn wait_for_kept_copy(&self) {
        let running = self.kept_copy_job.lock().ok().and_then(|mut job| job.take());
        if let Some(job) = running {
            let _ = job.join();
        }
    }

    /// Opens, read only, this PC's copy of the server company at `place`, unlocked with the
    /// password last used to connect to it; the company open before stays open if it cannot be.
    pub fn open_kept_copy(&self, place: &ServerPlace, password: String) -> Result<(), ErrorReport> {
        self.open_kept_copy_with(place.clone(), Passphrase::new(password))
    }

    /// [`Session::open_kept_copy`] for the server company open now, whose server stopped
    /// answering: no password is asked again.
    pub fn open_kept_copy_of_open_server(&self) -> Result<(), ErrorReport> {
        let (place, key) = {
            let open = self.open_company()?;
            let side = open.server.as_ref().ok_or_else(|| ErrorReport {
                code: ErrorCode::NoKeptCopy,
                message: "the open company is not on a server".into(),
            })?;
            (side.place.clone(), side.key.clone())
        };
        self.open_kept_copy_with(place, key)
    }

    fn open_kept_copy_with(&self, place: ServerPlace, key: Passphrase) -> Result<(), ErrorReport> {
        // A copy being written now is the newest: wait for it rather than read the one before.
        self.wait_for_kept_copy();
        let path = self.kept_copy_path(&place);
        let modified = match std::fs::metadata(&path).and_then(|m| m.modified()) {
            Ok(modified) => modified,
            Err(_) => {
                return Err(ErrorReport { code: ErrorCode::NoKeptCopy, message: format!("this PC keeps no copy of {}", place) })
            }
        };
        let file = CompanyFile::open_to_read_with_passphrase(&path, Some(&key))?;
        let taken_at = chrono::DateTime::<chrono::Local>::from(modified).to_rfc3339();
        let kept_copy = Some(KeptCopy { server: place.to_string(), taken_at });
        let side = ServerSide { place, key, signed_in: None, watcher: None, kept_copy };
        *self.open_company()? =
            OpenCompany { company: Some(Company::KeptCopy(Box::new(file))), server: Some(side), ..OpenCompany::default() };
        Ok(())
    }
}
