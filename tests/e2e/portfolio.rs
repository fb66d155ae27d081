//! 顧問先一覧 in the real window: a folder of 12 company files — two with overdue reports, one
//! protected, one damaged, one from a newer Sonae, one from Sonae 0.1, six plain — shows each with
//! its state, "needs attention first" puts the two overdue ones on top, a passphrase unlocks the
//! protected one, a hand-over pack is saved, every file is byte-identical with nothing left beside
//! it, and opening a row switches to that file.

use std::path::{Path, PathBuf};

use sonae_core::company_file::{CompanyFile, Passphrase, SCHEMA_VERSION};
use sonae_core::language::Language;
use sonae_core::template::builtin_policy;

use crate::harness::{AppWindow, Home};

/// A demo company renamed `name`, with a report to the PPC that was due a year ago.
fn overdue_client(path: &Path, name: &str) {
    let mut company = CompanyFile::create_demo(path, Language::Ja).expect("demo");
    company
        .write(|tx| {
            tx.execute("UPDATE company SET name = ?1 WHERE id = 1", [name])?;
            tx.execute(
                "INSERT INTO obligation (incident_id, authority_key, duty, next_due, updated_at)
                 SELECT id, 'e2e_overdue', 'mandatory', '2025-11-01', '2025-10-01T09:00:00+09:00'
                   FROM incident WHERE status = 'open' ORDER BY id LIMIT 1",
                [],
            )?;
            Ok(())
        })
        .expect("overdue report");
}

fn contents(files: &[PathBuf]) -> Vec<Vec<u8>> {
    files.iter().map(|f| std::fs::read(f).expect("read")).collect()
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn twelve_client_files_show_their_states_overdue_first_and_stay_as_they_were() {
    let home = Home::new();
    let clients = home.path("顧問先");
    std::fs::create_dir_all(&clients).expect("clients folder");
    let at = |name: &str| clients.join(name);
    overdue_client(&at("01-overdue.sonae"), "期限切れ商事");
    overdue_client(&at("02-overdue.sonae"), "遅延工業");
    let passphrase = Passphrase::new("correct horse battery");
    CompanyFile::create_demo(&at("03-protected.sonae"), Language::Ja)
        .expect("demo")
        .set_passphrase(Some(&passphrase))
        .expect("protect");
    std::fs::write(at("04-damaged.sonae"), b"SQLite format 3\0 but then nothing a database would hold").expect("damaged");
    drop(CompanyFile::create_demo(&at("05-newer.sonae"), Language::Ja).expect("demo"));
    rusqlite::Connection::open(at("05-newer.sonae"))
        .expect("open")
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("newer");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-demo.sonae"), at("06-older.sonae"))
        .expect("older");
    let policy = builtin_policy(Language::Ja).expect("policy");
    for n in 7..=12 {
        drop(CompanyFile::create(&at(&format!("{n:02}-plain.sonae")), &format!("顧客{n:02}株式会社"), &policy).expect("plain"));
    }
    let files: Vec<PathBuf> = (1..=12)
        .map(|n| {
            std::fs::read_dir(&clients)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{n:02}-")))
                .unwrap()
        })
        .collect();
    let before = contents(&files);

    let app = AppWindow::launch(&home, None).await;
    app.click("[data-testid=nav-portfolio]").await;
    home.answer_dialogs(&[&clients]);
    app.click("[data-testid=add-client-folder]").await;
    // The 12 client files and the app's own file (a recent file).
    app.element("[data-testid=portfolio-row-12]").await;
    assert!(app.absent("[data-testid=portfolio-row-13]").await);
    app.wait_for_text_in("[data-testid=portfolio-row-0]", "期限切れ商事").await;
    app.wait_for_text_in("[data-testid=portfolio-row-1]", "遅延工業").await;
    let table = "[data-testid=portfolio-table]";
    app.wait_for_text_in(table, "パスフレーズで保護されています").await;
    app.wait_for_text_in(table, "新しい版の Sonae で作られたファイルです").await;
    app.wait_for_text_in(table, "開くと新しい形式に更新されます").await;
    app.wait_for_text_in(table, "顧客12株式会社").await;
    let problems = app.count("[data-testid=portfolio-problem]").await;
    assert_eq!(problems, 2, "the damaged and the newer file");
    app.screenshot("portfolio-ja").await;

    // The protected file, once its passphrase is given.
    app.type_into("[data-testid=portfolio-passphrase]", "correct horse battery").await;
    app.click("[data-testid=portfolio-unlock]").await;
    app.wait_for_text_in(table, "株式会社さくら設計事務所").await;

    // A hand-over pack for the first (most urgent) client.
    let packs = home.path("packs");
    std::fs::create_dir_all(&packs).expect("packs folder");
    app.click("[data-testid=portfolio-row-0] input[type=checkbox]").await;
    home.answer_dialogs(&[&packs]);
    app.click("[data-testid=save-packs]").await;
    app.wait_for_text_in("[data-testid=packs-saved]", "1社中 1社").await;
    let pack: Vec<String> =
        std::fs::read_dir(&packs).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(pack.len(), 1, "{pack:?}");
    assert!(pack[0].starts_with("期限切れ商事_"), "{pack:?}");
    assert!(std::fs::read_dir(packs.join(&pack[0])).unwrap().count() >= 5);

    app.text("English").await.click().await.expect("click English");
    app.wait_for_text_in("[data-testid=portfolio-page]", "Needs attention first").await;
    app.screenshot("portfolio-en").await;

    // Read, never written: every file as it was, nothing beside them.
    assert!(contents(&files) == before, "a client file changed");
    let beside: Vec<String> = std::fs::read_dir(&clients)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".sonae"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");

    // Opening a row switches to that file.
    app.click("[data-testid=portfolio-row-1] [data-testid=portfolio-open]").await;
    app.wait_for_text_in("[data-testid=company-name]", "遅延工業").await;
    app.close().await;
}
