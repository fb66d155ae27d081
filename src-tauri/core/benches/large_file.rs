//! What a user waits for on a big company file: opening it (with the integrity check), the home
//! screen, the incident list, one incident in full, and the wizard's call list; then opening it
//! once it is protected by a passphrase. The file is made
//! once per run by the generator below: 10,000 incidents with 100,000 timeline entries and 5,000
//! contacts, on top of the demo company. The app's start-up benchmark makes the same file through
//! `cargo run -p sonae-core --example large_file -- FILE` (examples/large_file.rs includes this file).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use rusqlite::params;
use sonae_core::store::{self, CompanyFile};

pub const INCIDENTS: i64 = 10_000;
pub const ENTRIES_PER_INCIDENT: i64 = 10;
pub const CONTACTS: i64 = 5_000;

/// Fills the demo company with many incidents, timeline entries and contacts in one transaction.
pub fn generate(path: &Path) {
    let mut company = CompanyFile::create_demo(path, "ja").expect("demo file");
    company
        .write(|tx| {
            let now = store::now();
            for n in 0..CONTACTS {
                tx.execute(
                    "INSERT INTO contact (kind, name, name_kana, organization, last_confirmed_on, created_at, updated_at)
                     VALUES ('person', ?1, 'やまだ', '株式会社サンプル', '2026-01-15', ?2, ?2)",
                    params![format!("山田 太郎 {n}"), now],
                )?;
                tx.execute(
                    "INSERT INTO contact_phone (contact_id, position, label, number, emergency) VALUES (?1, 0, '携帯', ?2, 1)",
                    params![tx.last_insert_rowid(), format!("090-{:04}-{:04}", n / 10_000, n % 10_000)],
                )?;
            }
            for n in 0..INCIDENTS {
                let open = n % 50 == 0;
                tx.execute(
                    "INSERT INTO incident (title, case_key, discovered_at, stage, category_key, level, status, created_at, updated_at)
                     VALUES (?1, 'missent', ?2, 'incident', 'leak', 2, ?3, ?4, ?4)",
                    params![
                        format!("メールの誤送信 {n}"),
                        format!("2025-{:02}-{:02}T10:00:00+09:00", 1 + n % 12, 1 + n % 28),
                        if open { "open" } else { "closed" },
                        now
                    ],
                )?;
                let id = tx.last_insert_rowid();
                for e in 0..ENTRIES_PER_INCIDENT {
                    tx.execute(
                        "INSERT INTO timeline_entry (incident_id, at, author, kind, message) VALUES (?1, ?2, '鈴木', 'note', ?3)",
                        params![id, format!("2025-{:02}-{:02}T10:{e:02}:00+09:00", 1 + n % 12, 1 + n % 28), "宛先を確認し、相手に削除を依頼した。"],
                    )?;
                }
            }
            Ok(())
        })
        .expect("generated rows");
}

fn large_file(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("large.sonae");
    let started = std::time::Instant::now();
    generate(&path);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "large file: {INCIDENTS} incidents, {} timeline entries, {CONTACTS} contacts, {} MB, generated in {:.1} s",
        INCIDENTS * ENTRIES_PER_INCIDENT,
        size / 1_000_000,
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group("large_file");
    group.sample_size(10);
    group.bench_function("open", |b| b.iter(|| CompanyFile::open(black_box(&path)).expect("opens")));
    let company = CompanyFile::open(&path).expect("opens");
    let conn = company.connection();
    group.bench_function("home_summary", |b| b.iter(|| store::home_summary(conn, None).expect("summary")));
    group.bench_function("list_incidents", |b| b.iter(|| store::list_incidents(conn).expect("list")));
    let some_id: i64 = conn.query_row("SELECT max(id) FROM incident", [], |r| r.get(0)).expect("an incident");
    group.bench_function("incident_detail", |b| b.iter(|| store::incident_detail(conn, some_id).expect("detail")));
    group.bench_function("call_list", |b| b.iter(|| store::call_list(conn, some_id).expect("call list")));
    drop(company);

    // The same file protected by a passphrase: every page is decrypted and its HMAC checked.
    let passphrase = store::Passphrase::new("correct horse battery");
    let started = std::time::Instant::now();
    CompanyFile::open(&path).expect("opens").set_passphrase(Some(&passphrase)).expect("protect");
    eprintln!("large file: protected in {:.1} s", started.elapsed().as_secs_f64());
    group.bench_function("open_protected", |b| {
        b.iter(|| CompanyFile::open_with_passphrase(black_box(&path), Some(&passphrase)).expect("opens"))
    });
    group.finish();
}

criterion_group!(benches, large_file);
criterion_main!(benches);
