//! Kills a writer process with SIGKILL at random moments, again and again, on one company file;
//! after every kill the file must open (integrity check included), every write the writer
//! reported as committed must be there, and no transaction may be half applied.
//!
//! `SONAE_CRASH_KILLS` (default 200) sets how many kills, `SONAE_CRASH_SEED` the seed (printed,
//! so a failure can be repeated). This is one long scenario rather than many tests, so it runs
//! without the test harness and prints what it survived.
//!
//! What it shows: SQLite's WAL commit is atomic and durable against the process dying at any
//! point (mid-transaction, mid-checkpoint, while opening). It cannot show the same for a power
//! cut, which would need the disk itself to lose unsynced writes; `synchronous = FULL` is what
//! covers that case.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sonae_core::{rules, store::CompanyFile};
use sonae_crash_test::{CommittedWrite, SplitMix64};

/// Kills are spread over this long after the writer starts (it opens the file first, which
/// includes an integrity check, so early kills land in the opening).
const LONGEST_RUN_MS: u64 = 60;

fn main() {
    let kills: u64 = env_number("SONAE_CRASH_KILLS", 200);
    let seed: u64 = env_number("SONAE_CRASH_SEED", 20_261_122);
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("crash.sonae");
    drop(CompanyFile::create_demo(&path, "ja").expect("demo company file"));

    let started = Instant::now();
    let mut rng = SplitMix64::new(seed);
    let mut reported = Vec::new();
    let mut kills_after_a_commit = 0;
    for kill in 1..=kills {
        let writer_seed = rng.next_u64() >> 16;
        let run_for = Duration::from_millis(rng.below(LONGEST_RUN_MS + 1));
        let lines = run_and_kill(&path, writer_seed, run_for, kill, seed);
        kills_after_a_commit += u64::from(!lines.is_empty());
        reported.extend(lines);
        if let Err(problem) = verify(&path, &reported) {
            panic!("after kill {kill} (seed {seed}, writer seed {writer_seed}, {run_for:?}): {problem}");
        }
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "kill_writer: survived {kills} SIGKILLs in {:.1} s (seed {seed}); {} committed writes verified; \
         {kills_after_a_commit} kills came after at least one commit; company file {size} bytes",
        started.elapsed().as_secs_f64(),
        reported.len()
    );
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value.parse().unwrap_or_else(|_| panic!("{name} must be a whole number, got {value:?}")),
        Err(_) => default,
    }
}

/// Starts the writer, lets it run for `run_for`, kills it with SIGKILL (what `Child::kill` sends
/// on Unix) and returns the writes it reported as committed.
fn run_and_kill(path: &Path, writer_seed: u64, run_for: Duration, kill: u64, seed: u64) -> Vec<CommittedWrite> {
    let mut writer = Command::new(env!("CARGO_BIN_EXE_sonae-crash-writer"))
        .arg(path)
        .arg(writer_seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sonae-crash-writer");
    let mut stdout = writer.stdout.take().expect("writer stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    std::thread::sleep(run_for);
    if let Some(status) = writer.try_wait().expect("writer status") {
        let mut stderr = String::new();
        let _ = writer.stderr.take().expect("writer stderr").read_to_string(&mut stderr);
        panic!("kill {kill} (seed {seed}): the writer stopped by itself ({status}): {stderr}");
    }
    writer.kill().expect("SIGKILL the writer");
    writer.wait().expect("reap the writer");
    let text = reader.join().expect("reader thread").expect("read writer stdout");
    // A line without its newline was cut short by the kill; it was not reported.
    let complete = text.rfind('\n').map_or("", |end| &text[..end]);
    complete
        .lines()
        .map(|line| CommittedWrite::parse(line).unwrap_or_else(|| panic!("unreadable report line {line:?}")))
        .collect()
}

/// Opens the file as the app would and checks it against what the writer reported.
fn verify(path: &Path, reported: &[CommittedWrite]) -> Result<(), String> {
    let company = CompanyFile::open(path).map_err(|e| format!("the file does not open: {e}"))?;
    let conn = company.connection();
    let sql = |e: rusqlite::Error| e.to_string();

    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(sql)?;
    if integrity != "ok" {
        return Err(format!("integrity check: {integrity}"));
    }
    let foreign_key_problems: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).map_err(sql)?;
    if foreign_key_problems != 0 {
        return Err(format!("{foreign_key_problems} foreign key violations"));
    }

    // Every batch of timeline entries is whole: (incident, entries present, entries written).
    let mut batches: HashMap<String, (i64, i64, i64)> = HashMap::new();
    let mut stmt = conn
        .prepare(
            "SELECT json_extract(data, '$.batch'), min(incident_id), count(*), min(json_extract(data, '$.batch_of'))
               FROM timeline_entry WHERE json_extract(data, '$.batch') IS NOT NULL GROUP BY 1",
        )
        .map_err(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))).map_err(sql)?;
    for row in rows {
        let (batch, (incident, present, written)) = row.map_err(sql)?;
        if present != written {
            return Err(format!("batch {batch} of incident {incident} has {present} of its {written} entries"));
        }
        batches.insert(batch, (incident, present, written));
    }

    // Every incident's current obligations are those of its stored facts: facts and
    // re-assessment were written together.
    let mut stmt = conn
        .prepare("SELECT i.id, i.facts, (SELECT count(*) FROM obligation o WHERE o.incident_id = i.id AND o.current = 1) FROM incident i")
        .map_err(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))).map_err(sql)?;
    let mut incidents = BTreeSet::new();
    for row in rows {
        let (id, facts, current) = row.map_err(sql)?;
        let facts = rules::parse_facts(&facts).map_err(|e| format!("incident {id}: stored facts unreadable: {e}"))?;
        let expected = rules::assess(&facts).obligations.len() as i64;
        if current != expected {
            return Err(format!("incident {id} has {current} current obligations; its facts call for {expected}"));
        }
        incidents.insert(id);
    }

    let phones: HashMap<i64, i64> = conn
        .prepare("SELECT c.id, (SELECT count(*) FROM contact_phone p WHERE p.contact_id = c.id) FROM contact c")
        .and_then(|mut stmt| stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(sql)?;

    for write in reported {
        let found = match write {
            CommittedWrite::Incident { id, batch } => {
                incidents.contains(id) && batches.get(batch).is_some_and(|(incident, ..)| incident == id)
            }
            CommittedWrite::Progress { incident_id, batch } => {
                batches.get(batch).is_some_and(|(incident, ..)| incident == incident_id)
            }
            CommittedWrite::Contact { id, phones: count } => phones.get(id) == Some(count),
        };
        if !found {
            return Err(format!("a write reported as committed is missing or incomplete: {write}"));
        }
    }
    Ok(())
}
