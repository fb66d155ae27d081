//! Changes made on one PC told to another as they are committed: a watcher on one server company
//! sees another connection's changes, by part of the company, and not its own.
//!
//! Needs a server, like `tests/server.rs`: `make test-server` runs these with `SONAE_TEST_SERVER`.

mod support;

use std::time::{Duration, Instant};

use sonae_core::company_file::CompanyFile;
use sonae_core::contacts;
use sonae_core::incident::{self, wizard::CaseKind};
use sonae_core::language::Language;
use sonae_core::workspace::{ChangedPart, ServerAccess};
use sonae_server::watch::ChangeWatcher;
use sonae_server::{copy, people, ServerCompany};
use support::TestDatabase;

/// The parts the watcher reports since `generation`, once it reports any, within 10 seconds.
fn told(watcher: &ChangeWatcher, generation: u64) -> (u64, Vec<ChangedPart>) {
    let started = Instant::now();
    loop {
        let changes = watcher.changes_since(generation);
        if !changes.parts.is_empty() || started.elapsed() > Duration::from_secs(10) {
            return (changes.generation, changes.parts);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn another_pc_changes_are_told_by_part_and_this_pc_own_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("さくら.sonae");
    drop(CompanyFile::create_demo(&path, Language::Ja).unwrap());
    let database = TestDatabase::new("watch");
    copy::push(&path, None, &database.address).unwrap();
    let mut here = ServerCompany::open(&database.address).unwrap();
    let mut there = ServerCompany::open(&database.address).unwrap();
    let watcher = here.watch_changes();
    // The watcher connects on its own thread; a change before it listens would not be told.
    std::thread::sleep(Duration::from_millis(500));

    // This PC's own change is not told back.
    here.write(|tx| contacts::set_stale_contact_months(tx, "佐藤", 6)).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(watcher.changes_since(0).parts, []);

    // Another PC's are, by part, once committed.
    let started = Instant::now();
    there
        .write(|tx| contacts::confirm_contacts(tx, "高橋", &[2], chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()))
        .unwrap();
    let (generation, parts) = told(&watcher, 0);
    println!("told in {:?}", started.elapsed());
    assert_eq!(parts, [ChangedPart::Contacts]);
    let incident = there.write(|tx| incident::record::start_incident(tx, CaseKind::Missent)).unwrap();
    there.write(|tx| incident::record::add_note(tx, incident, "取引先に連絡した", "高橋")).unwrap();
    assert_eq!(told(&watcher, generation).1, [ChangedPart::Incidents]);

    // A 管理者 elsewhere adds a person: told as the people, for 「人と権限」 (once the incident's
    // second write was told too).
    std::thread::sleep(Duration::from_millis(700));
    let generation = watcher.changes_since(0).generation;
    let suzuki = format!("{}_suzuki", database.address.database());
    people::add(&mut database.client(), &suzuki, "経理 鈴木", ServerAccess::Staff, "鈴木のパスワード-4").unwrap();
    assert_eq!(told(&watcher, generation).1, [ChangedPart::People]);

    // A change rolled back is not told.
    std::thread::sleep(Duration::from_millis(700));
    let generation = watcher.changes_since(0).generation;
    let refused = there.write(|tx| {
        contacts::set_stale_contact_months(tx, "高橋", 3)?;
        Err::<(), _>(sonae_core::store::StoreError::Refused {
            code: sonae_core::error_code::ErrorCode::Invalid,
            detail: "given up".into(),
        })
    });
    assert!(refused.is_err());
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(watcher.changes_since(generation).parts, []);

    // The watcher's connection cut: it connects again and, having missed what happened meanwhile,
    // tells every part.
    let mut owner = database.client();
    owner
        .batch_execute(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = '{}' AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'",
            database.address.database()
        ))
        .unwrap();
    let (_, parts) = told(&watcher, generation);
    assert_eq!(parts, ChangedPart::ALL);
    drop(watcher);
    here.reconnect_if_lost().unwrap();
}
