//! The window keeps answering while a long task runs: a large company file with 20 backups is
//! protected by a passphrase (each backup converted too), and meanwhile the user moves around.

use sonae_core::company_file;
use std::path::Path;
use std::time::{Duration, Instant};

use sonae_core::company_file::backups;
use sonae_core::company_file::CompanyFile;

use crate::harness::{AppWindow, Home};

#[allow(dead_code)]
#[path = "../../src-tauri/core/benches/support/large_company.rs"]
mod large_company;

const PASSPHRASE: &str = "長い作業中も画面は動く 2026";
const BACKUPS: usize = 20;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn the_window_answers_while_a_large_file_and_its_backups_are_converted() {
    let home = Home::new();
    let file = home.path("large.sonae");
    large_company::generate_sized(&file, 2_000, 1_000);
    let company = CompanyFile::open(&file).expect("the generated file opens");
    let backup_dir = backups::default_backup_dir(&file).unwrap();
    for _ in 0..BACKUPS {
        backups::take_backup(&company, &backup_dir, backups::BackupReason::Manual).expect("backup");
    }
    drop(company);
    let company_name = company_file::check(&file).unwrap().company_name;

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    app.click("[data-testid=nav-files]").await;
    app.type_into("[data-testid=protection-new]", PASSPHRASE).await;
    app.type_into("[data-testid=protection-again]", PASSPHRASE).await;
    app.click("[data-testid=protection-set]").await;

    // While the backups are being converted, the window moves to another page at once and says
    // the file is busy instead of hanging.
    let clicked = Instant::now();
    app.click("[data-testid=nav-home]").await;
    app.wait_for_text_in("[data-testid=busy]", "処理中です").await;
    let answered = clicked.elapsed();
    let plain = plain_backups(&backup_dir);
    assert!(plain > 0, "the conversion was over before the window was tried; make the file larger");
    app.screenshot("busy-during-conversion-ja").await;
    app.click("[data-testid=nav-contacts]").await;
    app.wait_for_text_in("[data-testid=error]", "処理中です").await;
    println!("the window answered in {} ms with {plain} of {} backups still plain", answered.as_millis(), BACKUPS + 1);

    // Once the conversion is done, the file is usable again and protected, backups and all.
    let started = Instant::now();
    while plain_backups(&backup_dir) > 0 {
        assert!(started.elapsed() < Duration::from_secs(600), "the conversion did not end");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    app.click("[data-testid=nav-home]").await;
    app.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    app.click("[data-testid=nav-files]").await;
    app.wait_for_text_in("[data-testid=protection-state]", "保護されています").await;
    app.close().await;
    assert_eq!(company_file::check(&file).unwrap_err().code(), "passphrase_required");
}

/// How many backups in `dir` are still plain SQLite files.
fn plain_backups(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| std::fs::read(entry.ok()?.path()).ok())
        .filter(|bytes| bytes.starts_with(b"SQLite format 3"))
        .count()
}
