//! What a passphrase costs when opening the sample company file: `open` of the plain file against
//! `open_with_passphrase` of the same file protected. SQLCipher derives the key from the
//! passphrase (PBKDF2-HMAC-SHA512, 256,000 iterations) once for every connection to a protected
//! file; opening reads the file on one connection and then writes on another, so two derivations.
//! `key_derivation` is one such connection alone: keyed, first page read.

use sonae_core::language::Language;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;

fn protection(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let plain = dir.path().join("plain.sonae");
    let protected = dir.path().join("protected.sonae");
    let passphrase = Passphrase::new("correct horse battery");
    drop(CompanyFile::create_demo(&plain, Language::Ja).expect("demo file"));
    let mut company = CompanyFile::create_demo(&protected, Language::Ja).expect("demo file");
    company.set_passphrase(Some(&passphrase)).expect("protect");
    drop(company);

    let mut group = c.benchmark_group("protection");
    group.sample_size(20);
    group.bench_function("open_plain_demo", |b| b.iter(|| CompanyFile::open(black_box(&plain)).expect("opens")));
    group.bench_function("open_protected_demo", |b| {
        b.iter(|| CompanyFile::open_with_passphrase(black_box(&protected), Some(&passphrase)).expect("opens"))
    });
    group.bench_function("key_derivation", |b| {
        b.iter(|| {
            let conn = rusqlite::Connection::open_with_flags(&protected, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            conn.pragma_update(None, "key", "correct horse battery").unwrap();
            conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0)).expect("the key fits")
        })
    });
    group.finish();
}

criterion_group!(benches, protection);
criterion_main!(benches);
