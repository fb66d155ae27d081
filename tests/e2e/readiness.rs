//! The readiness calendar: a policy reviewed 13 months ago shows as overdue on the home screen;
//! 「見直した」 on the policy page clears it, the change history keeps the date, and the policy
//! document prints it.

use chrono::Months;
use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_core::readiness::{self, ReviewedPart};
use sonae_core::store::history;

use crate::harness::{AppWindow, Home};

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
    let changes = history::change_history(company.connection(), Some("company"), None, 10, 0).expect("history");
    let review = changes
        .iter()
        .find(|c| c.entity == "company" && c.after.as_deref().is_some_and(|a| a.contains(&today.to_string())))
        .expect("the review is in the change history");
    assert!(review.before.as_deref().is_some_and(|b| b.contains(&long_ago.to_string())), "{review:?}");
}
