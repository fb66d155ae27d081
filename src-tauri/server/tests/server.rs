//! The network edition against a real PostgreSQL server: the schema built from the company file's
//! migrations, and companies moved in and out row for row.
//!
//! These tests need a server: `make test-server` starts a throwaway one (scripts/postgres.sh) and
//! runs them with its superuser's URL in `SONAE_TEST_SERVER`. Each test works in a database of its
//! own, dropped at its end.

#[path = "../../core/benches/support/large_company.rs"]
mod large_company;

use std::path::Path;
use std::time::Instant;

use rusqlite::types::Value;
use sonae_core::company_file::{self, CompanyFile, Passphrase, SCHEMA_VERSION};
use sonae_core::language::Language;
use sonae_server::{copy, schema, ServerAddress, ServerError};

mod support;

use support::{TestDatabase, NEEDS_SERVER};

/// Every row of every table of a company file, each table's rows in one order.
fn every_row(path: &Path) -> Vec<(String, Vec<Vec<Value>>)> {
    every_row_with(path, None)
}

/// [`every_row`] of a file protected by `key`.
fn every_row_with(path: &Path, key: Option<&str>) -> Vec<(String, Vec<Vec<Value>>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    if let Some(key) = key {
        conn.pragma_update(None, "key", key).unwrap();
    }
    let tables: Vec<(String, i64)> = conn
        .prepare("SELECT m.name, (SELECT count(*) FROM pragma_table_info(m.name)) FROM sqlite_master m WHERE m.type = 'table' ORDER BY m.name")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|(table, columns)| {
            let columns = usize::try_from(columns).unwrap();
            let order = (1..=columns).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
            let mut select = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY {order}")).unwrap();
            let rows = select
                .query_map([], |row| (0..columns).map(|i| row.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>())
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            (table, rows)
        })
        .collect()
}

fn push_then_pull(name: &str, file: &Path) {
    // Something in the history too.
    CompanyFile::open(file).unwrap().write(|tx| sonae_core::contacts::set_stale_contact_months(tx, "総務 山田", 6)).unwrap();
    let server = TestDatabase::new(name);
    let out = file.with_file_name(format!("{name}-pulled.sonae"));
    let started = Instant::now();
    let pushed = copy::push(file, None, &server.address).unwrap();
    let push_time = started.elapsed();
    let started = Instant::now();
    let pulled = copy::pull(&server.address, &out).unwrap();
    let pull_time = started.elapsed();
    println!("{name}: {} rows in {} tables, push {push_time:.2?}, pull {pull_time:.2?}", pushed.rows, pushed.tables);

    assert_eq!(pulled.company, pushed.company);
    assert_eq!(pulled.rows, pushed.rows);
    assert_eq!(company_file::check(&out).unwrap().schema_version, SCHEMA_VERSION);
    let (before, after) = (every_row(file), every_row(&out));
    assert_eq!(before.len(), after.len(), "tables");
    for ((table, rows), (_, pulled_rows)) in before.iter().zip(&after) {
        assert_eq!(rows.len(), pulled_rows.len(), "rows of {table}");
        assert!(rows == pulled_rows, "the rows of {table} differ after a push and a pull");
    }
    for kept in ["change_log", "timeline_entry"] {
        assert!(before.iter().any(|(table, rows)| table == kept && !rows.is_empty()), "nothing in {kept} to compare");
    }

    // The copy a PC keeps for when the server is away: the same rows, readable only with its
    // key, and made again in place.
    let kept = file.with_file_name(format!("{name}-kept.sonae"));
    let key = "接続のパスワード";
    for round in ["first", "again"] {
        let started = Instant::now();
        copy::keep_copy(&server.address, &kept, &Passphrase::new(key)).unwrap();
        println!("{name}: kept copy ({round}) {:.2?}", started.elapsed());
    }
    assert!(matches!(company_file::check(&kept), Err(sonae_core::store::StoreError::PassphraseRequired { .. })));
    assert!(every_row_with(&kept, Some(key)) == before, "the kept copy differs from the company");
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn the_demo_company_comes_back_row_for_row_after_a_push_and_a_pull() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("さくら 設計.sonae");
    CompanyFile::create_demo(&file, Language::Ja).unwrap();
    push_then_pull("demo", &file);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn the_large_company_comes_back_row_for_row_after_a_push_and_a_pull() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.sonae");
    large_company::generate(&file);
    push_then_pull("large", &file);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_server_database_has_the_tables_and_columns_of_a_company_file() {
    let server = TestDatabase::new("schema");
    let mut client = server.client();
    let mut tx = client.transaction().unwrap();
    assert_eq!(schema::ensure(&mut tx, "test").unwrap(), None, "a new database is created");
    tx.commit().unwrap();

    let company = CompanyFile::in_memory("比較", &sonae_core::template::builtin_policy(Language::Ja).unwrap()).unwrap();
    let in_file: Vec<(String, String, String, bool)> = company
        .connection()
        .prepare(
            "SELECT m.name, c.name, c.type, c.\"notnull\" FROM sqlite_master m, pragma_table_info(m.name) c
              WHERE m.type = 'table' ORDER BY m.name, c.cid",
        )
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get::<_, String>(2)?, row.get(3)?)))
        .unwrap()
        .map(|row| row.map(|(t, c, ty, nn)| (t, c, ty.replace("INTEGER", "bigint").replace("TEXT", "text"), nn)))
        .collect::<Result<_, _>>()
        .unwrap();
    let on_server: Vec<(String, String, String, bool)> = client
        .query(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'NO' FROM information_schema.columns
              WHERE table_schema = 'public' AND NOT starts_with(table_name, 'sonae_') ORDER BY table_name, ordinal_position",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
        .collect();
    // SQLite's primary keys may hold NULL unless declared NOT NULL; PostgreSQL's never do.
    let relaxed = |rows: Vec<(String, String, String, bool)>| -> Vec<(String, String, String)> {
        rows.into_iter().map(|(t, c, ty, _)| (t, c, ty)).collect()
    };
    assert_eq!(relaxed(in_file.clone()), relaxed(on_server.clone()));
    for (file_column, server_column) in in_file.iter().zip(&on_server) {
        assert!(!file_column.3 || server_column.3, "{}.{} may be NULL on the server only", file_column.0, file_column.1);
    }
    let version: i32 = client.query_one("SELECT version FROM sonae_schema", &[]).unwrap().get(0);
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn the_server_keeps_the_checks_of_a_company_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.sonae");
    CompanyFile::create_demo(&file, Language::Ja).unwrap();
    let server = TestDatabase::new("checks");
    copy::push(&file, None, &server.address).unwrap();
    let mut client = server.client();
    let refused = |client: &mut postgres::Client, sql: &str| {
        let error = client.batch_execute(sql).expect_err(sql);
        error.as_db_error().map(|e| e.message().to_owned()).unwrap_or_default()
    };
    assert!(refused(&mut client, "UPDATE timeline_entry SET message = '書き換え'").contains("append-only"));
    assert!(refused(&mut client, "DELETE FROM timeline_entry").contains("append-only"));
    refused(&mut client, "UPDATE incident SET facts = '{not json'");
    refused(&mut client, "UPDATE company SET corporate_number = '12345678901X3'");
    refused(&mut client, "UPDATE company SET policy_reviewed_on = '2026-02-30'");
    client.batch_execute("UPDATE company SET policy_reviewed_on = '2026-02-28'").unwrap();
    refused(&mut client, "DELETE FROM contact");
    // New rows take ids after the copied ones.
    let next: i64 = client
        .query_one(
            "INSERT INTO contact (kind, name, created_at, updated_at) VALUES ('person', '新人', '2026-12-06', '2026-12-06') RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    let copied: i64 =
        CompanyFile::open(&file).unwrap().connection().query_row("SELECT max(id) FROM contact", [], |r| r.get(0)).unwrap();
    assert_eq!(next, copied + 1);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_second_company_is_not_pushed_over_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first.sonae"), dir.path().join("second.sonae"));
    CompanyFile::create_demo(&first, Language::Ja).unwrap();
    CompanyFile::create_demo(&second, Language::En).unwrap();
    let server = TestDatabase::new("twice");
    copy::push(&first, None, &server.address).unwrap();
    let contacts =
        |client: &mut postgres::Client| -> i64 { client.query_one("SELECT count(*) FROM contact", &[]).unwrap().get(0) };
    let before = contacts(&mut server.client());
    let refused = copy::push(&second, None, &server.address).unwrap_err();
    assert!(matches!(refused, ServerError::AlreadyHoldsCompany { .. }), "{refused}");
    assert!(refused.to_string().contains("株式会社さくら設計事務所"), "{refused}");
    assert_eq!(contacts(&mut server.client()), before);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn empty_newer_and_foreign_databases_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.sonae");
    CompanyFile::create_demo(&file, Language::Ja).unwrap();
    let out = dir.path().join("out.sonae");

    let empty = TestDatabase::new("empty");
    assert!(matches!(copy::pull(&empty.address, &out), Err(ServerError::NoCompany { .. })));
    assert!(!out.exists(), "a pull that failed left a file");

    let newer = TestDatabase::new("newer");
    copy::push(&file, None, &newer.address).unwrap();
    newer.client().batch_execute("UPDATE sonae_schema SET version = version + 1").unwrap();
    let error = copy::pull(&newer.address, &out).unwrap_err();
    assert!(matches!(error, ServerError::NewerVersion { .. }), "{error}");
    assert!(error.to_string().contains("update Sonae"), "{error}");

    let foreign = TestDatabase::new("foreign");
    foreign.client().batch_execute("CREATE TABLE invoices (id bigint)").unwrap();
    let error = copy::push(&file, None, &foreign.address).unwrap_err();
    assert!(matches!(error, ServerError::ForeignDatabase { .. }), "{error}");
    let tables: i64 = foreign
        .client()
        .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", &[])
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "the push left tables behind");
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn an_older_server_schema_is_brought_up_to_date() {
    let server = TestDatabase::new("older");
    let mut client = server.client();
    let mut tx = client.transaction().unwrap();
    schema::create_at(&mut tx, "test", SCHEMA_VERSION - 1).unwrap();
    tx.commit().unwrap();
    let mut tx = client.transaction().unwrap();
    assert_eq!(schema::ensure(&mut tx, "test").unwrap(), Some(SCHEMA_VERSION - 1));
    tx.commit().unwrap();
    let version: i32 = client.query_one("SELECT version FROM sonae_schema", &[]).unwrap().get(0);
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_server_that_cannot_be_trusted_or_signed_into_is_refused_with_the_reason() {
    let url = std::env::var("SONAE_TEST_SERVER").expect(NEEDS_SERVER);
    // The system's CAs did not sign the test server's certificate.
    let (head, _) = url.split_once("sslrootcert=").unwrap();
    let other_ca = format!("{head}sslrootcert=/etc/ssl/certs/ca-certificates.crt");
    let error =
        ServerAddress::parse(&other_ca).unwrap().connect().err().expect("connected without a trusted certificate").to_string();
    assert!(error.contains("certificate verify failed"), "{error}");

    let wrong_password = url.replacen("://sonae:", "://sonae:wrong", 1);
    let error =
        ServerAddress::parse(&wrong_password).unwrap().connect().err().expect("signed in with a wrong password").to_string();
    assert!(error.contains("password authentication failed"), "{error}");
}
