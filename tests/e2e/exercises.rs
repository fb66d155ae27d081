//! A tabletop exercise in the real window: the ransomware scenario from start to end — injects
//! revealed, two calls marked, a follow-up written, the exercise ended — then the file holds the
//! BCP's exercise record with the participants, the follow-up and the contacts reached, the
//! report prints, and the incident list and the home screen show exactly what they showed before.

use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_core::{bcp, exercise, home, incident, policy};

use crate::harness::{AppWindow, Home};
use crate::reporting::pdftotext;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn the_ransomware_exercise_runs_to_its_end_and_adds_no_incident() {
    let home = Home::new();
    let file = home.path("sakura.sonae");
    let today = chrono::Local::now().date_naive();
    let (incidents_before, open_before, obligations_before, first, second) = {
        let company = CompanyFile::create_demo(&file, Language::Ja).expect("demo company file");
        let conn = company.connection();
        let summary = home::home_summary(conn, None).expect("home summary");
        let obligations: i64 = conn.query_row("SELECT count(*) FROM obligation", [], |r| r.get(0)).expect("count");
        let tree = policy::read::call_tree(conn).expect("call tree");
        (
            incident::read::list_incidents(conn).expect("incidents"),
            summary.open_incidents,
            obligations,
            tree[0].clone(),
            tree[1].clone(),
        )
    };

    let app = AppWindow::launch(&home, Some(&file)).await;
    // The demo exercise's open follow-up due on 4 December is on the home calendar.
    app.wait_for_text_in("[data-testid=readiness]", "訓練の課題：警視庁のサイバー犯罪相談窓口の電話番号").await;
    app.screenshot("exercise-follow-up-home-ja").await;
    let home_incidents = app.element("[data-testid=open-incidents]").await.prop("textContent").await.expect("text");
    app.click("[data-testid=nav-incidents]").await;
    let table_before = app.element("[data-testid=incident-table]").await.prop("textContent").await.expect("text");

    app.click("[data-testid=nav-exercises]").await;
    app.wait_for_text_in("[data-testid=exercises-page]", "月曜の朝、ファイルサーバーがランサムウェアに").await;
    app.screenshot("exercises-ja").await;
    assert_eq!(app.value("[data-testid=exercise-scenario]").await, "月曜の朝、ファイルサーバーがランサムウェアに");
    app.type_into("[data-testid=exercise-facilitator]", "中村 恵子").await;
    app.click("[data-testid=start-exercise]").await;

    app.wait_for_text_in("[data-testid=practice-banner]", "これは訓練です").await;
    app.wait_for_text_in("[data-testid=inject-0]", "T+0分").await;
    assert!(app.absent("[data-testid=inject-1]").await, "the second inject waits for the facilitator");
    app.type_into("[data-testid=inject-0] [data-testid=inject-response]", "サーバーのLANケーブルを抜き、松本に電話した").await;
    app.type_into("[data-testid=inject-0] [data-testid=inject-minutes]", "8").await;
    app.click("[data-testid=inject-0] [data-testid=save-response]").await;
    app.wait_for_text_in("[data-testid=inject-0] [data-testid=save-response]", "記録しました").await;
    app.click("[data-testid=reveal-next]").await;
    app.wait_for_text_in("[data-testid=inject-1]", "T+30分").await;

    app.click(&format!("[data-testid=exercise-call-{}] [data-testid=exercise-reached]", first.id)).await;
    app.wait_for_text_in(&format!("[data-testid=exercise-call-{}]", first.id), "つながった（").await;
    app.click(&format!("[data-testid=exercise-call-{}] [data-testid=exercise-not-reached]", second.id)).await;
    app.wait_for_text_in(&format!("[data-testid=exercise-call-{}]", second.id), "つながらなかった（").await;
    app.screenshot("exercise-run-ja").await;

    app.type_into("[data-testid=follow-up-text]", "保守会社の夜間の番号を連絡先に登録する").await;
    app.type_into("[data-testid=follow-up-owner]", "高橋 健太").await;
    app.type_into("[data-testid=follow-up-due]", "2027-01-15").await;
    app.click("[data-testid=add-follow-up]").await;
    app.wait_for_text_in("[data-testid=exercise-follow-ups]", "保守会社の夜間の番号を連絡先に登録する").await;

    app.type_into("[data-testid=exercise-participants]", "中村、松本、高橋、山田の4名").await;
    app.type_into("[data-testid=exercise-what-worked]", "最初の30分で連絡網の上位がそろった").await;
    app.click("[data-testid=end-exercise]").await;
    app.click("[data-testid=end-exercise-confirm]").await;
    app.wait_for_text_in("[data-testid=exercise-ended]", "事業継続計画に記録されました").await;
    app.wait_for_text_in("[data-testid=exercise-ended]", &second.name).await;
    assert!(app.absent("[data-testid=reveal-next]").await, "an ended exercise reveals nothing more");
    app.screenshot("exercise-ended-ja").await;

    let pdf = home.path("訓練報告書.pdf");
    home.answer_dialogs(&[&pdf]);
    app.click("[data-testid=pdf-exercise-report-preliminary]").await;
    app.wait_for_text_in("[data-testid=exercise-run-page]", "保存しました").await;
    let text = pdftotext(&pdf);
    for expected in [
        "訓練報告書",
        "これは訓練の記録です",
        "サーバーのLANケーブルを抜き",
        "保守会社の夜間の番号を連絡先に登録する",
        &first.name,
    ] {
        assert!(text.contains(expected), "{expected} missing in the report:\n{text}");
    }

    // The history names what the exercise recorded in Japanese, never by its internal key.
    app.click("[data-testid=nav-history]").await;
    let kinds = app.history_kinds().await;
    for label in ["訓練の実施", "訓練の改善事項"] {
        assert!(kinds.iter().any(|k| k == label), "the history lacks {label}: {kinds:?}");
    }
    let raw_key = |text: &String| AppWindow::is_raw_key(text);
    assert!(!kinds.iter().any(raw_key), "a raw key in {kinds:?}");
    let fields = app.history_field_names().await;
    assert!(fields.iter().any(|f| f == "担当者") && !fields.iter().any(raw_key), "field names: {fields:?}");
    app.screenshot("history-after-exercise-ja").await;

    // The incident list and the home screen show what they showed before.
    app.click("[data-testid=nav-incidents]").await;
    let table_after = app.element("[data-testid=incident-table]").await.prop("textContent").await.expect("text");
    assert_eq!(table_after, table_before);
    app.click("[data-testid=nav-home]").await;
    let home_after = app.element("[data-testid=open-incidents]").await.prop("textContent").await.expect("text");
    assert_eq!(home_after, home_incidents);
    app.text("English").await.click().await.expect("click English");
    app.click("[data-testid=nav-exercises]").await;
    app.wait_for_text_in("[data-testid=exercises-page]", "Exercises held").await;
    app.screenshot("exercises-en").await;
    app.close().await;

    let company = CompanyFile::open_to_read(&file).expect("open");
    let conn = company.connection();
    assert_eq!(incident::read::list_incidents(conn).expect("incidents"), incidents_before);
    assert_eq!(home::home_summary(conn, None).expect("home").open_incidents, open_before);
    let obligations: i64 = conn.query_row("SELECT count(*) FROM obligation", [], |r| r.get(0)).expect("count");
    assert_eq!(obligations, obligations_before);

    let record = &bcp::bcp(conn).expect("bcp").exercises[0];
    assert_eq!(record.held_on, today);
    assert_eq!(record.scenario.as_deref(), Some("月曜の朝、ファイルサーバーがランサムウェアに"));
    assert_eq!(record.participants, "中村、松本、高橋、山田の4名");
    assert!(record.follow_ups.contains("保守会社の夜間の番号を連絡先に登録する（高橋 健太、2027年1月15日まで）"), "{record:?}");
    assert_eq!(record.unreachable, second.name);
    assert_eq!(record.confirmed_contacts, std::slice::from_ref(&first.name));
    let confirmed: Option<chrono::NaiveDate> =
        conn.query_row("SELECT last_confirmed_on FROM contact WHERE id = ?1", [first.id], |r| r.get(0)).expect("contact");
    assert_eq!(confirmed, Some(today));
    let open = exercise::run::open_follow_ups(conn).expect("follow-ups");
    assert!(open.iter().any(|f| f.owner == "高橋 健太" && f.due_on.to_string() == "2027-01-15"));
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn a_scenario_written_in_the_editor_travels_as_a_file_and_a_broken_file_is_refused_by_line() {
    let home = Home::new();
    let file = home.path("client.sonae");
    drop(CompanyFile::create_demo(&file, Language::Ja).expect("demo company file"));
    let broken = home.path("broken.json");
    std::fs::write(
        &broken,
        "{\n  \"format\": \"sonae-exercise-scenario\",\n  \"version\": 1,\n  \"scenario\": {\n    \"title\": \"停電\",\n    \"duration_hours\": 4,\n    \"injects\": [\n      { \"at_minutes\": 0, \"text\": \"\" }\n    ]\n  }\n}\n",
    )
    .expect("broken scenario file");

    let app = AppWindow::launch(&home, Some(&file)).await;
    app.click("[data-testid=nav-exercises]").await;
    // Once the scenarios are listed, the button below them no longer moves.
    app.wait_for_text_in("[data-testid=exercises-page]", "勤務中の大地震で基幹システムが止まる").await;
    app.click("[data-testid=new-scenario]").await;
    app.type_into("[data-testid=scenario-title]", "取引先からの不審な請求書メール").await;
    app.type_into("[data-testid=scenario-description]", "経理担当が添付ファイルを開いた後の1日を追う。").await;
    app.type_into(
        "[data-testid=scenario-inject-0] [data-testid=inject-text-input]",
        "経理担当から「請求書が開けない」と連絡が来る。",
    )
    .await;
    app.click("[data-testid=add-inject]").await;
    app.type_into("[data-testid=scenario-inject-1] [data-testid=inject-at-hours]", "2").await;
    app.type_into("[data-testid=scenario-inject-1] [data-testid=inject-text-input]", "同じメールが他の社員にも届いていた。")
        .await;
    app.screenshot("scenario-editor-ja").await;
    app.click("[data-testid=save-scenario]").await;
    app.wait_for_text_in("[data-testid=scenario-company-1]", "取引先からの不審な請求書メール").await;
    app.wait_for_text_in("[data-testid=scenario-company-1]", "状況 2件・24時間").await;
    // Opened again in the editor and renamed: the change is saved over the scenario as read.
    app.click("[data-testid=scenario-company-1] button").await;
    app.wait_for_value("[data-testid=scenario-title]", "取引先からの不審な請求書メール").await;
    app.type_into("[data-testid=scenario-title]", "取引先を名乗る不審な請求書メール").await;
    app.click("[data-testid=save-scenario]").await;
    app.wait_for_text_in("[data-testid=scenario-company-1]", "取引先を名乗る不審な請求書メール").await;

    let exported = home.path("請求書メール.json");
    home.answer_dialogs(&[&exported]);
    app.click("[data-testid=export-scenario-company-1]").await;
    app.wait_for_text_in("[data-testid=scenario-notice]", "保存しました").await;
    let spec = exercise::scenario::read_scenario_file(&std::fs::read(&exported).expect("exported file")).expect("reads back");
    assert_eq!(spec.injects.len(), 2);
    assert_eq!(spec.injects[1].at_minutes, 120);

    // A broken file: refused with the line, nothing added.
    home.answer_dialogs(&[&broken]);
    app.click("[data-testid=import-scenario]").await;
    app.wait_for_text_in("[data-testid=error]", "訓練シナリオの内容に誤りがあります").await;
    app.wait_for_text_in("[data-testid=error]", "line 9").await;
    app.screenshot("scenario-import-refused-ja").await;
    assert!(app.absent("[data-testid=scenario-company-2]").await, "nothing imported from the broken file");

    // The exported file imports as a second scenario of the company.
    home.answer_dialogs(&[&exported]);
    app.click("[data-testid=import-scenario]").await;
    app.wait_for_text_in("[data-testid=scenario-notice]", "シナリオを読み込みました").await;
    app.wait_for_text_in("[data-testid=scenario-company-2]", "取引先を名乗る不審な請求書メール").await;
    app.close().await;

    let company = CompanyFile::open_to_read(&file).expect("open");
    let own = exercise::scenario::company_scenarios(company.connection()).expect("scenarios");
    assert_eq!(own.len(), 2);
    assert_eq!(own[0].spec, own[1].spec);
}
