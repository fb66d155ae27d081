//! The incident wizard against a real company file: each step as the app confirms it, read back
//! the way the detail page and the exported report read it.

use sonae_core::company_file::CompanyFile;
use sonae_core::incident;
use sonae_core::incident::affected_data::{AffectedData, DataItem, DataItems, DataSubjectGroup, Harm, ReportingDetails};
use sonae_core::incident::draft::{StepDraft, WhatHappenedDraft};
use sonae_core::incident::record;
use sonae_core::incident::wizard::{CaseKind, Happened, IncidentBasics, Recovery, Severity, SeverityAnswers};
use sonae_core::incident::CallOutcome;
use sonae_core::incident::IncidentStatus;
use sonae_core::incident::NearMissInput;
use sonae_core::incident::ObligationStatus;
use sonae_core::incident::ObligationUpdate;
use sonae_core::incident::TaskSource;
use sonae_core::language::Language;
use sonae_core::rules::IncidentStage;
use sonae_core::rules::{self, Authority, DeadlineStage, DueBy, Duty, Facts};

fn demo() -> (tempfile::TempDir, CompanyFile) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = CompanyFile::create_demo(&dir.path().join("demo.sonae"), Language::Ja).expect("demo file");
    (dir, file)
}

fn missent_basics() -> IncidentBasics {
    IncidentBasics {
        case_kind: CaseKind::Missent,
        title: "健診結果を別の顧客に誤送信".into(),
        discovered_at: "2026-04-06T15:30:00+09:00".into(),
        occurred_at: None,
        discovered_by: "鈴木 花子".into(),
        description: "顧客1名の健康診断結果を添付したメールを、別の顧客に送ってしまった。".into(),
    }
}

fn personal_data_answers() -> SeverityAnswers {
    SeverityAnswers {
        happened: Happened::DamageConfirmed,
        outsiders_affected: true,
        personal_data_involved: true,
        business_disrupted: false,
        staff_work_hindered: false,
    }
}

#[test]
fn a_missent_health_record_goes_from_first_step_to_closed() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Missent)).unwrap();
    file.write(|tx| record::record_basics(tx, id, &missent_basics(), "鈴木 花子")).unwrap();

    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.title, "健診結果を別の顧客に誤送信");
    assert_eq!(detail.category.as_deref(), Some("leak"), "a mis-sent email is a leak by default");
    assert_eq!(detail.wizard_step, 1);
    let checklist: Vec<_> = detail.tasks.iter().filter(|t| t.source == TaskSource::Checklist).collect();
    assert!(!checklist.is_empty(), "the mis-sent checklist was copied");
    assert_eq!(detail.timeline.len(), 1);
    assert!(detail.timeline[0].message.contains("誤送信"), "{}", detail.timeline[0].message);

    let severity =
        Severity { answers: personal_data_answers(), category: "leak".into(), level: 3, override_reason: String::new() };
    file.write(|tx| record::record_severity(tx, id, &severity, "鈴木 花子")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!((detail.stage, detail.level), (IncidentStage::Incident, Some(3)));
    assert!(detail.tasks.iter().any(|t| t.source == TaskSource::Procedure), "the level-3 leak procedure was laid out");

    // Level 3 is the chief's (and the manager's below it): both are on the call list.
    let calls = incident::read::call_list(file.connection(), id).unwrap();
    let roles: Vec<&str> = calls.iter().flat_map(|c| c.roles.iter().map(String::as_str)).collect();
    assert!(roles.contains(&"最高責任者") && roles.contains(&"インシデント対応責任者"), "{roles:?}");
    assert!(calls.iter().all(|c| !c.phones.is_empty()), "everyone to call has a phone number");
    let first_deputy = calls.iter().position(|c| c.deputy).unwrap_or(calls.len());
    assert!(calls[..first_deputy].iter().all(|c| !c.deputy) && calls[first_deputy..].iter().all(|c| c.deputy));
    let chief = &calls[0];
    file.write(|tx| record::record_call(tx, id, chief.contact_id, CallOutcome::NoAnswer, "鈴木 花子")).unwrap();
    file.write(|tx| record::record_call(tx, id, chief.contact_id, CallOutcome::Reached, "鈴木 花子")).unwrap();
    let calls = incident::read::call_list(file.connection(), id).unwrap();
    assert_eq!(calls[0].last_call.as_ref().map(|c| c.outcome), Some(CallOutcome::Reached));

    let task = detail.tasks[0].id;
    file.write(|tx| record::set_task_done(tx, id, task, true, "鈴木 花子")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    let ticked = detail.tasks.iter().find(|t| t.id == task).unwrap();
    assert!(ticked.done_at.is_some());
    assert_eq!(ticked.done_by, "鈴木 花子");

    // Reporting: one customer's health data, not encrypted.
    let mut facts: Facts = detail.suggested_facts.clone().expect("facts are suggested from the earlier steps");
    assert_eq!(facts.category, rules::IncidentCategory::Leak);
    facts.personal_data.at_risk.subjects = 1;
    facts.personal_data.at_risk.sensitive = true;
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "鈴木 花子")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    let ppc = detail.obligations.iter().find(|o| o.authority == Authority::Ppc).expect("the PPC report is due");
    assert_eq!(ppc.duty, Duty::Mandatory);
    // Known on 2026-04-06 (day 1): day 30 is 2026-05-05 (こどもの日); 05-06 is the substitute
    // holiday for 05-03, so the final report is due on Thursday 2026-05-07.
    let final_due = ppc.deadlines.iter().find(|d| d.stage == DeadlineStage::Final).map(|d| d.due_by);
    assert_eq!(final_due, Some(DueBy::Date(chrono::NaiveDate::from_ymd_opt(2026, 5, 7).unwrap())));
    assert!(ppc.contact.as_ref().is_some_and(|c| !c.name.is_empty()), "the authority directory entry comes along");

    // Closing is refused while the mandatory reports are open.
    let refused = file.write(|tx| record::close_incident(tx, id, "鈴木 花子")).unwrap_err();
    assert_eq!(refused.code(), "obligations_open");
    for obligation in detail.obligations.iter().filter(|o| o.duty == Duty::Mandatory) {
        let update = ObligationUpdate {
            status: ObligationStatus::Sent,
            sent_on: Some("2026-04-08".into()),
            reference_number: "R-0001".into(),
            waived_reason: String::new(),
            preliminary_sent_on: None,
            preliminary_reference: String::new(),
        };
        file.write(|tx| record::update_obligation(tx, id, obligation.id, &update, "鈴木 花子")).unwrap();
    }
    let recovery = Recovery {
        cause: "宛先の選び間違い".into(), measures_planned: "送信前の確認".into(), ..Recovery::default()
    };
    file.write(|tx| record::record_recovery(tx, id, &recovery, "鈴木 花子")).unwrap();
    file.write(|tx| record::close_incident(tx, id, "鈴木 花子")).unwrap();

    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.status, IncidentStatus::Closed);
    assert_eq!(detail.recovery.cause, "宛先の選び間違い");
    let kinds: Vec<&str> = detail.timeline.iter().map(|e| e.kind.as_str()).collect();
    for kind in ["recorded", "severity", "call", "task", "facts", "obligation", "recovery", "status"] {
        assert!(kinds.contains(&kind), "timeline has no {kind} entry: {kinds:?}");
    }
    assert!(detail.timeline.iter().all(|e| e.author == "鈴木 花子"));
    let refused = file.write(|tx| {
        record::add_note(tx, id, "x", "a").and_then(|_| record::record_call(tx, id, chief.contact_id, CallOutcome::Reached, "a"))
    });
    assert_eq!(refused.unwrap_err().code(), "incident_closed");
}

#[test]
fn a_level_other_than_the_suggested_one_needs_a_logged_reason() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Outage)).unwrap();
    let basics = IncidentBasics { case_kind: CaseKind::Outage, title: "NAS停止".into(), ..missent_basics() };
    file.write(|tx| record::record_basics(tx, id, &basics, "a")).unwrap();
    let answers = SeverityAnswers {
        staff_work_hindered: true,
        outsiders_affected: false,
        personal_data_involved: false,
        ..personal_data_answers()
    };
    let mut severity = Severity { answers, category: "tampering".into(), level: 2, override_reason: " ".into() };
    let error = file.write(|tx| record::record_severity(tx, id, &severity, "a")).unwrap_err();
    assert_eq!(error.code(), "override_reason_required");
    severity.override_reason = "取引先への納品が遅れる".into();
    file.write(|tx| record::record_severity(tx, id, &severity, "a")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.level, Some(2));
    assert_eq!(detail.level_override_reason, "取引先への納品が遅れる");
    let logged = detail.timeline.iter().find(|e| e.kind == "level").expect("the override is logged");
    assert!(logged.message.contains("レベル1") && logged.message.contains("取引先への納品が遅れる"), "{}", logged.message);
}

#[test]
fn revised_facts_move_the_obligations_and_keep_what_was_done() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::LostDevice)).unwrap();
    let basics = IncidentBasics { case_kind: CaseKind::LostDevice, title: "USB紛失".into(), ..missent_basics() };
    file.write(|tx| record::record_basics(tx, id, &basics, "a")).unwrap();
    let mut facts = incident::read::incident_detail(file.connection(), id).unwrap().suggested_facts.unwrap();
    facts.personal_data.at_risk.subjects = 30;
    facts.personal_data.at_risk.sensitive = true;
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();
    let ppc = incident::read::incident_detail(file.connection(), id)
        .unwrap()
        .obligations
        .into_iter()
        .find(|o| o.authority == Authority::Ppc)
        .unwrap();
    let drafted = ObligationUpdate {
        status: ObligationStatus::Drafted,
        sent_on: None,
        reference_number: String::new(),
        waived_reason: String::new(),
        preliminary_sent_on: None,
        preliminary_reference: String::new(),
    };
    file.write(|tx| record::update_obligation(tx, id, ppc.id, &drafted, "a")).unwrap();

    // It turns out the stick was strongly encrypted: no report is due any more.
    facts.personal_data.at_risk.high_level_encryption = true;
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    let ppc = detail.obligations.iter().find(|o| o.authority == Authority::Ppc).unwrap();
    assert!(!ppc.current, "no longer called for");
    assert_eq!(ppc.status, ObligationStatus::Drafted, "what was done is kept");
    assert!(detail.timeline.iter().any(|e| e.kind == "facts" && e.message.contains("見直し")));
    file.write(|tx| record::close_incident(tx, id, "a")).expect("nothing mandatory is open any more");
}

#[test]
fn the_cards_of_a_mixed_case_say_whose_data_and_the_processors_own_ppc_date() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Ransomware)).unwrap();
    let basics = IncidentBasics { case_kind: CaseKind::Ransomware, title: "ランサムウェア".into(), ..missent_basics() };
    file.write(|tx| record::record_basics(tx, id, &basics, "a")).unwrap();
    let mut facts = incident::read::incident_detail(file.connection(), id).unwrap().suggested_facts.unwrap();
    facts.malware = true;
    facts.personal_data.at_risk.subjects = 14;
    facts.personal_data.at_risk.sensitive = true;
    facts.entrusted_data =
        Some(rules::EntrustedData { at_risk: rules::DataAtRisk { subjects: 850, ..Default::default() }, client_notified: false });
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.day_one, rules::deadline::day_of_knowing(detail.discovered_at));
    let card = |authority| detail.obligations.iter().find(|o| o.authority == authority).unwrap();
    assert_eq!(card(Authority::Ppc).covers, [rules::DataScope::Own]);
    assert_eq!(card(Authority::Client).covers, [rules::DataScope::Client]);
    assert_eq!(card(Authority::Police).covers, []);
    // Day 60 (malware reached the data) counted from the day of knowing, moved past closed days.
    let expected = rules::RuleSet::in_force_on(detail.day_one).unwrap().final_report_due(detail.day_one, true);
    assert_eq!(card(Authority::Client).own_report_due, Some(expected));
    assert_eq!(card(Authority::Ppc).own_report_due, None);
    // The soonest date on the incident list is the 速報's: a target, not a legal deadline.
    let listed =
        |file: &CompanyFile| incident::read::list_incidents(file.connection()).unwrap().into_iter().find(|i| i.id == id).unwrap();
    assert!(listed(&file).next_deadline_is_target);
    // People in the EU: the GDPR's 72 hours come first, and they are a legal deadline.
    facts.personal_data.at_risk.eu_subjects = 2;
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();
    let summary = listed(&file);
    assert!(summary.next_deadline.as_deref().is_some_and(|due| due.contains('T')), "{summary:?}");
    assert!(!summary.next_deadline_is_target);
    facts.personal_data.at_risk.eu_subjects = 0;
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();

    // Once the client is told, the client reports: no card, and no date.
    facts.entrusted_data.as_mut().unwrap().client_notified = true;
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    let client = detail.obligations.iter().find(|o| o.authority == Authority::Client).unwrap();
    assert!(!client.current);
    assert_eq!(client.own_report_due, None);
}

#[test]
fn the_data_items_and_when_it_happened_are_kept_and_cannot_contradict_the_answers() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::LostDevice)).unwrap();
    let later = IncidentBasics { occurred_at: Some("2026-04-06T16:00:00+09:00".into()), ..missent_basics() };
    let refused = file.write(|tx| record::record_basics(tx, id, &later, "a")).unwrap_err();
    assert_eq!(refused.code(), "occurred_after_discovered");
    let basics = IncidentBasics { occurred_at: Some("2026-04-03T19:30:00+09:00".into()), ..missent_basics() };
    file.write(|tx| record::record_basics(tx, id, &basics, "a")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.occurred_at.map(|at| at.to_rfc3339()).as_deref(), Some("2026-04-03T19:30:00+09:00"));

    let mut facts = detail.suggested_facts.unwrap();
    assert_eq!(facts.occurred_at.map(|at| at.to_rfc3339()).as_deref(), Some("2026-04-03T19:30:00+09:00"));
    facts.personal_data.at_risk.subjects = 40;
    let details = ReportingDetails {
        data: AffectedData {
            own: DataItems { items: vec![DataItem::Name, DataItem::Health], other: Some("会員番号".into()) },
            whose: vec![DataSubjectGroup::Customers],
            harm: vec![Harm::Leak],
            ..Default::default()
        },
        ..Default::default()
    };
    // Health data ticked while "sensitive" says no: refused, nothing stored.
    let refused = file.write(|tx| record::record_facts(tx, id, &facts, &details, "a")).unwrap_err();
    assert_eq!(refused.code(), "contradicting_items");
    assert!(incident::read::incident_detail(file.connection(), id).unwrap().facts.is_none());

    facts.personal_data.at_risk.sensitive = true;
    file.write(|tx| record::record_facts(tx, id, &facts, &details, "a")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.details, details);
    assert!(detail.facts.unwrap().occurred_at.is_some(), "the facts carry the time it happened");
}

/// A mis-sent mail with one person's sensitive data, assessed: the PPC report is its first duty.
fn missent_sensitive_record() -> (tempfile::TempDir, CompanyFile, i64) {
    let (dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Missent)).unwrap();
    file.write(|tx| record::record_basics(tx, id, &missent_basics(), "a")).unwrap();
    let mut facts = incident::read::incident_detail(file.connection(), id).unwrap().suggested_facts.unwrap();
    facts.personal_data.at_risk.subjects = 1;
    facts.personal_data.at_risk.sensitive = true;
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();
    (dir, file, id)
}

#[test]
fn sent_and_waived_need_their_date_and_reason() {
    let (_dir, mut file, id) = missent_sensitive_record();
    let ppc = incident::read::incident_detail(file.connection(), id).unwrap().obligations[0].id;
    let mut update = ObligationUpdate {
        status: ObligationStatus::Sent,
        sent_on: Some("4/8".into()),
        reference_number: String::new(),
        waived_reason: String::new(),
        preliminary_sent_on: None,
        preliminary_reference: String::new(),
    };
    assert_eq!(file.write(|tx| record::update_obligation(tx, id, ppc, &update, "a")).unwrap_err().code(), "sent_on_required");
    update.status = ObligationStatus::Waived;
    assert_eq!(
        file.write(|tx| record::update_obligation(tx, id, ppc, &update, "a")).unwrap_err().code(),
        "waived_reason_required"
    );
}

#[test]
fn a_report_marked_over_someone_else_s_mark_is_refused_and_theirs_kept() {
    let (_dir, mut file, id) = missent_sensitive_record();
    // Two cards read the PPC report as not started.
    let shown = |file: &CompanyFile| {
        let record = incident::read::incident_detail(file.connection(), id).unwrap().obligations[0].clone();
        // As the window sends it back: the record's own fields, its dates as YYYY-MM-DD.
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        let update = ObligationUpdate {
            status: record.status,
            sent_on: date(record.sent_on),
            reference_number: record.reference_number,
            waived_reason: record.waived_reason,
            preliminary_sent_on: date(record.preliminary_sent_on),
            preliminary_reference: record.preliminary_reference,
        };
        (record.id, update)
    };
    let (ppc, as_read) = shown(&file);
    let mark = |file: &mut CompanyFile, as_read: &ObligationUpdate, update: &ObligationUpdate, who: &str| {
        file.write(|tx| {
            record::refuse_if_obligation_changed(tx, id, ppc, as_read)?;
            record::update_obligation(tx, id, ppc, update, who)
        })
    };
    // 高橋 records it sent, typing the date without its zeros.
    let sent = ObligationUpdate {
        status: ObligationStatus::Sent,
        sent_on: Some("2026-12-7".into()),
        reference_number: "R-1".into(),
        ..as_read.clone()
    };
    mark(&mut file, &as_read, &sent, "情シス 高橋").unwrap();
    // 佐藤, from the card read before, decides not to report: refused, 高橋's record kept.
    let waived =
        ObligationUpdate { status: ObligationStatus::Waived, waived_reason: "本人に確認済み".into(), ..as_read.clone() };
    assert_eq!(mark(&mut file, &as_read, &waived, "総務 佐藤").unwrap_err().code(), "changed_elsewhere");
    let (_, now) = shown(&file);
    assert_eq!((now.status, now.reference_number.as_str()), (ObligationStatus::Sent, "R-1"));
    // From the card as it reads now, his change goes through (and the date typed without its
    // zeros compares as the card shows it).
    mark(&mut file, &now, &waived, "総務 佐藤").unwrap();
    assert_eq!(shown(&file).1.status, ObligationStatus::Waived);
}

#[test]
fn drafts_are_kept_per_step_and_an_unconfirmed_record_can_be_discarded() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Ransomware)).unwrap();
    let typed = WhatHappenedDraft {
        case_kind: CaseKind::Ransomware,
        title: "ファイルが開けない 🔒 <script>alert(1)</script>".into(),
        date: "2026-11-23".into(),
        time: "09:1".into(),
        discovered_by: String::new(),
        description: "あ".repeat(20_000),
        occurred_unknown: true,
        occurred_date: String::new(),
        occurred_time: String::new(),
        author: "田中".into(),
    };
    let recovery = Recovery { cause: "パッチ未適用".into(), ..Recovery::default() };
    file.write(|tx| record::save_draft(tx, id, &StepDraft::WhatHappened(typed.clone()))).unwrap();
    file.write(|tx| record::save_draft(tx, id, &StepDraft::Recovery(recovery.clone()))).unwrap();
    file.write(|tx| record::go_to_step(tx, id, 3)).unwrap();
    file.write(|tx| record::save_draft(tx, id, &StepDraft::WhatHappened(typed.clone()))).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.wizard_step, 3, "a late draft save does not move the wizard");
    assert_eq!(detail.wizard_draft.what_happened, Some(typed));
    assert_eq!(detail.wizard_draft.recovery, Some(recovery));
    assert_eq!(detail.wizard_draft.severity, None);

    file.write(|tx| record::discard_incident(tx, id)).unwrap();
    assert_eq!(incident::read::incident_detail(file.connection(), id).unwrap_err().code(), "missing");

    let kept = file.write(|tx| record::start_incident(tx, CaseKind::Malware)).unwrap();
    let basics = IncidentBasics { case_kind: CaseKind::Malware, ..missent_basics() };
    file.write(|tx| record::record_basics(tx, kept, &basics, "a")).unwrap();
    assert_eq!(file.write(|tx| record::discard_incident(tx, kept)).unwrap_err().code(), "incident_recorded");
}

#[test]
fn changing_the_case_replaces_only_the_unticked_checklist() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Malware)).unwrap();
    let basics = IncidentBasics { case_kind: CaseKind::Malware, ..missent_basics() };
    file.write(|tx| record::record_basics(tx, id, &basics, "a")).unwrap();
    let first = incident::read::incident_detail(file.connection(), id).unwrap().tasks[0].clone();
    file.write(|tx| record::set_task_done(tx, id, first.id, true, "a")).unwrap();
    let basics = IncidentBasics { case_kind: CaseKind::Ransomware, ..basics };
    file.write(|tx| record::record_basics(tx, id, &basics, "a")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert!(detail.tasks.iter().any(|t| t.id == first.id && t.done_at.is_some()), "the ticked item stays");
    let ransomware_items: i64 = file
        .connection()
        .query_row(
            "SELECT count(*) FROM checklist c JOIN checklist_item i ON i.checklist_id = c.id WHERE c.case_key = 'ransomware'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let open = detail.tasks.iter().filter(|t| t.source == TaskSource::Checklist && t.done_at.is_none()).count() as i64;
    assert!(open >= ransomware_items - 1, "the ransomware checklist replaced the malware one");
    assert!(detail.timeline.iter().any(|e| e.kind == "basics"), "the correction is logged");
}

#[test]
fn near_misses_train_without_naming_the_reporter() {
    let (_dir, mut file) = demo();
    let input = NearMissInput {
        occurred_on: "2026-11-20".into(),
        title: "宛先を送信前に訂正".into(),
        description: "=1+1, \"引用\"\n改行".into(),
        what_could_happen: "誤送信".into(),
        measures: "送信の保留".into(),
        reported_by: "山田 太郎".into(),
    };
    file.write(|tx| incident::near_misses::add_near_miss(tx, &input)).unwrap();
    let list = incident::near_misses::near_misses(file.connection()).unwrap();
    assert_eq!(list[0].title, "宛先を送信前に訂正");
    let csv = incident::near_misses::near_miss_training_csv(file.connection()).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("宛先を送信前に訂正"));
    assert!(!csv.contains("山田"), "the reporter is left out");
    for demo_near_miss in &list {
        assert!(demo_near_miss.reported_by.is_empty() || !csv.contains(&demo_near_miss.reported_by));
    }
    let bad = NearMissInput { occurred_on: "昨日".into(), ..input };
    assert_eq!(file.write(|tx| incident::near_misses::add_near_miss(tx, &bad)).unwrap_err().code(), "invalid_date");
}

#[test]
fn a_sent_preliminary_report_leaves_the_final_deadline_in_view() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::LostDevice)).unwrap();
    let basics = IncidentBasics { case_kind: CaseKind::LostDevice, title: "USB紛失（速報）".into(), ..missent_basics() };
    file.write(|tx| record::record_basics(tx, id, &basics, "a")).unwrap();
    let mut facts = incident::read::incident_detail(file.connection(), id).unwrap().suggested_facts.unwrap();
    facts.personal_data.at_risk.subjects = 30;
    facts.personal_data.at_risk.sensitive = true;
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    let ppc = detail.obligations.iter().find(|o| o.authority == Authority::Ppc).unwrap().clone();
    assert!(ppc.two_stages, "the PPC report has a 速報 and a 確報: {:?}", ppc.deadlines);
    let due = |stage| {
        let due = ppc.deadlines.iter().find(|d| d.stage == stage).unwrap().due_by;
        serde_json::to_value(due).unwrap().as_str().unwrap().to_owned()
    };
    let next = |file: &CompanyFile| {
        let summary = incident::read::list_incidents(file.connection()).unwrap();
        let summary = summary.into_iter().find(|i| i.id == id).unwrap();
        (summary.next_deadline, summary.next_deadline_is_target)
    };
    assert_eq!(next(&file), (Some(due(DeadlineStage::Preliminary)), true), "before anything is sent the 速報 comes first");

    let mut update = ObligationUpdate {
        status: ObligationStatus::Drafted,
        sent_on: None,
        reference_number: String::new(),
        waived_reason: String::new(),
        preliminary_sent_on: Some("4月8日".into()),
        preliminary_reference: "R-1".into(),
    };
    let error = file.write(|tx| record::update_obligation(tx, id, ppc.id, &update, "a")).unwrap_err();
    assert_eq!(error.code(), "sent_on_required", "a 速報 date that is not a date is refused");
    let drafted = ObligationUpdate { preliminary_sent_on: None, preliminary_reference: String::new(), ..update.clone() };
    file.write(|tx| record::update_obligation(tx, id, ppc.id, &drafted, "鈴木 花子")).unwrap();
    update.preliminary_sent_on = Some("2026-04-08".into());
    file.write(|tx| record::update_obligation(tx, id, ppc.id, &update, "鈴木 花子")).unwrap();

    // The 確報 is what is due now, a legal deadline; the 速報 is recorded with its number.
    assert_eq!(next(&file), (Some(due(DeadlineStage::Final)), false));
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    let card = detail.obligations.iter().find(|o| o.authority == Authority::Ppc).unwrap();
    assert_eq!(
        (card.preliminary_sent_on.map(|d| d.to_string()), card.preliminary_reference.as_str()),
        (Some("2026-04-08".into()), "R-1")
    );
    assert_eq!(card.status, ObligationStatus::Drafted);
    let entries: Vec<&str> = detail.timeline.iter().filter(|e| e.kind == "obligation").map(|e| e.message.as_str()).collect();
    assert!(entries.iter().any(|m| m.contains("2026-04-08に速報を提出") && m.contains("R-1")), "{entries:?}");
    assert_eq!(
        entries.iter().filter(|m| m.contains("下書き")).count(),
        1,
        "an unchanged status is not logged again: {entries:?}"
    );

    // The 確報 draft refers to the 速報; the final report sent closes the obligation.
    let options = sonae_core::render::ExportOptions {
        incident_id: Some(id),
        exercise_id: None,
        stage: sonae_core::render::ReportStage::Final,
        language: Language::Ja,
        issued_on: None,
    };
    let text = sonae_core::render::draft_text(file.connection(), sonae_core::render::Document::PpcDraft, &options).unwrap();
    assert!(text.contains("速報を提出済み（受付番号：R-1）"), "{text}");
    update.status = ObligationStatus::Sent;
    update.sent_on = Some("2026-04-30".into());
    file.write(|tx| record::update_obligation(tx, id, ppc.id, &update, "a")).unwrap();
    assert_eq!(next(&file), (None, false));
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert!(detail.timeline.iter().any(|e| e.message.contains("2026-04-30に確報を提出")), "the final report is named as such");
}

#[test]
fn the_offices_english_for_the_gdpr_notices_is_kept_trimmed_and_logged() {
    use sonae_core::incident::gdpr_texts::{self, GdprTexts};
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Missent)).unwrap();
    file.write(|tx| record::record_basics(tx, id, &missent_basics(), "a")).unwrap();
    let texts = GdprTexts { nature: "  A customer list went to the wrong customer.\n".into(), ..Default::default() };
    file.write(|tx| gdpr_texts::save(tx, id, &texts, "鈴木 花子")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.gdpr_texts.nature, "A customer list went to the wrong customer.");
    assert!(detail.timeline.iter().any(|e| e.kind == "gdpr_texts" && e.author == "鈴木 花子"));

    let too_long = GdprTexts { measures: "x".repeat(10_001), ..texts };
    assert_eq!(file.write(|tx| gdpr_texts::save(tx, id, &too_long, "a")).unwrap_err().code(), "text_too_long");
    let kept = incident::read::incident_detail(file.connection(), id).unwrap().gdpr_texts;
    assert_eq!(kept.measures, "", "a refused save changes nothing");
}

#[test]
fn the_client_notice_is_addressed_to_the_client_chosen_from_the_contacts() {
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Ransomware)).unwrap();
    let basics =
        IncidentBasics { case_kind: CaseKind::Ransomware, title: "予約サイトのデータ".into(), ..missent_basics() };
    file.write(|tx| record::record_basics(tx, id, &basics, "a")).unwrap();
    let mut facts = incident::read::incident_detail(file.connection(), id).unwrap().suggested_facts.unwrap();
    facts.malware = true;
    facts.entrusted_data =
        Some(rules::EntrustedData { at_risk: rules::DataAtRisk { subjects: 300, ..Default::default() }, client_notified: false });
    file.write(|tx| record::record_facts(tx, id, &facts, &Default::default(), "a")).unwrap();
    let options = sonae_core::render::ExportOptions {
        incident_id: Some(id),
        exercise_id: None,
        stage: sonae_core::render::ReportStage::Preliminary,
        language: Language::Ja,
        issued_on: None,
    };
    let letter = |file: &CompanyFile| {
        sonae_core::render::draft_text(file.connection(), sonae_core::render::Document::ClientNotice, &options).unwrap()
    };
    assert!(letter(&file).starts_with("委託元 御中"), "{}", letter(&file));

    let aoki: i64 = file.connection().query_row("SELECT id FROM contact WHERE name = '青木 誠'", [], |r| r.get(0)).unwrap();
    assert_eq!(file.write(|tx| record::set_client(tx, id, Some(9999), "a")).unwrap_err().code(), "unknown_contact");
    file.write(|tx| record::set_client(tx, id, Some(aoki), "鈴木 花子")).unwrap();
    let text = letter(&file);
    assert!(text.starts_with("株式会社みどり不動産 総務部 課長\n青木 誠 様\n"), "{text}");
    assert!(text.contains("貴社からお預かりしている個人データ"), "{text}");
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.client.as_ref().map(|c| c.contact_id), Some(aoki));
    assert!(detail.timeline.iter().any(|e| e.kind == "client" && e.message.contains("青木 誠")));

    // An organisation is addressed 御中; clearing the choice brings the line to fill in back.
    let desk: i64 = file
        .connection()
        .query_row("SELECT id FROM contact WHERE kind = 'organization' ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let desk_name: String = file.connection().query_row("SELECT name FROM contact WHERE id = ?1", [desk], |r| r.get(0)).unwrap();
    file.write(|tx| record::set_client(tx, id, Some(desk), "a")).unwrap();
    assert!(letter(&file).starts_with(&format!("{desk_name} 御中\n")), "{}", letter(&file));
    file.write(|tx| record::set_client(tx, id, None, "a")).unwrap();
    assert!(letter(&file).starts_with("委託元 御中"));
    let entries = incident::read::incident_detail(file.connection(), id).unwrap().timeline;
    assert_eq!(entries.iter().filter(|e| e.kind == "client").count(), 3);
}

#[test]
fn the_interview_is_recorded_as_the_core_reads_it_and_may_fill_the_profile() {
    use sonae_core::incident::interview::{Question, Replied, Reply};
    let (_dir, mut file) = demo();
    let mut profile = sonae_core::company::company_profile(file.connection()).unwrap();
    profile.eu_establishment = None;
    profile.eu_targeting = None;
    file.write(|tx| sonae_core::company::edit::update_company_profile(tx, "鈴木 花子", &profile)).unwrap();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Missent)).unwrap();
    file.write(|tx| record::record_basics(tx, id, &missent_basics(), "鈴木 花子")).unwrap();
    let severity =
        Severity { answers: personal_data_answers(), category: "leak".into(), level: 3, override_reason: String::new() };
    file.write(|tx| record::record_severity(tx, id, &severity, "鈴木 花子")).unwrap();

    // One customer's health-check results, not deleted; the customer lives in Europe, but the
    // company neither has an office there nor sells there.
    let say = |question: Question| match question {
        Question::Whose => Reply::Own,
        Question::EuPeople => Reply::Yes,
        Question::Sensitive => Reply::Yes,
        Question::PeopleAtLeast => Reply::Count(1),
        _ => Reply::No,
    };
    let details = ReportingDetails::default();
    let mut replies: Vec<Replied> = Vec::new();
    loop {
        let state = incident::read::interview(file.connection(), id, &replies, &details).unwrap();
        let Some(next) = state.next else { break };
        if replies.len() == 1 {
            // Not finished: confirming now is refused, and nothing is recorded.
            let early = file.write(|tx| record::record_interview(tx, id, &replies, &details, true, "鈴木 花子"));
            assert!(early.is_err(), "an unfinished interview was recorded");
        }
        replies.push(Replied { question: next.question, reply: say(next.question) });
        assert!(replies.len() < 24, "the interview never ended: {replies:?}");
    }
    assert!(replies.iter().any(|r| r.question == Question::EuEstablishment), "the profile's open question was asked");

    // An item that disagrees with a reply is refused.
    let mut health_but_no = details.clone();
    health_but_no.data.own.items = vec![DataItem::Health];
    let mut disagreeing = replies.clone();
    disagreeing.push(Replied { question: Question::Sensitive, reply: Reply::No });
    let refused = file.write(|tx| record::record_interview(tx, id, &disagreeing, &health_but_no, true, "鈴木 花子"));
    assert!(refused.is_err(), "health data with \"no medical information\" was recorded");

    file.write(|tx| record::record_interview(tx, id, &replies, &details, true, "鈴木 花子")).unwrap();
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.interview_replies, replies, "a later review starts from the replies");
    let facts = detail.facts.expect("facts recorded");
    assert!(facts.personal_data.at_risk.sensitive && !facts.organization.gdpr_applies);
    assert_eq!(facts.personal_data.at_risk.subjects, 1);
    let ppc = detail.obligations.iter().find(|o| o.authority == Authority::Ppc && o.current).expect("PPC report");
    assert_eq!(ppc.duty, Duty::Mandatory);
    let profile = sonae_core::company::company_profile(file.connection()).unwrap();
    assert_eq!((profile.eu_establishment, profile.eu_targeting), (Some(false), Some(false)), "saved to the profile");
}

/// Two people on one incident (on a server company): a step confirmed by one refuses the other's
/// confirmation from a form opened before it, naming who; calls and notes never count.
#[test]
fn a_step_confirmed_by_someone_else_since_the_form_opened_refuses_the_older_confirmation() {
    use record::ConfirmedStep;
    let (_dir, mut file) = demo();
    let id = file.write(|tx| record::start_incident(tx, CaseKind::Missent)).unwrap();
    let opened = incident::read::incident_detail(file.connection(), id).unwrap().confirmations;
    assert_eq!((opened.basics, opened.severity), (None, None));
    let confirm = |file: &mut CompanyFile, seen: Option<i64>, author: &str| {
        file.write(|tx| {
            record::refuse_if_step_confirmed_since(tx, id, ConfirmedStep::Basics, seen)?;
            record::record_basics(tx, id, &missent_basics(), author)
        })
    };
    // 鈴木 confirms first; 田中's form, opened before that, is refused, naming 鈴木.
    confirm(&mut file, opened.basics, "鈴木 花子").unwrap();
    let refused = confirm(&mut file, opened.basics, "田中 一郎").unwrap_err();
    assert_eq!(refused.code(), "changed_elsewhere");
    assert!(refused.to_string().starts_with("鈴木 花子 confirmed this step at "), "{refused}");
    let detail = incident::read::incident_detail(file.connection(), id).unwrap();
    assert_eq!(detail.timeline.iter().filter(|e| e.author == "田中 一郎").count(), 0, "nothing of the refused write");
    let basics = detail.confirmations.basics;
    assert_eq!(basics, detail.timeline.last().map(|e| e.id));

    // Notes and calls are not confirmations of the step: a form opened before them still saves.
    file.write(|tx| record::add_note(tx, id, "顧客に電話した", "田中 一郎")).unwrap();
    confirm(&mut file, basics, "田中 一郎").unwrap();
    let after = incident::read::incident_detail(file.connection(), id).unwrap().confirmations;
    assert_ne!(after.basics, basics, "the revision is the step's confirmation now");
    assert_eq!(after.severity, None, "another step's is untouched");
}
