//! How long one incident takes to assess from its JSON facts (parse + assess), the work the
//! wizard repeats on every answer and `sonae-cli assess` does once; and the same with facts left
//! open, and the search for those that could still change the answer (`assess --open`); and the
//! reporting interview's answer, which the window asks for after every reply.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sonae_core::incident::affected_data::ReportingDetails;
use sonae_core::incident::interview::{interview, InterviewStart, Question, Replied, Reply};
use sonae_core::incident::wizard::CaseKind;
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

/// The reporting interview's answer after each reply, for a stolen laptop: at the first question,
/// and with the encryption answered 「分からない」 (the window asks this after every answer).
fn interview_steps(c: &mut Criterion) {
    let known = parse_facts(
        r#"{"discovered_at": "2026-11-20T10:15:00+09:00", "stage": "event", "category": "leak",
            "personal_data": {"involved": true}, "organization": {"sector": "general"}}"#,
    )
    .expect("the bench facts are valid");
    let start = InterviewStart {
        case_kind: CaseKind::LostDevice,
        known,
        personal_data_involved: true,
        eu_establishment: None,
        eu_targeting: None,
    };
    let details = ReportingDetails::default();
    let replies = [
        Replied { question: Question::Crime, reply: Reply::Yes },
        Replied { question: Question::Whose, reply: Reply::Own },
        Replied { question: Question::Encrypted, reply: Reply::Unknown },
    ];
    c.bench_function("interview_first_question", |b| b.iter(|| interview(black_box(&start), &[], &details)));
    c.bench_function("interview_encryption_unknown", |b| b.iter(|| interview(black_box(&start), black_box(&replies), &details)));
}

criterion_group!(benches, parse_and_assess, open_facts, interview_steps);
criterion_main!(benches);
