//! How long one incident takes to assess from its JSON facts (parse + assess), the work the
//! wizard repeats on every answer and `sonae-cli assess` does once; and the same with facts left
//! open, and the search for those that could still change the answer (`assess --open`), which an
//! interview repeats after every answer.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sonae_core::rules::{assess, assess_open, parse_facts, parse_partial_facts};

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

/// The start of an interview about a client's and the company's own data, at a telecom carrier:
/// nothing known but the day and the sector (every other fact left open, 42 of them decisive).
fn everything_open() -> String {
    let body = |extra: &str| {
        let fields = [
            "involved",
            "subjects",
            "subjects_max",
            "subjects_unknown",
            "sensitive",
            "financial_damage_risk",
            "unlawful_purpose",
            "being_acquired",
            "high_level_encryption",
            "recovered_unviewed",
            "my_number_involved",
            "my_number_subjects",
            "my_number_subjects_max",
            "my_number_public",
            "eu_subjects",
            extra,
        ];
        fields.iter().map(|field| format!("\"{field}\": null")).collect::<Vec<_>>().join(", ")
    };
    format!(
        r#"{{"discovered_at": "2026-12-01T10:00:00+09:00", "occurred_at": null, "stage": null, "category": null,
            "unauthorized_access": null, "malware": null, "crime_suspected": null, "communications_secrecy": null,
            "personal_data": {{ {} }}, "entrusted_data": {{ {} }},
            "organization": {{ "privacy_mark": null, "isms_certified": null, "cyber_insurance": null,
                               "gdpr_applies": null, "sector": "telecom" }} }}"#,
        body("entrusted_by_client_notified"),
        body("client_notified")
    )
}

fn open_facts(c: &mut Criterion) {
    let everything = everything_open();
    c.bench_function("assess_open_everything", |b| {
        b.iter(|| {
            let partial = parse_partial_facts(black_box(&everything)).expect("the bench facts are valid");
            assess_open(black_box(&partial))
        })
    });
}

criterion_group!(benches, parse_and_assess, open_facts);
criterion_main!(benches);
