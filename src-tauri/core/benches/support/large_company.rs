//! The generator of a large company file, shared by the `large_file` benchmark, the `large_file`
//! example (the app's start-up benchmark) and the window's responsiveness test.

use sonae_core::language::Language;
use sonae_core::store;
use std::path::Path;

use rusqlite::params;
use sonae_core::company_file::CompanyFile;

pub const INCIDENTS: i64 = 10_000;
pub const ENTRIES_PER_INCIDENT: i64 = 10;
pub const CONTACTS: i64 = 5_000;
/// Follow-up actions of exercises, spread over [`EXERCISES`] ended exercises; every other one
/// still open, due dates from a year ago to a year ahead.
pub const FOLLOW_UPS: i64 = 500;
pub const EXERCISES: i64 = 10;

/// The benchmarks' large file: [`INCIDENTS`] incidents, [`CONTACTS`] contacts and [`FOLLOW_UPS`]
/// follow-ups of exercises.
pub fn generate(path: &Path) {
    generate_sized(path, INCIDENTS, CONTACTS);
}

/// Fills the demo company with `incidents` incidents (each with [`ENTRIES_PER_INCIDENT`] timeline
/// entries) and `contacts` contacts, in one transaction.
pub fn generate_sized(path: &Path, incidents: i64, contacts: i64) {
    let mut company = CompanyFile::create_demo(path, Language::Ja).expect("demo file");
    company
        .write(|tx| {
            let now = store::now();
            for n in 0..contacts {
                tx.execute(
                    "INSERT INTO contact (kind, name, name_kana, organization, last_confirmed_on, created_at, updated_at)
                     VALUES ('person', ?1, 'やまだ', '株式会社サンプル', '2026-01-15', ?2, ?2)",
                    params![format!("山田 太郎 {n}"), now],
                )?;
                tx.execute(
                    "INSERT INTO contact_phone (contact_id, position, label, number, emergency) VALUES (?1, 0, '携帯', ?2, 1)",
                    params![tx.last_insert_rowid()?, format!("090-{:04}-{:04}", n / 10_000, n % 10_000)],
                )?;
            }
            for n in 0..incidents {
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
                let id = tx.last_insert_rowid()?;
                for e in 0..ENTRIES_PER_INCIDENT {
                    tx.execute(
                        "INSERT INTO timeline_entry (incident_id, at, author, kind, message) VALUES (?1, ?2, '鈴木', 'note', ?3)",
                        params![id, format!("2025-{:02}-{:02}T10:{e:02}:00+09:00", 1 + n % 12, 1 + n % 28), "宛先を確認し、相手に削除を依頼した。"],
                    )?;
                }
            }
            let today = store::today();
            for run in 0..EXERCISES {
                tx.execute(
                    "INSERT INTO exercise_run (title, duration_hours, started_at, ended_at) VALUES (?1, 72, ?2, ?2)",
                    params![format!("訓練 {run}"), now],
                )?;
                let run_id = tx.last_insert_rowid()?;
                for n in 0..FOLLOW_UPS / EXERCISES {
                    let due = today + chrono::Days::new(((run * 50 + n) * 3) as u64) - chrono::Days::new(365);
                    tx.execute(
                        "INSERT INTO exercise_follow_up (run_id, text, owner, due_on, done_on, created_at)
                         VALUES (?1, ?2, '高橋', ?3, ?4, ?5)",
                        params![run_id, format!("課題 {n}"), due, (n % 2 == 0).then_some(today), now],
                    )?;
                }
            }
            Ok(())
        })
        .expect("generated rows");
}
