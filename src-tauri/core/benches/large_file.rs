//! What a user waits for on a big company file: opening it (with the integrity check), the home
//! screen and its readiness calendar, the incident list, one incident in full, and the wizard's call list; then opening it
//! once it is protected by a passphrase. The file is made
//! once per run by the generator in `support/large_company.rs`: 10,000 incidents with 100,000 timeline entries, 5,000
//! contacts and 500 exercise follow-ups, on top of the demo company. The app's start-up benchmark makes the same file through
//! `cargo run -p sonae-core --example large_file -- FILE`, and the window's responsiveness test a
//! smaller one (both include that file).

use sonae_core::company_file;
use sonae_core::home;
use sonae_core::incident;
use sonae_core::readiness;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sonae_core::company_file::CompanyFile;

#[path = "support/large_company.rs"]
mod large_company;
use large_company::{generate, CONTACTS, ENTRIES_PER_INCIDENT, INCIDENTS};

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
    group.bench_function("home_summary", |b| b.iter(|| home::home_summary(conn, None).expect("summary")));
    // The home screen's readiness calendar alone (reviews, exercise, follow-ups coming due): what
    // it adds to the home summary.
    let today = sonae_core::store::today();
    group.bench_function("readiness_calendar", |b| b.iter(|| readiness::readiness(conn, today).expect("calendar")));
    group.bench_function("list_incidents", |b| b.iter(|| incident::read::list_incidents(conn).expect("list")));
    let some_id: i64 = conn.query_row("SELECT max(id) FROM incident", [], |r| r.get(0)).expect("an incident");
    group.bench_function("incident_detail", |b| b.iter(|| incident::read::incident_detail(conn, some_id).expect("detail")));
    group.bench_function("call_list", |b| b.iter(|| incident::read::call_list(conn, some_id).expect("call list")));
    drop(company);

    // The same file protected by a passphrase: every page is decrypted and its HMAC checked.
    let passphrase = company_file::Passphrase::new("correct horse battery");
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
