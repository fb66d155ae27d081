//! Editing the policy, the BCP and the company profile against a real company file, and carrying
//! a policy between companies as a template file: every write, its refusals, and the change it
//! leaves in the history with its author.

use serde_json::{json, Value};
use sonae_core::bcp;
use sonae_core::bcp::editing::ExerciseInput;
use sonae_core::bcp::editing::ScenarioInput;
use sonae_core::bcp::editing::TargetInput;
use sonae_core::company;
use sonae_core::company_file::CompanyFile;
use sonae_core::contacts;
use sonae_core::home;
use sonae_core::incident;
use sonae_core::language::Language;
use sonae_core::policy;
use sonae_core::policy::editing::{AuthorityInput, CategoryInput, EditablePolicy, LevelInput, RoleInput, StepInput};
use sonae_core::rules;
use sonae_core::rules::Sector;
use sonae_core::store::history::ChangedEntity;
use sonae_core::store::history::{change_history, ChangeAction, ChangeRecord};
use sonae_core::store::{self, StoreError};
use sonae_core::template;
use sonae_core::template::builtin_policy;
use sonae_core::template::file::parse_template_file;

const AUTHOR: &str = "佐藤 一郎";

fn demo() -> (tempfile::TempDir, CompanyFile) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = CompanyFile::create_demo(&dir.path().join("demo.sonae"), Language::Ja).expect("demo file");
    (dir, file)
}

fn contact(file: &CompanyFile, name: &str) -> i64 {
    file.connection()
        .query_row("SELECT id FROM contact WHERE name = ?1", [name], |r| r.get(0))
        .unwrap_or_else(|_| panic!("no contact {name}"))
}

fn last_confirmed(file: &CompanyFile, id: i64) -> Option<String> {
    file.connection().query_row("SELECT last_confirmed_on FROM contact WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

fn policy(file: &CompanyFile) -> EditablePolicy {
    policy::edit::editable_policy(file.connection()).unwrap()
}

fn role_id(file: &CompanyFile, key: &str) -> i64 {
    policy(file).roles.iter().find(|r| r.key == key).unwrap_or_else(|| panic!("no role {key}")).id
}

fn changes(file: &CompanyFile) -> usize {
    change_history(file.connection(), None, None, 10_000, 0).unwrap().len()
}

fn latest_change(file: &CompanyFile) -> ChangeRecord {
    change_history(file.connection(), None, None, 1, 0).unwrap().remove(0)
}

/// Runs a write that must be refused with `code`; the file and its history are left as they were.
#[track_caller]
fn refused<T: std::fmt::Debug>(file: &mut CompanyFile, code: &str, write: impl FnOnce(&store::Transaction) -> store::Result<T>) {
    let policy_before = policy::edit::editable_policy(file.connection()).unwrap();
    let bcp_before = bcp::edit::editable_bcp(file.connection()).unwrap();
    let history_before = changes(file);
    match file.write(write) {
        Err(error @ StoreError::Refused { .. }) => {
            assert_eq!(error.code(), code, "{error}");
            assert!(!error.to_string().is_empty() && !error.to_string().contains('\n'), "{error}");
        }
        other => panic!("expected the refusal {code}, got {other:?}"),
    }
    assert_eq!(policy::edit::editable_policy(file.connection()).unwrap(), policy_before);
    assert_eq!(bcp::edit::editable_bcp(file.connection()).unwrap(), bcp_before);
    assert_eq!(changes(file), history_before, "a refused write records no change");
}

#[track_caller]
fn assert_recorded(file: &CompanyFile, entity: &str, entity_id: Option<i64>, action: ChangeAction) -> ChangeRecord {
    let change = latest_change(file);
    assert_eq!((change.entity.key(), change.entity_id, change.action), (entity, entity_id, action), "{change:?}");
    assert_eq!(change.author, AUTHOR);
    change
}

// ---------------------------------------------------------------------------------------------
// Reading

#[test]
fn the_editable_policy_carries_ids_and_people_in_rank_order() {
    let (_dir, file) = demo();
    let policy = policy(&file);
    let chief = policy.roles.iter().find(|r| r.key == "chief").unwrap();
    assert_eq!(chief.holder.as_ref().unwrap().name, "桜井 浩一");
    assert_eq!(chief.holder.as_ref().unwrap().id, contact(&file, "桜井 浩一"));
    assert_eq!(chief.deputies.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["松本 由美"]);
    assert_eq!(policy.levels.iter().map(|l| l.level).collect::<Vec<_>>(), [0, 1, 2, 3]);
    assert_eq!(policy.levels[3].responsible_role_id, Some(chief.id));
    assert_eq!(policy.categories.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["leak", "tampering", "malware"]);
    assert_eq!(policy.procedures.len(), 12);
    assert_eq!((policy.procedures[0].category_key.as_str(), policy.procedures[0].level), ("leak", 0));
    let first_responder = role_id(&file, "first_responder");
    assert_eq!(policy.checklists[0].case_key, "malware");
    assert_eq!(policy.checklists[0].items[0].role_id, Some(first_responder));
    let ppc = policy.authorities.iter().find(|a| a.key == "ppc").unwrap();
    assert!(ppc.required && !ppc.source.is_empty());
    assert!(!policy.authorities.iter().find(|a| a.key == "cyber_insurer").unwrap().required);
}

#[test]
fn the_editable_bcp_carries_ids_of_roles_contacts_and_scenarios() {
    let (_dir, file) = demo();
    let bcp = bcp::edit::editable_bcp(file.connection()).unwrap();
    assert_eq!(bcp.scenarios.len(), 4);
    let power = bcp.targets.iter().find(|t| t.name == "電源設備・空調機").unwrap();
    assert_eq!(power.recovery_role_id, Some(role_id(&file, "general_affairs")));
    assert_eq!(power.recovery_contact.as_ref().unwrap().name, "中村 恵子");
    assert_eq!(power.related_contacts.len(), 2);
    assert!(!power.recovery_steps.is_empty());
    // [0] is the tabletop exercise held in Sonae, which names no assumed incident.
    assert_eq!(bcp.exercises[0].scenario_id, None);
    let exercise = &bcp.exercises[1];
    assert_eq!(exercise.held_on.to_string(), "2026-10-15");
    assert_eq!(exercise.scenario_id, Some(bcp.scenarios[0].id));
    assert_eq!(exercise.confirmed_contacts.len(), 8);
    assert_eq!(exercise.confirmed_contacts[0].name, "高橋 健太", "in call-tree order");
}

// ---------------------------------------------------------------------------------------------
// 対応体制

#[test]
fn roles_are_created_with_unique_keys_renamed_and_reordered() {
    let (_dir, mut file) = demo();
    let input = |name: &str| RoleInput { name: name.into(), description: "説明".into() };
    let pr = file.write(|tx| policy::edit::create_role(tx, AUTHOR, &input("広報担当"))).unwrap();
    assert_recorded(&file, "role", Some(pr), ChangeAction::Create);
    let pr2 = file.write(|tx| policy::edit::create_role(tx, AUTHOR, &input("広報担当"))).unwrap();
    let legal = file.write(|tx| policy::edit::create_role(tx, AUTHOR, &input(" Legal counsel "))).unwrap();
    let legal2 = file.write(|tx| policy::edit::create_role(tx, AUTHOR, &input("Legal Counsel"))).unwrap();
    let roles = policy(&file).roles;
    let key = |id: i64| roles.iter().find(|r| r.id == id).unwrap().key.clone();
    assert_eq!([key(pr), key(pr2), key(legal), key(legal2)], ["role_1", "role_2", "legal_counsel", "legal_counsel_2"]);
    assert_eq!(roles.last().unwrap().id, legal2, "a new role goes last");
    assert_eq!(roles.iter().find(|r| r.id == legal).unwrap().name, "Legal counsel", "names are trimmed");

    file.write(|tx| {
        policy::edit::update_role(tx, AUTHOR, pr, &RoleInput { name: "広報責任者".into(), description: String::new() })
    })
    .unwrap();
    let change = assert_recorded(&file, "role", Some(pr), ChangeAction::Update);
    assert_eq!(change.label, "広報責任者");
    assert!(change.before.unwrap().contains("広報担当"));
    assert_eq!(key(pr), "role_1", "the key does not follow the name");

    refused(&mut file, "name_required", |tx| policy::edit::update_role(tx, AUTHOR, pr, &input("  ")));
    refused(&mut file, "text_too_long", |tx| policy::edit::create_role(tx, AUTHOR, &input(&"名".repeat(201))));
    assert!(matches!(
        file.write(|tx| policy::edit::update_role(tx, AUTHOR, 9999, &input("x"))),
        Err(StoreError::Missing { what: "role", id: 9999 })
    ));

    let mut order: Vec<i64> = policy(&file).roles.iter().map(|r| r.id).collect();
    order.reverse();
    file.write(|tx| policy::edit::reorder_roles(tx, AUTHOR, &order)).unwrap();
    assert_recorded(&file, "role", None, ChangeAction::Update);
    assert_eq!(policy(&file).roles.iter().map(|r| r.id).collect::<Vec<_>>(), order);
    refused(&mut file, "order_mismatch", |tx| policy::edit::reorder_roles(tx, AUTHOR, &order[1..]));
    let mut twice = order.clone();
    twice[0] = twice[1];
    refused(&mut file, "order_mismatch", |tx| policy::edit::reorder_roles(tx, AUTHOR, &twice));
}

#[test]
fn holders_and_deputies_are_set_in_order_once_each() {
    let (_dir, mut file) = demo();
    let chief = role_id(&file, "chief");
    let (ito, sasaki, sakurai) = (contact(&file, "伊藤 彩"), contact(&file, "佐々木 亮"), contact(&file, "桜井 浩一"));
    file.write(|tx| policy::edit::set_role_holders(tx, AUTHOR, chief, &[ito, sasaki, sakurai])).unwrap();
    assert_recorded(&file, "role", Some(chief), ChangeAction::Update);
    let role = policy(&file).roles.into_iter().find(|r| r.id == chief).unwrap();
    assert_eq!(role.holder.unwrap().id, ito);
    assert_eq!(role.deputies.iter().map(|d| d.id).collect::<Vec<_>>(), [sasaki, sakurai]);
    // The wizard's call list follows: the new holder is the one called for level 3.
    let printed = policy::read::policy(file.connection()).unwrap();
    assert_eq!(printed.roles.iter().find(|r| r.key == "chief").unwrap().holder.as_ref().unwrap().name, "伊藤 彩");

    refused(&mut file, "duplicate_contact", |tx| policy::edit::set_role_holders(tx, AUTHOR, chief, &[ito, sasaki, ito]));
    refused(&mut file, "unknown_contact", |tx| policy::edit::set_role_holders(tx, AUTHOR, chief, &[ito, 424242]));
    file.write(|tx| policy::edit::set_role_holders(tx, AUTHOR, chief, &[])).unwrap();
    let role = policy(&file).roles.into_iter().find(|r| r.id == chief).unwrap();
    assert!(role.holder.is_none() && role.deputies.is_empty());
}

#[test]
fn a_role_in_use_cannot_be_deleted_and_steps_lose_a_deleted_role() {
    let (_dir, mut file) = demo();
    let chief = role_id(&file, "chief");
    refused(&mut file, "role_in_use", |tx| policy::edit::delete_role(tx, AUTHOR, chief));
    let sales = role_id(&file, "sales");
    let error = file.write(|tx| policy::edit::delete_role(tx, AUTHOR, sales)).unwrap_err();
    assert_eq!(error.code(), "role_in_use");
    assert!(error.to_string().contains("顧客"), "the detail names the BCP target: {error}");

    // Once nothing responsible points at it, it goes, and its steps keep their text.
    let targets: Vec<_> = bcp::edit::editable_bcp(file.connection())
        .unwrap()
        .targets
        .into_iter()
        .filter(|t| t.recovery_role_id == Some(sales))
        .collect();
    let manager = role_id(&file, "manager");
    for target in &targets {
        let input = TargetInput {
            name: target.name.clone(),
            recovery_role_id: Some(manager),
            recovery_contact_id: target.recovery_contact.as_ref().map(|c| c.id),
            related_contact_ids: target.related_contacts.iter().map(|c| c.id).collect(),
            related_contacts_hint: target.related_contacts_hint.clone(),
            target_recovery_time: target.target_recovery_time.clone(),
            recovery_steps: target.recovery_steps.clone(),
        };
        file.write(|tx| bcp::edit::update_target(tx, AUTHOR, target.id, &input)).unwrap();
    }
    let before = policy(&file);
    let named = |p: &EditablePolicy| -> usize {
        p.procedures
            .iter()
            .flat_map(|x| &x.steps)
            .chain(p.checklists.iter().flat_map(|c| &c.items))
            .filter(|s| s.role_id == Some(sales))
            .count()
    };
    assert!(named(&before) > 0, "the sample policy has steps for sales");
    let deletion = file.write(|tx| policy::edit::delete_role(tx, AUTHOR, sales)).unwrap();
    assert_eq!((deletion.steps_unassigned + deletion.checklist_items_unassigned) as usize, named(&before));
    assert_recorded(&file, "role", Some(sales), ChangeAction::Delete);
    let after = policy(&file);
    assert!(after.roles.iter().all(|r| r.id != sales));
    let texts = |p: &EditablePolicy| p.checklists.iter().flat_map(|c| c.items.iter().map(|i| i.text.clone())).collect::<Vec<_>>();
    assert_eq!(texts(&after), texts(&before), "no step was lost");
    // The policy still exports to a valid template.
    let bytes = template::exchange::template_file_bytes(file.connection()).unwrap();
    parse_template_file(&bytes).unwrap();
}

// ---------------------------------------------------------------------------------------------
// 事故レベル and インシデントの区分

#[test]
fn levels_and_categories_change_their_texts_only() {
    let (_dir, mut file) = demo();
    let manager = role_id(&file, "manager");
    let input = LevelInput {
        name: "レベル0（兆し）".into(), impact: "まだ被害はない".into(), responsible_role_id: manager
    };
    file.write(|tx| policy::edit::update_level(tx, AUTHOR, 0, &input)).unwrap();
    assert_recorded(&file, "level", Some(0), ChangeAction::Update);
    let level = policy(&file).levels.remove(0);
    assert_eq!((level.name.as_str(), level.responsible_role_id), ("レベル0（兆し）", Some(manager)));
    assert_eq!(policy::read::wizard_policy(file.connection()).unwrap().levels[0].name, "レベル0（兆し）");
    refused(&mut file, "unknown_level", |tx| policy::edit::update_level(tx, AUTHOR, 4, &input));
    refused(&mut file, "unknown_role", |tx| {
        policy::edit::update_level(tx, AUTHOR, 1, &LevelInput { responsible_role_id: 999, ..input.clone() })
    });
    refused(&mut file, "name_required", |tx| {
        policy::edit::update_level(tx, AUTHOR, 1, &LevelInput { name: String::new(), ..input.clone() })
    });

    let leak = policy(&file).categories.remove(0);
    let renamed = CategoryInput { name: "情報の漏えい".into(), description: "持ち出し・紛失・誤送信".into() };
    file.write(|tx| policy::edit::update_category(tx, AUTHOR, leak.id, &renamed)).unwrap();
    assert_recorded(&file, "category", Some(leak.id), ChangeAction::Update);
    let category = policy(&file).categories.remove(0);
    assert_eq!((category.key.as_str(), category.name.as_str()), ("leak", "情報の漏えい"));
    refused(&mut file, "name_required", |tx| {
        policy::edit::update_category(tx, AUTHOR, leak.id, &CategoryInput { name: " ".into(), description: String::new() })
    });
}

// ---------------------------------------------------------------------------------------------
// 対応手順 and 初期対応チェックリスト

#[test]
fn a_procedure_is_saved_whole_and_the_wizard_lays_out_the_new_steps() {
    let (_dir, mut file) = demo();
    let (manager, it_admin) = (role_id(&file, "manager"), role_id(&file, "it_admin"));
    let steps = vec![
        StepInput { text: " 被害の範囲を確かめる ".into(), role_id: Some(it_admin) },
        StepInput { text: "社長に報告する".into(), role_id: Some(manager) },
        StepInput { text: "記録を残す".into(), role_id: None },
    ];
    let id = file.write(|tx| policy::edit::save_procedure(tx, AUTHOR, "tampering", 2, "営業日のうちに", &steps)).unwrap();
    let change = assert_recorded(&file, "procedure", Some(id), ChangeAction::Update);
    assert!(change.label.contains("改ざん") && change.label.contains("レベル2"), "{}", change.label);
    let procedure = policy(&file).procedures.into_iter().find(|p| p.id == id).unwrap();
    assert_eq!((procedure.category_key.as_str(), procedure.level, procedure.note.as_str()), ("tampering", 2, "営業日のうちに"));
    assert_eq!(procedure.steps[0].text, "被害の範囲を確かめる", "step texts are trimmed");
    assert_eq!(procedure.steps.iter().map(|s| s.role_id).collect::<Vec<_>>(), [Some(it_admin), Some(manager), None]);

    use sonae_core::incident::record;
    use sonae_core::incident::wizard::{CaseKind, Happened, Severity, SeverityAnswers};
    let incident = file.write(|tx| record::start_incident(tx, CaseKind::Outage)).unwrap();
    let answers = SeverityAnswers {
        happened: Happened::DamageConfirmed,
        outsiders_affected: false,
        personal_data_involved: false,
        business_disrupted: true,
        staff_work_hindered: false,
    };
    let severity = Severity { answers, category: "tampering".into(), level: 2, override_reason: String::new() };
    file.write(|tx| record::record_severity(tx, incident, &severity, AUTHOR)).unwrap();
    let tasks: Vec<String> = incident::read::incident_detail(file.connection(), incident)
        .unwrap()
        .tasks
        .into_iter()
        .filter(|t| t.source == sonae_core::incident::TaskSource::Procedure)
        .map(|t| t.text)
        .collect();
    assert_eq!(tasks, ["被害の範囲を確かめる", "社長に報告する", "記録を残す"]);

    let empty = vec![StepInput { text: "  ".into(), role_id: None }];
    refused(&mut file, "step_text_required", |tx| policy::edit::save_procedure(tx, AUTHOR, "tampering", 2, "", &empty));
    let ghost = vec![StepInput { text: "x".into(), role_id: Some(777) }];
    refused(&mut file, "unknown_role", |tx| policy::edit::save_procedure(tx, AUTHOR, "tampering", 2, "", &ghost));
    refused(&mut file, "unknown_category", |tx| policy::edit::save_procedure(tx, AUTHOR, "fire", 2, "", &steps));
    refused(&mut file, "unknown_level", |tx| policy::edit::save_procedure(tx, AUTHOR, "leak", 4, "", &steps));
    let many = vec![StepInput { text: "x".into(), role_id: None }; 501];
    refused(&mut file, "too_many_entries", |tx| policy::edit::save_procedure(tx, AUTHOR, "leak", 3, "", &many));

    // A cell may be emptied (leak level 1 has only a note in the built-in policy).
    file.write(|tx| policy::edit::save_procedure(tx, AUTHOR, "malware", 0, "対象外", &[])).unwrap();
    let cell = policy(&file).procedures.into_iter().find(|p| p.category_key == "malware" && p.level == 0).unwrap();
    assert!(cell.steps.is_empty());
}

#[test]
fn a_checklist_is_saved_whole_for_a_known_case() {
    let (_dir, mut file) = demo();
    let first = role_id(&file, "first_responder");
    let items = vec![
        StepInput { text: "LANケーブルを抜く".into(), role_id: Some(first) },
        StepInput { text: "情報システム担当に電話する".into(), role_id: None },
    ];
    let id = file.write(|tx| policy::edit::save_checklist(tx, AUTHOR, "malware", "ウイルスを見つけたら", &items)).unwrap();
    let change = assert_recorded(&file, "checklist", Some(id), ChangeAction::Update);
    assert_eq!(change.label, "ウイルスを見つけたら");
    let checklist = policy(&file).checklists.into_iter().find(|c| c.id == id).unwrap();
    assert_eq!(checklist.items, items);
    refused(&mut file, "unknown_case", |tx| policy::edit::save_checklist(tx, AUTHOR, "meteor", "隕石", &items));
    refused(&mut file, "title_required", |tx| policy::edit::save_checklist(tx, AUTHOR, "malware", "", &items));
    let blank = vec![StepInput { text: String::new(), role_id: None }];
    refused(&mut file, "step_text_required", |tx| policy::edit::save_checklist(tx, AUTHOR, "malware", "t", &blank));
}

// ---------------------------------------------------------------------------------------------
// 届出及び相談

fn local_desk(name: &str) -> AuthorityInput {
    AuthorityInput {
        name: name.into(),
        purpose: "不正アクセス被害の相談".into(),
        url: "https://www.example.lg.jp/cyber/".into(),
        phone: "03-0000-0000".into(),
        email: String::new(),
        hours: "平日 9:00–17:00".into(),
        source: "県警のウェブサイト（2026年11月確認）".into(),
    }
}

#[test]
fn local_authorities_are_added_edited_reordered_and_deleted_but_required_ones_stay() {
    let (_dir, mut file) = demo();
    let police = file.write(|tx| policy::edit::create_authority(tx, AUTHOR, &local_desk("県警 サイバー犯罪相談窓口"))).unwrap();
    assert_recorded(&file, "authority", Some(police), ChangeAction::Create);
    let insurer = file.write(|tx| policy::edit::create_authority(tx, AUTHOR, &local_desk("サイバー保険 事故受付"))).unwrap();
    let authorities = policy(&file).authorities;
    let entry = |id: i64| authorities.iter().find(|a| a.id == id).unwrap().clone();
    assert_eq!((entry(police).key, entry(insurer).key), ("local_1".to_owned(), "local_2".to_owned()));
    assert!(!entry(police).required);
    assert_eq!(authorities.last().unwrap().id, insurer);

    let mut changed = local_desk("県警 サイバー犯罪相談窓口");
    changed.phone = "03-1111-2222".into();
    changed.email = "cyber@example.lg.jp".into();
    file.write(|tx| policy::edit::update_authority(tx, AUTHOR, police, &changed)).unwrap();
    assert_recorded(&file, "authority", Some(police), ChangeAction::Update);
    let updated = policy(&file).authorities.into_iter().find(|a| a.id == police).unwrap();
    assert_eq!(
        (updated.phone.as_str(), updated.email.as_str(), updated.key.as_str()),
        ("03-1111-2222", "cyber@example.lg.jp", "local_1")
    );
    refused(&mut file, "name_required", |tx| policy::edit::update_authority(tx, AUTHOR, police, &local_desk("")));

    let ppc = policy(&file).authorities.into_iter().find(|a| a.key == "ppc").unwrap();
    refused(&mut file, "authority_required", |tx| policy::edit::delete_authority(tx, AUTHOR, ppc.id));
    let mut ppc_input = local_desk("個人情報保護委員会");
    ppc_input.phone = "03-6457-9849".into();
    file.write(|tx| policy::edit::update_authority(tx, AUTHOR, ppc.id, &ppc_input)).unwrap();
    assert_eq!(policy(&file).authorities.into_iter().find(|a| a.key == "ppc").unwrap().phone, "03-6457-9849");

    let mut order: Vec<i64> = policy(&file).authorities.iter().map(|a| a.id).collect();
    order.rotate_right(1);
    file.write(|tx| policy::edit::reorder_authorities(tx, AUTHOR, &order)).unwrap();
    assert_recorded(&file, "authority", None, ChangeAction::Update);
    assert_eq!(policy(&file).authorities[0].id, insurer);

    file.write(|tx| policy::edit::delete_authority(tx, AUTHOR, insurer)).unwrap();
    assert_recorded(&file, "authority", Some(insurer), ChangeAction::Delete);
    let cyber_insurer = policy(&file).authorities.into_iter().find(|a| a.key == "cyber_insurer").unwrap();
    file.write(|tx| policy::edit::delete_authority(tx, AUTHOR, cyber_insurer.id)).unwrap();
    // A new local entry does not reuse a key still in use.
    let third = file.write(|tx| policy::edit::create_authority(tx, AUTHOR, &local_desk("ISMS 認証機関"))).unwrap();
    assert_eq!(policy(&file).authorities.into_iter().find(|a| a.id == third).unwrap().key, "local_2");
}

// ---------------------------------------------------------------------------------------------
// 事業継続管理

#[test]
fn scenarios_are_created_edited_reordered_and_deleted() {
    let (_dir, mut file) = demo();
    let input = ScenarioInput { title: "事務所の火災".into(), reason: "書類と機器が失われる".into() };
    let fire = file.write(|tx| bcp::edit::create_scenario(tx, AUTHOR, &input)).unwrap();
    let change = assert_recorded(&file, "bcp_scenario", Some(fire), ChangeAction::Create);
    assert_eq!(change.label, "事務所の火災");
    file.write(|tx| {
        bcp::edit::update_scenario(tx, AUTHOR, fire, &ScenarioInput { title: "事務所の火災・水害".into(), ..input.clone() })
    })
    .unwrap();
    assert_recorded(&file, "bcp_scenario", Some(fire), ChangeAction::Update);
    refused(&mut file, "title_required", |tx| {
        bcp::edit::update_scenario(tx, AUTHOR, fire, &ScenarioInput { title: String::new(), ..input.clone() })
    });

    let mut order: Vec<i64> = bcp::edit::editable_bcp(file.connection()).unwrap().scenarios.iter().map(|s| s.id).collect();
    assert_eq!(*order.last().unwrap(), fire);
    order.rotate_right(1);
    file.write(|tx| bcp::edit::reorder_scenarios(tx, AUTHOR, &order)).unwrap();
    let bcp = bcp::edit::editable_bcp(file.connection()).unwrap();
    assert_eq!(bcp.scenarios[0].title, "事務所の火災・水害");
    refused(&mut file, "order_mismatch", |tx| bcp::edit::reorder_scenarios(tx, AUTHOR, &[fire]));

    // Deleting the scenario an exercise was held on leaves the exercise, naming none.
    let exercised = bcp.exercises[1].scenario_id.unwrap();
    file.write(|tx| bcp::edit::delete_scenario(tx, AUTHOR, exercised)).unwrap();
    assert_recorded(&file, "bcp_scenario", Some(exercised), ChangeAction::Delete);
    let bcp = bcp::edit::editable_bcp(file.connection()).unwrap();
    assert_eq!(bcp.exercises.len(), 2);
    assert_eq!(bcp.exercises[1].scenario_id, None);
}

#[test]
fn targets_carry_owner_people_and_steps() {
    let (_dir, mut file) = demo();
    let general_affairs = role_id(&file, "general_affairs");
    let (nakamura, ito, power) = (contact(&file, "中村 恵子"), contact(&file, "伊藤 彩"), contact(&file, "東和電力 新宿支社"));
    let input = TargetInput {
        name: "  複合機・プリンター ".into(),
        recovery_role_id: Some(general_affairs),
        recovery_contact_id: Some(nakamura),
        related_contact_ids: vec![power, ito],
        related_contacts_hint: "リース会社".into(),
        target_recovery_time: "3営業日".into(),
        recovery_steps: vec!["リース会社に連絡する".into(), "  ".into(), "代替機を手配する\n設定を戻す".into()],
    };
    let id = file.write(|tx| bcp::edit::create_target(tx, AUTHOR, &input)).unwrap();
    assert_recorded(&file, "bcp_target", Some(id), ChangeAction::Create);
    let target = bcp::edit::editable_bcp(file.connection()).unwrap().targets.into_iter().find(|t| t.id == id).unwrap();
    assert_eq!(target.name, "複合機・プリンター");
    assert_eq!(target.recovery_contact.unwrap().id, nakamura);
    assert_eq!(target.related_contacts.iter().map(|c| c.id).collect::<Vec<_>>(), [power, ito]);
    assert_eq!(target.recovery_steps, ["リース会社に連絡する", "代替機を手配する", "設定を戻す"]);
    // The printed BCP reads the same.
    let printed = bcp::bcp(file.connection()).unwrap();
    assert_eq!(printed.targets.last().unwrap().recovery_steps.len(), 3);

    let person_only = TargetInput { recovery_role_id: None, related_contact_ids: vec![ito], ..input.clone() };
    file.write(|tx| bcp::edit::update_target(tx, AUTHOR, id, &person_only)).unwrap();
    assert_recorded(&file, "bcp_target", Some(id), ChangeAction::Update);
    let target = bcp::edit::editable_bcp(file.connection()).unwrap().targets.into_iter().find(|t| t.id == id).unwrap();
    assert_eq!((target.recovery_role_id, target.related_contacts.len()), (None, 1));

    refused(&mut file, "duplicate_name", |tx| {
        bcp::edit::create_target(tx, AUTHOR, &TargetInput { name: "顧客".into(), ..input.clone() })
    });
    refused(&mut file, "duplicate_contact", |tx| {
        bcp::edit::update_target(tx, AUTHOR, id, &TargetInput { related_contact_ids: vec![ito, power, ito], ..input.clone() })
    });
    refused(&mut file, "unknown_contact", |tx| {
        bcp::edit::update_target(tx, AUTHOR, id, &TargetInput { recovery_contact_id: Some(5555), ..input.clone() })
    });
    refused(&mut file, "unknown_role", |tx| {
        bcp::edit::update_target(tx, AUTHOR, id, &TargetInput { recovery_role_id: Some(5555), ..input.clone() })
    });
    refused(&mut file, "name_required", |tx| {
        bcp::edit::update_target(tx, AUTHOR, id, &TargetInput { name: String::new(), ..input.clone() })
    });

    let mut order: Vec<i64> = bcp::edit::editable_bcp(file.connection()).unwrap().targets.iter().map(|t| t.id).collect();
    order.reverse();
    file.write(|tx| bcp::edit::reorder_targets(tx, AUTHOR, &order)).unwrap();
    assert_eq!(bcp::edit::editable_bcp(file.connection()).unwrap().targets[0].id, id);
    file.write(|tx| bcp::edit::delete_target(tx, AUTHOR, id)).unwrap();
    assert_recorded(&file, "bcp_target", Some(id), ChangeAction::Delete);
    assert!(bcp::edit::editable_bcp(file.connection()).unwrap().targets.iter().all(|t| t.id != id));
}

#[test]
fn an_exercise_confirms_its_contacts_in_one_go() {
    let (_dir, mut file) = demo();
    let (sakurai, takahashi, kobayashi, sasaki) =
        (contact(&file, "桜井 浩一"), contact(&file, "高橋 健太"), contact(&file, "小林 翔"), contact(&file, "佐々木 亮"));
    assert_eq!(last_confirmed(&file, takahashi).as_deref(), Some("2026-11-05"));
    assert_eq!(last_confirmed(&file, kobayashi), None);
    let scenario = bcp::edit::editable_bcp(file.connection()).unwrap().scenarios[2].id;
    let input = ExerciseInput {
        held_on: "2026-11-01".into(),
        scenario_id: Some(scenario),
        participants: "全員".into(),
        what_worked: "連絡網は20分で一巡した".into(),
        unreachable: String::new(),
        follow_ups: "電力会社の夜間窓口を確認する".into(),
        confirmed_contact_ids: vec![sakurai, takahashi, kobayashi],
    };
    let changes_before = changes(&file);
    let id = file.write(|tx| bcp::edit::record_exercise(tx, AUTHOR, &input)).unwrap();
    let change = assert_recorded(&file, "bcp_exercise", Some(id), ChangeAction::Create);
    assert_eq!(change.label, "2026-11-01");
    assert_eq!(last_confirmed(&file, sakurai).as_deref(), Some("2026-11-01"), "moved up from 2026-10-15");
    assert_eq!(last_confirmed(&file, takahashi).as_deref(), Some("2026-11-05"), "a later date is kept");
    assert_eq!(last_confirmed(&file, kobayashi).as_deref(), Some("2026-11-01"), "a first confirmation");
    let contact_changes = change_history(file.connection(), Some(ChangedEntity::Contact), None, 100, 0).unwrap();
    assert_eq!(contact_changes.len(), 2, "one change per contact moved");
    assert!(contact_changes.iter().all(|c| c.author == AUTHOR));
    assert!(contact_changes.iter().any(|c| c.entity_id == Some(kobayashi) && c.label == "小林 翔"));
    assert_eq!(changes(&file), changes_before + 3);
    // The home screen no longer lists them as due for confirmation.
    let home = home::home_summary(file.connection(), chrono::NaiveDate::from_ymd_opt(2026, 11, 22)).unwrap();
    assert!(home.stale_contacts.iter().all(|c| c.id != kobayashi));

    let exercise = bcp::edit::editable_bcp(file.connection()).unwrap().exercises.into_iter().find(|e| e.id == id).unwrap();
    assert_eq!(
        exercise.confirmed_contacts.iter().map(|c| c.id).collect::<Vec<_>>(),
        [takahashi, sakurai, kobayashi],
        "call-tree order"
    );

    // A correction confirms contacts added to it; removing one does not take its date back.
    let corrected = ExerciseInput { confirmed_contact_ids: vec![sasaki], scenario_id: None, ..input.clone() };
    file.write(|tx| bcp::edit::update_exercise(tx, AUTHOR, id, &corrected)).unwrap();
    assert_recorded(&file, "bcp_exercise", Some(id), ChangeAction::Update);
    assert_eq!(last_confirmed(&file, sasaki).as_deref(), Some("2026-11-01"));
    assert_eq!(last_confirmed(&file, kobayashi).as_deref(), Some("2026-11-01"));
    let exercise = bcp::edit::editable_bcp(file.connection()).unwrap().exercises.into_iter().find(|e| e.id == id).unwrap();
    assert_eq!((exercise.scenario_id, exercise.confirmed_contacts.len()), (None, 1));

    // Deleting the record does not un-confirm anyone.
    file.write(|tx| bcp::edit::delete_exercise(tx, AUTHOR, id)).unwrap();
    assert_recorded(&file, "bcp_exercise", Some(id), ChangeAction::Delete);
    assert_eq!(last_confirmed(&file, sasaki).as_deref(), Some("2026-11-01"));

    refused(&mut file, "invalid_date", |tx| {
        bcp::edit::record_exercise(tx, AUTHOR, &ExerciseInput { held_on: "2026-02-30".into(), ..input.clone() })
    });
    refused(&mut file, "invalid_date", |tx| {
        bcp::edit::record_exercise(tx, AUTHOR, &ExerciseInput { held_on: "11/01".into(), ..input.clone() })
    });
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Days::new(1)).format("%Y-%m-%d").to_string();
    refused(&mut file, "date_in_future", |tx| {
        bcp::edit::record_exercise(tx, AUTHOR, &ExerciseInput { held_on: tomorrow, ..input.clone() })
    });
    refused(&mut file, "unknown_scenario", |tx| {
        bcp::edit::record_exercise(tx, AUTHOR, &ExerciseInput { scenario_id: Some(999), ..input.clone() })
    });
    refused(&mut file, "unknown_contact", |tx| {
        bcp::edit::record_exercise(tx, AUTHOR, &ExerciseInput { confirmed_contact_ids: vec![999], ..input.clone() })
    });
    refused(&mut file, "duplicate_contact", |tx| {
        bcp::edit::record_exercise(tx, AUTHOR, &ExerciseInput { confirmed_contact_ids: vec![sakurai, sakurai], ..input.clone() })
    });
}

// ---------------------------------------------------------------------------------------------
// The company profile

#[test]
fn the_company_profile_is_edited_and_checked() {
    let (_dir, mut file) = demo();
    let mut profile = company::company_profile(file.connection()).unwrap();
    profile.name = " 株式会社さくら商事 ".into();
    profile.sector = Sector::Medical;
    profile.prefecture = "神奈川県".into();
    profile.privacy_mark = !profile.privacy_mark;
    profile.handles_eu_data = true;
    profile.stale_contact_months = 6;
    // Insured, with the insurer from the contacts; in the EU by sales only.
    assert!(profile.gdpr_applies(), "unanswered EU questions count as the GDPR applying");
    let insurer = contacts::list_contacts(file.connection(), &Default::default()).unwrap().items[0].id;
    profile.cyber_insurance = true;
    profile.insurer_contact_id = Some(insurer);
    profile.eu_establishment = Some(false);
    profile.eu_targeting = Some(true);
    file.write(|tx| company::edit::update_company_profile(tx, AUTHOR, &profile)).unwrap();
    let change = assert_recorded(&file, "company", Some(1), ChangeAction::Update);
    assert_eq!(change.label, "株式会社さくら商事");
    let read = company::company_profile(file.connection()).unwrap();
    assert_eq!(read, sonae_core::company::CompanyProfile { name: "株式会社さくら商事".into(), ..profile.clone() });

    let refuse = |file: &mut CompanyFile, code: &str, change: &dyn Fn(&mut sonae_core::company::CompanyProfile)| {
        let mut bad = profile.clone();
        change(&mut bad);
        refused(file, code, |tx| company::edit::update_company_profile(tx, AUTHOR, &bad));
    };
    refuse(&mut file, "name_required", &|p| p.name = "  ".into());
    refuse(&mut file, "invalid_months", &|p| p.stale_contact_months = 0);
    refuse(&mut file, "invalid_months", &|p| p.stale_contact_months = 121);
    refuse(&mut file, "text_too_long", &|p| p.prefecture = "県".repeat(201));
    refuse(&mut file, "unknown_contact", &|p| p.insurer_contact_id = Some(999_999));

    assert!(read.gdpr_applies(), "selling to people in the EU brings the GDPR");
    profile.eu_targeting = Some(false);
    file.write(|tx| company::edit::update_company_profile(tx, AUTHOR, &profile)).unwrap();
    assert!(!company::company_profile(file.connection()).unwrap().gdpr_applies(), "no EU office and no EU customers: no GDPR");
}

// ---------------------------------------------------------------------------------------------
// Templates

/// The policy without ids and people: role references as role keys, so two companies' policies
/// compare equal when they say the same thing.
fn without_people(policy: &EditablePolicy) -> Value {
    let key = |id: Option<i64>| id.map(|id| policy.roles.iter().find(|r| r.id == id).unwrap().key.clone());
    let steps = |steps: &[StepInput]| steps.iter().map(|s| json!([s.text, key(s.role_id)])).collect::<Vec<_>>();
    json!({
        "roles": policy.roles.iter().map(|r| json!([r.key, r.name, r.description])).collect::<Vec<_>>(),
        "levels": policy.levels.iter().map(|l| json!([l.level, l.name, l.impact, key(l.responsible_role_id)])).collect::<Vec<_>>(),
        "categories": policy.categories.iter().map(|c| json!([c.key, c.name, c.description])).collect::<Vec<_>>(),
        "procedures": policy.procedures.iter().map(|p| json!([p.category_key, p.level, p.note, steps(&p.steps)])).collect::<Vec<_>>(),
        "checklists": policy.checklists.iter().map(|c| json!([c.case_key, c.title, steps(&c.items)])).collect::<Vec<_>>(),
        "authorities": policy.authorities.iter().map(|a| json!([a.key, a.name, a.purpose, a.url, a.phone, a.email, a.hours, a.source, a.required])).collect::<Vec<_>>(),
    })
}

#[test]
fn a_tuned_policy_travels_to_another_company_which_keeps_its_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut first =
        CompanyFile::create(&dir.path().join("a.sonae"), "コンサル先A", &builtin_policy(Language::Ja).unwrap()).unwrap();
    // A consultant's edits: a procedure step, a local authority, a role renamed.
    let leak3 = policy(&first).procedures.into_iter().find(|p| p.category_key == "leak" && p.level == 3).unwrap();
    let mut steps = leak3.steps.clone();
    steps.insert(1, StepInput { text: "顧問弁護士に連絡する".into(), role_id: Some(role_id(&first, "chief")) });
    first.write(|tx| policy::edit::save_procedure(tx, AUTHOR, "leak", 3, &leak3.note, &steps)).unwrap();
    first.write(|tx| policy::edit::create_authority(tx, AUTHOR, &local_desk("神奈川県警 サイバー犯罪相談窓口"))).unwrap();
    let manager = role_id(&first, "manager");
    first
        .write(|tx| {
            policy::edit::update_role(
                tx,
                AUTHOR,
                manager,
                &RoleInput {
                    name: "情報セキュリティ責任者".into(), description: "事故対応を指揮する".into()
                },
            )
        })
        .unwrap();

    let bytes = template::exchange::template_file_bytes(first.connection()).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"format\": \"sonae-policy-template\"") && text.contains("コンサル先A"));
    let template = parse_template_file(&bytes).unwrap();

    let (_demo_dir, mut second) = demo();
    let chief_holder = policy(&second).roles.into_iter().find(|r| r.key == "chief").unwrap().holder.unwrap();
    let contacts_before: i64 = second.connection().query_row("SELECT count(*) FROM contact", [], |r| r.get(0)).unwrap();
    let incidents_before = incident::read::list_incidents(second.connection()).unwrap();
    let addressees = |file: &CompanyFile| -> Vec<(rules::Authority, bool)> {
        incidents_before
            .iter()
            .flat_map(|i| incident::read::incident_detail(file.connection(), i.id).unwrap().obligations)
            .map(|o| (o.authority, o.contact.is_some()))
            .collect()
    };
    let addressees_before = addressees(&second);
    assert!(addressees_before.iter().any(|(_, found)| *found));
    let summary = second.write(|tx| template::exchange::import_policy_template(tx, AUTHOR, &template)).unwrap();
    assert!(!summary.language_differs);
    assert_eq!((summary.roles_holders_kept, summary.roles_holders_dropped), (6, 0));
    assert_eq!((summary.targets_links_kept, summary.targets_links_dropped), (5, 0));
    assert_eq!(summary.exercises_unlinked, 0, "the exercise's scenario has the same title");
    let change = assert_recorded(&second, "policy", None, ChangeAction::Update);
    assert!(change.before.unwrap().contains("\"roles\"") && change.after.unwrap().contains("顧問弁護士"));

    assert_eq!(without_people(&policy(&second)), without_people(&policy(&first)));
    let chief = policy(&second).roles.into_iter().find(|r| r.key == "chief").unwrap();
    assert_eq!(chief.holder.unwrap(), chief_holder, "holders kept where the key matches");
    let manager = policy(&second).roles.into_iter().find(|r| r.key == "manager").unwrap();
    assert_eq!((manager.name.as_str(), manager.holder.unwrap().name.as_str()), ("情報セキュリティ責任者", "松本 由美"));
    let bcp = bcp::edit::editable_bcp(second.connection()).unwrap();
    let power = bcp.targets.iter().find(|t| t.name == "電源設備・空調機").unwrap();
    assert_eq!(power.recovery_contact.as_ref().unwrap().name, "中村 恵子");
    assert_eq!(power.related_contacts.len(), 2);
    assert!(bcp.exercises[1].scenario_id.is_some());
    let contacts_after: i64 = second.connection().query_row("SELECT count(*) FROM contact", [], |r| r.get(0)).unwrap();
    assert_eq!(contacts_after, contacts_before);
    assert_eq!(incident::read::list_incidents(second.connection()).unwrap(), incidents_before);
    // Incidents still find where to report (本人への通知 has no desk, before and after).
    assert_eq!(addressees(&second), addressees_before);
    // The second company's policy exports to the same template.
    assert_eq!(template::exchange::export_policy_template(second.connection()).unwrap(), template);
}

#[test]
fn an_import_drops_people_of_removed_roles_and_targets_and_says_so() {
    let (_dir, mut file) = demo();
    let mut template = builtin_policy(Language::En).unwrap();
    template.roles.retain(|r| r.key != "sales");
    for target in &mut template.bcp.targets {
        if target.recovery_role.as_deref() == Some("sales") {
            target.recovery_role = Some("manager".into());
        }
    }
    for step in
        template.procedures.iter_mut().flat_map(|p| &mut p.steps).chain(template.checklists.iter_mut().flat_map(|c| &mut c.items))
    {
        if step.role.as_deref() == Some("sales") {
            step.role = None;
        }
    }
    let summary = file.write(|tx| template::exchange::import_policy_template(tx, AUTHOR, &template)).unwrap();
    assert!(summary.language_differs);
    assert_eq!((summary.template_language, summary.company_language), (Language::En, Language::Ja));
    assert_eq!(company::company_profile(file.connection()).unwrap().language, Language::Ja, "the language is not changed");
    assert_eq!((summary.roles_holders_kept, summary.roles_holders_dropped), (5, 1));
    assert_eq!((summary.targets_links_kept, summary.targets_links_dropped), (0, 5), "the English targets have other names");
    assert_eq!(summary.exercises_unlinked, 1);
    assert_eq!(bcp::edit::editable_bcp(file.connection()).unwrap().exercises[1].scenario_id, None);
    assert_eq!(bcp::edit::editable_bcp(file.connection()).unwrap().exercises[1].confirmed_contacts.len(), 8);
}

#[test]
fn an_invalid_template_is_refused_and_changes_nothing() {
    let (_dir, mut file) = demo();
    let mut template = builtin_policy(Language::Ja).unwrap();
    template.authorities.retain(|a| a.key != "jpcert");
    refused(&mut file, "authority_required", |tx| template::exchange::import_policy_template(tx, AUTHOR, &template));
    let mut template = builtin_policy(Language::Ja).unwrap();
    template.levels[3].responsible_role = "ghost".into();
    refused(&mut file, "unknown_role", |tx| template::exchange::import_policy_template(tx, AUTHOR, &template));
}

#[test]
fn a_new_company_file_starts_from_another_company_s_policy() {
    let (dir, mut demo) = demo();
    demo.write(|tx| policy::edit::create_authority(tx, AUTHOR, &local_desk("県警 サイバー犯罪相談窓口"))).unwrap();
    let template = template::exchange::export_policy_template(demo.connection()).unwrap();
    let new = CompanyFile::create(&dir.path().join("next.sonae"), "次の顧問先", &template).unwrap();
    assert_eq!(template::exchange::export_policy_template(new.connection()).unwrap(), template);
    assert_eq!(without_people(&policy(&new)), without_people(&policy(&demo)));
    assert!(policy(&new).roles.iter().all(|r| r.holder.is_none() && r.deputies.is_empty()), "no people travel");
    let contacts: i64 = new.connection().query_row("SELECT count(*) FROM contact", [], |r| r.get(0)).unwrap();
    assert_eq!(contacts, 0);
    assert!(bcp::edit::editable_bcp(new.connection()).unwrap().exercises.is_empty());
    assert_eq!(company::company_profile(new.connection()).unwrap().name, "次の顧問先");
}

/// Each entry of the policy carries its last change; a save from an editor that read an older one
/// is refused (someone else saved it meanwhile), while other entries' changes do not count.
#[test]
fn an_entry_saved_by_someone_else_since_it_was_read_refuses_the_older_editors_save() {
    use policy::edit::{refuse_if_entry_changed, PolicyEntry};
    let (_dir, mut file) = demo();
    let read = policy::edit::editable_policy(file.connection()).unwrap();
    let procedure =
        |p: &EditablePolicy| p.procedures.iter().find(|p| p.category_key == "malware" && p.level == 2).cloned().unwrap();
    let checklist = |p: &EditablePolicy| p.checklists[0].clone();
    let level = |p: &EditablePolicy| p.levels[1].clone();
    let entry = PolicyEntry::Procedure { category_key: "malware", level: 2 };
    let seen = procedure(&read).last_change_id;
    file.write(|tx| refuse_if_entry_changed(tx, entry, seen)).unwrap();

    // 高橋 saves the procedure; the editor read before that is refused, naming 高橋.
    let steps = vec![StepInput { text: "ネットワークから外す".into(), role_id: None }];
    file.write(|tx| policy::edit::save_procedure(tx, "高橋", "malware", 2, "改訂", &steps)).unwrap();
    let refused = file.write(|tx| refuse_if_entry_changed(tx, entry, seen)).unwrap_err();
    assert_eq!(refused.code(), "changed_elsewhere");
    assert!(refused.to_string().starts_with("高橋 changed it at "), "{refused}");
    let now = policy::edit::editable_policy(file.connection()).unwrap();
    assert_ne!(procedure(&now).last_change_id, seen);
    file.write(|tx| refuse_if_entry_changed(tx, entry, procedure(&now).last_change_id)).unwrap();

    // Other entries are unaffected by it.
    let case_key = checklist(&read).case_key;
    file.write(|tx| refuse_if_entry_changed(tx, PolicyEntry::Checklist { case_key: &case_key }, checklist(&read).last_change_id))
        .unwrap();
    file.write(|tx| refuse_if_entry_changed(tx, PolicyEntry::Level(1), level(&read).last_change_id)).unwrap();
    let input = LevelInput {
        name: "軽微".into(),
        impact: level(&read).impact,
        responsible_role_id: level(&read).responsible_role_id.unwrap(),
    };
    file.write(|tx| policy::edit::update_level(tx, AUTHOR, 1, &input)).unwrap();
    let refused = file.write(|tx| refuse_if_entry_changed(tx, PolicyEntry::Level(1), level(&read).last_change_id)).unwrap_err();
    assert!(refused.to_string().starts_with(&format!("{AUTHOR} changed it at ")), "{refused}");
}
