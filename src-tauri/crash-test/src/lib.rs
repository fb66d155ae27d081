//! Crash safety of the company file: what the writer process and the test that kills it share.
//!
//! Issue #7 ("nothing lost") asks that a write Sonae reported as saved survives the process dying
//! at any moment. The test (`tests/kill_writer.rs`) runs `sonae-crash-writer` against one company
//! file, kills it with SIGKILL at a random moment, checks the file, and repeats.
//!
//! Why a crate of its own: the writer has to be a real separate process (SIGKILL cannot be caught
//! or cleaned up after), and Cargo hands a binary's path (`CARGO_BIN_EXE_*`) only to the
//! integration tests of the same package. A hidden `sonae-cli` subcommand would ship a debug
//! command to users, and an example would have to be built by hand before the test. Here the
//! writer and its test live together, nothing depends on this crate, and `cargo test --workspace`
//! runs it.
//!
//! The writer says [`OPENED`] once the file is open, then reports each write on stdout only after
//! its transaction has committed, one line each ([`CommittedWrite`]); the test requires every
//! reported write to be in the file afterwards.
//!
//! The same test then does it to `sonae-crash-rekeyer`, which converts a company file from plain
//! to protected by one passphrase, to another, and back to plain ([`PROTECTIONS`]), over and over:
//! after every kill the file must open with the protection it was last reported converted to, or
//! the next one (the kill came after the switch, before the report), and hold what it held.
//!
//! Last it kills `sonae-crash-upgrader`, which opens a company file written by Sonae 0.1 (the
//! fixtures in `tests/fixtures/`) and so upgrades it: after every kill the file must be the old
//! version or the new one, never a mix, with every row it had.
//!
//! The power-cut test (`tests/power_cut.rs`) runs the same three, and `sonae-crash-files` (new
//! files, copies, backups, restores, hand-over packs), on `sonae-power-cut-fs`, a file system
//! that drops everything not synced when the test cuts the power. A kill cannot show a missing
//! sync; a power cut can. The checks both tests make of the files are in [`checks`].

pub mod checks;

use std::fmt;
use std::path::Path;

use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;
use sonae_core::store::StoreError;

/// The writer's first line: the company file is open (checked, recovered) and writes begin.
pub const OPENED: &str = "opened";

/// The upgrader's only line: the file was opened, and so upgraded.
pub const UPGRADED: &str = "upgraded";

/// The protections `sonae-crash-rekeyer` moves a company file through, in turn: plain, one
/// passphrase, another (Japanese), then plain again.
pub const PROTECTIONS: [Option<&str>; 3] = [None, Some("crash test passphrase"), Some("停電にも負けない合言葉")];

/// The rekeyer's report that the file now has `PROTECTIONS[index]`.
pub fn converted_line(index: usize) -> String {
    format!("converted {index}")
}

/// Reads [`converted_line`] back.
pub fn parse_converted(line: &str) -> Option<usize> {
    line.strip_prefix("converted ")?.parse().ok().filter(|index| *index < PROTECTIONS.len())
}

/// Opens the file with whichever of [`PROTECTIONS`] it has; returns it and that protection's index.
pub fn open_with_any(path: &Path) -> Result<(CompanyFile, usize), StoreError> {
    let mut refusal = None;
    for (index, protection) in PROTECTIONS.iter().enumerate() {
        match CompanyFile::open_with_passphrase(path, protection.map(Passphrase::new).as_ref()) {
            // A plain file opens whatever passphrase is given: it is plain only if it says so.
            Ok(company) if company.passphrase().is_some() == protection.is_some() => return Ok((company, index)),
            Ok(_) => {}
            Err(e) => refusal = Some(e),
        }
    }
    Err(refusal.unwrap_or(StoreError::Invalid("the file opens with none of the protections".into())))
}

/// SplitMix64: a tiny, seedable generator, so a failing run repeats with the same seed (the kill
/// moments still depend on timing; the writes and their sizes do not).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A write the writer saw commit. Timeline entries written together carry the same `batch` key
/// and the batch size in their `data` JSON, so a half-applied transaction would show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommittedWrite {
    /// A new incident, its first timeline entries (batch) and its obligations.
    Incident { id: i64, batch: String },
    /// New timeline entries (batch) and a re-assessment of an existing incident.
    Progress { incident_id: i64, batch: String },
    /// A new contact with this many phone numbers.
    Contact { id: i64, phones: i64 },
}

impl fmt::Display for CommittedWrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommittedWrite::Incident { id, batch } => write!(f, "incident {id} {batch}"),
            CommittedWrite::Progress { incident_id, batch } => write!(f, "progress {incident_id} {batch}"),
            CommittedWrite::Contact { id, phones } => write!(f, "contact {id} {phones}"),
        }
    }
}

impl CommittedWrite {
    /// Reads one line of the writer's report; `None` for anything else (such as a line cut short
    /// by the kill, which has no newline and is never passed here).
    pub fn parse(line: &str) -> Option<CommittedWrite> {
        let mut words = line.split_whitespace();
        let (kind, number, rest) = (words.next()?, words.next()?.parse().ok()?, words.next()?);
        if words.next().is_some() {
            return None;
        }
        match kind {
            "incident" => Some(CommittedWrite::Incident { id: number, batch: rest.to_owned() }),
            "progress" => Some(CommittedWrite::Progress { incident_id: number, batch: rest.to_owned() }),
            "contact" => Some(CommittedWrite::Contact { id: number, phones: rest.parse().ok()? }),
            _ => None,
        }
    }
}

/// Reads what a writer process reports, one line per piece of work done, as the lines come: whole
/// lines only, since a line cut short by a kill or a power cut has no newline and was never
/// reported. The thread ends when the process's output ends; join it after the process is gone.
pub fn whole_lines(
    stdout: impl std::io::Read + Send + 'static,
) -> (std::sync::mpsc::Receiver<String>, std::thread::JoinHandle<()>) {
    use std::io::BufRead;
    let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut stdout = std::io::BufReader::new(stdout);
        loop {
            let mut line = Vec::new();
            match stdout.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) if line.last() != Some(&b'\n') => break,
                Ok(_) => {
                    line.pop();
                    if lines_tx.send(String::from_utf8_lossy(&line).into_owned()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    (lines, reader)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_line_reads_back() {
        for write in [
            CommittedWrite::Incident { id: 7, batch: "9-1".into() },
            CommittedWrite::Progress { incident_id: 3, batch: "9-2".into() },
            CommittedWrite::Contact { id: 12, phones: 2 },
        ] {
            assert_eq!(CommittedWrite::parse(&write.to_string()), Some(write));
        }
        assert_eq!(CommittedWrite::parse("contact 12"), None);
        assert_eq!(CommittedWrite::parse("incident x 1"), None);
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (SplitMix64::new(42), SplitMix64::new(42));
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
        assert!((0..1000).all(|_| a.below(6) < 6));
    }
}
