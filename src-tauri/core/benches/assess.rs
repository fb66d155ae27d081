//! How long one incident takes to assess from its JSON facts (parse + assess), the work the
//! wizard repeats on every answer and `sonae-cli assess` does once.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sonae_core::rules::{assess, parse_facts};

/// The ransomware case of docs/rules.md on a finance business holding the Privacy Mark, with EU
/// residents and My Numbers among the people affected: every rule has work to do.
const FACTS: &str = r#"{
    "discovered_at": "2026-12-01T09:30:00+09:00",
    "category": "malware",
    "unauthorized_access": true, "malware": true, "crime_suspected": true,
    "personal_data": {
        "subjects": 2500, "sensitive": true, "financial_damage_risk": true, "unlawful_purpose": true,
        "high_level_encryption": false, "recovered_unviewed": false,
        "my_number_subjects": 150, "eu_subjects": 12, "entrusted_by_client_notified": false
    },
    "organization": { "privacy_mark": true, "isms_certified": true, "sector": "finance" }
}"#;

fn parse_and_assess(c: &mut Criterion) {
    c.bench_function("assess", |b| {
        b.iter(|| {
            let facts = parse_facts(black_box(FACTS)).expect("the bench facts are valid");
            assess(black_box(&facts))
        })
    });
}

criterion_group!(benches, parse_and_assess);
criterion_main!(benches);
