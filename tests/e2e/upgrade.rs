//! Opening a company file written by Sonae 0.1 (`tests/fixtures/v1-incidents.sonae`): the app
//! upgrades it, says so once, and the Backups screen lists the copy kept from before (「更新前」).

use sonae_core::company_file;
use sonae_core::company_file::backups;

use crate::harness::{AppWindow, Home};

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn an_older_file_is_upgraded_said_once_and_its_copy_listed() {
    let home = Home::new();
    let file = home.path("client.sonae");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1-incidents.sonae"), &file).unwrap();
    let company_name = company_file::check(&file).unwrap().company_name;

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    app.wait_for_text_in(
        "[data-testid=upgrade-notice]",
        "この会社ファイルを新しい形式に更新しました。更新前のファイルはバックアップにあります。",
    )
    .await;
    app.screenshot("upgrade-notice-ja").await;
    app.click("[data-testid=upgrade-show-backups]").await;
    app.wait_for_text_in("[data-testid=backup][data-reason=before_upgrade]", "更新前").await;
    app.wait_for_text_in("[data-testid=backup][data-reason=before_upgrade]", &company_name).await;
    app.screenshot("upgrade-backups-ja").await;
    // Closed, the notice does not come back on other screens.
    app.click("[data-testid=upgrade-notice] button[aria-label='閉じる']").await;
    app.click("[data-testid=nav-home]").await;
    app.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    assert!(app.absent("[data-testid=upgrade-notice]").await, "the notice came back after it was closed");
    app.close().await;

    // On disk: the file is the new version, the copy the old one.
    assert_eq!(company_file::check(&file).unwrap().schema_version, company_file::SCHEMA_VERSION);
    let listed = backups::list_backups(&backups::default_backup_dir(&file).unwrap(), "client").unwrap();
    let kept = listed.iter().find(|b| b.reason == backups::BackupReason::BeforeUpgrade).expect("a copy from before the upgrade");
    assert_eq!(company_file::check(&kept.path).unwrap().schema_version, 1);

    // Opened again, nothing is said: the file is current.
    let app = AppWindow::launch(&home, Some(&file)).await;
    app.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    assert!(app.absent("[data-testid=upgrade-notice]").await, "a current file was said to be upgraded");
    app.close().await;
}
