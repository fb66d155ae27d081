//! A consultant's first hour with a new client: a company file from the built-in template, then
//! the client's contact list from Excel (Shift_JIS) — refused while two rows are wrong, imported
//! once they are fixed.

use sonae_core::company;
use sonae_core::contacts;
use sonae_core::policy;
use std::path::PathBuf;

use sonae_core::company_file::CompanyFile;

use crate::harness::{AppWindow, Home};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn contact_count(file: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("read the file");
    conn.query_row("SELECT count(*) FROM contact", [], |r| r.get(0)).expect("count")
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_client_file_from_the_template_takes_its_contacts_from_excel_once_fixed() {
    let home = Home::new();
    let client_file = home.path("clients").join("minato.sonae");
    std::fs::create_dir_all(client_file.parent().unwrap()).unwrap();
    // The CSV the client sent, as Excel on a Japanese PC saves it: Shift_JIS, two bad rows.
    let csv = home.path("連絡先一覧.csv");
    std::fs::copy(fixture("contacts-50-cp932-two-bad.csv"), &csv).expect("copy the CSV");

    let app = AppWindow::launch(&home, None).await;
    app.text("わたしの会社").await;
    app.click("[data-testid=nav-files]").await;
    app.type_into("[data-testid=new-company-name]", "株式会社みなと設計").await;
    app.click("[data-testid=source-builtin_ja]").await;
    home.answer_dialogs(&[&client_file]);
    app.click("[data-testid=create-company-file]").await;
    app.wait_for_text_in("[data-testid=company-name]", "株式会社みなと設計").await;
    app.screenshot("consultant-new-client-ja").await;

    app.click("[data-testid=nav-contacts]").await;
    app.click("[data-testid=import-contacts]").await;
    home.answer_dialogs(&[&csv]);
    app.click("[data-testid=choose-csv]").await;
    let errors = app.wait_for_text_in("[data-testid=csv-row-errors]", "2 行にエラーがあります").await;
    let text = errors.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(text.contains("20 行目") && text.contains("名前が空です"), "the row without a name: {text}");
    assert!(text.contains("44 行目") && text.contains("日付として読めません"), "the impossible date: {text}");
    app.wait_for_text_in("[data-testid=csv-preview]", "Shift_JIS").await;
    app.element("[data-testid=csv-not-importable]").await;
    app.screenshot("consultant-csv-errors-ja").await;
    assert_eq!(contact_count(&client_file), 0, "a file with errors imports nothing");

    // The client fixes the two rows in Excel and saves the same file again.
    std::fs::copy(fixture("contacts-50-cp932.csv"), &csv).expect("the fixed CSV");
    app.click("[data-testid=reread-csv]").await;
    app.wait_for_text_in("[data-testid=import-csv]", "50 件を取り込む").await;
    app.click("[data-testid=import-csv]").await;
    app.wait_for_text_in("[data-testid=csv-imported]", "50 件を取り込みました").await;
    app.screenshot("consultant-csv-imported-ja").await;
    app.click("[data-testid=nav-contacts]").await;
    app.wait_for_text_in("[data-testid=contact-total]", "50 件").await;
    app.close().await;

    let company = CompanyFile::open(&client_file).expect("the client file opens");
    assert_eq!(company::company_profile(company.connection()).unwrap().name, "株式会社みなと設計");
    let policy = policy::edit::editable_policy(company.connection()).expect("policy");
    assert_eq!(policy.levels.len(), 4, "the template's levels 0–3");
    assert!(policy.procedures.len() >= 12, "the template's procedures: {}", policy.procedures.len());
    let contacts = contacts::list_contacts(company.connection(), &Default::default()).unwrap();
    assert_eq!(contacts.total, 50);
    // The default file the app started on is still there and untouched by the import.
    assert_eq!(contact_count(&home.data_dir().join("company.sonae")), 0);
    let settings = std::fs::read_to_string(home.data_dir().join("settings.json")).unwrap();
    assert!(settings.contains("minato.sonae"), "the client file is in the recent files: {settings}");
}

/// An office's own spreadsheet (Shift_JIS) whose 「区分」 holds 社内 / 取引先 / 保険 and which has a
/// 「部署」 column: the columns are read as suggested (区分 as the category, 部署 kept) and every
/// row imports; the mapping shown is what was used.
#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn an_office_spreadsheet_with_its_own_kubun_imports_every_row_with_its_department() {
    let home = Home::new();
    let csv = home.path("社員と取引先.csv");
    std::fs::copy(fixture("contacts-office-cp932.csv"), &csv).expect("copy the CSV");
    let app = AppWindow::launch(&home, None).await;
    app.text("わたしの会社").await;
    app.click("[data-testid=nav-contacts]").await;
    app.click("[data-testid=import-contacts]").await;
    home.answer_dialogs(&[&csv]);
    app.click("[data-testid=choose-csv]").await;
    app.wait_for_text_in("[data-testid=csv-preview]", "Shift_JIS").await;
    assert_eq!(app.value("[data-testid=csv-column-3]").await, "部署");
    assert_eq!(app.value("[data-testid=csv-column-8]").await, "分類（社内・取引先など）");
    app.wait_for_text_in("[data-testid=csv-preview]", "保守サービス部").await;
    app.wait_for_text_in("[data-testid=csv-preview]", "03-9876-5432").await;
    app.screenshot("contacts-office-mapping-ja").await;
    app.wait_for_text_in("[data-testid=import-csv]", "6 件を取り込む").await;
    app.click("[data-testid=import-csv]").await;
    app.wait_for_text_in("[data-testid=csv-imported]", "6 件を取り込みました").await;
    app.close().await;

    let company = CompanyFile::open(&home.data_dir().join("company.sonae")).expect("the file opens");
    let list = contacts::list_contacts(company.connection(), &Default::default()).unwrap();
    assert_eq!(list.total, 6);
    let higashi = list.items.iter().find(|c| c.name == "東 由香").expect("東 由香");
    assert_eq!(higashi.department, "保守サービス部");
    assert_eq!(higashi.tags, [contacts::ContactTag::Vendor]);
    let ogawa = list.items.iter().find(|c| c.name == "小川 真理").expect("小川 真理");
    let details = contacts::contact(company.connection(), ogawa.id).unwrap();
    assert_eq!(details.notes, "夜間は携帯へ。\n土日は不在。");
    assert_eq!(details.phones[0].number, "03-9876-5432");
}
