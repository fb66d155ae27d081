//! The readiness calendar: a policy reviewed 13 months ago shows as overdue on the home screen;
//! 「見直した」 on the policy page clears it, the change history keeps the date, and the policy
//! document prints it.

use chrono::Months;
use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_core::readiness::{self, ReviewedPart};
use sonae_core::store::history;

use crate::harness::{AppWindow, Home};
use crate::reporting::pdftotext;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_policy_reviewed_13_months_ago_is_due_until_it_is_reviewed_again() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    let today = chrono::Local::now().date_naive();
    let long_ago = today.checked_sub_months(Months::new(13)).expect("13 months ago");
    let recent = today.checked_sub_months(Months::new(2)).expect("2 months ago");
    {
        let mut company = CompanyFile::create_demo(&file, Language::Ja).expect("demo company file");
        company.write(|tx| readiness::mark_reviewed(tx, "鈴木", ReviewedPart::Policy, long_ago)).expect("old review");
        company.write(|tx| readiness::mark_reviewed(tx, "鈴木", ReviewedPart::Bcp, recent)).expect("recent review");
        // The demo exercise's follow-ups are done, so the policy review is the one thing due.
        for follow_up in sonae_core::exercise::run::open_follow_ups(company.connection()).expect("follow-ups") {
            company
                .write(|tx| sonae_core::exercise::run::set_follow_up_done(tx, "鈴木", follow_up.id, Some(&today.to_string())))
                .expect("follow-up done");
        }
    }

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.text("見直しと訓練の予定").await;
    let due = app.wait_for_text_in("[data-testid=readiness-policy_review]", "期限を過ぎています").await;
    assert!(due.text().await.expect("text").contains("対応方針の見直し"));
    assert!(app.absent("[data-testid=readiness-bcp_review]").await, "a BCP reviewed 2 months ago is not due");
    app.screenshot("readiness-home-ja").await;

    app.click("[data-testid=readiness-open-policy_review]").await;
    app.wait_for_text_in("[data-testid=review-state-policy]", "期限を過ぎています").await;
    app.click("[data-testid=mark-reviewed-policy]").await;
    app.wait_for_text_in("[data-testid=review-state-policy]", "期限内").await;
    app.screenshot("readiness-policy-reviewed-ja").await;

    app.click("[data-testid=nav-home]").await;
    app.text("見直しと訓練の予定").await;
    assert!(app.absent("[data-testid=readiness-policy_review]").await, "the reviewed policy is still listed as due");
    app.text("方針と事業継続計画の見直し、訓練は、どれも期限内です。").await;
    app.text("English").await.click().await.expect("click English");
    app.text("The policy review, the BCP review and the exercise are all within their intervals.").await;
    app.screenshot("readiness-home-en").await;
    app.click("[data-testid=nav-bcp]").await;
    app.wait_for_text_in("[data-testid=review-bcp]", "Review of the business-continuity plan").await;
    app.screenshot("readiness-bcp-en").await;
    app.close().await;

    let company = CompanyFile::open_to_read(&file).expect("open");
    assert_eq!(readiness::policy_reviewed_on(company.connection()).expect("date"), Some(today));
    let changes =
        history::change_history(company.connection(), Some(history::ChangedEntity::Company), None, 10, 0).expect("history");
    let review = changes
        .iter()
        .find(|c| {
            c.entity == history::ChangedEntity::Company && c.after.as_deref().is_some_and(|a| a.contains(&today.to_string()))
        })
        .expect("the review is in the change history");
    assert!(review.before.as_deref().is_some_and(|b| b.contains(&long_ago.to_string())), "{review:?}");
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn the_readiness_check_names_a_role_nobody_holds_and_prints_it_on_one_page() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    {
        let mut company = CompanyFile::create_demo(&file, Language::Ja).expect("demo company file");
        company
            .write(|tx| {
                sonae_core::policy::edit::create_role(
                    tx,
                    "鈴木",
                    &sonae_core::policy::editing::RoleInput { name: "広報担当".into(), description: String::new() },
                )
            })
            .expect("a role nobody holds");
    }
    let app = AppWindow::launch(&home, Some(&file)).await;
    app.click("[data-testid=open-summary]").await;
    app.wait_for_text_in("[data-testid=summary-roles]", "担当者がいない役割：広報担当").await;
    app.wait_for_text_in("[data-testid=summary-exercise]", "実施日").await;
    app.screenshot("readiness-summary-ja").await;

    let pdf = home.path("点検表.pdf");
    home.answer_dialogs(&[&pdf]);
    app.click("[data-testid=pdf-readiness-summary-preliminary]").await;
    app.wait_for_text_in("[data-testid=readiness-page]", "保存しました").await;
    let text = pdftotext(&pdf);
    assert!(text.contains("備えの点検表") && text.contains("担当者がいない役割：広報担当"), "{text}");
    assert!(
        !text.contains('\u{c}') || text.trim_end_matches('\u{c}').matches('\u{c}').count() == 0,
        "more than one page:\n{text}"
    );

    app.click("[data-testid=summary-fix-roles]").await;
    app.text("対応方針の見直し").await;
    app.close().await;
}
