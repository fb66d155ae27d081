//! Company files written by Sonae 0.1 (schema version 1, kept in `tests/fixtures/`, made by
//! `tests/fixtures/make-v1.sh`) opened by this build: every row survives the upgrade, the
//! timeline stays append-only, a copy of the file as it was is kept among its backups and
//! restores to the old file, and reading a file never upgrades it.

use sonae_core::company_file;
use sonae_core::home;
use sonae_core::incident;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use sonae_core::company_file::backups::{self, BackupContents, BackupReason};
use sonae_core::company_file::migrate::{Migration, KEPT_ROWS, MIGRATIONS, REWRITTEN_COLUMNS};
use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;
use sonae_core::company_file::SCHEMA_VERSION;

/// The passphrase `make-v1.sh` protected `v1-protected.sonae` with.
const FIXTURE_PASSPHRASE: &str = "備え あり 2026";

const FIXTURES: [&str; 4] = ["v1-demo.sonae", "v1-protected.sonae", "v1-large.sonae", "v1-incidents.sonae"];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn passphrase_for(name: &str) -> Option<Passphrase> {
    name.contains("protected").then(|| Passphrase::new(FIXTURE_PASSPHRASE))
}

/// A fresh copy of a fixture in its own folder (so its backups land beside it).
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixtures_dir().join(name), &path).unwrap();
    (dir, path)
}

/// Per table: the columns it had, its row count and a hash of every value in those columns.
type Snapshot = BTreeMap<String, (Vec<String>, usize, u64)>;

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// Reads every table of `conn`; with `only`, just the tables and columns of that earlier snapshot
/// (an upgrade may add columns and tables, never take a value away). With `kept`, only what
/// upgrades keep exactly: not the columns and rows they rewrite on purpose (`REWRITTEN_COLUMNS`,
/// `KEPT_ROWS`, checked on their own).
fn snapshot_with(conn: &Connection, only: Option<&Snapshot>, kept: bool) -> Snapshot {
    let tables: Vec<String> = match only {
        Some(earlier) => earlier.keys().cloned().collect(),
        None => {
            let mut stmt = conn
                .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        }
    };
    let mut taken = Snapshot::new();
    for table in tables {
        let mut cols = match only {
            Some(earlier) => earlier[&table].0.clone(),
            None => columns(conn, &table),
        };
        if kept {
            cols.retain(|c| !REWRITTEN_COLUMNS.contains(&(table.as_str(), c.as_str())));
        }
        let condition = KEPT_ROWS.iter().find(|(t, _)| kept && *t == table).map_or("1".to_owned(), |(_, c)| c.to_string());
        let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let order = (1..=cols.len()).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        let mut stmt = conn.prepare(&format!("SELECT {list} FROM \"{table}\" WHERE {condition} ORDER BY {order}")).unwrap();
        let mut rows = stmt.query([]).unwrap();
        let (mut count, mut hasher) = (0, std::collections::hash_map::DefaultHasher::new());
        while let Some(row) = rows.next().unwrap() {
            count += 1;
            for i in 0..cols.len() {
                format!("{:?}", row.get_ref(i).unwrap()).hash(&mut hasher);
            }
        }
        taken.insert(table, (cols, count, hasher.finish()));
    }
    taken
}

fn snapshot(conn: &Connection, only: Option<&Snapshot>) -> Snapshot {
    snapshot_with(conn, only, false)
}

/// What upgrades keep exactly (see [`snapshot_with`]).
fn kept_rows(conn: &Connection, only: Option<&Snapshot>) -> Snapshot {
    snapshot_with(conn, only, true)
}

/// What was done about the obligations of open incidents: (incident, addressee, status, sent on,
/// reference, reason) — a re-assessment keeps all of it.
fn what_was_done(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT o.incident_id || ' ' || o.authority_key || ' ' || o.status || ' ' || coalesce(o.sent_on, '-') || ' ' ||
                    o.reference_number || ' ' || o.waived_reason
               FROM obligation o JOIN incident i ON i.id = o.incident_id WHERE i.status = 'open' ORDER BY 1",
        )
        .unwrap();
    let done = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    done
}

/// The fixture as it is on disk, read without changing it.
fn snapshot_of_file(path: &Path, passphrase: Option<&Passphrase>) -> Snapshot {
    let file = CompanyFile::open_for_backup_with_passphrase(path, passphrase).unwrap();
    snapshot(file.sqlite(), None)
}

fn schema_of(path: &Path, passphrase: Option<&Passphrase>) -> Vec<String> {
    let file = CompanyFile::open_for_backup_with_passphrase(path, passphrase).unwrap();
    let mut stmt = file
        .sqlite()
        .prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
        .unwrap();
    let schema = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    schema
}

fn assert_timeline_is_append_only(conn: &Connection) {
    for statement in ["UPDATE timeline_entry SET message = 'rewritten'", "DELETE FROM timeline_entry"] {
        let refused = conn.execute(statement, []).expect_err(statement);
        assert!(refused.to_string().contains("append-only"), "{statement}: {refused}");
    }
}

#[test]
fn the_fixtures_are_version_1_files_with_rows_in_every_area() {
    for name in FIXTURES {
        // A copy: a read connection to a WAL-mode file would leave side files in the repository.
        let (_dir, path) = copy_of(name);
        let check = company_file::check_with_passphrase(&path, passphrase_for(name).as_ref()).unwrap();
        assert_eq!(check.schema_version, 1, "{name}");
        let rows = snapshot_of_file(&path, passphrase_for(name).as_ref());
        for table in ["company", "contact", "role", "procedure_step", "authority", "incident", "timeline_entry", "obligation"] {
            assert!(rows[table].1 > 0, "{name} has no {table} rows");
        }
    }
}

#[test]
fn every_fixture_opens_upgraded_with_every_row_and_its_guards() {
    for name in FIXTURES {
        let (_dir, path) = copy_of(name);
        let passphrase = passphrase_for(name);
        let before = snapshot_of_file(&path, passphrase.as_ref());
        let (kept_before, done_before) = {
            let original = CompanyFile::open_for_backup_with_passphrase(&path, passphrase.as_ref()).unwrap();
            (kept_rows(original.sqlite(), None), what_was_done(original.sqlite()))
        };

        let file = CompanyFile::open_with_passphrase(&path, passphrase.as_ref()).unwrap();
        let upgrade = file.upgrade().unwrap_or_else(|| panic!("{name} was not upgraded")).clone();
        assert_eq!((upgrade.from, upgrade.to), (1, SCHEMA_VERSION), "{name}");
        let version: i32 = file.sqlite().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION, "{name}");
        assert_eq!(kept_rows(file.sqlite(), Some(&kept_before)), kept_before, "{name}: rows changed in the upgrade");
        assert_eq!(what_was_done(file.sqlite()), done_before, "{name}: the re-assessment lost what was done");
        for (table, (_, count, _)) in &before {
            let now: i64 = file.sqlite().query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0)).unwrap();
            assert!(now as usize >= *count, "{name}: {table} lost rows ({count} → {now})");
        }
        assert_timeline_is_append_only(file.sqlite());
        let foreign_keys: bool = file.sqlite().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert!(foreign_keys, "{name}: foreign keys are off after the upgrade");
        // The version-2 additions start empty: nothing answered yet about insurance or the EU.
        let (insurance, establishment): (i64, Option<i64>) = file
            .sqlite()
            .query_row("SELECT cyber_insurance, eu_establishment FROM company", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((insurance, establishment), (0, None), "{name}");
        drop(file);

        // Opened again, it is current: no second upgrade, no second copy.
        let again = CompanyFile::open_with_passphrase(&path, passphrase.as_ref()).unwrap();
        assert!(again.upgrade().is_none(), "{name}");
        let kept: Vec<_> = backups::list_backups_with_passphrase(
            upgrade.backup.parent().unwrap(),
            &backups::company_stem(&path).unwrap(),
            passphrase.as_ref(),
        )
        .unwrap()
        .into_iter()
        .filter(|b| b.reason == BackupReason::BeforeUpgrade)
        .collect();
        assert_eq!(kept.len(), 1, "{name}");
        assert_eq!(kept[0].path, upgrade.backup);
    }
}

/// A migration that rebuilds three tables the way a change of a column or a CHECK must: the
/// incident table, which the timeline, calls, tasks and obligations point at (ON DELETE
/// RESTRICT); the timeline itself, guarded by its append-only triggers; and the contacts, whose
/// phones cascade from them and whom role holders point at (RESTRICT).
const REBUILD: Migration = Migration {
    version: SCHEMA_VERSION + 1,
    sql: "
        CREATE TABLE incident_new (
            id INTEGER PRIMARY KEY, title TEXT NOT NULL, case_key TEXT NOT NULL, discovered_at TEXT NOT NULL,
            discovered_by TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL DEFAULT 'event' CHECK (stage IN ('near_miss', 'event', 'incident')),
            category_key TEXT, level INTEGER CHECK (level BETWEEN 0 AND 3), level_override_reason TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'archived')),
            wizard_step INTEGER NOT NULL DEFAULT 0, wizard_draft TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(wizard_draft)),
            facts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(facts)), cause TEXT NOT NULL DEFAULT '',
            secondary_damage TEXT NOT NULL DEFAULT '', subject_response TEXT NOT NULL DEFAULT '',
            publication TEXT NOT NULL DEFAULT '', measures_taken TEXT NOT NULL DEFAULT '',
            measures_planned TEXT NOT NULL DEFAULT '', lessons TEXT NOT NULL DEFAULT '', closed_at TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, occurred_at TEXT,
            affected_data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(affected_data)),
            malware_name TEXT NOT NULL DEFAULT '', how_found TEXT NOT NULL DEFAULT '',
            infection_route TEXT NOT NULL DEFAULT '', technical TEXT NOT NULL DEFAULT '{}',
            gdpr_english TEXT NOT NULL DEFAULT '{}', client_contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL
        ) STRICT;
        INSERT INTO incident_new SELECT * FROM incident;
        DROP TABLE incident;
        ALTER TABLE incident_new RENAME TO incident;
        CREATE INDEX incident_status ON incident(status, discovered_at);

        CREATE TABLE timeline_entry_new (
            id INTEGER PRIMARY KEY, incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE RESTRICT,
            at TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL, message TEXT NOT NULL,
            data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)), source TEXT NOT NULL DEFAULT 'app'
        ) STRICT;
        INSERT INTO timeline_entry_new (id, incident_id, at, author, kind, message, data)
            SELECT id, incident_id, at, author, kind, message, data FROM timeline_entry;
        DROP TABLE timeline_entry;
        ALTER TABLE timeline_entry_new RENAME TO timeline_entry;
        CREATE INDEX timeline_entry_incident ON timeline_entry(incident_id, at);

        CREATE TABLE contact_new (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
            name TEXT NOT NULL CHECK (length(name) > 0), name_kana TEXT NOT NULL DEFAULT '',
            organization TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
            call_order INTEGER, last_confirmed_on TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            department TEXT NOT NULL DEFAULT ''
        ) STRICT;
        INSERT INTO contact_new SELECT * FROM contact;
        DROP TABLE contact;
        ALTER TABLE contact_new RENAME TO contact;
        CREATE INDEX contact_call_order ON contact(call_order) WHERE call_order IS NOT NULL;
    ",
    after: None,
};

#[test]
fn the_harness_rebuilds_guarded_tables_without_losing_a_row() {
    let migrations: Vec<Migration> = MIGRATIONS.iter().copied().chain([REBUILD]).collect();
    for name in FIXTURES {
        let (_dir, path) = copy_of(name);
        let passphrase = passphrase_for(name);
        let before = {
            let original = CompanyFile::open_for_backup_with_passphrase(&path, passphrase.as_ref()).unwrap();
            kept_rows(original.sqlite(), None)
        };

        let file = CompanyFile::open_upgrading(&path, passphrase.as_ref(), &migrations).unwrap();
        let conn = file.sqlite();
        let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, REBUILD.version);
        assert_eq!(kept_rows(conn, Some(&before)), before, "{name}: rows changed in the rebuild");
        assert_timeline_is_append_only(conn);
        // The foreign keys hold again: a timeline entry of no incident is refused, and a contact
        // holding a role cannot be deleted.
        let orphan =
            conn.execute("INSERT INTO timeline_entry (incident_id, at, kind, message) VALUES (999999, 'now', 'note', 'x')", []);
        assert!(orphan.is_err(), "{name}: a timeline entry of no incident was taken");
        let holder: i64 = conn.query_row("SELECT contact_id FROM role_holder LIMIT 1", [], |r| r.get(0)).unwrap();
        assert!(conn.execute("DELETE FROM contact WHERE id = ?1", [holder]).is_err(), "{name}: a role holder was deleted");
        let problems: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(problems, "ok");
    }
}

#[test]
fn a_failed_migration_is_rolled_back_whole() {
    let (_dir, path) = copy_of("v1-incidents.sonae");
    let snapshot_before = snapshot_of_file(&path, None);
    let incidents_before = snapshot_before["incident"].1 as i64;
    // Deletes every incident, which the timeline's foreign keys must catch before committing.
    let orphaning = Migration { version: SCHEMA_VERSION + 1, sql: "DELETE FROM incident;", after: None };
    let migrations: Vec<Migration> = MIGRATIONS.iter().copied().chain([orphaning]).collect();
    let Err(error) = CompanyFile::open_upgrading(&path, None, &migrations) else { panic!("the orphaning upgrade was committed") };
    assert_eq!(error.code(), "upgrade_failed", "{error}");
    let file = CompanyFile::open_to_read(&path).unwrap();
    let incidents: i64 = file.sqlite().query_row("SELECT count(*) FROM incident", [], |r| r.get(0)).unwrap();
    assert_eq!(incidents, incidents_before);
    drop(file);
    // The real migrations before it went with it: one upgrade is one transaction, so the file is
    // still the version-1 file it was, to be upgraded whole by a build without the faulty step.
    let check = company_file::check(&path).unwrap();
    assert_eq!(check.schema_version, 1);
    assert_eq!(snapshot_of_file(&path, None), snapshot_before, "rows changed by a failed upgrade");
}

#[test]
fn the_before_upgrade_backup_restores_the_file_as_it_was() {
    for name in ["v1-demo.sonae", "v1-protected.sonae"] {
        let (dir, path) = copy_of(name);
        let passphrase = passphrase_for(name);
        let original_rows = snapshot_of_file(&path, passphrase.as_ref());
        let original_schema = schema_of(&path, passphrase.as_ref());

        let file = CompanyFile::open_with_passphrase(&path, passphrase.as_ref()).unwrap();
        let backup = file.upgrade().unwrap().backup.clone();
        let backup_dir = backups::default_backup_dir(&path).unwrap();
        assert_eq!(backup.parent(), Some(backup_dir.as_path()));
        // Later backups and their rotation never take the copy from before the upgrade away.
        for _ in 0..3 {
            backups::take_backup(&file, &backup_dir, BackupReason::Opened).unwrap();
        }
        drop(file);
        let stem = backups::company_stem(&path).unwrap();
        backups::rotate(&backup_dir, &stem, 1).unwrap();
        let listed = backups::list_backups_with_passphrase(&backup_dir, &stem, passphrase.as_ref()).unwrap();
        let reasons: Vec<BackupReason> = listed.iter().map(|b| b.reason).collect();
        assert_eq!(reasons, [BackupReason::Opened, BackupReason::BeforeUpgrade], "{name}");
        let BackupContents::Intact(summary) = &listed[1].contents else { panic!("{name}: {:?}", listed[1].contents) };
        assert!(summary.incidents > 0);

        backups::restore_with_passphrase(&backup, &path, &backup_dir, passphrase.as_ref()).unwrap();
        // What Sonae 0.1 wrote: version 1, the same schema and the same rows.
        let check = company_file::check_with_passphrase(&path, passphrase.as_ref()).unwrap();
        assert_eq!(check.schema_version, 1, "{name}");
        assert_eq!(schema_of(&path, passphrase.as_ref()), original_schema, "{name}");
        assert_eq!(snapshot_of_file(&path, passphrase.as_ref()), original_rows, "{name}");
        drop(dir);
    }
}

#[test]
fn reading_an_older_file_never_changes_it() {
    for name in FIXTURES {
        let (dir, path) = copy_of(name);
        let bytes = std::fs::read(&path).unwrap();
        let passphrase = passphrase_for(name);
        let file = CompanyFile::open_to_read_with_passphrase(&path, passphrase.as_ref()).unwrap();
        assert!(file.upgrade().is_none());
        // Read through an upgraded copy: the version-2 columns are there to read.
        let insurance: i64 = file.sqlite().query_row("SELECT cyber_insurance FROM company", [], |r| r.get(0)).unwrap();
        assert_eq!(insurance, 0);
        let incidents = incident::read::list_incidents(file.sqlite()).unwrap();
        assert!(!incidents.is_empty(), "{name}");
        home::home_summary(file.sqlite(), None).unwrap();
        drop(file);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} changed by reading it");
        let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(beside, [std::ffi::OsString::from(name)], "{name}: reading left files beside it");
    }
}

#[test]
fn open_incidents_are_assessed_again_under_the_new_rules_and_closed_ones_kept() {
    let (_dir, path) = copy_of("v1-incidents.sonae");
    let file = CompanyFile::open(&path).unwrap();
    let conn = file.sqlite();
    let incidents = incident::read::list_incidents(conn).unwrap();
    let find =
        |title: &str| incident::read::incident_detail(conn, incidents.iter().find(|i| i.title == title).unwrap().id).unwrap();

    // Found at 00:30 in Sydney (UTC+10) on 08-03, still 08-02 in Japan: Sonae 0.1 counted from
    // 08-03 (final report 10-01); the day of knowing is now the Japanese date (final 09-30).
    let sydney = find("シドニー事務所の顧客管理システムへの不正ログイン");
    let ppc = sydney.obligations.iter().find(|o| o.authority == sonae_core::rules::Authority::Ppc).unwrap();
    let final_due = ppc.deadlines.iter().find(|d| d.stage == sonae_core::rules::DeadlineStage::Final).unwrap().due_by;
    assert_eq!(serde_json::to_value(final_due).unwrap(), "2026-09-30");
    let entry = sydney.timeline.iter().find(|e| e.kind == "reassessed").expect("the re-assessment is logged");
    assert!(entry.message.contains("2024-04-01") && entry.message.contains("個人情報保護委員会"), "{}", entry.message);
    let upgrade = file.upgrade().unwrap();
    assert_eq!(upgrade.reassessed.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), [sydney.title.as_str()]);

    // The closed incident keeps its report as sent under version 1, and nothing is logged on it.
    let closed = find("健診結果を別の顧客に誤送信");
    assert!(closed.timeline.iter().all(|e| e.kind != "reassessed"));
    assert!(closed.obligations.iter().any(|o| o.status == sonae_core::incident::ObligationStatus::Sent));

    // The GDPR entry of the directory, unchanged by the user, now says there is no lead authority.
    let purpose: String =
        conn.query_row("SELECT purpose FROM authority WHERE key = 'eu_supervisory_authority'", [], |r| r.get(0)).unwrap();
    assert!(purpose.contains("主監督機関（ワンストップショップ）がない"), "{purpose}");
}

#[test]
fn an_older_file_gets_the_telecom_desk_of_rules_2_1_in_its_language() {
    for name in FIXTURES {
        let (_dir, path) = copy_of(name);
        let file = CompanyFile::open_with_passphrase(&path, passphrase_for(name).as_ref()).unwrap();
        let conn = file.sqlite();
        let (desk, language): (String, String) = conn
            .query_row("SELECT a.name, c.language FROM authority a, company c WHERE a.key = 'mic_telecom'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap_or_else(|e| panic!("{name}: no telecom desk: {e}"));
        assert_eq!(desk.contains("総合通信局"), language == "ja", "{name}: {desk}");
        let last: i64 = conn.query_row("SELECT max(position) FROM authority", [], |r| r.get(0)).unwrap();
        let at: i64 = conn.query_row("SELECT position FROM authority WHERE key = 'mic_telecom'", [], |r| r.get(0)).unwrap();
        assert_eq!(at, last, "{name}: the desk goes after the office's own entries");
    }
}

/// Migration 2 assesses open incidents again with this build's code, which writes the columns of
/// this build's schema (schema 9's 速報 columns among them). A stand-in later version adds a column
/// to the obligations and a trigger that fills it on every write: upgrading a version-1 file with it
/// still works, and the re-assessment's writes reach the stand-in column, because every `after`
/// step runs once all the SQL has run — the first column a later version adds cannot break the
/// upgrade of an old file.
#[test]
fn the_reassessment_of_an_old_file_writes_into_the_newest_schema() {
    let (_dir, path) = copy_of("v1-incidents.sonae");
    let stand_in = Migration {
        version: SCHEMA_VERSION + 1,
        sql: "ALTER TABLE obligation ADD COLUMN stand_in TEXT;
              CREATE TRIGGER obligation_stand_in_insert AFTER INSERT ON obligation
              BEGIN UPDATE obligation SET stand_in = 'written under the stand-in' WHERE id = NEW.id; END;
              CREATE TRIGGER obligation_stand_in_update AFTER UPDATE OF deadlines ON obligation
              BEGIN UPDATE obligation SET stand_in = 'written under the stand-in' WHERE id = NEW.id; END;",
        after: None,
    };
    let migrations: Vec<Migration> = MIGRATIONS.iter().copied().chain([stand_in]).collect();
    let file = CompanyFile::open_upgrading(&path, None, &migrations).expect("the upgrade with a later column");
    let conn = file.sqlite();
    let (open_obligations, stand_in_written): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(o.stand_in) FROM obligation o JOIN incident i ON i.id = o.incident_id
              WHERE i.status = 'open' AND o.current = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(open_obligations > 0, "the fixture has an open incident with obligations");
    assert_eq!(stand_in_written, open_obligations, "the re-assessment ran before the later column existed");
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION + 1);
}

/// Incidents assessed by Sonae 0.1's reporting form have facts but no interview replies: reviewing
/// one starts the interview from replies read off its facts, and they keep every report it has.
#[test]
fn an_old_incident_reopens_its_interview_from_what_its_form_said() {
    let mut reopened = 0;
    for name in FIXTURES {
        let (_dir, path) = copy_of(name);
        let file = CompanyFile::open_with_passphrase(&path, passphrase_for(name).as_ref()).unwrap();
        let conn = file.sqlite();
        for summary in incident::read::list_incidents(conn).unwrap() {
            let detail = incident::read::incident_detail(conn, summary.id).unwrap();
            if detail.facts.is_none() {
                continue;
            }
            assert!(!detail.interview_replies.is_empty(), "{name}: {}: no replies", detail.title);
            let state = incident::read::interview(conn, summary.id, &detail.interview_replies, &Default::default())
                .unwrap_or_else(|e| panic!("{name}: {}: {e}", detail.title));
            for obligation in detail.obligations.iter().filter(|o| o.current) {
                assert!(
                    state.assessment.obligations.iter().any(|o| o.authority == obligation.authority),
                    "{name}: {}: {:?} lost with {:?}",
                    detail.title,
                    obligation.authority,
                    detail.interview_replies
                );
            }
            reopened += 1;
        }
    }
    assert!(reopened >= 3, "the fixtures hold assessed incidents ({reopened})");
}
