//! What a consultant waits for on the 顧問先一覧: the first look at 100 client files of the demo's
//! size, the second look (from memory, each file only checked for a change), and the first look
//! at 20 files of the large generator's size (10,000 incidents, 5,000 contacts, 500 follow-ups).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_tasks::portfolio::Portfolio;

#[path = "../../core/benches/support/large_company.rs"]
mod large_company;

fn look(portfolio: &Portfolio, files: &[PathBuf]) -> Vec<sonae_core::client_overview::ClientRow> {
    files.iter().map(|f| portfolio.row(black_box(f))).collect()
}

fn portfolio(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let demo = dir.path().join("demo.sonae");
    drop(CompanyFile::create_demo(&demo, Language::Ja).expect("demo"));
    let small: Vec<PathBuf> = (0..100)
        .map(|n| {
            let path = dir.path().join(format!("client-{n:03}.sonae"));
            std::fs::copy(&demo, &path).expect("copy");
            path
        })
        .collect();
    let started = std::time::Instant::now();
    let large_one = dir.path().join("large-00.sonae");
    large_company::generate(&large_one);
    let large: Vec<PathBuf> = (0..20)
        .map(|n| {
            let path = dir.path().join(format!("large-{n:02}.sonae"));
            if n > 0 {
                std::fs::copy(&large_one, &path).expect("copy");
            }
            path
        })
        .collect();
    eprintln!("portfolio: 100 demo files and 20 large files made in {:.1} s", started.elapsed().as_secs_f64());

    let mut group = c.benchmark_group("portfolio");
    group.sample_size(10);
    group.bench_function("first_look_100_demo_files", |b| b.iter(|| look(&Portfolio::default(), &small)));
    let warm = Portfolio::default();
    look(&warm, &small);
    group.bench_function("cached_look_100_demo_files", |b| b.iter(|| look(&warm, &small)));
    group.bench_function("first_look_20_large_files", |b| b.iter(|| look(&Portfolio::default(), &large)));
    group.finish();
}

criterion_group!(benches, portfolio);
criterion_main!(benches);
