//! The home screen: the company name, switching language (and keeping it), refused files.

use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;

use crate::harness::{AppWindow, Home};

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn shows_the_company_and_switches_to_english_for_good() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    let company = CompanyFile::create_demo(&file, Language::Ja).expect("demo company file");
    let name = sonae_core::company::company_profile(company.connection()).expect("profile").name;
    drop(company);

    let app = AppWindow::launch(&home, Some(&file)).await;
    let shown = app.element("[data-testid=company-name]").await;
    assert_eq!(shown.text().await.expect("text"), name);
    app.text("対応中のインシデント").await;
    app.text("確認が必要な連絡先").await;
    app.screenshot("home-ja").await;

    app.text("English").await.click().await.expect("click English");
    app.text("Open incidents").await;
    app.text("Contacts to confirm").await;
    app.screenshot("home-en").await;
    app.close().await;

    // A person closing and reopening the app finds it still in English.
    let settings = std::fs::read_to_string(home.data_dir().join("settings.json")).expect("settings saved");
    assert!(settings.contains("\"en\""), "settings: {settings}");
    let app = AppWindow::launch(&home, Some(&file)).await;
    app.text("Open incidents").await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn first_start_creates_a_default_company_file() {
    let home = Home::new();
    let app = AppWindow::launch(&home, None).await;
    app.text("わたしの会社").await;
    app.screenshot("first-start").await;
    app.close().await;
    let default_file = home.data_dir().join("company.sonae");
    let check = sonae_core::company_file::check(&default_file).expect("a valid default company file");
    assert_eq!(check.company_name, "わたしの会社");
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn refuses_a_file_from_a_newer_version_and_leaves_it_unchanged() {
    let home = Home::new();
    let file = home.path("newer.sonae");
    drop(CompanyFile::create_demo(&file, Language::Ja).expect("demo company file"));
    {
        let conn = rusqlite::Connection::open(&file).expect("open");
        conn.pragma_update(None, "journal_mode", "DELETE").expect("journal mode");
        conn.pragma_update(None, "user_version", 99).expect("bump version");
    }
    let before = std::fs::read(&file).expect("read");

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.text("会社ファイルを開けませんでした").await;
    app.text("新しい版のSonaeで作られたファイルです。").await;
    app.screenshot("newer-version").await;
    app.close().await;

    assert!(std::fs::read(&file).expect("read") == before, "the refused file was modified");
    assert!(!home.path("newer.sonae-wal").exists());
}
