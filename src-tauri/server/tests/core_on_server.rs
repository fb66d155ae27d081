//! The core on both stores: a company copied to a server reads there exactly as from its file,
//! and the same changes made to both leave the same company.
//!
//! Needs a server, like `tests/server.rs`: `make test-server` runs these with `SONAE_TEST_SERVER`.

mod support;

use chrono::NaiveDate;
use sonae_core::bcp::editing::{ExerciseInput, TargetInput};
use sonae_core::company_file::CompanyFile;
use sonae_core::contacts::{ContactInput, ContactKind, ContactTag, Email, Phone};
use sonae_core::exercise::run::{EndInput, FollowUpInput};
use sonae_core::incident::draft::{StepDraft, WhatHappenedDraft};
use sonae_core::incident::wizard::{CaseKind, Happened, IncidentBasics, Recovery, Severity, SeverityAnswers};
use sonae_core::incident::CallOutcome;
use sonae_core::language::Language;
use sonae_core::policy::editing::{AuthorityInput, RoleInput, StepInput};
use sonae_core::render::{self, Document, ExportOptions, ReportStage};
use sonae_core::store::{Db, Transaction};
use sonae_core::{bcp, company, contacts, exercise, home, incident, policy, readiness, store, template};
use sonae_server::{copy, ServerCompany};
use support::TestDatabase;

/// A demo company in a file, and the same company copied to a server database of its own.
struct BothStores {
    _dir: tempfile::TempDir,
    file: CompanyFile,
    server: ServerCompany,
    database: TestDatabase,
}

fn both_stores(name: &str, language: Language) -> BothStores {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("さくら.sonae");
    CompanyFile::create_demo(&path, language).unwrap();
    let database = TestDatabase::new(name);
    copy::push(&path, None, &database.address).unwrap();
    let file = CompanyFile::open(&path).unwrap();
    let server = ServerCompany::open(&database.address).unwrap();
    BothStores { _dir: dir, file, server, database }
}

/// Every read the window and the documents make, as text to compare, in one list per store.
fn every_read(conn: &dyn Db) -> Vec<(String, String)> {
    let on = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let mut reads: Vec<(String, String)> = Vec::new();
    let mut read = |what: &str, value: String| reads.push((what.to_owned(), value));
    read("company", format!("{:?}", company::company_profile(conn)));
    read("policy", format!("{:?}", policy::read::policy(conn)));
    read("call tree", format!("{:?}", policy::read::call_tree(conn)));
    read("wizard policy", format!("{:?}", policy::read::wizard_policy(conn)));
    read("editable policy", format!("{:?}", policy::edit::editable_policy(conn)));
    read("bcp", format!("{:?}", bcp::bcp(conn)));
    read("editable bcp", format!("{:?}", bcp::edit::editable_bcp(conn)));
    read("jigyokei", format!("{:?}", bcp::jigyokei::jigyokei(conn)));
    read("readiness", format!("{:?}", readiness::readiness(conn, on)));
    read("readiness summary", format!("{:?}", readiness::summary::readiness_summary(conn, on)));
    read("home", format!("{:?}", home::home_summary(conn, Some(on))));
    let everyone = contacts::ContactQuery { text: String::new(), tag: None, only_stale: false, offset: 0, limit: 0 };
    read("contacts", format!("{:?}", contacts::list_contacts_on(conn, &everyone, on)));
    let search = contacts::ContactQuery { text: "090".into(), ..everyone.clone() };
    read("contact search", format!("{:?}", contacts::list_contacts_on(conn, &search, on)));
    let stale = contacts::ContactQuery { only_stale: true, ..everyone.clone() };
    read("stale contacts", format!("{:?}", contacts::list_contacts_on(conn, &stale, on)));
    read("contacts csv", format!("{:?}", contacts::export_contacts_csv(conn)));
    let ids: Vec<i64> = conn.query_map("SELECT id FROM contact ORDER BY id", [], |r| r.get(0)).unwrap();
    for id in ids {
        read("contact usage", format!("{:?}", contacts::contact_usage(conn, id)));
    }
    read("incidents", format!("{:?}", incident::read::list_incidents(conn)));
    let incidents: Vec<i64> = conn.query_map("SELECT id FROM incident ORDER BY id", [], |r| r.get(0)).unwrap();
    for &id in &incidents {
        read("incident", format!("{:?}", incident::read::incident_detail(conn, id)));
        read("call list", format!("{:?}", incident::read::call_list(conn, id)));
        read("interview", format!("{:?}", incident::read::interview_start(conn, id)));
    }
    read("near misses", format!("{:?}", incident::near_misses::near_misses(conn)));
    read("exercise runs", format!("{:?}", exercise::run::list_runs(conn)));
    read("follow-ups", format!("{:?}", exercise::run::open_follow_ups(conn)));
    read("scenarios", format!("{:?}", exercise::scenario::company_scenarios(conn)));
    read("history", format!("{:?}", store::history::change_history(conn, None, None, 500, 0)));
    read("template", format!("{:?}", template::exchange::export_policy_template(conn)));
    for document in Document::ALL {
        for &incident_id in incidents.iter().chain([&0]).take(incidents.len().max(1)) {
            for stage in [ReportStage::Preliminary, ReportStage::Final] {
                let options = ExportOptions {
                    incident_id: (incident_id != 0).then_some(incident_id),
                    exercise_id: None,
                    stage,
                    language: Language::Ja,
                    issued_on: Some(on),
                };
                if document.is_draft() {
                    read("draft", format!("{document:?} {incident_id} {:?}", render::draft_text(conn, *document, &options)));
                }
                // The text is compared through the drafts; a PDF's bytes differ from one export to
                // the next (the fonts' subsets), so its page count stands for the rest.
                let pages = render::export(conn, *document, &options).map(|pdf| page_count(&pdf));
                read("document", format!("{document:?} {incident_id} {stage:?} {pages:?}"));
            }
        }
    }
    reads
}

/// The number of pages a PDF says it has.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let count = text.split("/Type/Pages/Count ").nth(1).expect("a page tree");
    count.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

/// Every read of both stores gives the same, once `seen` has made each comparable.
fn assert_same_reads(both: &BothStores, seen: impl Fn(&str) -> String) {
    let from_file = every_read(both.file.connection());
    let from_server = every_read(both.server.connection());
    assert_eq!(from_file.len(), from_server.len());
    for ((what, file), (_, server)) in from_file.iter().zip(&from_server) {
        assert!(!file.starts_with("Err"), "{what} fails on the file: {file}");
        let (file, server) = (seen(file), seen(server));
        if file != server {
            let at = file.chars().zip(server.chars()).take_while(|(a, b)| a == b).count().saturating_sub(80);
            let around = |text: &str| text.chars().skip(at).take(600).collect::<String>();
            panic!("{what} differs on the server:\n  file:   …{}\n  server: …{}", around(&file), around(&server));
        }
    }
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_company_on_a_server_reads_as_its_file_does() {
    for (name, language) in [("reads_ja", Language::Ja), ("reads_en", Language::En)] {
        let both = both_stores(name, language);
        assert_same_reads(&both, str::to_owned);
    }
}

/// A company both stores can hold: what the scenario below needs of each.
trait Company {
    fn tables(&self) -> &dyn Db;
    fn change<T>(&mut self, work: impl FnOnce(&Transaction) -> store::Result<T>) -> T;
}

impl Company for CompanyFile {
    fn tables(&self) -> &dyn Db {
        self.connection()
    }
    fn change<T>(&mut self, work: impl FnOnce(&Transaction) -> store::Result<T>) -> T {
        self.write(work).expect("the change is made in the file")
    }
}

impl Company for ServerCompany {
    fn tables(&self) -> &dyn Db {
        self.connection()
    }
    fn change<T>(&mut self, work: impl FnOnce(&Transaction) -> store::Result<T>) -> T {
        self.write(work).expect("the change is made on the server")
    }
}

/// A day's work in every part of the company, as the window makes it.
fn a_day_of_changes(company: &mut impl Company) {
    let author = "松本 由美";
    // Contacts: a new vendor with two phones, an edit, confirmations and a new call tree.
    let vendor = ContactInput {
        kind: ContactKind::Organization,
        name: "株式会社みなと保守 <script>alert(1)</script> 🛠".into(),
        name_kana: "みなとほしゅ".into(),
        organization: String::new(),
        department: "サポート窓口".into(),
        title: String::new(),
        notes: "夜間は携帯へ。".repeat(500),
        call_order: None,
        last_confirmed_on: Some("2026-12-01".into()),
        phones: vec![
            Phone { label: "代表".into(), number: "03-1111-2222".into(), emergency: false },
            Phone { label: "夜間".into(), number: "090-3333-4444".into(), emergency: true },
        ],
        emails: vec![Email { label: "保守".into(), address: "support@minato.example.jp".into() }],
        tags: vec![ContactTag::Vendor],
    };
    let vendor_id = company.change(|tx| contacts::create_contact(tx, author, &vendor));
    let moved = ContactInput { title: "保守担当".into(), call_order: Some(1), ..vendor.clone() };
    company.change(|tx| contacts::update_contact(tx, author, vendor_id, &moved));
    company
        .change(|tx| contacts::confirm_contacts(tx, author, &[2, 3, vendor_id], NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()));
    company.change(|tx| contacts::set_call_order(tx, author, &[3, vendor_id, 2]));
    let temporary = ContactInput { name: "一時連絡先".into(), notes: String::new(), tags: vec![], ..vendor.clone() };
    let temporary_id = company.change(|tx| contacts::create_contact(tx, author, &temporary));
    company.change(|tx| contacts::delete_contact(tx, author, temporary_id));

    // The policy: a role with holders, a checklist, an authority.
    let role = RoleInput { name: "広報担当".into(), description: "公表文と問い合わせ窓口".into() };
    let role_id = company.change(|tx| policy::edit::create_role(tx, author, &role));
    company.change(|tx| policy::edit::set_role_holders(tx, author, role_id, &[2, vendor_id]));
    let steps = [
        StepInput { text: "送信取消を試みる".into(), role_id: Some(role_id) },
        StepInput { text: "相手に削除を依頼する".into(), role_id: None },
    ];
    company.change(|tx| policy::edit::save_checklist(tx, author, "missent", "誤送信の初動", &steps));
    let authority = AuthorityInput {
        name: "都のサイバー相談窓口".into(),
        purpose: "相談".into(),
        url: "https://example.jp/".into(),
        phone: "03-0000-0000".into(),
        email: String::new(),
        hours: "平日".into(),
        source: "自社で確認".into(),
    };
    company.change(|tx| policy::edit::create_authority(tx, author, &authority));

    // The BCP: a target and an exercise record.
    let target = TargetInput {
        name: "会計システム".into(),
        recovery_role_id: Some(role_id),
        recovery_contact_id: Some(vendor_id),
        related_contact_ids: vec![3],
        related_contacts_hint: String::new(),
        target_recovery_time: "2営業日".into(),
        recovery_steps: vec!["バックアップから戻す".into()],
    };
    company.change(|tx| bcp::edit::create_target(tx, author, &target));
    let exercise = ExerciseInput {
        held_on: "2026-12-05".into(),
        scenario_id: None,
        participants: "5名".into(),
        what_worked: "連絡が早かった".into(),
        unreachable: String::new(),
        follow_ups: String::new(),
        confirmed_contact_ids: vec![vendor_id],
    };
    company.change(|tx| bcp::edit::record_exercise(tx, author, &exercise));

    // An incident through the wizard's steps.
    let id = company.change(|tx| incident::record::start_incident(tx, CaseKind::Missent));
    let typed = WhatHappenedDraft {
        case_kind: CaseKind::Missent,
        title: "見積書の誤送信".into(),
        date: "2026-12-07".into(),
        time: "09:30".into(),
        discovered_by: author.into(),
        description: "見積書を".into(),
        occurred_unknown: true,
        occurred_date: String::new(),
        occurred_time: String::new(),
        author: author.into(),
    };
    company.change(|tx| incident::record::save_draft(tx, id, &StepDraft::WhatHappened(typed.clone())));
    let basics = IncidentBasics {
        case_kind: CaseKind::Missent,
        title: "見積書を別の取引先に誤送信".into(),
        discovered_at: "2026-12-07T09:30:00+09:00".into(),
        occurred_at: None,
        discovered_by: author.into(),
        description: "顧客10名分の氏名と住所を含む見積書を、別の取引先に送った。".into(),
    };
    company.change(|tx| incident::record::record_basics(tx, id, &basics, author));
    let answers = SeverityAnswers {
        happened: Happened::DamageConfirmed,
        outsiders_affected: true,
        personal_data_involved: true,
        business_disrupted: false,
        staff_work_hindered: false,
    };
    let severity =
        Severity { answers, category: "leak".into(), level: 2, override_reason: "取引先は削除に応じている".into() };
    company.change(|tx| incident::record::record_severity(tx, id, &severity, author));
    let called = incident::read::call_list(company.tables(), id).unwrap()[0].contact_id;
    company.change(|tx| incident::record::record_call(tx, id, called, CallOutcome::NoAnswer, author));
    company.change(|tx| incident::record::record_call(tx, id, called, CallOutcome::Reached, author));
    let task = incident::read::incident_detail(company.tables(), id).unwrap().tasks[0].id;
    company.change(|tx| incident::record::set_task_done(tx, id, task, true, author));
    company.change(|tx| incident::record::add_note(tx, id, "先方から削除済みの連絡あり。", author));
    let recovery = Recovery { cause: "宛先の選び間違い".into(), ..Recovery::default() };
    company.change(|tx| incident::record::record_recovery(tx, id, &recovery, author));

    // An exercise run from start to end.
    let scenario = exercise::scenario::builtin_scenarios(Language::Ja).remove(0);
    let run = company.change(|tx| exercise::run::start_run(tx, author, &scenario.spec, None, author));
    company.change(|tx| exercise::run::reveal_next(tx, run));
    company.change(|tx| exercise::run::record_response(tx, run, 0, "LANケーブルを抜いた", Some(5)));
    company.change(|tx| exercise::run::mark_call(tx, run, 3, true));
    let follow_up =
        FollowUpInput { text: "夜間番号を確かめる".into(), owner: "高橋".into(), due_on: "2026-12-20".into() };
    company.change(|tx| exercise::run::add_follow_up(tx, author, run, &follow_up));
    let ended = EndInput { participants: "4名".into(), what_worked: "初動".into() };
    company.change(|tx| exercise::run::end_run(tx, author, run, &ended));
}

/// `text` with every time of day (`…T09:30:00+09:00`) replaced by `T…`: the changes made now carry
/// the second they were made at, which differs between the two stores.
fn without_times(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('T') {
        let time = rest[at + 1..].get(..14);
        let is_time = time.is_some_and(|t| {
            t.bytes().enumerate().all(|(i, b)| match i {
                2 | 5 => b == b':',
                8 => b == b'+' || b == b'-',
                11 => b == b':',
                _ => b.is_ascii_digit(),
            })
        });
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        if is_time {
            out.push('…');
            rest = &rest[14..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn the_same_changes_leave_the_same_company_on_both_stores() {
    let mut both = both_stores("changes", Language::Ja);
    a_day_of_changes(&mut both.file);
    a_day_of_changes(&mut both.server);
    assert_same_reads(&both, without_times);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_change_that_meets_another_persons_change_is_refused_whole_and_theirs_kept() {
    let mut both = both_stores("conflict", Language::Ja);
    let mut other_pc = ServerCompany::open(both.server.address()).unwrap();
    let contact = |company: &ServerCompany| contacts::contact(company.connection(), 2).unwrap();
    let before = contact(&both.server);
    let input = |title: &str| ContactInput { title: title.into(), ..ContactInput::from(before.clone()) };
    let incidents_before = incident::read::list_incidents(both.server.connection()).unwrap().len();
    let mine = both.server.write(|tx| {
        // This PC starts an incident and reads the contact; meanwhile another PC saves the same
        // contact; then this PC saves its own edit of it.
        incident::record::start_incident(tx, CaseKind::Missent)?;
        contacts::contact(tx, 2)?;
        other_pc.write(|tx| contacts::update_contact(tx, "高橋 健太", 2, &input("総務部長"))).unwrap();
        contacts::update_contact(tx, "松本 由美", 2, &input("総務課長"))
    });
    let error = mine.expect_err("the second save of the same contact is refused");
    assert!(error.code() == sonae_core::error_code::ErrorCode::ChangedElsewhere, "{error:?}");
    assert_eq!(contact(&both.server).title, "総務部長", "the other person's change is kept");
    assert_eq!(
        incident::read::list_incidents(both.server.connection()).unwrap().len(),
        incidents_before,
        "nothing of the refused change was written"
    );
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn what_one_read_takes_in_several_statements_is_one_state_while_another_pc_saves() {
    let both = both_stores("snapshot", Language::Ja);
    let title = |db: &dyn Db| contacts::contact(db, 2).map(|c| c.title);
    let contact = ContactInput::from(contacts::contact(both.server.connection(), 2).unwrap());
    let retitled = |title: &str| ContactInput { title: title.into(), ..contact.clone() };
    let before = title(both.server.connection()).unwrap();

    // On the server: another PC saves between this read's two statements.
    let mut other_pc = ServerCompany::open(both.server.address()).unwrap();
    let (first, second) = both
        .server
        .read(|db| {
            let first = title(db)?;
            other_pc.write(|tx| contacts::update_contact(tx, "高橋", 2, &retitled("総務部長（高橋）"))).unwrap();
            Ok::<_, store::StoreError>((first, title(db)?))
        })
        .unwrap();
    assert_eq!((first.as_str(), second.as_str()), (before.as_str(), before.as_str()));
    assert_eq!(title(both.server.connection()).unwrap(), "総務部長（高橋）", "the next read sees it");
    // Nothing can be written in a read.
    let write = both.server.read(|db| db.execute_values("DELETE FROM contact_tag", &[]));
    assert!(write.is_err(), "a read wrote: {write:?}");

    // In the file: another program (the command line) saves between the two statements.
    let before = title(both.file.connection()).unwrap();
    let path = both._dir.path().join("さくら.sonae");
    let mut other_program = CompanyFile::open(&path).unwrap();
    let (first, second) = both
        .file
        .read(|db| {
            let first = title(db)?;
            other_program.write(|tx| contacts::update_contact(tx, "高橋", 2, &retitled("総務部長（CLI）"))).unwrap();
            Ok::<_, store::StoreError>((first, title(db)?))
        })
        .unwrap();
    assert_eq!((first.as_str(), second.as_str()), (before.as_str(), before.as_str()));
    assert_eq!(title(both.file.connection()).unwrap(), "総務部長（CLI）", "the next read sees it");
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_server_lost_in_the_middle_of_a_write_leaves_nothing_of_it_and_says_so() {
    let mut both = both_stores("lost", Language::Ja);
    let incidents_before = incident::read::list_incidents(both.server.connection()).unwrap().len();
    let backend: i64 = both.server.connection().query_row("SELECT pg_backend_pid()", [], |r| r.get(0)).unwrap();
    let mut administrator = both.database.client();
    let started = std::time::Instant::now();
    let lost = both.server.write(|tx| {
        let id = incident::record::start_incident(tx, CaseKind::Missent)?;
        // The server's side of this connection ends here, as when the server is stopped.
        administrator.execute("SELECT pg_terminate_backend($1)", &[&i32::try_from(backend).unwrap()]).unwrap();
        incident::record::add_note(tx, id, "途中まで書いた記録", "松本 由美")
    });
    let error = lost.expect_err("a write on a lost connection is refused");
    assert_eq!(error.code(), sonae_core::error_code::ErrorCode::ServerUnreachable, "{error:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "it was reported at once");
    let reading = incident::read::list_incidents(both.server.connection()).unwrap_err();
    assert_eq!(reading.code(), sonae_core::error_code::ErrorCode::ServerUnreachable, "{reading:?}");
    let reopened = ServerCompany::open(both.server.address()).unwrap();
    assert_eq!(
        incident::read::list_incidents(reopened.connection()).unwrap().len(),
        incidents_before,
        "nothing of the interrupted write is on the server"
    );
}
