//! The company file as a whole: creating, opening, refusing bad files, and the invariants the
//! schema itself guarantees (append-only timeline, foreign keys).

use sonae_core::company_file;
use sonae_core::home;
use sonae_core::incident;
use sonae_core::language::Language;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use sonae_core::company_file::CompanyFile;
use sonae_core::store::StoreError;
use sonae_core::template::builtin_policy;

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("demo.sonae");
    CompanyFile::create_demo(&path, Language::Ja).expect("demo file");
    path
}

/// The sample company file as one standalone file (WAL folded in, rollback journal), after
/// `change` was made to it with a plain SQLite connection.
fn altered_demo_file(dir: &Path, change: impl FnOnce(&Connection)) -> PathBuf {
    let path = demo_file(dir);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    change(&conn);
    path
}

/// A refused file must be byte-for-byte what it was, with no WAL or journal created beside it.
fn assert_refused_untouched(path: &Path, expected_code: &str) -> String {
    let before = std::fs::read(path).expect("read");
    let error = match CompanyFile::open(path) {
        Ok(_) => panic!("{} was opened but should have been refused", path.display()),
        Err(e) => e,
    };
    assert_eq!(error.code(), expected_code, "{error}");
    assert!(company_file::check(path).is_err(), "check accepted {}", path.display());
    assert!(std::fs::read(path).expect("read") == before, "{} was modified", path.display());
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        assert!(!Path::new(&side).exists(), "{suffix} file created beside a refused file");
    }
    error.to_string()
}

#[test]
fn a_new_file_from_the_template_opens_and_checks() {
    let dir = scratch();
    let path = dir.path().join("new.sonae");
    let template = builtin_policy(Language::Ja).expect("template");
    drop(CompanyFile::create(&path, "株式会社テスト", &template).expect("create"));
    let check = company_file::check(&path).expect("check");
    assert_eq!(check.company_name, "株式会社テスト");
    assert_eq!(check.schema_version, company_file::SCHEMA_VERSION);

    let company = CompanyFile::open(&path).expect("open");
    let conn = company.connection();
    let count = |table: &str| -> i64 { conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap() };
    assert_eq!(count("level"), 4);
    assert_eq!(count("category"), 3);
    assert_eq!(count("procedure"), 12);
    assert!(count("procedure_step") > 20);
    assert_eq!(count("checklist"), 9);
    assert!(count("authority") >= 6);
    assert!(count("bcp_target") >= 4);
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
    let foreign_keys: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(foreign_keys, 1);
}

#[test]
fn every_table_is_strict() {
    let company = CompanyFile::in_memory("x", &builtin_policy(Language::En).unwrap()).unwrap();
    let loose: Vec<String> = company
        .connection()
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(loose.is_empty(), "tables without STRICT: {loose:?}");
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let dir = scratch();
    let path = dir.path().join("taken.sonae");
    std::fs::write(&path, b"someone's notes").unwrap();
    let error = CompanyFile::create(&path, "x", &builtin_policy(Language::Ja).unwrap()).err().expect("refused");
    assert!(matches!(error, StoreError::AlreadyExists { .. }));
    assert_eq!(std::fs::read(&path).unwrap(), b"someone's notes");
}

#[test]
fn an_empty_company_name_is_refused() {
    let dir = scratch();
    let path = dir.path().join("blank.sonae");
    let error = CompanyFile::create(&path, "  ", &builtin_policy(Language::Ja).unwrap()).err().expect("refused");
    assert!(error.to_string().contains("company name"));
    assert!(!path.exists(), "a half-made file was left behind");
}

#[test]
fn a_zero_byte_file_is_refused() {
    let dir = scratch();
    let path = dir.path().join("empty.sonae");
    std::fs::write(&path, b"").unwrap();
    let message = assert_refused_untouched(&path, "not_a_company_file");
    assert!(message.contains("empty"), "{message}");
}

#[test]
fn random_bytes_and_text_files_are_refused() {
    let dir = scratch();
    let random = dir.path().join("random.sonae");
    let bytes: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&random, bytes).unwrap();
    assert_refused_untouched(&random, "not_a_company_file");

    let text = dir.path().join("notes.sonae");
    std::fs::write(&text, "緊急連絡先メモ\n山田 090-0000-0000\n").unwrap();
    let message = assert_refused_untouched(&text, "not_a_company_file");
    assert!(message.contains("not a Sonae company file"), "{message}");
}

#[test]
fn a_truncated_file_is_refused() {
    let dir = scratch();
    // Standalone, so the truncation hits real data.
    let path = altered_demo_file(dir.path(), |_| ());
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 16 * 1024, "demo file unexpectedly small");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let message = assert_refused_untouched(&path, "corrupt");
    assert!(message.contains("damaged"), "{message}");
}

/// Overwrites `len` bytes at `offset` with a pattern that is no valid SQLite page content.
fn scribble(bytes: &mut [u8], offset: usize, len: usize) {
    for (i, byte) in bytes[offset..offset + len].iter_mut().enumerate() {
        *byte = (i as u32).wrapping_mul(2_654_435_761).rotate_left(7) as u8;
    }
}

#[test]
fn a_file_with_garbage_pages_in_the_middle_is_refused_as_damaged() {
    let dir = scratch();
    let path = altered_demo_file(dir.path(), |_| ());
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let middle = bytes.len() / page / 2 * page;
    scribble(&mut bytes, middle, 3 * page);
    assert_eq!(&bytes[..16], b"SQLite format 3\0", "the header still says SQLite");
    std::fs::write(&path, &bytes).unwrap();
    let message = assert_refused_untouched(&path, "corrupt");
    assert!(message.contains("damaged"), "{message}");
}

#[test]
fn a_sonae_file_whose_application_id_was_changed_is_refused() {
    let dir = scratch();
    for journal_mode in ["DELETE", "WAL"] {
        let path = dir.path().join(format!("relabelled-{journal_mode}.sonae"));
        drop(CompanyFile::create_demo(&path, Language::Ja).unwrap());
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "journal_mode", journal_mode).unwrap();
            conn.pragma_update(None, "application_id", 0x1234_5678).unwrap();
        }
        let message = assert_refused_untouched(&path, "corrupt");
        assert!(message.contains("not marked as one"), "{message}");
        assert!(message.contains("0x12345678"), "{message}");
    }
}

#[test]
fn a_sonae_file_without_a_schema_version_is_refused_unchanged() {
    let dir = scratch();
    let path = altered_demo_file(dir.path(), |conn| conn.pragma_update(None, "user_version", 0).unwrap());
    let message = assert_refused_untouched(&path, "corrupt");
    assert!(message.contains("schema version"), "{message}");
}

#[test]
fn another_programs_database_is_refused() {
    let dir = scratch();
    let path = dir.path().join("other.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('a');",
        )
        .unwrap();
    }
    let message = assert_refused_untouched(&path, "not_a_company_file");
    assert!(message.contains("another program"), "{message}");
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_unchanged() {
    let dir = scratch();
    let path =
        altered_demo_file(dir.path(), |conn| conn.pragma_update(None, "user_version", company_file::SCHEMA_VERSION + 1).unwrap());
    let message = assert_refused_untouched(&path, "newer_version");
    assert!(message.contains("newer Sonae"), "{message}");
}

#[test]
fn the_timeline_is_append_only() {
    let dir = scratch();
    let company = CompanyFile::open(&demo_file(dir.path())).unwrap();
    let conn = company.connection();
    let id: i64 = conn.query_row("SELECT min(id) FROM timeline_entry", [], |r| r.get(0)).unwrap();
    let update = conn.execute("UPDATE timeline_entry SET message = 'rewritten' WHERE id = ?1", [id]);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM timeline_entry WHERE id = ?1", [id]);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[test]
fn a_contact_holding_a_role_cannot_be_deleted() {
    let dir = scratch();
    let company = CompanyFile::open(&demo_file(dir.path())).unwrap();
    let conn = company.connection();
    let holder: i64 = conn.query_row("SELECT contact_id FROM role_holder LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(conn.execute("DELETE FROM contact WHERE id = ?1", [holder]).is_err());
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let mut company = CompanyFile::in_memory("x", &builtin_policy(Language::Ja).unwrap()).unwrap();
    let result = company.write(|tx| {
        tx.execute("UPDATE company SET name = 'half-written' WHERE id = 1", [])?;
        tx.execute("INSERT INTO level (level, name, impact) VALUES (7, 'x', 'y')", [])?;
        Ok(())
    });
    assert!(result.is_err());
    let name: String = company.connection().query_row("SELECT name FROM company", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "x");
}

#[test]
fn the_demo_company_is_realistic() {
    let dir = scratch();
    let company = CompanyFile::open(&demo_file(dir.path())).unwrap();
    let conn = company.connection();
    let incidents = incident::read::list_incidents(conn).unwrap();
    assert!(incidents.len() >= 2, "{incidents:?}");
    assert!(incidents.iter().any(|i| i.status == sonae_core::incident::IncidentStatus::Open));
    let obligations: i64 = conn.query_row("SELECT count(*) FROM obligation", [], |r| r.get(0)).unwrap();
    assert!(obligations > 0, "the demo incidents should call for reports");
    let holders: i64 = conn.query_row("SELECT count(DISTINCT role_id) FROM role_holder", [], |r| r.get(0)).unwrap();
    let roles: i64 = conn.query_row("SELECT count(*) FROM role", [], |r| r.get(0)).unwrap();
    assert_eq!(holders, roles, "every role should have a holder in the demo");
    let summary = home::home_summary(conn, chrono::NaiveDate::from_ymd_opt(2026, 11, 22)).unwrap();
    assert!(!summary.stale_contacts.is_empty(), "the demo should show contacts to confirm");
    assert!(summary.contact_count >= 10);
}

#[test]
fn contacts_become_stale_after_the_configured_months() {
    let mut company = CompanyFile::in_memory("x", &builtin_policy(Language::Ja).unwrap()).unwrap();
    company
        .write(|tx| {
            for (name, confirmed) in [("recent", Some("2026-06-01")), ("old", Some("2025-11-21")), ("never", None)] {
                tx.execute(
                    "INSERT INTO contact (kind, name, last_confirmed_on, created_at, updated_at) VALUES ('person', ?1, ?2, '', '')",
                    rusqlite::params![name, confirmed],
                )?;
            }
            Ok(())
        })
        .unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 22);
    let stale: Vec<String> =
        home::home_summary(company.connection(), on).unwrap().stale_contacts.into_iter().map(|c| c.name).collect();
    assert_eq!(stale, ["never", "old"]);

    company.write(|tx| tx.execute("UPDATE company SET stale_contact_months = 3", [])).unwrap();
    let stale = home::home_summary(company.connection(), on).unwrap().stale_contacts.len();
    assert_eq!(stale, 3);
}

#[test]
fn the_home_screen_shows_the_first_few_of_long_lists_with_their_counts() {
    let mut company = CompanyFile::in_memory("x", &builtin_policy(Language::Ja).unwrap()).unwrap();
    company
        .write(|tx| {
            for n in 0..12 {
                tx.execute(
                    "INSERT INTO contact (kind, name, last_confirmed_on, created_at, updated_at) VALUES ('person', ?1, ?2, '', '')",
                    rusqlite::params![format!("c{n:02}"), format!("2020-01-{:02}", 12 - n)],
                )?;
                tx.execute(
                    "INSERT INTO incident (title, case_key, discovered_at, created_at, updated_at) VALUES (?1, 'other', ?2, '', '')",
                    rusqlite::params![format!("i{n:02}"), format!("2026-11-{:02}T09:00:00+09:00", n + 1)],
                )?;
            }
            Ok(())
        })
        .unwrap();
    let home = home::home_summary(company.connection(), chrono::NaiveDate::from_ymd_opt(2026, 11, 22)).unwrap();
    let names: Vec<_> = home.stale_contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["c11", "c10", "c09", "c08", "c07"], "the longest unconfirmed first");
    assert_eq!((home.stale_contact_count, home.contact_count), (12, 12));
    let titles: Vec<_> = home.open_incidents.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["i11", "i10", "i09", "i08", "i07"], "without deadlines, the newest first");
    assert_eq!(home.open_incident_count, 12);
}

#[test]
fn a_backup_is_a_complete_standalone_copy() {
    let dir = scratch();
    let path = demo_file(dir.path());
    let company = CompanyFile::open(&path).unwrap();
    let out = dir.path().join("copy.sonae");
    company.backup_to(&out).unwrap();
    let copy = CompanyFile::open(&out).unwrap();
    assert_eq!(
        incident::read::list_incidents(copy.connection()).unwrap(),
        incident::read::list_incidents(company.connection()).unwrap()
    );
    let again = company.backup_to(&out).expect_err("an existing backup is not replaced");
    assert!(matches!(again, StoreError::AlreadyExists { .. }));
}

#[test]
fn checking_a_good_file_leaves_nothing_beside_it_whatever_its_name() {
    let dir = scratch();
    // `#`, `?` and `%` mean something in an SQLite URI; Windows forbids `?` in a file name.
    let name = if cfg!(windows) { "顧客 #1%20.sonae" } else { "顧客 #1?%20.sonae" };
    let path = dir.path().join(name);
    drop(CompanyFile::create_demo(&path, Language::Ja).unwrap());
    let before = std::fs::read(&path).unwrap();
    assert!(company_file::check(&path).is_ok());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [path.file_name().unwrap()], "check created files beside the company file");
}

#[test]
fn a_row_breaking_a_check_constraint_is_refused_as_damaged() {
    let dir = scratch();
    // What a flipped byte can do: an incident whose status is neither 'open' nor 'closed'.
    let path = altered_demo_file(dir.path(), |conn| {
        conn.pragma_update(None, "ignore_check_constraints", true).unwrap();
        conn.execute("UPDATE incident SET status = 'opfn' WHERE id = (SELECT min(id) FROM incident)", []).unwrap();
    });
    let message = assert_refused_untouched(&path, "corrupt");
    assert!(message.contains("CHECK constraint failed in incident"), "{message}");
}

/// A copy of the sample file (in rollback mode, protected by `key` when given) as a process killed
/// in the middle of a write leaves it: part of the transaction already in the file, the journal
/// to undo it beside it (a hot journal). The write renames the company and adds a large table.
fn copy_left_mid_write(dir: &Path, key: Option<&str>) -> PathBuf {
    let path = demo_file(dir);
    if let Some(key) = key {
        let mut company = CompanyFile::open(&path).unwrap();
        company.set_passphrase(Some(&company_file::Passphrase::new(key))).unwrap();
    }
    let copy = dir.join("killed.sonae");
    let mut conn = Connection::open(&path).unwrap();
    if let Some(key) = key {
        conn.pragma_update(None, "key", key).unwrap();
    }
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    // A tiny page cache makes SQLite write changed pages into the file before the commit.
    conn.pragma_update(None, "cache_size", 2).unwrap();
    let saved = std::fs::read(&path).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute("UPDATE company SET name = '書きかけの名前'", []).unwrap();
    tx.execute_batch(
        "CREATE TABLE half_written (x BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
         INSERT INTO half_written SELECT randomblob(4000) FROM n",
    )
    .unwrap();
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let mut copied_journal = copy.as_os_str().to_owned();
    copied_journal.push("-journal");
    std::fs::copy(&journal, &copied_journal).expect("the write has a journal");
    std::fs::copy(&path, &copy).unwrap();
    drop(tx);
    assert!(std::fs::read(&copy).unwrap() != saved, "part of the write reached the file");
    copy
}

#[test]
fn a_file_left_mid_write_opens_as_it_was_last_saved() {
    let dir = scratch();
    let copy = copy_left_mid_write(dir.path(), None);
    let saved_name = company_file::check(&dir.path().join("demo.sonae")).unwrap().company_name;
    // Read-only checks recover it too: SQLite's own undo of an unfinished write.
    assert_eq!(company_file::check(&copy).expect("check").company_name, saved_name);
    let company = CompanyFile::open(&copy).expect("open");
    let tables: i64 = company
        .connection()
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'half_written'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0, "the unfinished write is undone");
}

#[test]
fn a_protected_file_left_mid_write_opens_as_it_was_last_saved_and_only_with_its_passphrase() {
    let dir = scratch();
    let copy = copy_left_mid_write(dir.path(), Some("合言葉は備えあれば憂いなし"));
    let wrong = company_file::check_with_passphrase(&copy, Some(&company_file::Passphrase::new("違う合言葉です、ごめんなさい")));
    assert_eq!(wrong.expect_err("a wrong passphrase").code(), "wrong_passphrase");
    let right = company_file::Passphrase::new("合言葉は備えあれば憂いなし");
    let saved_name = company_file::check_with_passphrase(&dir.path().join("demo.sonae"), Some(&right)).unwrap().company_name;
    let company = CompanyFile::open_with_passphrase(&copy, Some(&right)).expect("open");
    let name: String = company.connection().query_row("SELECT name FROM company", [], |r| r.get(0)).unwrap();
    assert_eq!(name, saved_name);
}
