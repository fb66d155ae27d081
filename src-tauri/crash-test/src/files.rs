//! `sonae-crash-files WORK ARGS…`: does one of the app's whole-file operations again and again
//! until it is killed, printing each on stdout once the call has returned success. These are the
//! operations that write a whole file or folder beside its place and rename it there, so what a
//! power cut can undo is the rename:
//!
//! - `create FOLDER FIRST`: new company files `new-FIRST.sonae`, `new-FIRST+1.sonae`, … in
//!   FOLDER (`CompanyFile::create_demo`); prints `created N`.
//! - `copy FILE FOLDER FIRST`: copies of a company file as `sonae-cli backup` makes them
//!   (`CompanyFile::backup_to`), `copy-N.sonae` in FOLDER; prints `copied N`.
//! - `back-up FILE`: the app's backups of an open company file into its backup folder
//!   (`backups::take_backup`); prints `backed-up PATH`.
//! - `restore FILE SOURCE…`: puts the backups SOURCE… back in turn as the company file
//!   (`backups::restore`), each time keeping the file as it was among its backups; prints
//!   `restored INDEX KEPT`, INDEX counting the sources from 0, KEPT the backup kept.
//! - `pack FILE FOLDER FIRST`: hand-over packs of a company file in FOLDER, dated FIRST days
//!   after 2026-01-01 and on (`portfolio::handover_pack`); prints `packed PATH`.
//!
//! Test support only; see the crate docs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sonae_core::company_file::backups::{self, BackupReason};
use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_crash_test::OPENED;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let number = |text: &str| text.parse::<u64>().map_err(|e| format!("{text}: {e}"));
    let done = match words.as_slice() {
        ["create", folder, first] => number(first).and_then(|first| create(Path::new(folder), first)),
        ["copy", file, folder, first] => number(first).and_then(|first| copy(Path::new(file), Path::new(folder), first)),
        ["back-up", file] => back_up(Path::new(file)),
        ["restore", file, sources @ ..] if !sources.is_empty() => {
            restore(Path::new(file), &sources.iter().map(Path::new).collect::<Vec<_>>())
        }
        ["pack", file, folder, first] => number(first).and_then(|first| pack(Path::new(file), Path::new(folder), first)),
        _ => {
            eprintln!("usage: sonae-crash-files create|copy|back-up|restore|pack … (see the source)");
            return ExitCode::from(2);
        }
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sonae-crash-files: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints one line and flushes it: the operation it reports has returned.
fn report(line: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").and_then(|()| out.flush()).map_err(|e| format!("stdout: {e}"))
}

fn create(folder: &Path, first: u64) -> Result<(), String> {
    report(OPENED)?;
    for n in first.. {
        drop(CompanyFile::create_demo(&folder.join(format!("new-{n}.sonae")), Language::Ja).map_err(|e| e.to_string())?);
        report(&format!("created {n}"))?;
    }
    Ok(())
}

fn copy(file: &Path, folder: &Path, first: u64) -> Result<(), String> {
    let company = CompanyFile::open_as_is_with_passphrase(file, None).map_err(|e| e.to_string())?;
    report(OPENED)?;
    for n in first.. {
        company.backup_to(&folder.join(format!("copy-{n}.sonae"))).map_err(|e| e.to_string())?;
        report(&format!("copied {n}"))?;
    }
    Ok(())
}

fn back_up(file: &Path) -> Result<(), String> {
    let company = CompanyFile::open(file).map_err(|e| e.to_string())?;
    let folder = backups::default_backup_dir(file).map_err(|e| e.to_string())?;
    report(OPENED)?;
    loop {
        let taken = backups::take_backup(&company, &folder, BackupReason::Manual).map_err(|e| e.to_string())?;
        report(&format!("backed-up {}", taken.path.display()))?;
    }
}

fn restore(file: &Path, sources: &[&Path]) -> Result<(), String> {
    let folder = backups::default_backup_dir(file).map_err(|e| e.to_string())?;
    report(OPENED)?;
    for index in (0..sources.len()).cycle() {
        let kept = backups::restore(sources[index], file, &folder).map_err(|e| e.to_string())?;
        let kept = kept.map_or(PathBuf::new(), |backup| backup.path);
        report(&format!("restored {index} {}", kept.display()))?;
    }
    Ok(())
}

fn pack(file: &Path, folder: &Path, first: u64) -> Result<(), String> {
    report(OPENED)?;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("no such date")?;
    for n in first.. {
        let day = start + chrono::Days::new(n);
        let packed = sonae_tasks::portfolio::handover_pack(file, None, folder, Language::Ja, day).map_err(|e| e.message)?;
        report(&format!("packed {}", packed.display()))?;
    }
    Ok(())
}
