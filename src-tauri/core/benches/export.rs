//! How long each document takes to export, on the sample company and on a large company file
//! (an incident with 2,000 timeline entries, a policy with 300 procedure steps). Targets: the
//! policy under 300 ms, the incident report under 200 ms, every file under 1 MB. The size of each
//! file is printed once before its measurement.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rusqlite::params;
use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_core::render::{export, Document, ExportOptions, ReportStage};

/// The sample company, plus (when `large`) 2,000 more timeline entries on incident 1 and
/// procedure steps added until the policy holds 300.
fn company(dir: &std::path::Path, large: bool) -> CompanyFile {
    let mut file = CompanyFile::create_demo(&dir.join(if large { "large.sonae" } else { "demo.sonae" }), Language::Ja).unwrap();
    // The GDPR drafts need a GDPR duty, which the sample company has not: four of the customers on
    // the mis-sent list live in the EU, with card numbers, and the GDPR applies.
    let mut facts = sonae_core::incident::read::incident_detail(file.connection(), 1).unwrap().facts.unwrap();
    facts.personal_data.at_risk.eu_subjects = 4;
    facts.personal_data.at_risk.financial_damage_risk = true;
    facts.organization.gdpr_applies = true;
    file.write(|tx| {
        tx.execute("UPDATE incident SET facts = ?2 WHERE id = ?1", params![1, serde_json::to_string(&facts).unwrap()])?;
        sonae_core::incident::obligations::record_assessment(tx, 1, &sonae_core::rules::assess(&facts))
    })
    .unwrap();
    if large {
        file.write(|tx| {
            for i in 0..2_000 {
                let at = format!("2026-07-{:02}T{:02}:{:02}:00+09:00", 8 + i / 200, (i / 60) % 24, i % 60);
                tx.execute(
                    "INSERT INTO timeline_entry (incident_id, at, author, kind, message) VALUES (1, ?1, '松本 由美', 'note', ?2)",
                    params![at, format!("対応記録{i}：誤送信先と電話で話し、削除の状況と転送の有無を確認した。結果は管理部の共有フォルダに保存した。")],
                )?;
            }
            let steps: i64 = tx.query_row("SELECT count(*) FROM procedure_step", [], |r| r.get(0))?;
            let procedures: Vec<i64> =
                tx.prepare("SELECT id FROM procedure")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            for n in steps..300 {
                let procedure = procedures[n as usize % procedures.len()];
                tx.execute(
                    "INSERT INTO procedure_step (procedure_id, position, text, role_id)
                     VALUES (?1, 100 + ?2, ?3, (SELECT id FROM role WHERE key = 'it_admin'))",
                    params![procedure, n, format!("追加の手順{n}：影響を受けた端末とアカウントを一覧にし、対応の状況を記録する。")],
                )?;
            }
            Ok(())
        })
        .unwrap();
    }
    file
}

fn exports(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for (label, large) in [("demo", false), ("large", true)] {
        let file = company(dir.path(), large);
        let documents: &[Document] = if large {
            &[Document::Policy, Document::IncidentReport, Document::JpcertDraft, Document::PoliceMemo]
        } else {
            Document::ALL
        };
        for &document in documents {
            // The demo incident each draft is written for (see the render tests).
            let incident = document.needs_incident().then_some(match document {
                Document::IpaDraft | Document::IpaAccessDraft | Document::InsurerNotice => 2,
                Document::PpcMyNumberDraft => 4,
                Document::ClientNotice => 5,
                _ => 1,
            });
            let options = ExportOptions {
                incident_id: incident,
                exercise_id: None,
                stage: ReportStage::Preliminary,
                language: Language::Ja,
                issued_on: None,
            };
            let pdf = export(file.connection(), document, &options).unwrap();
            println!("{label}/{}: {} bytes", document.key(), pdf.len());
            c.bench_function(&format!("{label}/{}", document.key()), |b| {
                b.iter(|| export(black_box(file.connection()), document, black_box(&options)).unwrap())
            });
        }
    }
}

criterion_group!(benches, exports);
criterion_main!(benches);
