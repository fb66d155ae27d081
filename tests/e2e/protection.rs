//! Protecting a company file with a passphrase from the app, and opening it again.

use sonae_core::store::{self, backups, CompanyFile, Passphrase};

use crate::harness::{AppWindow, Home};

const PASSPHRASE: &str = "さくら咲く春の朝 2026";

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_protected_file_asks_for_its_passphrase_and_refuses_a_wrong_one() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    drop(CompanyFile::create_demo(&file, "ja").expect("demo company file"));
    let company_name = store::check(&file).unwrap().company_name;

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    // The open-time backup is plain until the file is protected.
    app.click("[data-testid=nav-backups]").await;
    app.wait_for_text_in("[data-testid=backup]", "起動時").await;
    app.click("[data-testid=nav-files]").await;
    app.wait_for_text_in("[data-testid=protection-state]", "保護されていません").await;
    app.type_into("[data-testid=protection-new]", "短すぎる").await;
    app.text("8文字以上にしてください").await;
    app.type_into("[data-testid=protection-new]", PASSPHRASE).await;
    app.type_into("[data-testid=protection-again]", PASSPHRASE).await;
    app.click("[data-testid=protection-set]").await;
    app.wait_for_text_in("[data-testid=protection-notice]", "保護しました。バックアップ 1 件も同じパスフレーズで保護しました。").await;
    app.wait_for_text_in("[data-testid=protection-state]", "保護されています").await;
    app.screenshot("protection-on-ja").await;
    app.close().await;

    // On disk: neither the file nor its backup can be read without the passphrase.
    for path in std::iter::once(file.clone()).chain(backup_paths(&file)) {
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3"), "{} is still plain SQLite", path.display());
        assert!(!contains(&bytes, company_name.as_bytes()), "{} shows the company name", path.display());
        assert_eq!(store::check(&path).unwrap_err().code(), "passphrase_required");
    }

    // Opened again, the app asks for the passphrase; a wrong one is refused and changes nothing.
    let before = std::fs::read(&file).unwrap();
    let app = AppWindow::launch(&home, Some(&file)).await;
    app.element("[data-testid=unlock-file]").await;
    app.text("この会社ファイルはパスフレーズで保護されています").await;
    app.type_into("[data-testid=unlock-passphrase]", "ちがうパスフレーズです").await;
    app.click("[data-testid=unlock-open]").await;
    app.wait_for_text_in("[data-testid=error]", "パスフレーズが違うか").await;
    app.screenshot("protection-unlock-wrong-ja").await;
    assert_eq!(std::fs::read(&file).unwrap(), before, "a wrong passphrase changed the file");
    app.type_into("[data-testid=unlock-passphrase]", PASSPHRASE).await;
    app.click("[data-testid=unlock-open]").await;
    app.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    // The backups of a protected file are listed with their contents, read with its passphrase.
    app.click("[data-testid=nav-backups]").await;
    app.wait_for_text_in("[data-testid=backup]", &company_name).await;
    app.close().await;

    let reopened = CompanyFile::open_with_passphrase(&file, Some(&Passphrase::new(PASSPHRASE))).expect("opens with the passphrase");
    assert!(reopened.is_protected());
    assert_eq!(store::home_summary(reopened.connection(), None).unwrap().company.name, company_name);
}

fn backup_paths(file: &std::path::Path) -> Vec<std::path::PathBuf> {
    let dir = backups::default_backup_dir(file).unwrap();
    let found: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "sonae")).collect();
    assert!(!found.is_empty(), "no backup in {}", dir.display());
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
