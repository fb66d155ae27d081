//! The checks the kill test and the power-cut test make of what a killed writer, rekeyer or
//! upgrader left behind: shared so that both hold the files to the same standard.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sonae_core::company_file::{self, CompanyFile, Passphrase};
use sonae_core::rules;

use crate::{CommittedWrite, UPGRADED};

/// Where the version-1 fixtures are (`tests/fixtures/` of the repository).
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Every row of every table, to tell that a conversion carried the file over whole.
pub fn every_row(company: &CompanyFile) -> Vec<String> {
    let conn = company.sqlite();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .expect("table names");
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid")).expect("select");
        let columns = stmt.column_count();
        let mut query = stmt.query([]).expect("query");
        while let Some(row) = query.next().expect("row") {
            let values: Vec<String> = (0..columns).map(|i| format!("{:?}", row.get_ref(i).expect("value"))).collect();
            rows.push(format!("{table}: {}", values.join(", ")));
        }
    }
    rows
}

/// A whole number from the environment variable `name`, or `default` when it is not set.
pub fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value.parse().unwrap_or_else(|_| panic!("{name} must be a whole number, got {value:?}")),
        Err(_) => default,
    }
}

/// Opens the file as the app would (which includes `PRAGMA integrity_check`) and checks it
/// against what the writer reported: `Err` says how the file is damaged (it does not open, or a
/// transaction is half applied), `Ok` lists the reported writes that are not in it.
pub fn missing_writes<'a>(path: &Path, reported: &'a [CommittedWrite]) -> Result<Vec<&'a CommittedWrite>, String> {
    let company = CompanyFile::open(path).map_err(|e| format!("the file does not open: {e}"))?;
    let conn = company.sqlite();
    let sql = |e: rusqlite::Error| e.to_string();

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

    let mut missing = Vec::new();
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
            missing.push(write);
        }
    }
    // An autosaved wizard draft is committed only together with its batch of timeline entries.
    let draft_batches: Vec<String> = conn
        .prepare("SELECT d.value ->> 'cause' FROM incident i, json_each(i.wizard_draft) d WHERE d.key = '5'")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .map_err(sql)?;
    if let Some(orphan) = draft_batches.iter().find(|batch| !batches.contains_key(*batch)) {
        return Err(format!("a wizard draft of batch {orphan} was kept without its timeline entries"));
    }
    Ok(missing)
}

/// The version-1 fixtures the upgrade is killed on, with the passphrase of the protected one
/// (`tests/fixtures/make-v1.sh`).
pub const UPGRADE_FIXTURES: [(&str, Option<&str>); 4] = [
    ("v1-demo.sonae", None),
    ("v1-protected.sonae", Some("備え あり 2026")),
    ("v1-large.sonae", None),
    ("v1-incidents.sonae", None),
];

/// What a file must hold after every kill: its tables with their version-1 columns and rows, and
/// the schema as it was and as it is once upgraded.
pub struct UpgradeExpectation {
    tables: Vec<(String, Vec<String>)>,
    rows: Vec<String>,
    /// The rows an upgrade keeps exactly (not what it rewrites on purpose).
    kept: Vec<String>,
    old_schema: Vec<String>,
    new_schema: Vec<String>,
    /// How long one uninterrupted upgrade takes, process start to exit.
    pub duration: Duration,
}

/// Runs one uninterrupted upgrade of `path` (a fresh copy) with `upgrader` (the path of
/// `sonae-crash-upgrader`) and reads what every kill or power cut must leave.
pub fn expect_upgrade(path: &Path, key: Option<&Passphrase>, passphrase: Option<&str>, upgrader: &Path) -> UpgradeExpectation {
    let old_schema = schema_of(path, key);
    let tables = tables_of(path, key);
    let rows = rows_in(path, key, &tables, false);
    let kept = rows_in(path, key, &tables, true);
    let start = Instant::now();
    let mut upgrader = Command::new(upgrader);
    upgrader.arg(path).args(passphrase);
    let output = upgrader.output().expect("run sonae-crash-upgrader");
    let duration = start.elapsed();
    assert!(output.status.success(), "the upgrader failed: {}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), UPGRADED);
    let new_schema = schema_of(path, key);
    assert_ne!(old_schema, new_schema, "the upgrade changed no schema");
    UpgradeExpectation { tables, rows, kept, old_schema, new_schema, duration }
}

/// Checks the file a killed upgrade left: intact, exactly the old or the new schema, with every
/// row. Answers whether it is the new version.
pub fn verify_upgrade_state(path: &Path, key: Option<&Passphrase>, expected: &UpgradeExpectation) -> Result<bool, String> {
    let check = company_file::check_with_passphrase(path, key).map_err(|e| format!("the file does not open: {e}"))?;
    let schema = schema_of(path, key);
    let upgraded = match check.schema_version {
        1 if schema == expected.old_schema => false,
        v if v == company_file::SCHEMA_VERSION && schema == expected.new_schema => true,
        v => return Err(format!("schema version {v} with a schema that is neither the old nor the new one: {schema:#?}")),
    };
    let (rows, expected_rows) = match upgraded {
        false => (rows_in(path, key, &expected.tables, false), &expected.rows),
        true => (rows_in(path, key, &expected.tables, true), &expected.kept),
    };
    if rows != *expected_rows {
        return Err(format!("rows changed ({} version)", if upgraded { "new" } else { "old" }));
    }
    Ok(upgraded)
}

/// How many copies kept before an upgrade the backup folder of `path` holds.
pub fn before_upgrade_copies(path: &Path) -> usize {
    let folder = company_file::backups::default_backup_dir(path).expect("backup folder");
    let name_ends = |entry: &std::fs::DirEntry| entry.file_name().to_string_lossy().ends_with(".before-upgrade.sonae");
    std::fs::read_dir(folder).map(|entries| entries.flatten().filter(name_ends).count()).unwrap_or(0)
}

/// The file's schema (tables, indexes, triggers), read without changing the file.
pub fn schema_of(path: &Path, key: Option<&Passphrase>) -> Vec<String> {
    let company = CompanyFile::open_for_backup_with_passphrase(path, key).expect("read the file");
    let schema = company
        .sqlite()
        .prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .expect("schema");
    schema
}

/// The tables of a file with their columns, read without changing the file.
fn tables_of(path: &Path, key: Option<&Passphrase>) -> Vec<(String, Vec<String>)> {
    let company = CompanyFile::open_for_backup_with_passphrase(path, key).expect("read the file");
    let conn = company.sqlite();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .expect("table names");
    names
        .into_iter()
        .map(|table| {
            let columns = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
                .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
                .expect("columns");
            (table, columns)
        })
        .collect()
}

/// Every row of `tables`, in the columns given (an upgrade may add columns, never take a value);
/// with `kept`, only what upgrades keep exactly (`migrate::REWRITTEN_COLUMNS`, `KEPT_ROWS`).
fn rows_in(path: &Path, key: Option<&Passphrase>, tables: &[(String, Vec<String>)], kept: bool) -> Vec<String> {
    use company_file::migrate::{KEPT_ROWS, REWRITTEN_COLUMNS};
    let company = CompanyFile::open_for_backup_with_passphrase(path, key).expect("read the file");
    let mut rows = Vec::new();
    for (table, columns) in tables {
        let columns: Vec<&String> =
            columns.iter().filter(|c| !(kept && REWRITTEN_COLUMNS.contains(&(table.as_str(), c.as_str())))).collect();
        let condition = KEPT_ROWS.iter().find(|(t, _)| kept && t == table).map_or("1", |(_, c)| c);
        let list = columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let mut stmt = company
            .sqlite()
            .prepare(&format!("SELECT {list} FROM \"{table}\" WHERE {condition} ORDER BY rowid"))
            .expect("select");
        let mut query = stmt.query([]).expect("query");
        while let Some(row) = query.next().expect("row") {
            let values: Vec<String> = (0..columns.len()).map(|i| format!("{:?}", row.get_ref(i).expect("value"))).collect();
            rows.push(format!("{table}: {}", values.join(", ")));
        }
    }
    rows
}
