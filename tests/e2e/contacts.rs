//! Keeping contacts current: a contact due for confirmation is flagged on the home screen until
//! someone edits it and confirms it.

use sonae_core::company_file::CompanyFile;
use sonae_core::contacts;
use sonae_core::language::Language;
use sonae_core::store::history;

use crate::harness::{AppWindow, Home};

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn editing_and_confirming_a_contact_clears_the_home_warning() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    let (id, name) = {
        let mut company = CompanyFile::create_demo(&file, Language::Ja).expect("demo company file");
        company
            .write(|tx| {
                // Everyone confirmed today except one person last confirmed long ago.
                tx.execute("UPDATE contact SET last_confirmed_on = date('now', 'localtime')", [])?;
                tx.execute("UPDATE contact SET last_confirmed_on = '2024-01-10' WHERE id = (SELECT min(id) FROM contact WHERE kind = 'person')", [])?;
                Ok(())
            })
            .expect("confirm the contacts");
        company
            .connection()
            .query_row("SELECT id, name FROM contact WHERE last_confirmed_on = '2024-01-10'", [], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .expect("the stale contact")
    };

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.wait_for_text_in("[data-testid=stale-contacts]", &name).await;
    app.wait_for_text_in("[data-testid=stale-contacts]", "2024年1月10日").await;
    app.screenshot("contacts-home-stale-ja").await;

    app.click(&format!("[data-testid=stale-contact-{id}]")).await;
    app.wait_for_text_in("[data-testid=confirmation]", "確認が必要").await;
    app.type_into("[data-testid=contact-title]", "総務部長（兼 情報システム担当）").await;
    app.type_into("[data-testid=contact-phone-0]", "090-2222-3333").await;
    app.click("[data-testid=save-contact]").await;
    app.text("保存しました。").await;
    app.click("[data-testid=confirm-today]").await;
    // "最終確認日" was shown before the click too: wait for today's date to replace the old one.
    let today = chrono::Local::now().date_naive().format("%Y年%-m月%-d日").to_string();
    app.wait_for_text_in("[data-testid=last-confirmed]", &today).await;
    let shown = app.element("[data-testid=confirmation]").await.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(!shown.contains("確認が必要"), "still flagged after confirming: {shown}");
    app.screenshot("contact-editor-ja").await;

    app.click("[data-testid=nav-home]").await;
    app.wait_for_text_in("[data-testid=stale-contacts]", "すべての連絡先が12か月以内に確認されています").await;
    let card = app.element("[data-testid=stale-contacts]").await.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(!card.contains(&name), "the confirmed contact is still listed: {card}");
    app.screenshot("contacts-home-clear-ja").await;

    // The contacts list finds the person by part of the new number.
    app.click("[data-testid=nav-contacts]").await;
    app.type_into("[data-testid=contact-search]", "2222").await;
    app.wait_for_text_in("[data-testid=contact-total]", "1 件").await;
    app.wait_for_text_in("[data-testid=contact-table]", &name).await;
    app.close().await;

    let company = CompanyFile::open(&file).expect("file opens");
    let stored = contacts::contact(company.connection(), id).expect("contact");
    assert_eq!(stored.title, "総務部長（兼 情報システム担当）");
    assert_eq!(stored.phones[0].number, "090-2222-3333");
    assert!(!stored.stale);
    assert_eq!(stored.last_confirmed_on, Some(chrono::Local::now().date_naive()));
    let changes =
        history::change_history(company.connection(), Some(history::ChangedEntity::Contact), Some(id), 10, 0).expect("history");
    assert_eq!(changes.len(), 2, "one change for the edit, one for the confirmation: {changes:?}");
    assert!(changes[1].before.as_deref().unwrap().contains("2024-01-10"));
}
