//! `sonae-crash-upgrader FILE [PASSPHRASE]`: opens a company file of an older schema version the
//! way the app does — which keeps a copy of it among its backups and then upgrades it — and prints
//! [`UPGRADED`] once that is done. The crash test kills it at random moments of that work. Test
//! support only; see the crate docs.

use std::path::PathBuf;
use std::process::ExitCode;

use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;
use sonae_crash_test::UPGRADED;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(file) = args.next().map(PathBuf::from) else {
        eprintln!("usage: sonae-crash-upgrader FILE [PASSPHRASE]");
        return ExitCode::from(2);
    };
    let passphrase = args.next().map(|p| Passphrase::new(p.to_string_lossy().into_owned()));
    match CompanyFile::open_with_passphrase(&file, passphrase.as_ref()) {
        Ok(company) => {
            drop(company);
            println!("{UPGRADED}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sonae-crash-upgrader: {e}");
            ExitCode::FAILURE
        }
    }
}
