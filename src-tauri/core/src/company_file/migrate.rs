//! Schema upgrades of a company file: each one all or nothing, and never at the cost of a row.
//!
//! Why it is built this way:
//! - A company file is a firm's evidence, so an upgrade either happens whole or not at all: every
//!   migration a file needs runs in one IMMEDIATE transaction, and a process killed in the middle
//!   leaves the file as it was (SQLite's journal), which the next opening upgrades again. A file
//!   two versions behind is never left one version behind.
//! - Changing a column or a CHECK of a STRICT table means rebuilding the table (create the new
//!   one, copy, drop the old, rename). With foreign keys on, dropping a table deletes the rows
//!   that point at it (`ON DELETE CASCADE`) or is refused (`RESTRICT`); and `PRAGMA foreign_keys`
//!   is ignored inside a transaction. So foreign keys are turned off before the transaction and
//!   on again after it, and before committing, `PRAGMA foreign_key_check` proves that no row
//!   points at nothing and the integrity check that the file is sound.
//! - The triggers that keep the incident timeline append-only disappear with a rebuilt table. The
//!   harness drops them before a migration and creates them again after it from their current
//!   definition (`migrations/append_only_guards.sql`), and checks they are there before
//!   committing, so no migration can leave the timeline unguarded.
//! - The schema version (`PRAGMA user_version`) is the number of the last migration applied, set
//!   in the same transaction.
//!
//! How to add a migration: `DEVELOPMENT.md` ("Changing the schema").

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, StoreError};

/// One schema upgrade: the SQL that takes a file from `version - 1` to `version`, and what must be
/// done to the data afterwards in the same transaction (`after`; nothing for a new, empty file).
///
/// An `after` step is the code of this build (assessing incidents again, adding directory
/// entries), which reads and writes the columns this build knows. So the steps run once every
/// pending migration's SQL has run, in version order: a column that a later schema adds cannot
/// break the upgrade of a file many versions old.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i32,
    pub sql: &'static str,
    pub after: Option<fn(&rusqlite::Transaction) -> Result<()>>,
}

/// Every migration, in order; a file's schema version is the number of the last one applied.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, sql: include_str!("migrations/0001_company_file.sql"), after: None },
    Migration {
        version: 2,
        sql: include_str!("migrations/0002_profile_and_rule_sets.sql"),
        // Version 2 came with the assessment rules v2: open incidents are assessed again.
        after: Some(|tx| crate::incident::record::reassess_open_incidents(tx, 2)),
    },
    Migration { version: 3, sql: include_str!("migrations/0003_drafts_details.sql"), after: None },
    Migration { version: 4, sql: include_str!("migrations/0004_readiness.sql"), after: None },
    Migration { version: 5, sql: include_str!("migrations/0005_exercises.sql"), after: None },
    Migration { version: 6, sql: include_str!("migrations/0006_jigyokei.sql"), after: None },
    Migration { version: 7, sql: include_str!("migrations/0007_contact_department.sql"), after: None },
    Migration {
        version: 8,
        sql: include_str!("migrations/0008_letters_and_technical_details.sql"),
        // Rules 2.1 added the telecom carriers' report to MIC: a file made before it gets its desk.
        after: Some(add_telecom_desk),
    },
    Migration { version: 9, sql: include_str!("migrations/0009_first_reports_and_gdpr_texts.sql"), after: None },
];

/// Adds the built-in directory entry of MIC's desk for telecom carriers (docs/rules.md §7.9) to a
/// file that has none, in the file's language, after its other entries. The entry is written out
/// here as it stood when the rule came, so that later changes to the built-in template cannot
/// change what this step does.
fn add_telecom_desk(tx: &rusqlite::Transaction) -> Result<()> {
    let japanese = crate::store::file_language(tx)? == crate::language::Language::Ja;
    let (name, purpose, hours, source) = if japanese {
        (
            "総務省・本店所在地を管轄する総合通信局",
            "電気通信事業者が、利用者の通信の秘密（通信の内容や、誰がいつ誰と通信したか）を漏えいしたとき、またはそのおそれがあるときの報告先（電気通信事業法第28条）。知ったら速やかに第一報、その後に詳しい報告を出す。",
            "報告先は本店所在地を管轄する総合通信局（沖縄は沖縄総合通信事務所）。電話番号とメールアドレスは総務省の案内で確かめて記入する。",
            "総務省「電気通信事業における通信の秘密の漏えい事案の報告」 https://www.soumu.go.jp/main_sosiki/joho_tsusin/d_syohi/rouei_houkoku.html",
        )
    } else {
        (
            "Ministry of Internal Affairs and Communications — the Bureau of Telecommunications for the head office",
            "Where a telecom carrier reports a leak, or possible leak, of its users' communications (their contents, or who communicated with whom and when) under the Telecommunications Business Act art. 28: a first report as soon as it is known, then a detailed report.",
            "The report goes to the Bureau of Telecommunications covering the head office (in Okinawa, the Okinawa Office). Look up its phone number and e-mail on the ministry's page and fill them in.",
            "Ministry of Internal Affairs and Communications, reporting leaks of the secrecy of communications https://www.soumu.go.jp/main_sosiki/joho_tsusin/d_syohi/rouei_houkoku.html",
        )
    };
    tx.execute(
        "INSERT INTO authority (key, name, purpose, url, hours, source, position)
         SELECT 'mic_telecom', ?1, ?2, ?3, ?4, ?5, coalesce(max(position), 0) + 1 FROM authority
          WHERE NOT EXISTS (SELECT 1 FROM authority WHERE key = 'mic_telecom')",
        rusqlite::params![
            name,
            purpose,
            "https://www.soumu.go.jp/main_sosiki/joho_tsusin/d_syohi/rouei_houkoku.html",
            hours,
            source
        ],
    )?;
    Ok(())
}

/// What upgrades rewrite on purpose in existing rows, beyond adding columns and tables: these
/// columns (the facts of open incidents, assessed again; the GDPR entry of the authority
/// directory, corrected where the user had not changed it). Everything else in existing rows is
/// kept as it was; the upgrade tests check so.
pub const REWRITTEN_COLUMNS: &[(&str, &str)] = &[("incident", "facts"), ("authority", "purpose")];

/// The rows upgrades keep exactly, per table with rows they may add or change (SQL conditions):
/// timeline entries other than the re-assessments they add, the authority directory but the
/// telecom desk that schema 8 adds, and the obligations of closed incidents (those of open incidents are assessed again, keeping what was done about them).
pub const KEPT_ROWS: &[(&str, &str)] = &[
    ("timeline_entry", "kind != 'reassessed'"),
    ("authority", "key != 'mic_telecom'"),
    ("obligation", "incident_id IN (SELECT id FROM incident WHERE status = 'closed')"),
];

/// The newest schema version this build understands.
pub const SCHEMA_VERSION: i32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// The triggers that make tables append-only, as they are now (dropped and created again around
/// every migration).
const APPEND_ONLY_GUARDS: &str = include_str!("migrations/append_only_guards.sql");

/// The names of the triggers [`APPEND_ONLY_GUARDS`] creates.
const APPEND_ONLY_GUARD_NAMES: [&str; 2] = ["timeline_entry_no_update", "timeline_entry_no_delete"];

/// Creates the whole current schema in a new, empty database, inside the caller's transaction.
pub(super) fn create_schema(tx: &rusqlite::Transaction) -> Result<()> {
    for migration in MIGRATIONS {
        tx.execute_batch(migration.sql)?;
    }
    tx.execute_batch(APPEND_ONLY_GUARDS)?;
    Ok(())
}

/// Applies every migration of `migrations` newer than `from`, all in one transaction (see the
/// module doc). Foreign keys are on again afterwards, whether it succeeded or not.
pub fn upgrade(conn: &mut Connection, from: i32, migrations: &[Migration]) -> Result<()> {
    let pending: Vec<&Migration> = migrations.iter().filter(|m| m.version > from).collect();
    if pending.is_empty() {
        return Ok(());
    }
    // Outside any transaction: inside one the pragma does nothing.
    conn.pragma_update(None, "foreign_keys", false)?;
    let applied = apply_in_transaction(conn, &pending);
    let restored = conn.pragma_update(None, "foreign_keys", true);
    applied?;
    Ok(restored?)
}

fn apply_in_transaction(conn: &mut Connection, pending: &[&Migration]) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for migration in pending {
        let failed = |detail: String| StoreError::UpgradeFailed { version: migration.version, detail };
        for name in APPEND_ONLY_GUARD_NAMES {
            tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}"))?;
        }
        tx.execute_batch(migration.sql).map_err(|e| failed(e.to_string()))?;
        tx.execute_batch(APPEND_ONLY_GUARDS).map_err(|e| failed(e.to_string()))?;
    }
    // Today's code, on today's schema: see `Migration::after`.
    for migration in pending {
        if let Some(after) = migration.after {
            after(&tx).map_err(|e| StoreError::UpgradeFailed { version: migration.version, detail: e.to_string() })?;
        }
    }
    let version = pending[pending.len() - 1].version;
    let failed = |detail: String| StoreError::UpgradeFailed { version, detail };

    let dangling: Vec<(String, i64, String)> = {
        let mut check = tx.prepare("PRAGMA foreign_key_check")?;
        let rows = check.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?)))?;
        rows.take(5).collect::<rusqlite::Result<_>>()?
    };
    if let Some((table, rowid, parent)) = dangling.first() {
        return Err(failed(format!("{} row(s) would point at nothing, e.g. {table} row {rowid} → {parent}", dangling.len())));
    }
    let problems: Vec<String> = {
        let mut check = tx.prepare("PRAGMA integrity_check(5)")?;
        let rows = check.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if problems != ["ok"] {
        return Err(failed(format!("the integrity check found: {}", problems.join("; "))));
    }
    let guards: i64 = tx.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN (?1, ?2)",
        APPEND_ONLY_GUARD_NAMES,
        |r| r.get(0),
    )?;
    if guards != APPEND_ONLY_GUARD_NAMES.len() as i64 {
        return Err(failed("the timeline's append-only triggers are missing".into()));
    }
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()?;
    Ok(())
}

/// The incidents whose obligations changed when upgrades past schema version `from` assessed them
/// again (their `reassessed` timeline entries).
pub(super) fn reassessed_since(conn: &Connection, from: i32) -> Result<Vec<crate::incident::IncidentRef>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT i.id, i.title FROM timeline_entry t JOIN incident i ON i.id = t.incident_id
          WHERE t.kind = 'reassessed' AND json_extract(t.data, '$.schema_version') > ?1 ORDER BY i.id",
    )?;
    let rows = stmt.query_map([from], |r| Ok(crate::incident::IncidentRef { id: r.get(0)?, title: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up_from_one() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, index as i32 + 1);
        }
    }

    fn version_1() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        upgrade(&mut conn, 0, &MIGRATIONS[..1]).unwrap();
        conn.execute_batch(
            "INSERT INTO incident (id, title, case_key, discovered_at, created_at, updated_at)
                 VALUES (1, 'x', 'other', '2026-01-01T00:00:00+09:00', 'now', 'now');
             INSERT INTO timeline_entry (incident_id, at, kind, message) VALUES (1, 'now', 'note', 'first');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn a_failing_migration_changes_nothing_and_leaves_foreign_keys_on() {
        let mut conn = version_1();
        let broken = Migration { version: 2, sql: "DELETE FROM incident; SELECT no_such_function();", after: None };
        let error = upgrade(&mut conn, 1, &[broken]).unwrap_err();
        assert_eq!(error.code(), "upgrade_failed");
        let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        let incidents: i64 = conn.query_row("SELECT count(*) FROM incident", [], |r| r.get(0)).unwrap();
        let foreign_keys: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!((version, incidents, foreign_keys), (1, 1, true));
    }

    #[test]
    fn a_migration_leaving_rows_pointing_at_nothing_is_rolled_back() {
        let mut conn = version_1();
        let orphaning = Migration { version: 2, sql: "DELETE FROM incident;", after: None };
        let error = upgrade(&mut conn, 1, &[orphaning]).unwrap_err();
        assert!(error.to_string().contains("timeline_entry"), "{error}");
        let incidents: i64 = conn.query_row("SELECT count(*) FROM incident", [], |r| r.get(0)).unwrap();
        assert_eq!(incidents, 1);
    }

    #[test]
    fn a_rebuilt_timeline_is_guarded_again() {
        let mut conn = version_1();
        // A rebuild of the timeline table drops its triggers with the old table.
        let rebuild = Migration {
            version: 2,
            sql: "CREATE TABLE timeline_copy (id INTEGER PRIMARY KEY, incident_id INTEGER NOT NULL REFERENCES incident(id),
                      at TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL, message TEXT NOT NULL,
                      data TEXT NOT NULL DEFAULT '{}') STRICT;
                  INSERT INTO timeline_copy SELECT * FROM timeline_entry;
                  DROP TABLE timeline_entry;
                  ALTER TABLE timeline_copy RENAME TO timeline_entry;",
            after: None,
        };
        upgrade(&mut conn, 1, &[rebuild]).unwrap();
        let message: String = conn.query_row("SELECT message FROM timeline_entry", [], |r| r.get(0)).unwrap();
        assert_eq!(message, "first");
        let refused = conn.execute("UPDATE timeline_entry SET message = 'rewritten'", []).unwrap_err();
        assert!(refused.to_string().contains("append-only"), "{refused}");
    }
}
