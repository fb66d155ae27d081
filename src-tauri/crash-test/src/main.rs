//! `sonae-crash-writer FILE SEED`: writes to a company file the way the app does, forever, until
//! it is killed, printing each write on stdout once its transaction has committed.
//!
//! The writes are the app's: an incident opened with its first timeline entries and the
//! obligations of its assessment (`incident::obligations::record_assessment`); progress on an incident (new
//! entries, changed facts, a re-assessment, the wizard's autosaved draft); a contact with phone numbers, an email and a tag.
//! Each is one `CompanyFile::write` transaction. Test support only; see the crate docs.

use sonae_core::incident;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use rusqlite::params;
use serde_json::json;
use sonae_core::company_file::CompanyFile;
use sonae_core::incident::draft::StepDraft;
use sonae_core::incident::wizard::Recovery;
use sonae_core::rules;
use sonae_core::store::{self, StoreError, Transaction};
use sonae_crash_test::{CommittedWrite, SplitMix64, OPENED};

/// Timeline messages of the length and kind people type during an incident.
const MESSAGES: [&str; 6] = [
    "総務部の山田さんから、共有フォルダのファイルが開けないと連絡。拡張子が変わっている。",
    "該当PCをLANケーブルから外し、Wi-Fiも切断した。電源は入れたまま。",
    "保守業者（株式会社サンプルIT）に電話。午後に来訪予定。",
    "取引先3社に、不審なメールを開かないよう電話で注意喚起した。",
    "バックアップ（前日分）が無事であることを確認。復旧手順を検討中。",
    "最高責任者へ報告。個人情報保護委員会への速報の要否を確認する。",
];

const CATEGORIES: [&str; 5] = ["leak", "tampering", "outage", "malware", "other"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(Ok(seed))) = (args.get(1), args.get(2).map(|s| s.parse::<u64>())) else {
        eprintln!("usage: sonae-crash-writer FILE SEED");
        return ExitCode::from(2);
    };
    match write_until_killed(PathBuf::from(file), seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sonae-crash-writer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_until_killed(path: PathBuf, seed: u64) -> Result<(), StoreError> {
    let mut rng = SplitMix64::new(seed);
    let mut company = CompanyFile::open(&path)?;
    let mut out = std::io::stdout().lock();
    let report = |out: &mut std::io::StdoutLock, line: &dyn std::fmt::Display| {
        writeln!(out, "{line}").and_then(|()| out.flush()).map_err(|source| StoreError::Io { path: "stdout".into(), source })
    };
    report(&mut out, &OPENED)?;
    for sequence in 0.. {
        let batch = format!("{seed}-{sequence}");
        let write = match rng.below(10) {
            0..=4 => open_incident(&mut company, &mut rng, batch)?,
            5..=7 => add_contact(&mut company, &mut rng)?,
            _ => match record_progress(&mut company, &mut rng, batch)? {
                Some(write) => write,
                None => continue,
            },
        };
        // Only now, after the commit, is the write reported.
        report(&mut out, &write)?;
    }
    Ok(())
}

/// Facts of a plausible incident, as the wizard would save them (the facts of docs/rules.md).
fn random_facts(rng: &mut SplitMix64) -> serde_json::Value {
    let subjects = [0, 30, 200, 2500][rng.below(4) as usize];
    json!({
        "discovered_at": format!("2026-{:02}-{:02}T{:02}:{:02}:00+09:00", 1 + rng.below(12), 1 + rng.below(28), rng.below(24), rng.below(60)),
        "category": CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize],
        "unauthorized_access": rng.chance(30),
        "malware": rng.chance(30),
        "crime_suspected": rng.chance(10),
        "personal_data": {
            "subjects": subjects,
            "sensitive": rng.chance(20),
            "unlawful_purpose": rng.chance(20),
            "high_level_encryption": rng.chance(10),
            "my_number_subjects": if rng.chance(10) { 5 } else { 0 },
            "eu_subjects": if rng.chance(10) { 3 } else { 0 }
        },
        "organization": { "privacy_mark": rng.chance(30), "sector": "general" }
    })
}

fn assessment_of(facts: &serde_json::Value) -> Result<rules::Assessment, StoreError> {
    let parsed = rules::parse_facts(&facts.to_string()).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(rules::assess(&parsed))
}

/// Appends `count` timeline entries that carry their batch, so a partial batch would be noticed.
fn append_entries(tx: &Transaction, rng: &mut SplitMix64, incident_id: i64, batch: &str, count: u64) -> Result<(), StoreError> {
    for part in 0..count {
        tx.execute(
            "INSERT INTO timeline_entry (incident_id, at, author, kind, message, data) VALUES (?1, ?2, '対応責任者', 'note', ?3, ?4)",
            params![
                incident_id,
                store::now(),
                MESSAGES[rng.below(MESSAGES.len() as u64) as usize],
                json!({ "batch": batch, "batch_of": count, "part": part }).to_string()
            ],
        )?;
    }
    Ok(())
}

fn open_incident(company: &mut CompanyFile, rng: &mut SplitMix64, batch: String) -> Result<CommittedWrite, StoreError> {
    let facts = random_facts(rng);
    let assessment = assessment_of(&facts)?;
    let entries = 1 + rng.below(5);
    let id = company.write(|tx| {
        let now = store::now();
        tx.execute(
            "INSERT INTO incident (title, case_key, discovered_at, discovered_by, description, stage, category_key, level, facts, created_at, updated_at)
             VALUES (?1, 'ransomware', ?2, '総務部', ?3, 'incident', ?4, ?5, ?6, ?7, ?7)",
            params![
                format!("ファイルサーバーの暗号化 ({batch})"),
                facts["discovered_at"].as_str(),
                MESSAGES.concat(),
                facts["category"].as_str(),
                rng.below(4) as i64,
                facts.to_string(),
                now
            ],
        )?;
        let id = tx.last_insert_rowid()?;
        append_entries(tx, rng, id, &batch, entries)?;
        incident::obligations::record_assessment(tx, id, &assessment)?;
        Ok(id)
    })?;
    Ok(CommittedWrite::Incident { id, batch })
}

/// New entries on an open incident, its facts changed and re-assessed, all in one transaction.
fn record_progress(company: &mut CompanyFile, rng: &mut SplitMix64, batch: String) -> Result<Option<CommittedWrite>, StoreError> {
    let newest: Option<i64> = company.connection().query_row("SELECT max(id) FROM incident", [], |r| r.get(0))?;
    let Some(newest) = newest else { return Ok(None) };
    let facts = random_facts(rng);
    let assessment = assessment_of(&facts)?;
    let entries = 1 + rng.below(3);
    let pick = 1 + rng.below(newest as u64) as i64;
    let incident_id = company.write(|tx| {
        let incident_id: Option<i64> = tx.query_row("SELECT min(id) FROM incident WHERE id >= ?1", [pick], |r| r.get(0))?;
        let Some(incident_id) = incident_id else { return Ok(None) };
        tx.execute(
            "UPDATE incident SET facts = ?2, updated_at = ?3 WHERE id = ?1",
            params![incident_id, facts.to_string(), store::now()],
        )?;
        append_entries(tx, rng, incident_id, &batch, entries)?;
        incident::obligations::record_assessment(tx, incident_id, &assessment)?;
        // The wizard's autosave of a step, in the same transaction: the batch's timeline entries
        // being whole is what shows it committed with them.
        // The batch goes in the recovery step's cause, which the check reads back.
        let draft = Recovery { cause: batch.clone(), lessons: MESSAGES[0].into(), ..Recovery::default() };
        sonae_core::incident::record::save_draft(tx, incident_id, &StepDraft::Recovery(draft))?;
        Ok(Some(incident_id))
    })?;
    Ok(incident_id.map(|incident_id| CommittedWrite::Progress { incident_id, batch }))
}

fn add_contact(company: &mut CompanyFile, rng: &mut SplitMix64) -> Result<CommittedWrite, StoreError> {
    let phones = 1 + rng.below(3) as i64;
    let id = company.write(|tx| {
        let now = store::now();
        tx.execute(
            "INSERT INTO contact (kind, name, name_kana, organization, title, call_order, last_confirmed_on, created_at, updated_at)
             VALUES ('person', ?1, 'ヤマダ タロウ', '株式会社サンプル', '総務部長', ?2, '2026-11-01', ?3, ?3)",
            params![format!("山田 太郎 {}", rng.below(1000)), rng.chance(30).then(|| rng.below(20) as i64), now],
        )?;
        let id = tx.last_insert_rowid()?;
        for position in 0..phones {
            tx.execute(
                "INSERT INTO contact_phone (contact_id, position, label, number, emergency) VALUES (?1, ?2, '携帯', ?3, ?4)",
                params![id, position, format!("090-{:04}-{:04}", rng.below(10_000), rng.below(10_000)), position == 0],
            )?;
        }
        tx.execute(
            "INSERT INTO contact_email (contact_id, position, label, address) VALUES (?1, 0, '会社', ?2)",
            params![id, format!("contact{id}@example.co.jp")],
        )?;
        tx.execute("INSERT INTO contact_tag (contact_id, tag) VALUES (?1, 'vendor')", [id])?;
        Ok(id)
    })?;
    Ok(CommittedWrite::Contact { id, phones })
}
