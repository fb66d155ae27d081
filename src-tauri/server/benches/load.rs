//! Twenty people working on one company on a server at once, for a minute: each one walks
//! incidents' wizard steps, adds notes to their timelines, edits contacts and opens incidents'
//! pages (read in one snapshot, as the window reads them), on five shared incidents and the demo's
//! contacts, so that their changes meet. Afterwards every change that was
//! reported saved must be there (no update lost), and every refusal must be a reported conflict.
//!
//! `make bench-server` runs it against a throwaway server; by hand, with a superuser URL:
//! `SONAE_TEST_SERVER=… cargo bench -p sonae-server --bench load`. `SONAE_LOAD_USERS` and
//! `SONAE_LOAD_SECONDS` change the 20 people and the 60 seconds.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use sonae_core::company_file::CompanyFile;
use sonae_core::contacts::{self, ContactInput};
use sonae_core::error_code::ErrorCode;
use sonae_core::incident::draft::{StepDraft, WhatHappenedDraft};
use sonae_core::incident::wizard::CaseKind;
use sonae_core::incident::{self, record};
use sonae_core::language::Language;
use sonae_server::{copy, ServerCompany};

const INCIDENTS: i64 = 5;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Work {
    WizardStep,
    Note,
    ContactEdit,
    IncidentPage,
}

/// What one person did: each operation's kind, time and outcome, and what was saved.
#[derive(Default)]
struct Done {
    latencies: Vec<(Work, Duration)>,
    conflicts: usize,
    errors: Vec<String>,
    /// Notes added: (incident, text).
    notes: Vec<(i64, String)>,
    /// Marks appended to a contact's notes: (contact, mark).
    contact_marks: Vec<(i64, String)>,
}

/// A small, seeded random sequence, so that a run can be repeated.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn person(server: &sonae_server::ServerAddress, who: u64, incidents: &[i64], contact_ids: &[i64], until: Instant) -> Done {
    let mut company = ServerCompany::open(server).expect("the person connects");
    let mut dice = Dice(who + 1);
    let mut done = Done::default();
    let name = format!("担当者{who:02}");
    let mut count = 0;
    while Instant::now() < until {
        count += 1;
        let incident = incidents[dice.below(incidents.len() as u64) as usize];
        let work = match dice.below(4) {
            0 => Work::WizardStep,
            1 => Work::Note,
            2 => Work::ContactEdit,
            _ => Work::IncidentPage,
        };
        let started = Instant::now();
        let outcome = match work {
            Work::WizardStep => {
                let draft = StepDraft::WhatHappened(WhatHappenedDraft {
                    case_kind: CaseKind::Missent,
                    title: format!("{name} の下書き {count}"),
                    date: "2026-12-07".into(),
                    time: "10:00".into(),
                    discovered_by: name.clone(),
                    description: "宛先を間違えて送信した。".into(),
                    occurred_unknown: true,
                    occurred_date: String::new(),
                    occurred_time: String::new(),
                    author: name.clone(),
                });
                company.write(|tx| {
                    record::save_draft(tx, incident, &draft)?;
                    record::go_to_step(tx, incident, 0)
                })
            }
            Work::Note => {
                let text = format!("{name} の記録 {count}");
                let saved = company.write(|tx| record::add_note(tx, incident, &text, &name));
                if saved.is_ok() {
                    done.notes.push((incident, text));
                }
                saved
            }
            Work::ContactEdit => {
                let contact_id = contact_ids[dice.below(contact_ids.len() as u64) as usize];
                let mark = format!("[{name}:{count}]");
                let saved = company.write(|tx| {
                    let mut contact = ContactInput::from(contacts::contact(tx, contact_id)?);
                    contact.notes.push_str(&mark);
                    contacts::update_contact(tx, &name, contact_id, &contact)
                });
                if saved.is_ok() {
                    done.contact_marks.push((contact_id, mark));
                }
                saved
            }
            Work::IncidentPage => company.read(|db| incident::read::incident_detail(db, incident).map(drop)),
        };
        done.latencies.push((work, started.elapsed()));
        match outcome {
            Ok(()) => {}
            Err(e) if e.code() == ErrorCode::ChangedElsewhere => done.conflicts += 1,
            Err(e) => done.errors.push(e.to_string()),
        }
    }
    done
}

fn percentile(sorted: &[Duration], share: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let at = ((sorted.len() as f64 * share).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[at]
}

fn main() {
    if std::env::var("SONAE_TEST_SERVER").is_err() {
        eprintln!("load: skipped; {}", support::NEEDS_SERVER);
        return;
    }
    let users = env_number("SONAE_LOAD_USERS", 20);
    let seconds = env_number("SONAE_LOAD_SECONDS", 60);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.sonae");
    CompanyFile::create_demo(&file, Language::Ja).unwrap();
    let database = support::TestDatabase::new("load");
    copy::push(&file, None, &database.address).unwrap();
    let mut company = ServerCompany::open(&database.address).unwrap();
    // Five open incidents for everyone to work on.
    let mut incident_ids = Vec::new();
    for _ in 0..INCIDENTS {
        incident_ids.push(company.write(|tx| record::start_incident(tx, CaseKind::Missent)).unwrap());
    }
    let contact_ids: Vec<i64> = company.connection().query_map("SELECT id FROM contact ORDER BY id", [], |r| r.get(0)).unwrap();

    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let results: Vec<Done> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..users)
            .map(|who| {
                let address = database.address.clone();
                let (incidents, contact_ids) = (&incident_ids, &contact_ids);
                scope.spawn(move || person(&address, who, incidents, contact_ids, until))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a person's thread")).collect()
    });
    let elapsed = started.elapsed();

    // Nothing reported saved is missing.
    let conn = company.connection();
    let mut lost = 0;
    for done in &results {
        for (incident, text) in &done.notes {
            let found: i64 = conn
                .query_row(
                    "SELECT count(*) FROM timeline_entry WHERE incident_id = ?1 AND kind = 'note' AND message = ?2",
                    rusqlite::params![incident, text],
                    |r| r.get(0),
                )
                .unwrap();
            lost += usize::from(found != 1);
        }
        for (contact, mark) in &done.contact_marks {
            let notes = contacts::contact(conn, *contact).unwrap().notes;
            lost += usize::from(!notes.contains(mark.as_str()));
        }
    }

    let mut all: Vec<Duration> = results.iter().flat_map(|d| d.latencies.iter().map(|(_, t)| *t)).collect();
    all.sort_unstable();
    let operations = all.len();
    let conflicts: usize = results.iter().map(|d| d.conflicts).sum();
    let errors: Vec<&String> = results.iter().flat_map(|d| &d.errors).collect();
    println!("load: {users} people for {:.1} s on one company on the server", elapsed.as_secs_f64());
    println!(
        "load: {operations} operations, {:.1} per second; {conflicts} refused as conflicts ({:.1}%), {} other errors, {lost} saved changes missing",
        operations as f64 / elapsed.as_secs_f64(),
        100.0 * conflicts as f64 / operations.max(1) as f64,
        errors.len()
    );
    for work in [Work::WizardStep, Work::Note, Work::ContactEdit, Work::IncidentPage] {
        let mut times: Vec<Duration> =
            results.iter().flat_map(|d| d.latencies.iter().filter(|(w, _)| *w == work).map(|(_, t)| *t)).collect();
        times.sort_unstable();
        println!(
            "load: {work:?}: {} operations, median {:.1} ms, p95 {:.1} ms",
            times.len(),
            percentile(&times, 0.5).as_secs_f64() * 1000.0,
            percentile(&times, 0.95).as_secs_f64() * 1000.0
        );
    }
    println!(
        "load: all: median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        percentile(&all, 0.5).as_secs_f64() * 1000.0,
        percentile(&all, 0.95).as_secs_f64() * 1000.0,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    );
    for error in errors.iter().take(5) {
        println!("load: error: {error}");
    }
    assert_eq!(lost, 0, "a change reported saved is missing");
    assert!(errors.is_empty(), "errors other than conflicts");
}
