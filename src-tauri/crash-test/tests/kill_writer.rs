//! Kills a writer process with SIGKILL at random moments, again and again, on one company file;
//! after every kill the file must open (integrity check included), every write the writer
//! reported as committed must be there, and no transaction may be half applied.
//!
//! `SONAE_CRASH_KILLS` (default 200) sets how many kills, `SONAE_CRASH_SEED` the seed (printed,
//! so a failure can be repeated). Every `SONAE_CRASH_KILLS_PER_FILE` kills (default 200) the test
//! starts again on a fresh company file: the file grows by tens of kilobytes a kill, and opening
//! (with its full integrity check) takes longer the larger it is, so a long run on one file would
//! measure file size rather than crash safety. This is one long scenario rather than many tests, so it runs
//! without the test harness and prints what it survived.
//!
//! What it shows: SQLite's WAL commit is atomic and durable against the process dying at any
//! point (mid-transaction, mid-checkpoint, while opening). It cannot show the same for a power
//! cut, which would need the disk itself to lose unsynced writes; `synchronous = FULL` is what
//! covers that case.
//!
//! Then it kills `sonae-crash-rekeyer`, which protects, changes and removes the file's passphrase
//! in turn, `SONAE_CRASH_CONVERSION_KILLS` times (default 30): after every kill the file must open
//! with the protection last reported or the next one, hold exactly what it held, and have no
//! WAL of the other version beside it that SQLite could replay.
//!
//! Last it kills `sonae-crash-upgrader` while it opens, and so upgrades, copies of the version-1
//! fixtures (`tests/fixtures/`), `SONAE_CRASH_UPGRADE_KILLS` times in all (default 100): after
//! every kill the file must have exactly the old schema or exactly the new one, every row it had,
//! and pass the integrity check; a file left old is upgraded again by the next run, as the app
//! would on its next start.

use sonae_core::company_file;
use sonae_core::language::Language;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sonae_core::company_file::{CompanyFile, Passphrase};
use sonae_crash_test::checks::{
    before_upgrade_copies, env_number, every_row, expect_upgrade, fixtures_dir, missing_writes, verify_upgrade_state,
    UPGRADE_FIXTURES,
};
use sonae_crash_test::{open_with_any, parse_converted, CommittedWrite, SplitMix64, OPENED, PROTECTIONS};

/// Where kills land: this share (percent) at a random moment after the writer starts, so in the
/// opening (integrity check, WAL recovery) or the first writes; the rest at a random moment after
/// it said the file is open, among the writes. Opening takes longer as the file grows, so timing
/// every kill from the start would leave ever fewer of them among the writes.
const KILLS_FROM_START_PERCENT: u64 = 25;

/// Kills are spread over this long after the start, or after the file is open.
const LONGEST_RUN_MS: u64 = 60;

/// Kills of the rekeyer are spread over this long: a few conversions of the sample file.
const LONGEST_CONVERSION_RUN_MS: u64 = 1_500;

/// Longest wait for the writer to open the file before the test gives up on it.
const OPEN_TIMEOUT: Duration = Duration::from_secs(60);

fn main() {
    let kills: u64 = env_number("SONAE_CRASH_KILLS", 200);
    let seed: u64 = env_number("SONAE_CRASH_SEED", 20_261_122);
    let kills_per_file: u64 = env_number("SONAE_CRASH_KILLS_PER_FILE", 200).max(1);
    let dir = tempfile::tempdir().expect("temporary directory");

    let started = Instant::now();
    let mut rng = SplitMix64::new(seed);
    let mut path = PathBuf::new();
    let mut reported = Vec::new();
    let (mut verified, mut kills_after_a_commit, mut sizes) = (0, 0, Vec::new());
    for kill in 1..=kills {
        if (kill - 1) % kills_per_file == 0 {
            path = dir.path().join(format!("crash-{kill}.sonae"));
            drop(CompanyFile::create_demo(&path, Language::Ja).expect("demo company file"));
            verified += reported.len();
            reported.clear();
        }
        let writer_seed = rng.next_u64() >> 16;
        let from_start = rng.chance(KILLS_FROM_START_PERCENT);
        let run_for = Duration::from_millis(rng.below(LONGEST_RUN_MS + 1));
        let mut writer = Command::new(env!("CARGO_BIN_EXE_sonae-crash-writer"));
        writer.arg(&path).arg(writer_seed.to_string());
        let lines: Vec<CommittedWrite> = run_and_kill(writer, from_start, run_for, kill, seed)
            .iter()
            .map(|line| CommittedWrite::parse(line).unwrap_or_else(|| panic!("unreadable report line {line:?}")))
            .collect();
        kills_after_a_commit += u64::from(!lines.is_empty());
        reported.extend(lines);
        if let Err(problem) = verify(&path, &reported) {
            panic!(
                "after kill {kill} (seed {seed}, writer seed {writer_seed}, {run_for:?} after {}): {problem}",
                if from_start { "the start" } else { "opening" }
            );
        }
        if kill % kills_per_file == 0 || kill == kills {
            sizes.push(std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0));
        }
    }
    verified += reported.len();
    let largest = sizes.iter().max().copied().unwrap_or(0);
    println!(
        "kill_writer: survived {kills} SIGKILLs in {:.1} s (seed {seed}); {verified} committed writes verified; \
         {kills_after_a_commit} kills came after at least one commit; {} company file(s), largest {largest} bytes",
        started.elapsed().as_secs_f64(),
        sizes.len()
    );
    conversions_survive_kills(env_number("SONAE_CRASH_CONVERSION_KILLS", 30), seed, dir.path());
    upgrades_survive_kills(env_number("SONAE_CRASH_UPGRADE_KILLS", 100), seed, dir.path());
}

/// Kills the rekeyer again and again on one company file (see the module doc).
fn conversions_survive_kills(kills: u64, seed: u64, dir: &Path) {
    let started = Instant::now();
    let mut rng = SplitMix64::new(seed ^ 0x5EC2E7);
    let path = dir.join("protected.sonae");
    let original = CompanyFile::create_demo(&path, Language::Ja).expect("demo company file");
    let contents = every_row(&original);
    drop(original);
    let (mut reported, mut conversions, mut reached) = (0, 0, [0u64; PROTECTIONS.len()]);
    for kill in 1..=kills {
        let from_start = rng.chance(KILLS_FROM_START_PERCENT);
        // A conversion of the sample file takes a few key derivations (about 80 ms each).
        let run_for = Duration::from_millis(rng.below(LONGEST_CONVERSION_RUN_MS + 1));
        let mut rekeyer = Command::new(env!("CARGO_BIN_EXE_sonae-crash-rekeyer"));
        rekeyer.arg(&path);
        for line in run_and_kill(rekeyer, from_start, run_for, kill, seed) {
            reported = parse_converted(&line).unwrap_or_else(|| panic!("unreadable report line {line:?}"));
            conversions += 1;
        }
        let next = (reported + 1) % PROTECTIONS.len();
        let (company, found) = open_with_any(&path)
            .unwrap_or_else(|e| panic!("after conversion kill {kill} (seed {seed}): the file does not open: {e}"));
        if found != reported && found != next {
            panic!("after conversion kill {kill} (seed {seed}): the file has protection {found}; it was last reported converted to {reported}");
        }
        if every_row(&company) != contents {
            panic!("after conversion kill {kill} (seed {seed}): the file's rows changed");
        }
        drop(company);
        reached[found] += 1;
        reported = found;
    }
    // What the kills left beside the file is what the app clears when it next opens the file
    // (there only once an hour old); the file must still open afterwards.
    let leftovers = company_file::remove_leftover_staging(dir, Duration::ZERO);
    let remaining: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with(".sonae-"))
        .collect();
    assert!(remaining.is_empty(), "staging files left after clearing: {remaining:?}");
    open_with_any(&path).unwrap_or_else(|e| panic!("after clearing the staging files the file does not open: {e}"));
    println!(
        "kill_writer: survived {kills} SIGKILLs of passphrase conversions in {:.1} s (seed {seed}); {conversions} conversions \
         reported; found plain / first passphrase / second passphrase {reached:?} times; {leftovers} staging copies left by kills, all cleared",
        started.elapsed().as_secs_f64()
    );
}

/// or after it opened the file, kills it with SIGKILL (what `Child::kill` sends on Unix; on
/// Windows it calls TerminateProcess, which is as sudden) and returns the lines it reported (what
/// committed), but for [`OPENED`].
fn run_and_kill(mut writer: Command, from_start: bool, run_for: Duration, kill: u64, seed: u64) -> Vec<String> {
    let mut writer = writer.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start sonae-crash-writer");
    let stdout = writer.stdout.take().expect("writer stdout");
    // Whole lines only: a line the kill cut short has no newline and was never reported.
    let (lines, reader) = sonae_crash_test::whole_lines(stdout);
    let mut received = Vec::new();
    if !from_start {
        match lines.recv_timeout(OPEN_TIMEOUT) {
            Ok(line) => received.push(line),
            Err(_) => writer_failed(&mut writer, kill, seed, "did not open the file"),
        }
    }
    std::thread::sleep(run_for);
    if writer.try_wait().expect("writer status").is_some() {
        writer_failed(&mut writer, kill, seed, "stopped by itself");
    }
    writer.kill().expect("SIGKILL the writer");
    writer.wait().expect("reap the writer");
    reader.join().expect("reader thread");
    received.extend(lines.try_iter());
    received.retain(|line| line.as_str() != OPENED);
    received
}

fn writer_failed(writer: &mut std::process::Child, kill: u64, seed: u64, what: &str) -> ! {
    let _ = writer.kill();
    let _ = writer.wait();
    let mut stderr = String::new();
    let _ = writer.stderr.take().expect("writer stderr").read_to_string(&mut stderr);
    panic!("kill {kill} (seed {seed}): the writer {what}: {stderr}");
}

/// Kills the upgrader again and again on copies of each fixture (see the module doc).
fn upgrades_survive_kills(kills: u64, seed: u64, dir: &Path) {
    let started = Instant::now();
    let mut rng = SplitMix64::new(seed ^ 0x0B6_4ADE);
    let fixtures = fixtures_dir();
    let (mut found_old, mut found_new, mut mid_upgrade) = (0u64, 0u64, 0u64);
    let per_fixture = kills.div_ceil(UPGRADE_FIXTURES.len() as u64);
    for (index, (name, passphrase)) in UPGRADE_FIXTURES.iter().enumerate() {
        let folder = dir.join(format!("upgrade-{index}"));
        let fresh_copy = || {
            let _ = std::fs::remove_dir_all(&folder);
            std::fs::create_dir_all(&folder).unwrap();
            let path = folder.join(name);
            std::fs::copy(fixtures.join(name), &path).expect("copy the fixture");
            path
        };
        let key = passphrase.map(Passphrase::new);
        let upgrader = Path::new(env!("CARGO_BIN_EXE_sonae-crash-upgrader"));
        let expected = expect_upgrade(&fresh_copy(), key.as_ref(), *passphrase, upgrader);
        let mut path = fresh_copy();
        for kill in 1..=per_fixture {
            let copies_before = before_upgrade_copies(&path);
            let run_for = Duration::from_micros(rng.below(expected.duration.as_micros() as u64 * 11 / 10 + 1));
            run_upgrader_and_kill(&path, *passphrase, run_for);
            let context = format!("{name}, upgrade kill {kill} (seed {seed}, {run_for:?} after the start)");
            match verify_upgrade_state(&path, key.as_ref(), &expected) {
                Ok(true) => {
                    found_new += 1;
                    path = fresh_copy();
                }
                Ok(false) => {
                    found_old += 1;
                    mid_upgrade += u64::from(before_upgrade_copies(&path) > copies_before);
                }
                Err(problem) => panic!("{context}: {problem}"),
            }
        }
    }
    println!(
        "kill_writer: survived {} SIGKILLs of upgrades of the {} version-1 fixtures in {:.1} s (seed {seed}); found the old \
         version {found_old} times ({mid_upgrade} of them after the copy before the upgrade was kept), the new one {found_new} times, never a mix",
        per_fixture * UPGRADE_FIXTURES.len() as u64,
        UPGRADE_FIXTURES.len(),
        started.elapsed().as_secs_f64()
    );
}

fn run_upgrader_and_kill(path: &Path, passphrase: Option<&str>, run_for: Duration) {
    let mut upgrader = Command::new(env!("CARGO_BIN_EXE_sonae-crash-upgrader"));
    upgrader.arg(path).args(passphrase).stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = upgrader.spawn().expect("start sonae-crash-upgrader");
    std::thread::sleep(run_for);
    if let Some(status) = child.try_wait().expect("upgrader status") {
        if !status.success() {
            let mut stderr = String::new();
            let _ = child.stderr.take().expect("stderr").read_to_string(&mut stderr);
            panic!("the upgrader failed: {stderr}");
        }
        return;
    }
    child.kill().expect("SIGKILL the upgrader");
    child.wait().expect("reap the upgrader");
}

/// The file opens, is intact, and holds every write the writer reported.
fn verify(path: &Path, reported: &[CommittedWrite]) -> Result<(), String> {
    match missing_writes(path, reported)?.first() {
        Some(write) => Err(format!("a write reported as committed is missing or incomplete: {write}")),
        None => Ok(()),
    }
}
