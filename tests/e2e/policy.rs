//! The owner keeps the policy true: a procedure step added, a local desk added to the directory,
//! both saved at once and shown in the change history.

use sonae_core::company;
use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_core::policy;
use sonae_core::store::history;
use thirtyfour::prelude::*;

use crate::harness::{AppWindow, Home};
use crate::reporting::choose;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_procedure_step_and_a_local_desk_are_saved_and_in_the_history() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    drop(CompanyFile::create_demo(&file, Language::Ja).expect("demo company file"));
    let step = "警察のサイバー犯罪相談窓口に被害を相談する";
    let desk = "大阪府警察 サイバー犯罪相談窓口";

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.click("[data-testid=nav-policy]").await;
    app.screenshot("policy-company-ja").await;
    app.click("[data-testid=tab-procedures]").await;
    app.click("[data-testid=procedure-steps-add]").await;
    let fields = app.driver.find_all(By::Css("[data-testid=procedure-steps] textarea")).await.expect("step fields");
    let last = fields.last().expect("the new step");
    last.send_keys(step).await.expect("type the step");
    app.click("[data-testid=save-procedure]").await;
    app.text("保存しました。").await;
    app.screenshot("policy-procedures-ja").await;

    app.click("[data-testid=tab-authorities]").await;
    app.type_into("[data-testid=new-authority-name]", desk).await;
    app.type_into("[data-testid=new-authority-phone]", "06-0000-0000").await;
    app.click("[data-testid=new-authority-save]").await;
    // The new desk's card appears above an emptied form.
    let mut shown = false;
    for _ in 0..100 {
        let names = app.driver.find_all(By::Css("[data-testid^=authority-local_][data-testid$=-name]")).await.expect("cards");
        for name in names {
            shown |= name.prop("value").await.ok().flatten().as_deref() == Some(desk);
        }
        if shown {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(shown, "the added desk is not listed");
    assert_eq!(app.value("[data-testid=new-authority-name]").await, "");
    app.screenshot("policy-authorities-ja").await;

    app.click("[data-testid=nav-bcp]").await;
    app.screenshot("bcp-targets-ja").await;
    app.click("[data-testid=nav-history]").await;
    app.wait_for_text_in("main", step).await;
    app.wait_for_text_in("main", desk).await;
    app.screenshot("history-ja").await;
    app.close().await;

    let company = CompanyFile::open(&file).expect("file opens");
    let policy = policy::edit::editable_policy(company.connection()).expect("policy");
    let leak3 = policy.procedures.iter().find(|p| p.category_key == "leak" && p.level == 3).expect("leak level 3");
    assert_eq!(leak3.steps.last().map(|s| s.text.as_str()), Some(step));
    let added = policy.authorities.iter().find(|a| a.name == desk).expect("the local desk");
    assert_eq!(added.phone, "06-0000-0000");
    assert!(!added.required, "a local desk can be deleted again");
    let changes = history::change_history(company.connection(), None, None, 10, 0).expect("history");
    let kinds: Vec<&str> = changes.iter().map(|c| c.entity.key()).collect();
    assert!(kinds.contains(&"procedure") && kinds.contains(&"authority"), "changes recorded: {kinds:?}");
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_mistyped_corporate_number_is_pointed_out_and_the_details_are_kept() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    drop(CompanyFile::create_demo(&file, Language::Ja).expect("demo company file"));

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.click("[data-testid=nav-policy]").await;
    // The National Tax Agency's own number with its last digit mistyped.
    app.type_into("[data-testid=profile-corporate-number]", "7000012050003").await;
    app.click("[data-testid=save-profile]").await;
    app.wait_for_text_in("[data-testid=company-details]", "打ち間違っている").await;

    app.type_into("[data-testid=profile-corporate-number]", "7000-0120-5000-2").await;
    app.type_into("[data-testid=profile-desk-phone]", "03-1111-2222").await;
    choose(&app, "profile-date-style", "和暦（令和8年12月25日）").await;
    app.click("[data-testid=save-profile]").await;
    app.text("保存しました。").await;
    app.element("[data-testid=company-details]").await.scroll_into_view().await.ok();
    app.screenshot("policy-company-details-ja").await;
    app.close().await;

    let company = CompanyFile::open(&file).expect("file opens");
    let details = company::company_profile(company.connection()).expect("profile").details;
    assert_eq!(details.corporate_number, "7000012050002", "kept as its 13 digits");
    assert_eq!(details.inquiry_desk.phone, "03-1111-2222");
    assert_eq!(details.date_style, sonae_core::language::DateStyle::Japanese);
}
