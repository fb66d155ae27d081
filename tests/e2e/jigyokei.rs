//! The 事業継続力強化計画 draft from the real window: in the demo company's BCP, one site's hazards,
//! a measure and the training plan are entered and the 安否確認 emptied; the checks and the
//! 「未記入」 list name it, and the PDF saved from the app has every section heading in order with
//! what was entered.

use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;

use crate::harness::{AppWindow, Home};
use crate::reporting::pdftotext;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn the_jigyokei_draft_is_saved_with_the_entered_site_and_names_a_missing_safety_check() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    drop(CompanyFile::create_demo(&file, Language::Ja).expect("demo company file"));

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.click("[data-testid=nav-bcp]").await;
    app.click("[data-testid=tab-jigyokei]").await;
    app.wait_for_text_in("[data-testid=jigyokei-checks]", "書き出す前の確認").await;
    assert!(app.absent("[data-testid=missing-safety_check]").await, "the demo fills the safety check");

    app.type_into("[data-testid=jigyokei-site-0] [data-testid=site-earthquake]", "震度7（直下型）").await;
    app.type_into("[data-testid=jigyokei-site-0] [data-testid=site-flood]", "0.5m未満").await;
    app.click("[data-testid=add-measure]").await;
    app.type_into("[data-testid=jigyokei-measure-8] [data-testid=measure-content]", "非常用の発電機を1台備える").await;
    app.type_into("[data-testid=jigyokei-training_plan]", "毎年9月1日に避難と安否確認の訓練を行う。").await;
    // Emptied: everything replaced by a space, which saving trims away.
    app.type_into("[data-testid=jigyokei-safety_check]", " ").await;
    app.click("[data-testid=save-jigyokei]").await;
    app.wait_for_text_in("[data-testid=jigyokei-saved]", "保存しました").await;
    app.wait_for_text_in("[data-testid=jigyokei-checks]", "従業員の安否確認の方法が書かれていません。").await;
    app.wait_for_text_in("[data-testid=jigyokei-missing]", "安否確認").await;
    app.element("[data-testid=jigyokei-checks]").await.scroll_into_view().await.ok();
    app.screenshot("jigyokei-checks-ja").await;
    app.click("[data-testid=missing-safety_check]").await;
    app.click("[data-testid=nav-history]").await;
    let kinds = app.history_kinds().await;
    assert_eq!(kinds.first().map(String::as_str), Some("事業継続力強化計画"), "the latest change is the plan: {kinds:?}");
    let fields = app.history_field_names().await;
    assert!(!fields.is_empty() && !fields.iter().any(|f| AppWindow::is_raw_key(f)), "field names: {fields:?}");
    app.click("[data-testid=nav-bcp]").await;
    app.click("[data-testid=tab-jigyokei]").await;
    app.wait_for_text_in("[data-testid=jigyokei-missing]", "安否確認").await;

    let pdf = home.path("ジギョケイ.pdf");
    home.answer_dialogs(&[&pdf]);
    app.click("[data-testid=pdf-jigyokei-preliminary]").await;
    app.wait_for_text_in("[data-testid=jigyokei]", "保存しました：").await;
    let text = pdftotext(&pdf);
    let mut from = 0;
    for expected in [
        "1 名称等",
        "2 事業継続力強化の目標",
        "震度7",
        "0.5m未満",
        "3 事業継続力強化の内容",
        "人命の安全確保（安否確認）",
        "未記入",
        "非常用の発電機を1台備える",
        "毎年9月1日に避難と安否確認の訓練を行う。",
        "4 実施期間",
        "5 事業継続力強化を実施する",
        "6 事業継続力強化の実施に協力する",
    ] {
        let at = text[from..].find(expected).unwrap_or_else(|| panic!("{expected} missing or out of order in:\n{text}"));
        from += at + expected.len();
    }

    app.text("English").await.click().await.expect("click English");
    app.wait_for_text_in("[data-testid=jigyokei-checks]", "How staff safety is confirmed is not written.").await;
    app.element("[data-testid=jigyokei-checks]").await.scroll_into_view().await.ok();
    app.screenshot("jigyokei-en").await;
    app.close().await;
}
