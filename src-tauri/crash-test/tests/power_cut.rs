//! Cuts the power under the app's writers, again and again, on a file system that loses whatever
//! was not synced (`sonae-power-cut-fs`), and checks after every cut that nothing the app
//! reported as done was lost and no file was damaged.
//!
//! The kill test (`kill_writer.rs`) shows that a process dying loses nothing; the operating
//! system still writes out what the process handed it. A power cut loses that too: file
//! contents never synced, and new, renamed or deleted names in a folder never synced. Each cut
//! here freezes the process (SIGSTOP, so no write lands after the cut), drops everything unsynced,
//! kills the process, and mounts what was left, as the machine would find it on the next start.
//!
//! What runs, in turn, and what must hold after each cut:
//! - the writer (`sonae-crash-writer`): the file opens, passes `PRAGMA integrity_check`, no
//!   transaction is half applied, and every write reported as committed is there;
//! - the passphrase conversion (`sonae-crash-rekeyer`): the file opens with the protection last
//!   reported, or the next one, and holds every row it held;
//! - the schema upgrade (`sonae-crash-upgrader`) of the version-1 fixtures: the file is whole in
//!   the old or the new version, and once upgraded its copy as it was is among its backups;
//! - creating a new company file, copying it as `sonae-cli backup` does, the app's backup of an
//!   open file (into a backup folder made anew each time), restoring backups, and writing
//!   hand-over packs (`sonae-crash-files`): everything reported done exists and opens whole, and
//!   what was under way either exists whole or not at all.
//!
//! `SONAE_POWER_CUTS` (default 300) sets how many cuts in all, `SONAE_POWER_SEED` the seed. The
//! test prints a line per writer and, last, `N power cuts, N commits acknowledged, N lost, N
//! damaged files`, where an acknowledged commit is anything a process reported as done (a write,
//! a conversion, an upgrade, a new file, a backup, a restore, a pack) and a lost one is such a
//! report that a cut undid. It fails when anything was lost or damaged. Without FUSE (no
//! `/dev/fuse`) it says that it skipped, and cuts nothing.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sonae_core::company_file::{self, backups, CompanyFile, Passphrase};
use sonae_core::language::Language;
use sonae_core::store::StoreError;
use sonae_crash_test::checks::{
    before_upgrade_copies, env_number, every_row, expect_upgrade, fixtures_dir, missing_writes, verify_upgrade_state,
    UPGRADE_FIXTURES,
};
use sonae_crash_test::{open_with_any, parse_converted, CommittedWrite, SplitMix64, OPENED, PROTECTIONS, UPGRADED};
use sonae_power_cut_fs::PowerCutFs;

/// How many writer processes run against one company file before the test starts a fresh one
/// (the file grows with every run, and opening checks all of it).
const CUTS_PER_WRITER_FILE: u64 = 50;

/// The share of the cuts (percent) that come right after the process reported its first, second
/// or third piece of work done, rather than at a random moment.
const CUTS_AFTER_A_REPORT_PERCENT: u64 = 40;

/// Longest wait for a process to say it is ready before the test gives up on it.
const OPEN_TIMEOUT: Duration = Duration::from_secs(60);

/// The share of the cuts (percent) each part of the test gets; the writer takes the rest.
const SHARES: [(Part, u64); 7] = [
    (Part::Conversion, 8),
    (Part::Upgrade, 12),
    (Part::NewFile, 8),
    (Part::Copy, 8),
    (Part::Backup, 8),
    (Part::Restore, 8),
    (Part::Pack, 6),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Writer,
    Conversion,
    Upgrade,
    NewFile,
    Copy,
    Backup,
    Restore,
    Pack,
}

/// What the cuts did, in all.
#[derive(Default)]
struct Tally {
    cuts: u64,
    acknowledged: u64,
    lost: u64,
    damaged: u64,
    problems: Vec<String>,
}

impl Tally {
    fn lost(&mut self, count: u64, what: String) {
        self.lost += count;
        self.problems.push(format!("lost: {what}"));
    }

    fn damaged(&mut self, what: String) {
        self.damaged += 1;
        self.problems.push(format!("damaged: {what}"));
    }
}

/// The mount, the random choices, and the tally, shared by every part.
struct Rig {
    fs: PowerCutFs,
    rng: SplitMix64,
    seed: u64,
    tally: Tally,
}

fn main() {
    if !PowerCutFs::available() {
        println!("power_cut: SKIPPED: this machine has no /dev/fuse, so no power cut was simulated");
        return;
    }
    let cuts = env_number("SONAE_POWER_CUTS", 300);
    if cuts == 0 {
        println!("power_cut: no power cuts asked for (SONAE_POWER_CUTS=0); make test-power-loss runs them");
        return;
    }
    let seed = env_number("SONAE_POWER_SEED", 20_261_206);
    let dir = tempfile::tempdir().expect("temporary directory");
    let mountpoint = dir.path().join("disk");
    std::fs::create_dir(&mountpoint).unwrap();
    let fs = PowerCutFs::mount(&mountpoint).expect("mount the power-cut file system");
    let mut rig = Rig { fs, rng: SplitMix64::new(seed), seed, tally: Tally::default() };
    let started = Instant::now();

    let shared: u64 = SHARES.iter().map(|(_, share)| cuts * share / 100).sum();
    let parts =
        std::iter::once((Part::Writer, cuts - shared)).chain(SHARES.iter().map(|(part, share)| (*part, cuts * share / 100)));
    for (part, part_cuts) in parts {
        let part_started = Instant::now();
        let before = (rig.tally.acknowledged, rig.tally.lost, rig.tally.damaged);
        let folder = mountpoint.join(format!("{part:?}").to_lowercase());
        std::fs::create_dir(&folder).unwrap();
        rig.fs.sync_everything();
        match part {
            Part::Writer => writer(&mut rig, &folder, part_cuts),
            Part::Conversion => conversion(&mut rig, &folder, part_cuts),
            Part::Upgrade => upgrade(&mut rig, &folder, part_cuts),
            Part::NewFile => new_files(&mut rig, &folder, part_cuts),
            Part::Copy => copies(&mut rig, &folder, part_cuts),
            Part::Backup => app_backups(&mut rig, &folder, part_cuts),
            Part::Restore => restores(&mut rig, &folder, part_cuts),
            Part::Pack => packs(&mut rig, &folder, part_cuts),
        }
        let _ = std::fs::remove_dir_all(&folder);
        rig.fs.sync_everything();
        let t = &rig.tally;
        println!(
            "power_cut: {part:?}: {part_cuts} cuts in {:.1} s; {} acknowledged, {} lost, {} damaged",
            part_started.elapsed().as_secs_f64(),
            t.acknowledged - before.0,
            t.lost - before.1,
            t.damaged - before.2
        );
    }
    let Tally { cuts, acknowledged, lost, damaged, problems } = std::mem::take(&mut rig.tally);
    let (file_syncs, folder_syncs, _) = rig.fs.counts();
    println!(
        "power_cut: {:.1} s (seed {seed}); the writers synced a file {file_syncs} times and a folder {folder_syncs} times",
        started.elapsed().as_secs_f64()
    );
    println!("{cuts} power cuts, {acknowledged} commits acknowledged, {lost} lost, {damaged} damaged files");
    if lost + damaged > 0 {
        eprintln!("power_cut: FAILED (seed {seed}); the first problems:");
        for problem in problems.iter().take(20) {
            eprintln!("power_cut: {problem}");
        }
        drop(rig.fs); // unmounts: exiting does not
        std::process::exit(1);
    }
}

impl Rig {
    /// Starts `command`, waits until it says it is ready (unless `from_start`), lets it run for
    /// `run_for`, then cuts the power under it: freeze, drop everything unsynced, kill, and mount
    /// again. Returns the lines it reported, but for [`OPENED`].
    fn run_and_cut(&mut self, mut command: Command, from_start: bool, run_for: Duration) -> Vec<String> {
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start the process");
        let stdout = child.stdout.take().expect("stdout");
        let (lines, reader) = sonae_crash_test::whole_lines(stdout);
        let mut received = Vec::new();
        if !from_start {
            match lines.recv_timeout(OPEN_TIMEOUT) {
                Ok(line) => received.push(line),
                Err(_) => failed(&mut child, "did not get ready"),
            }
        }
        match self.rng.chance(CUTS_AFTER_A_REPORT_PERCENT).then(|| 1 + self.rng.below(3)) {
            // Right after the process reported something done: the moment a missing sync shows.
            Some(reports) if !from_start => {
                let deadline = Instant::now() + run_for.max(Duration::from_millis(10)) * 20;
                while received.len() <= reports as usize {
                    match lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                        Ok(line) => received.push(line),
                        Err(_) => break,
                    }
                }
            }
            _ => std::thread::sleep(run_for),
        }
        match child.try_wait().expect("process status") {
            Some(status) if !status.success() => failed(&mut child, "failed"),
            // Finished (the upgrader does): the cut comes right after, the harshest moment.
            Some(_) => {}
            None => freeze(&child),
        }
        self.fs.cut_power();
        self.tally.cuts += 1;
        let _ = child.kill();
        child.wait().expect("reap the process");
        reader.join().expect("reader thread");
        self.fs.restore_power().expect("mount again after the cut");
        received.extend(lines.try_iter());
        received.retain(|line| line.as_str() != OPENED);
        received
    }

    fn pause(&mut self, longest_ms: u64) -> Duration {
        Duration::from_millis(self.rng.below(longest_ms + 1))
    }

    /// What the part and the cut are, for a report.
    fn at(&self, part: &str, cut: u64) -> String {
        format!("{part}, cut {cut} (seed {})", self.seed)
    }

    /// A file reported as written whole must be there and open; `Ok(false)` when it is not there.
    fn whole_file(&mut self, path: &Path, context: &str) -> bool {
        match company_file::check(path) {
            Ok(_) => true,
            Err(StoreError::NotFound { .. }) => false,
            Err(e) => {
                self.tally.damaged(format!("{context}: {}: {e}", path.display()));
                true
            }
        }
    }
}

/// Stops a running process and waits until it has stopped, leaving its state to `Child::wait`.
fn freeze(child: &std::process::Child) {
    let pid = child.id() as libc::pid_t;
    // SAFETY: signalling and waiting for our own child, whose id `child` holds (not yet reaped).
    unsafe {
        libc::kill(pid, libc::SIGSTOP);
        let mut info: libc::siginfo_t = std::mem::zeroed();
        libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WSTOPPED | libc::WEXITED | libc::WNOWAIT);
    }
}

fn failed(child: &mut std::process::Child, what: &str) -> ! {
    let _ = child.kill();
    let _ = child.wait();
    let mut stderr = String::new();
    let _ = child.stderr.take().expect("stderr").read_to_string(&mut stderr);
    panic!("the process {what}: {stderr}");
}

fn binary(name: &str) -> Command {
    Command::new(match name {
        "writer" => env!("CARGO_BIN_EXE_sonae-crash-writer"),
        "rekeyer" => env!("CARGO_BIN_EXE_sonae-crash-rekeyer"),
        "upgrader" => env!("CARGO_BIN_EXE_sonae-crash-upgrader"),
        _ => env!("CARGO_BIN_EXE_sonae-crash-files"),
    })
}

/// A new company file holding the sample company, durable before the cuts begin.
fn new_company(rig: &mut Rig, path: &Path) {
    drop(CompanyFile::create_demo(path, Language::Ja).expect("sample company file"));
    rig.fs.sync_everything();
}

fn writer(rig: &mut Rig, folder: &Path, cuts: u64) {
    let mut path = PathBuf::new();
    let mut reported: Vec<CommittedWrite> = Vec::new();
    let mut fresh = true;
    for cut in 0..cuts {
        if fresh || cut % CUTS_PER_WRITER_FILE == 0 {
            path = folder.join(format!("writer-{cut}.sonae"));
            new_company(rig, &path);
            reported.clear();
            fresh = false;
        }
        let writer_seed = rig.rng.next_u64() >> 16;
        let from_start = rig.rng.chance(25);
        let run_for = rig.pause(60);
        let mut command = binary("writer");
        command.arg(&path).arg(writer_seed.to_string());
        let lines: Vec<CommittedWrite> = rig
            .run_and_cut(command, from_start, run_for)
            .iter()
            .map(|line| CommittedWrite::parse(line).unwrap_or_else(|| panic!("unreadable report line {line:?}")))
            .collect();
        rig.tally.acknowledged += lines.len() as u64;
        reported.extend(lines);
        let context = format!("{} (writer seed {writer_seed}, {run_for:?})", rig.at("writer", cut));
        match missing_writes(&path, &reported) {
            Err(problem) => {
                rig.tally.damaged(format!("{context}: {problem}"));
                fresh = true;
            }
            Ok(missing) if !missing.is_empty() => {
                let missing: Vec<CommittedWrite> = missing.into_iter().cloned().collect();
                rig.tally.lost(
                    missing.len() as u64,
                    format!("{context}: {} reported writes, the first {}", missing.len(), missing[0]),
                );
                reported.retain(|write| !missing.contains(write));
            }
            Ok(_) => {}
        }
    }
}

fn conversion(rig: &mut Rig, folder: &Path, cuts: u64) {
    let path = folder.join("protected.sonae");
    new_company(rig, &path);
    let contents = every_row(&CompanyFile::open(&path).expect("open the sample"));
    rig.fs.sync_everything();
    let mut reported = 0;
    for cut in 0..cuts {
        let from_start = rig.rng.chance(25);
        let run_for = rig.pause(1_500);
        let mut command = binary("rekeyer");
        command.arg(&path);
        for line in rig.run_and_cut(command, from_start, run_for) {
            reported = parse_converted(&line).unwrap_or_else(|| panic!("unreadable report line {line:?}"));
            rig.tally.acknowledged += 1;
        }
        let context = rig.at("conversion", cut);
        let next = (reported + 1) % PROTECTIONS.len();
        match open_with_any(&path) {
            Err(e) => {
                rig.tally.damaged(format!("{context}: the file does not open: {e}"));
                return;
            }
            Ok((company, found)) => {
                if found != reported && found != next {
                    rig.tally.lost(1, format!("{context}: protection {found}; it was reported converted to {reported}"));
                }
                if every_row(&company) != contents {
                    rig.tally.damaged(format!("{context}: the file's rows changed"));
                }
                reported = found;
            }
        }
        company_file::remove_leftover_staging(folder, Duration::ZERO);
        rig.fs.sync_everything();
    }
}

fn upgrade(rig: &mut Rig, folder: &Path, cuts: u64) {
    let upgrader = Path::new(env!("CARGO_BIN_EXE_sonae-crash-upgrader"));
    let per_fixture = cuts.div_ceil(UPGRADE_FIXTURES.len() as u64);
    let mut cut = 0;
    for (index, (name, passphrase)) in UPGRADE_FIXTURES.iter().enumerate() {
        let fixture_folder = folder.join(format!("upgrade-{index}"));
        let fresh_copy = |rig: &mut Rig| {
            let _ = std::fs::remove_dir_all(&fixture_folder);
            std::fs::create_dir_all(&fixture_folder).unwrap();
            let path = fixture_folder.join(name);
            std::fs::copy(fixtures_dir().join(name), &path).expect("copy the fixture");
            rig.fs.sync_everything();
            path
        };
        let key = passphrase.map(Passphrase::new);
        let expected = expect_upgrade(&fresh_copy(rig), key.as_ref(), *passphrase, upgrader);
        let mut path = fresh_copy(rig);
        for _ in 0..per_fixture.min(cuts - cut) {
            cut += 1;
            let run_for = Duration::from_micros(rig.rng.below(expected.duration.as_micros() as u64 * 11 / 10 + 1));
            let mut command = binary("upgrader");
            command.arg(&path).args(passphrase);
            let reported = rig.run_and_cut(command, true, run_for).iter().any(|line| line == UPGRADED);
            rig.tally.acknowledged += u64::from(reported);
            let context = format!("{}, {name} ({run_for:?} after the start)", rig.at("upgrade", cut));
            match verify_upgrade_state(&path, key.as_ref(), &expected) {
                Err(problem) => {
                    rig.tally.damaged(format!("{context}: {problem}"));
                    path = fresh_copy(rig);
                }
                Ok(true) => {
                    if !kept_before_upgrade(&path, key.as_ref()) {
                        rig.tally.lost(1, format!("{context}: upgraded, but no copy of the old version is among its backups"));
                    }
                    path = fresh_copy(rig);
                }
                Ok(false) if reported => rig.tally.lost(1, format!("{context}: reported upgraded, found the old version")),
                Ok(false) => {}
            }
        }
    }
}

/// Whether a whole copy of the file as it was before its upgrade is among its backups.
fn kept_before_upgrade(path: &Path, key: Option<&Passphrase>) -> bool {
    if before_upgrade_copies(path) == 0 {
        return false;
    }
    let folder = backups::default_backup_dir(path).expect("backup folder");
    std::fs::read_dir(folder).into_iter().flatten().flatten().any(|entry| {
        entry.file_name().to_string_lossy().ends_with(".before-upgrade.sonae")
            && company_file::check_with_passphrase(&entry.path(), key).is_ok()
    })
}

/// The numbers in lines `WORD N` of a report.
fn numbered(lines: &[String], word: &str) -> Vec<u64> {
    lines.iter().filter_map(|line| line.strip_prefix(word)?.trim().parse().ok()).collect()
}

fn new_files(rig: &mut Rig, folder: &Path, cuts: u64) {
    let mut next = 0;
    for cut in 0..cuts {
        let run_for = rig.pause(800);
        let mut command = binary("files");
        command.arg("create").arg(folder).arg(next.to_string());
        let created = numbered(&rig.run_and_cut(command, false, run_for), "created");
        rig.tally.acknowledged += created.len() as u64;
        let context = rig.at("new file", cut);
        for n in &created {
            if !rig.whole_file(&folder.join(format!("new-{n}.sonae")), &context) {
                rig.tally.lost(1, format!("{context}: new-{n}.sonae was reported created and is not there"));
            }
        }
        // The one under way at the cut: whole, or not there at all.
        let under_way = created.last().map_or(next, |n| n + 1);
        rig.whole_file(&folder.join(format!("new-{under_way}.sonae")), &context);
        next = under_way + 1;
        clear(rig, folder);
    }
}

fn copies(rig: &mut Rig, folder: &Path, cuts: u64) {
    let source = folder.join("source.sonae");
    new_company(rig, &source);
    let out = folder.join("copies");
    std::fs::create_dir(&out).unwrap();
    rig.fs.sync_everything();
    let mut next = 0;
    for cut in 0..cuts {
        let run_for = rig.pause(300);
        let mut command = binary("files");
        command.arg("copy").arg(&source).arg(&out).arg(next.to_string());
        let copied = numbered(&rig.run_and_cut(command, false, run_for), "copied");
        rig.tally.acknowledged += copied.len() as u64;
        let context = rig.at("copy", cut);
        for n in &copied {
            if !rig.whole_file(&out.join(format!("copy-{n}.sonae")), &context) {
                rig.tally.lost(1, format!("{context}: copy-{n}.sonae was reported written and is not there"));
            }
        }
        let under_way = copied.last().map_or(next, |n| n + 1);
        rig.whole_file(&out.join(format!("copy-{under_way}.sonae")), &context);
        next = under_way + 1;
        clear(rig, &out);
    }
}

fn app_backups(rig: &mut Rig, folder: &Path, cuts: u64) {
    let company = folder.join("company.sonae");
    new_company(rig, &company);
    let backup_folder = backups::default_backup_dir(&company).unwrap();
    for cut in 0..cuts {
        // Each run makes the backup folder anew, as the first backup of a new file does.
        let _ = std::fs::remove_dir_all(&backup_folder);
        rig.fs.sync_everything();
        let run_for = rig.pause(300);
        let mut command = binary("files");
        command.arg("back-up").arg(&company);
        let lines = rig.run_and_cut(command, false, run_for);
        rig.tally.acknowledged += lines.len() as u64;
        let context = rig.at("backup", cut);
        for line in &lines {
            let path = Path::new(line.strip_prefix("backed-up ").unwrap_or_else(|| panic!("unreadable report line {line:?}")));
            if !rig.whole_file(path, &context) {
                rig.tally.lost(1, format!("{context}: the backup {} was reported taken and is not there", path.display()));
            }
        }
        // What the cut caught half written is a staging file, cleared like the app does.
        company_file::remove_leftover_staging(&backup_folder, Duration::ZERO);
        if !rig.whole_file(&company, &context) {
            rig.tally.lost(1, format!("{context}: the company file is gone"));
            return;
        }
    }
}

/// The name each source of the restore part gives its company, to tell which is in place.
fn restore_source_name(index: usize) -> String {
    format!("復元元 {index}")
}

fn restores(rig: &mut Rig, folder: &Path, cuts: u64) {
    let company = folder.join("company.sonae");
    new_company(rig, &company);
    let sources_folder = folder.join("sources");
    std::fs::create_dir(&sources_folder).unwrap();
    let sources: Vec<PathBuf> = (0..3)
        .map(|index| {
            let path = sources_folder.join(format!("source-{index}.sonae"));
            let mut file = CompanyFile::create_demo(&path, Language::Ja).expect("sample company file");
            file.write(|tx| tx.execute("UPDATE company SET name = ?1 WHERE id = 1", [restore_source_name(index)])).unwrap();
            drop(file);
            // A backup is a standalone file without a WAL: fold it in.
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
            path
        })
        .collect();
    let backup_folder = backups::default_backup_dir(&company).unwrap();
    rig.fs.sync_everything();
    // Which source is in place (none at first: the sample company).
    let mut current: Option<usize> = None;
    for cut in 0..cuts {
        let first = current.map_or(0, |c| (c + 1) % sources.len());
        let order: Vec<usize> = (0..sources.len()).map(|i| (first + i) % sources.len()).collect();
        let run_for = rig.pause(800);
        let mut command = binary("files");
        command.arg("restore").arg(&company).args(order.iter().map(|i| &sources[*i]));
        let lines = rig.run_and_cut(command, false, run_for);
        rig.tally.acknowledged += lines.len() as u64;
        let context = rig.at("restore", cut);
        let mut reported = None;
        for line in &lines {
            let (index, kept) = line
                .strip_prefix("restored ")
                .and_then(|rest| rest.split_once(' '))
                .and_then(|(index, kept)| Some((index.parse::<usize>().ok()?, PathBuf::from(kept))))
                .unwrap_or_else(|| panic!("unreadable report line {line:?}"));
            reported = Some(order[index]);
            if !rig.whole_file(&kept, &context) {
                rig.tally.lost(1, format!("{context}: the file as it was before the restore, {}, is not kept", kept.display()));
            }
        }
        let last = reported.or(current);
        let next = last.map_or(first, |l| (l + 1) % sources.len());
        match company_file::check(&company) {
            Err(e) => {
                rig.tally.damaged(format!("{context}: the company file does not open: {e}"));
                return;
            }
            Ok(check) => {
                let found = (0..sources.len()).find(|i| check.company_name == restore_source_name(*i));
                if found != last && found != Some(next) {
                    rig.tally.lost(1, format!("{context}: source {found:?} is in place; {last:?} was reported restored"));
                }
                current = found;
            }
        }
        let _ = std::fs::remove_dir_all(&backup_folder);
        company_file::remove_leftover_staging(folder, Duration::ZERO);
        rig.fs.sync_everything();
    }
}

fn packs(rig: &mut Rig, folder: &Path, cuts: u64) {
    let company = folder.join("company.sonae");
    new_company(rig, &company);
    let out = folder.join("packs");
    std::fs::create_dir(&out).unwrap();
    rig.fs.sync_everything();
    let mut next = 0;
    for cut in 0..cuts {
        let run_for = rig.pause(1_500);
        let mut command = binary("files");
        command.arg("pack").arg(&company).arg(&out).arg(next.to_string());
        let lines = rig.run_and_cut(command, false, run_for);
        rig.tally.acknowledged += lines.len() as u64;
        next += lines.len() as u64 + 1;
        let context = rig.at("pack", cut);
        for line in &lines {
            let pack = Path::new(line.strip_prefix("packed ").unwrap_or_else(|| panic!("unreadable report line {line:?}")));
            if !pack.exists() {
                rig.tally.lost(1, format!("{context}: the pack {} was reported written and is not there", pack.display()));
            }
        }
        // Every pack there, reported or under way at the cut, is whole.
        for entry in std::fs::read_dir(&out).unwrap().flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if let Err(problem) = whole_pack(&entry.path()) {
                rig.tally.damaged(format!("{context}: {}: {problem}", entry.path().display()));
            }
        }
        clear(rig, &out);
    }
}

/// A pack holds its documents, each whole: the PDFs from their header to their end marker, the
/// policy template readable JSON.
fn whole_pack(pack: &Path) -> Result<(), String> {
    let mut documents = 0;
    for entry in std::fs::read_dir(pack).map_err(|e| e.to_string())?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).map_err(|e| format!("{name}: {e}"))?;
        let whole = if name.ends_with(".pdf") {
            bytes.starts_with(b"%PDF") && bytes.trim_ascii_end().ends_with(b"%%EOF")
        } else {
            serde_json::from_slice::<serde_json::Value>(&bytes).is_ok()
        };
        if !whole {
            return Err(format!("{name} is not whole ({} bytes)", bytes.len()));
        }
        documents += 1;
    }
    if documents < 5 {
        return Err(format!("{documents} documents"));
    }
    Ok(())
}

/// Empties a folder the part checked, so it does not grow over the cuts, durably.
fn clear(rig: &mut Rig, folder: &Path) {
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        let _ = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
    }
    rig.fs.sync_everything();
}
