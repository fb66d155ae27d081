//! People and rights on a server company, enforced by the server: each person signs in as
//! themselves, may change only their area, and is the author the history and the timeline name,
//! whatever the client sends; a 管理者 manages people within the company and no further.
//!
//! Needs a server, like `tests/server.rs`: `make test-server` runs these with `SONAE_TEST_SERVER`.

mod support;

use sonae_core::company;
use sonae_core::company_file::CompanyFile;
use sonae_core::contacts::{self, ContactInput, ContactKind, ContactTag};
use sonae_core::error_code::ErrorCode;
use sonae_core::incident::{self, wizard::CaseKind};
use sonae_core::language::Language;
use sonae_core::policy::{self, editing::RoleInput};
use sonae_core::render::{self, Document, ExportOptions, ReportStage};
use sonae_core::store::{self, StoreError};
use sonae_core::workspace::{ServerAccess, ServerPerson};
use sonae_server::people::{self, NewPerson};
use sonae_server::{copy, schema, ServerAddress, ServerCompany};
use support::TestDatabase;

/// The demo company on a server, set up by its owner with 「総務 佐藤」 as its first 管理者, who
/// then adds 「情シス 高橋」 as 担当者 and 「社長 木村」 as 閲覧.
struct Office {
    _dir: tempfile::TempDir,
    database: TestDatabase,
    administrator: ServerAddress,
    staff: ServerAddress,
    read_only: ServerAddress,
}

/// A sign-in name of this test's own (the test database's drop takes it away with it).
fn login(database: &TestDatabase, who: &str) -> String {
    format!("{}_{who}", database.address.database())
}

fn office(name: &str) -> Office {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("さくら.sonae");
    CompanyFile::create_demo(&path, Language::Ja).unwrap();
    let database = TestDatabase::new(name);
    copy::push(&path, None, &database.address).unwrap();
    let sato = login(&database, "sato");
    let first =
        NewPerson { login: sato.clone(), name: "総務 佐藤".into(), password: Some("佐藤のパスワード-1".into()) };
    schema::init(&database.address, Some(&first)).unwrap();
    let administrator = database.signed_in_as(&sato, "佐藤のパスワード-1");
    let mut client = administrator.connect().expect("the first 管理者 signs in");
    let (takahashi, kimura) = (login(&database, "takahashi"), login(&database, "kimura"));
    people::add(&mut client, &takahashi, "情シス 高橋", ServerAccess::Staff, "高橋のパスワード-2").unwrap();
    people::add(&mut client, &kimura, "社長 木村", ServerAccess::ReadOnly, "木村のパスワード-3").unwrap();
    let staff = database.signed_in_as(&takahashi, "高橋のパスワード-2");
    let read_only = database.signed_in_as(&kimura, "木村のパスワード-3");
    Office { _dir: dir, database, administrator, staff, read_only }
}

fn refused_code<T: std::fmt::Debug>(result: store::Result<T>) -> ErrorCode {
    match result {
        Err(StoreError::Refused { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn a_contact(name: &str) -> ContactInput {
    ContactInput {
        kind: ContactKind::Person,
        name: name.into(),
        name_kana: String::new(),
        organization: "株式会社みなと保守".into(),
        department: String::new(),
        title: String::new(),
        notes: String::new(),
        call_order: None,
        last_confirmed_on: None,
        phones: vec![],
        emails: vec![],
        tags: vec![ContactTag::Vendor],
    }
}

/// The latest entry of the change history: who, and what.
fn last_change(company: &ServerCompany) -> (String, String) {
    let history = store::history::change_history(company.connection(), None, None, 1, 0).unwrap();
    let entry = history.first().expect("a change").clone();
    (entry.author, entry.entity.key().to_owned())
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn each_person_changes_only_their_area_and_is_named_as_themselves() {
    let office = office("people_areas");

    // 担当者: contacts and incidents, and how old a confirmation may get.
    let mut staff = ServerCompany::open(&office.staff).unwrap();
    assert_eq!(staff.signed_in().unwrap().map(|p| (p.name, p.access)), Some(("情シス 高橋".into(), Some(ServerAccess::Staff))));
    // The client claims to be someone else: the server records who signed in.
    let id = staff.write(|tx| contacts::create_contact(tx, "なりすまし", &a_contact("保守 太郎"))).unwrap();
    assert_eq!(last_change(&staff), ("情シス 高橋".into(), "contact".into()));
    staff.write(|tx| contacts::set_stale_contact_months(tx, "なりすまし", 6)).unwrap();
    let incident = staff.write(|tx| incident::record::start_incident(tx, CaseKind::Missent)).unwrap();
    staff.write(|tx| incident::record::add_note(tx, incident, "取引先に削除を依頼した", "なりすまし")).unwrap();
    let timeline = incident::read::incident_detail(staff.connection(), incident).unwrap().timeline;
    let note = timeline.iter().find(|e| e.message.contains("削除を依頼")).expect("the note");
    assert_eq!(note.author, "情シス 高橋");
    // …but not the policy, nor the company's settings.
    let role = RoleInput { name: "広報担当".into(), description: String::new() };
    assert_eq!(refused_code(staff.write(|tx| policy::edit::create_role(tx, "高橋", &role))), ErrorCode::NotPermitted);
    let mut profile = company::company_profile(staff.connection()).unwrap();
    profile.name = "書き換え".into();
    assert_eq!(
        refused_code(staff.write(|tx| company::edit::update_company_profile(tx, "高橋", &profile))),
        ErrorCode::NotPermitted
    );

    // 閲覧: reads everything, exports the documents, changes nothing.
    let mut read_only = ServerCompany::open(&office.read_only).unwrap();
    let contacts_seen = contacts::list_contacts_on(
        read_only.connection(),
        &contacts::ContactQuery { text: "保守 太郎".into(), tag: None, only_stale: false, offset: 0, limit: 0 },
        chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
    )
    .unwrap();
    assert_eq!(contacts_seen.total, 1, "the 担当者's contact is seen");
    let options = ExportOptions {
        incident_id: Some(incident),
        exercise_id: None,
        stage: ReportStage::Preliminary,
        language: Language::Ja,
        issued_on: None,
    };
    for document in [Document::Policy, Document::ContactsCard, Document::IncidentReport] {
        let pdf = render::export(read_only.connection(), document, &options).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{document:?}");
    }
    assert_eq!(
        refused_code(read_only.write(|tx| contacts::update_contact(tx, "木村", id, &a_contact("書き換え")))),
        ErrorCode::NotPermitted
    );
    assert_eq!(
        refused_code(read_only.write(|tx| incident::record::add_note(tx, incident, "メモ", "木村"))),
        ErrorCode::NotPermitted
    );

    // 管理者: the policy too.
    let mut administrator = ServerCompany::open(&office.administrator).unwrap();
    administrator.write(|tx| policy::edit::create_role(tx, "なりすまし", &role)).unwrap();
    assert_eq!(last_change(&administrator), ("総務 佐藤".into(), "role".into()));
    drop((staff, read_only, administrator));
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_modified_client_still_cannot_write_outside_its_area() {
    let office = office("people_raw");
    let mut staff = office.staff.connect().unwrap();
    let denied = |client: &mut postgres::Client, sql: &str| {
        let error = client.batch_execute(sql).expect_err(sql);
        assert_eq!(error.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{sql}: {error}");
    };
    denied(&mut staff, "UPDATE level SET name = 'x'");
    denied(&mut staff, "DELETE FROM procedure_step");
    denied(&mut staff, "UPDATE company SET name = 'x'");
    denied(&mut staff, "UPDATE timeline_entry SET message = 'x'");
    denied(&mut staff, "DELETE FROM change_log");
    denied(&mut staff, "INSERT INTO sonae_person VALUES ('x', 'x', 'administrator', true)");
    denied(&mut staff, "UPDATE sonae_person SET access = 'administrator'");
    denied(&mut staff, "DROP TABLE contact");
    // The 管理者's functions refuse anyone else, even called directly.
    let error =
        people::add(&mut staff, &login(&office.database, "mallory"), "侵入者", ServerAccess::Administrator, "password-123")
            .unwrap_err();
    assert!(error.to_string().contains("permission denied"), "{error}");
    let error =
        people::change(&mut staff, &login(&office.database, "takahashi"), None, Some(ServerAccess::Administrator)).unwrap_err();
    assert!(error.to_string().contains("permission denied"), "{error}");

    let mut read_only = office.read_only.connect().unwrap();
    denied(&mut read_only, "INSERT INTO change_log (at, entity, action) VALUES ('2026-12-07', 'contact', 'create')");
    denied(&mut read_only, "UPDATE contact SET name = 'x'");
    let count: i64 = read_only.query_one("SELECT count(*) FROM contact", &[]).unwrap().get(0);
    assert!(count > 0);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_administrator_manages_the_company_people_and_nothing_beyond() {
    let office = self::office("people_admin");
    let mut client = office.administrator.connect().unwrap();
    let (sato, takahashi, kimura) =
        (login(&office.database, "sato"), login(&office.database, "takahashi"), login(&office.database, "kimura"));
    let listed = people::list(&mut client).unwrap();
    // By name, as the server orders them.
    let expected = [
        (takahashi.clone(), "情シス 高橋", ServerAccess::Staff),
        (kimura.clone(), "社長 木村", ServerAccess::ReadOnly),
        (sato.clone(), "総務 佐藤", ServerAccess::Administrator),
    ]
    .map(|(login, name, access)| ServerPerson { login, name: name.into(), access: Some(access) });
    assert_eq!(listed, expected);

    // The server keeps a salted verifier, never the password.
    let mut owner = office.database.client();
    let stored: String = owner.query_one("SELECT rolpassword FROM pg_authid WHERE rolname = $1", &[&takahashi]).unwrap().get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$") && !stored.contains("高橋のパスワード"), "{stored}");

    // A sign-in name taken anywhere on the server is refused; so is the server's own superuser's
    // password, which this company did not make.
    let taken = people::add(&mut client, &takahashi, "別人", ServerAccess::Staff, "password-123").unwrap_err();
    assert!(taken.to_string().contains("already used"), "{taken}");
    let superuser = office.database.address.to_string();
    let superuser = superuser.split('@').next().unwrap();
    let not_ours = people::set_password(&mut client, superuser, "乗っ取り-123456").unwrap_err();
    assert!(not_ours.to_string().contains("was not made for this company"), "{not_ours}");

    // The company always keeps a 管理者.
    let last = people::change(&mut client, &sato, None, Some(ServerAccess::Staff)).unwrap_err();
    assert!(last.to_string().contains("no 管理者 left"), "{last}");
    people::change(&mut client, &takahashi, Some("情シス 高橋 課長"), Some(ServerAccess::Administrator)).unwrap();
    people::change(&mut client, &sato, None, Some(ServerAccess::Staff)).unwrap();

    // A new password works, the old one no longer does.
    let mut now_administrator = office.database.signed_in_as(&takahashi, "高橋のパスワード-2").connect().unwrap();
    people::set_password(&mut now_administrator, &kimura, "木村の新しいパスワード").unwrap();
    assert!(office.read_only.connect().is_err(), "the old password still signs in");
    office.database.signed_in_as(&kimura, "木村の新しいパスワード").connect().expect("the new password signs in");

    // Someone taken off can no longer sign in to the company; the history still names them.
    let mut kimura_company = ServerCompany::open(&office.database.signed_in_as(&kimura, "木村の新しいパスワード")).unwrap();
    drop(kimura_company.write(|tx| contacts::set_stale_contact_months(tx, "木村", 3)).unwrap_err());
    drop(kimura_company);
    people::change(&mut now_administrator, &kimura, None, None).unwrap();
    let gone = office.database.signed_in_as(&kimura, "木村の新しいパスワード").connect().err().expect("refused");
    assert!(gone.to_string().contains("permission denied for database"), "{gone}");
    let listed = people::list(&mut now_administrator).unwrap();
    assert_eq!(listed.iter().find(|p| p.login == kimura).unwrap().access, None);

    // Another company on the same server: its 管理者 cannot even connect to this one.
    let other = self::office("people_other");
    let outsider = office.database.signed_in_as(&login(&other.database, "sato"), "佐藤のパスワード-1");
    let refused = outsider.connect().err().expect("refused");
    assert!(refused.to_string().contains("permission denied for database"), "{refused}");
}
