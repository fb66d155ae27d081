//! Automatic backups and restoring one from the app.

use sonae_core::company_file::backups;
use sonae_core::company_file::CompanyFile;
use sonae_core::incident;
use sonae_core::language::Language;

use crate::harness::{AppWindow, Home};

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_backup_taken_on_opening_can_be_put_back_and_the_replaced_file_is_kept() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    drop(CompanyFile::create_demo(&file, Language::Ja).expect("demo company file"));
    let incidents_before = incident::read::list_incidents(CompanyFile::open(&file).unwrap().connection()).unwrap().len();

    let app = AppWindow::launch(&home, Some(&file)).await;
    // A record started after opening exists only in the current file, not in the backup.
    app.click("[data-testid=start-incident]").await;
    app.element("[data-testid=wizard]").await;
    app.click("[data-testid=nav-backups]").await;
    app.wait_for_text_in("[data-testid=backup]", "起動時").await;
    app.click("[data-testid=restore]").await;
    app.click("[data-testid=restore-confirm]").await;
    app.text("バックアップから戻しました。戻す前のファイルも一覧に残っています。").await;
    app.wait_for_text_in("[data-testid=backup]", "戻す前").await;
    app.screenshot("backups-ja").await;
    app.close().await;

    let restored = CompanyFile::open(&file).expect("the restored file opens cleanly");
    assert_eq!(incident::read::list_incidents(restored.connection()).unwrap().len(), incidents_before, "the new record is gone");
    drop(restored);
    let dir = backups::default_backup_dir(&file).unwrap();
    let kept = backups::list_backups(&dir, "sakura").unwrap();
    let before_restore =
        kept.iter().find(|b| b.reason == backups::BackupReason::BeforeRestore).expect("the replaced file was kept");
    let replaced = CompanyFile::open(&before_restore.path).expect("the kept file opens");
    assert_eq!(
        incident::read::list_incidents(replaced.connection()).unwrap().len(),
        incidents_before + 1,
        "it holds the new record"
    );
}
