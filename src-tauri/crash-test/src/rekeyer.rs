//! `sonae-crash-rekeyer FILE`: converts a company file from one protection to the next
//! ([`PROTECTIONS`]: plain, a passphrase, another, plain again, …) until it is killed, printing
//! each conversion on stdout once `CompanyFile::set_passphrase` has returned. Test support only;
//! see the crate docs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sonae_core::company_file::Passphrase;
use sonae_core::store::StoreError;
use sonae_crash_test::{converted_line, open_with_any, OPENED, PROTECTIONS};

fn main() -> ExitCode {
    let Some(file) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: sonae-crash-rekeyer FILE");
        return ExitCode::from(2);
    };
    match convert_until_killed(&file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sonae-crash-rekeyer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn convert_until_killed(path: &Path) -> Result<(), StoreError> {
    let (mut company, mut current) = open_with_any(path)?;
    let mut out = std::io::stdout().lock();
    let report = |out: &mut std::io::StdoutLock, line: &str| {
        writeln!(out, "{line}").and_then(|()| out.flush()).map_err(|source| StoreError::Io { path: "stdout".into(), source })
    };
    report(&mut out, OPENED)?;
    loop {
        let next = (current + 1) % PROTECTIONS.len();
        company.set_passphrase(PROTECTIONS[next].map(Passphrase::new).as_ref())?;
        current = next;
        // Only now, after the switch, is the conversion reported.
        report(&mut out, &converted_line(current))?;
    }
}
