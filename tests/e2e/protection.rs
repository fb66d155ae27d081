//! Protecting a company file with a passphrase from the app, and opening it again.

use sonae_core::company_file;
use sonae_core::company_file::backups;
use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;
use sonae_core::home;
use sonae_core::language::Language;
use sonae_core::policy;

use crate::harness::{AppWindow, Home};

const PASSPHRASE: &str = "さくら咲く春の朝 2026";

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_protected_file_asks_for_its_passphrase_and_refuses_a_wrong_one() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    drop(CompanyFile::create_demo(&file, Language::Ja).expect("demo company file"));
    let company_name = company_file::check(&file).unwrap().company_name;

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
    app.wait_for_text_in("[data-testid=protection-notice]", "保護しました。バックアップ 1 件も同じパスフレーズで保護しました。")
        .await;
    app.wait_for_text_in("[data-testid=protection-state]", "保護されています").await;
    app.screenshot("protection-on-ja").await;
    app.close().await;

    // On disk: neither the file nor its backup can be read without the passphrase.
    for path in std::iter::once(file.clone()).chain(backup_paths(&file)) {
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3"), "{} is still plain SQLite", path.display());
        assert!(!contains(&bytes, company_name.as_bytes()), "{} shows the company name", path.display());
        assert_eq!(company_file::check(&path).unwrap_err().code(), "passphrase_required");
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

    let reopened =
        CompanyFile::open_with_passphrase(&file, Some(&Passphrase::new(PASSPHRASE))).expect("opens with the passphrase");
    assert!(reopened.is_protected());
    assert_eq!(home::home_summary(reopened.connection(), None).unwrap().company.name, company_name);
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_new_client_file_takes_its_policy_from_a_protected_file_once_its_passphrase_is_given() {
    let home = Home::new();
    let source = home.path("sakura.sonae");
    let mut protected = CompanyFile::create_demo(&source, Language::Ja).expect("demo company file");
    // A role name of this company's own, so that its policy can be told from the built-in one.
    protected
        .connection()
        .execute("UPDATE role SET name = 'さくら情報管理責任者' WHERE position = (SELECT min(position) FROM role)", [])
        .unwrap();
    protected.set_passphrase(Some(&Passphrase::new(PASSPHRASE))).expect("protect the source");
    let role_names = |company: &CompanyFile| -> Vec<String> {
        policy::read::policy(company.connection()).unwrap().roles.into_iter().map(|r| r.name).collect()
    };
    let source_roles = role_names(&protected);
    assert!(source_roles.contains(&"さくら情報管理責任者".to_owned()));
    drop(protected);
    let source_bytes = std::fs::read(&source).unwrap();
    let client_file = home.path("minato.sonae");

    let app = AppWindow::launch(&home, None).await;
    app.text("わたしの会社").await;
    app.click("[data-testid=nav-files]").await;
    app.type_into("[data-testid=new-company-name]", "株式会社みなと設計").await;
    app.click("[data-testid=source-company_file]").await;
    // The first dialog chooses the protected file; the second, after the passphrase, where to save.
    home.answer_dialogs(&[&source, &client_file]);
    app.click("[data-testid=create-company-file]").await;
    app.text("方針を写すもとのファイルは、パスフレーズで保護されています。入力して、もう一度「作成して開く」を押してください。新しいファイルは保護なしで作られます。").await;
    app.type_into("[data-testid=source-passphrase]", "ちがうパスフレーズです").await;
    app.click("[data-testid=create-company-file]").await;
    app.text("パスフレーズが違うか、Sonae の会社ファイルではありません。ファイルには手を加えていません。").await;
    app.screenshot("protection-policy-source-wrong-ja").await;
    assert!(!client_file.exists(), "a wrong passphrase created the new file");
    app.type_into("[data-testid=source-passphrase]", PASSPHRASE).await;
    app.click("[data-testid=create-company-file]").await;
    app.wait_for_text_in("[data-testid=company-name]", "株式会社みなと設計").await;
    app.close().await;

    // The new file is plain, has the source's policy and none of its people; the source is as it was.
    let client = CompanyFile::open(&client_file).expect("the new client file opens without a passphrase");
    assert!(!client.is_protected());
    assert_eq!(role_names(&client), source_roles, "the new file's roles are not the protected file's");
    assert_eq!(home::home_summary(client.connection(), None).unwrap().contact_count, 0);
    assert_eq!(std::fs::read(&source).unwrap(), source_bytes, "the source file changed");
}

fn backup_paths(file: &std::path::Path) -> Vec<std::path::PathBuf> {
    let dir = backups::default_backup_dir(file).unwrap();
    let found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sonae"))
        .collect();
    assert!(!found.is_empty(), "no backup in {}", dir.display());
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
