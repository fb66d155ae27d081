//! Text a user typed (or a hostile file carried) is stored and shown as text, never run as HTML.

use rusqlite::params;
use sonae_core::company_file::CompanyFile;
use sonae_core::incident;
use sonae_core::language::Language;
use thirtyfour::prelude::*;

use crate::harness::{AppWindow, Home};

const HOSTILE_NAME: &str = "<img src=x onerror=alert(1)>";

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn markup_in_names_and_a_20000_character_note_are_shown_as_text() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    let incident_id = {
        let mut company = CompanyFile::create_demo(&file, Language::Ja).expect("demo company file");
        company
            .write(|tx| {
                // A contact never confirmed, so the home screen lists it.
                tx.execute(
                    "UPDATE contact SET name = ?1, last_confirmed_on = NULL WHERE id = (SELECT min(id) FROM contact)",
                    params![HOSTILE_NAME],
                )?;
                Ok(())
            })
            .expect("rename a contact");
        incident::read::list_incidents(company.connection())
            .unwrap()
            .into_iter()
            .find(|i| i.status == sonae_core::incident::IncidentStatus::Open)
            .unwrap()
            .id
    };
    let note = format!("<script>alert(2)</script>{}", "長い経過メモ。".repeat(20_000 / 7));

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.wait_for_text_in("[data-testid=stale-contacts]", HOSTILE_NAME).await;
    app.click(&format!("[data-testid=open-incident-{incident_id}]")).await;
    // Typing 20,000 characters key by key takes long; the note field is filled the way a paste
    // does, then a real key press makes React take the value.
    let field = app.element("[data-testid=note]").await;
    app.driver
        .execute(
            "const f = arguments[0]; const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set; set.call(f, arguments[1]); f.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![field.to_json().expect("element"), serde_json::Value::String(note.clone())],
        )
        .await
        .expect("paste the note");
    app.type_into("[data-testid=note-author]", "高橋 健太").await;
    app.click("[data-testid=add-note]").await;
    app.wait_for_text_in("[data-testid=timeline]", "<script>alert(2)</script>長い経過メモ。").await;
    app.driver.execute("window.scrollTo(0, 0)", vec![]).await.expect("scroll to the top");
    app.screenshot("hostile-text-ja").await;

    assert!(app.driver.find_all(By::Css("img[src=x]")).await.expect("query").is_empty(), "the name was run as HTML");
    assert!(app.driver.get_alert_text().await.is_err(), "a script ran and opened an alert");
    app.close().await;

    let company = CompanyFile::open(&file).expect("file opens");
    let detail = incident::read::incident_detail(company.connection(), incident_id).expect("incident");
    let last = detail.timeline.last().expect("the note");
    assert_eq!(last.message, note, "the note is stored exactly");
    assert_eq!(last.author, "高橋 健太", "asked for the writer's name, the note carries it");
}
