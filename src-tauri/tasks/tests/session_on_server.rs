//! The window's session on a company kept on a server: connecting as the 「サーバーに接続」 dialog
//! does, working on it as on a file, and what only a file has refused with the reason.
//!
//! Needs a server: `make test-server` runs these with `SONAE_TEST_SERVER` (a superuser's URL).

#[path = "../../server/tests/support/mod.rs"]
mod support;

use sonae_core::client_overview::ClientState;
use sonae_core::company;
use sonae_core::company_file::{CompanyFile, Passphrase};
use sonae_core::error_code::{ErrorCode, ErrorReport};
use sonae_core::language::Language;
use sonae_core::workspace::{ServerAccess, ServerPlace};
use sonae_server::people::{self, NewPerson};
use sonae_server::{copy, schema, ServerCompany};
use sonae_tasks::{ImportKind, Session};
use support::{TestDatabase, NEEDS_SERVER};

/// The test server's URL taken apart as a person fills the dialog, with its password.
fn place_of(database: &TestDatabase) -> (ServerPlace, String) {
    let url = url::Url::parse(&std::env::var("SONAE_TEST_SERVER").expect(NEEDS_SERVER)).unwrap();
    let ca_file = url.query_pairs().find(|(k, _)| k == "sslrootcert").map(|(_, v)| v.into_owned()).unwrap();
    let place = ServerPlace {
        host: url.host_str().unwrap().to_owned(),
        port: url.port().unwrap(),
        database: database.address.database().to_owned(),
        user: url.username().to_owned(),
        ca_file,
    };
    (place, url.password().unwrap().to_owned())
}

/// A session on a file of its own, and the demo company in a server database.
fn session_and_server(name: &str) -> (tempfile::TempDir, Session, TestDatabase) {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.sonae");
    drop(CompanyFile::create_demo(&demo, Language::Ja).unwrap());
    let database = TestDatabase::new(name);
    copy::push(&demo, None, &database.address).unwrap();
    let own = dir.path().join("own.sonae");
    drop(CompanyFile::create_demo(&own, Language::En).unwrap());
    let session = Session::start(dir.path().join("data"), Some(own));
    session.wait_for_background_backup();
    (dir, session, database)
}

fn company_name(session: &Session) -> Result<String, ErrorReport> {
    session.with_company(|company| Ok(company::company_profile(company.connection())?.name))
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server"]
fn a_server_company_opens_in_place_of_the_file_and_is_remembered_without_its_password() {
    let (dir, session, database) = session_and_server("session_open");
    let (place, password) = place_of(&database);
    let own_name = company_name(&session).unwrap();

    // The CA certificate must have been chosen in the dialog first.
    let refused = session.connect_to_server(&place, password.clone()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::NoFileChosen);
    session.choose_import(ImportKind::ServerCaFile, place.ca_file.clone().into());

    // A wrong password, or a database without a company, leaves the file open and says why.
    let refused = session.connect_to_server(&place, "not the password".into()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::ServerConnectFailed, "{}", refused.message);
    assert!(refused.message.contains("password authentication failed"), "{}", refused.message);
    let empty = TestDatabase::new("session_empty");
    let refused = session.connect_to_server(&place_of(&empty).0, password.clone()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::ServerHasNoCompany, "{}", refused.message);
    let missing_host = ServerPlace { host: " ".into(), ..place.clone() };
    let refused = session.connect_to_server(&missing_host, password.clone()).unwrap_err();
    assert_eq!((refused.code, refused.message.as_str()), (ErrorCode::ServerAddressInvalid, "the server address lacks: host"));
    assert_eq!(company_name(&session).unwrap(), own_name);
    assert!(session.recent_servers().unwrap().is_empty(), "nothing is remembered of a failed connection");

    session.connect_to_server(&place, password.clone()).unwrap();
    assert_eq!(company_name(&session).unwrap(), "株式会社さくら設計事務所");
    let state = session.open_file_state().unwrap();
    assert_eq!(state.path, None);
    assert_eq!(state.server, Some(format!("{}@{}:{}/{}", place.user, place.host, place.port, place.database)));
    assert!(!state.protected);
    assert!(session.recent_files().unwrap().iter().all(|f| !f.open), "no file is open now");

    // Remembered for next time, and the password nowhere in the settings.
    assert_eq!(session.recent_servers().unwrap(), vec![place.clone()]);
    let settings = std::fs::read_to_string(dir.path().join("data/settings.json")).unwrap();
    assert!(settings.contains(&place.database));
    assert!(!settings.contains(&password), "the password was written to the settings");

    // A recent server's CA certificate needs no new choice, in a later session too.
    let again = Session::start(dir.path().join("data"), Some(dir.path().join("own.sonae")));
    again.connect_to_server(&place, password).unwrap();
    assert_eq!(company_name(&again).unwrap(), "株式会社さくら設計事務所");
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server"]
fn a_change_made_in_the_window_is_on_the_server_and_file_tasks_are_refused() {
    let (_dir, session, database) = session_and_server("session_write");
    let (place, password) = place_of(&database);
    session.choose_import(ImportKind::ServerCaFile, place.ca_file.clone().into());
    session.connect_to_server(&place, password).unwrap();

    session
        .with_company(|company| {
            let mut profile = company::company_profile(company.connection())?;
            profile.name = "株式会社さくら設計事務所 <script>alert(1)</script> 🌸".into();
            Ok(company.write(|tx| company::edit::update_company_profile(tx, "総務 佐藤", &profile))?)
        })
        .unwrap();
    let elsewhere = ServerCompany::open(&database.address).unwrap();
    assert_eq!(
        company::company_profile(elsewhere.connection()).unwrap().name,
        "株式会社さくら設計事務所 <script>alert(1)</script> 🌸"
    );

    for refused in [
        session.list_backups().map(|_| ()).unwrap_err(),
        session.change_passphrase(None, Some(Passphrase::new("春の朝の長いパスフレーズ"))).map(|_| ()).unwrap_err(),
    ] {
        assert_eq!(refused.code, ErrorCode::DoneOnServer, "{}", refused.message);
    }
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server"]
fn a_server_that_goes_away_is_reported_reconnected_when_back_and_the_window_can_go_back_to_a_file() {
    let (dir, session, database) = session_and_server("session_lost");
    let (place, password) = place_of(&database);
    let own_name = company_name(&session).unwrap();
    session.choose_import(ImportKind::ServerCaFile, place.ca_file.clone().into());
    session.connect_to_server(&place, password).unwrap();
    assert!(company_name(&session).is_ok());

    let name = database.address.database().to_owned();
    let mut admin =
        sonae_server::ServerAddress::parse(&std::env::var("SONAE_TEST_SERVER").expect(NEEDS_SERVER)).unwrap().connect().unwrap();
    let cut = |admin: &mut postgres::Client| {
        admin
            .batch_execute(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            ))
            .unwrap()
    };
    cut(&mut admin);
    let started = std::time::Instant::now();
    assert_eq!(company_name(&session).unwrap_err().code, ErrorCode::ServerUnreachable);
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
    // Trying again, as the message says, connects again.
    assert_eq!(company_name(&session).unwrap(), "株式会社さくら設計事務所");

    // While the server refuses connections, every try says so; once it takes them again, the
    // company is back without being opened again.
    admin.batch_execute(&format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false")).unwrap();
    cut(&mut admin);
    for _ in 0..2 {
        let refused = company_name(&session).unwrap_err();
        assert_eq!(refused.code, ErrorCode::ServerUnreachable, "{}", refused.message);
    }
    admin.batch_execute(&format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true")).unwrap();
    assert_eq!(company_name(&session).unwrap(), "株式会社さくら設計事務所");

    session.open_recent_file(&dir.path().join("own.sonae")).unwrap();
    assert_eq!(company_name(&session).unwrap(), own_name);
    assert_eq!(session.open_file_state().unwrap().server, None);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server"]
fn a_read_only_person_reads_and_is_told_that_they_may_not_change() {
    let (_dir, session, database) = session_and_server("session_viewer");
    let (place, _) = place_of(&database);
    // 「社長 木村」 signs in as 閲覧, given to him by the company's first 管理者.
    let kimura = format!("{}_kimura", database.address.database());
    let first = NewPerson {
        login: format!("{}_sato", database.address.database()),
        name: "総務 佐藤".into(),
        password: Some("佐藤のパスワード-1".into()),
    };
    schema::init(&database.address, Some(&first)).unwrap();
    let mut administrator = database.signed_in_as(&first.login, "佐藤のパスワード-1").connect().unwrap();
    people::add(&mut administrator, &kimura, "社長 木村", ServerAccess::ReadOnly, "見るだけ-2026").unwrap();
    session.choose_import(ImportKind::ServerCaFile, place.ca_file.clone().into());
    session.connect_to_server(&ServerPlace { user: kimura.clone(), ..place }, "見るだけ-2026".into()).unwrap();
    assert_eq!(company_name(&session).unwrap(), "株式会社さくら設計事務所");
    let signed_in = session.open_file_state().unwrap().signed_in.expect("the window knows who signed in");
    assert_eq!((signed_in.name.as_str(), signed_in.access), ("社長 木村", Some(ServerAccess::ReadOnly)));
    assert_eq!(session.author(), "社長 木村", "the person signed in, not this PC's preferences");

    let refused = session
        .with_company(|company| {
            let mut profile = company::company_profile(company.connection())?;
            profile.name = "書き換え".into();
            Ok(company.write(|tx| company::edit::update_company_profile(tx, "閲覧", &profile))?)
        })
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotPermitted, "{}", refused.message);
    assert_eq!(company_name(&session).unwrap(), "株式会社さくら設計事務所", "nothing of it was saved");

    // Back on a file, the name is this PC's again.
    session.open_recent_file(&_dir.path().join("own.sonae")).unwrap();
    assert_eq!(session.open_file_state().unwrap().signed_in, None);
    drop(session);
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server"]
fn the_copy_kept_on_this_pc_opens_to_read_while_the_server_is_away_and_changes_nothing() {
    let (dir, session, database) = session_and_server("session_kept_copy");
    let (place, password) = place_of(&database);
    session.choose_import(ImportKind::ServerCaFile, place.ca_file.clone().into());

    // Before any connection there is no copy.
    let refused = session.open_kept_copy(&place, password.clone()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::NoKeptCopy, "{}", refused.message);

    // Connecting writes the copy, encrypted: neither the company's name nor a contact's is in
    // its bytes.
    session.connect_to_server(&place, password.clone()).unwrap();
    session.wait_for_kept_copy();
    let copy = session.kept_copy_path(&place);
    assert!(copy.starts_with(dir.path()), "{}", copy.display());
    let bytes = std::fs::read(&copy).expect("the copy is written after connecting");
    for plain in ["株式会社さくら設計事務所", "SQLite format 3"] {
        assert!(!bytes.windows(plain.len()).any(|w| w == plain.as_bytes()), "{plain} is readable in the copy");
    }

    // A change made after is in the next copy, made at the next connection.
    session
        .with_company(|company| Ok(company.write(|tx| sonae_core::contacts::set_stale_contact_months(tx, "佐藤", 7))?))
        .unwrap();
    session.connect_to_server(&place, password.clone()).unwrap();

    // The server stops answering: the copy opens without the password being asked again.
    session.open_kept_copy_of_open_server().unwrap();
    let state = session.open_file_state().unwrap();
    let kept = state.kept_copy.expect("the window is told it shows the copy");
    assert_eq!(kept.server, format!("{}@{}:{}/{}", place.user, place.host, place.port, place.database));
    assert!(chrono::DateTime::parse_from_rfc3339(&kept.taken_at).is_ok(), "{}", kept.taken_at);
    assert_eq!((state.server, state.path), (None, None));
    assert_eq!(company_name(&session).unwrap(), "株式会社さくら設計事務所");
    let months = session.with_company(|company| Ok(company::company_profile(company.connection())?.stale_contact_months));
    assert_eq!(months.unwrap(), 7, "the copy is of the last connection");

    // Nothing can be changed in it, nor queued for later.
    let refused = session
        .with_company(|company| Ok(company.write(|tx| sonae_core::contacts::set_stale_contact_months(tx, "佐藤", 9))?))
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::KeptCopyReadOnly, "{}", refused.message);
    assert_eq!(session.list_backups().unwrap_err().code, ErrorCode::DoneOnServer);

    // From the dialog, with the password of the last connection; a wrong one is refused.
    session.open_recent_file(&dir.path().join("own.sonae")).unwrap();
    let refused = session.open_kept_copy(&place, "まちがい".into()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::WrongPassphrase, "{}", refused.message);
    assert!(session.open_file_state().unwrap().kept_copy.is_none(), "the file stays open");
    session.open_kept_copy(&place, password.clone()).unwrap();
    assert_eq!(company_name(&session).unwrap(), "株式会社さくら設計事務所");

    // Connecting again goes back to the server.
    session.connect_to_server(&place, password.clone()).unwrap();
    assert!(session.open_file_state().unwrap().kept_copy.is_none());
    session.wait_for_kept_copy();

    // 顧問先一覧 lists the server company through its copy: locked until the password is given,
    // then with its readiness, and opened on the server, never as a file.
    session.open_recent_file(&dir.path().join("own.sonae")).unwrap();
    let listed = session.portfolio_listing().files;
    let copy_name = copy.display().to_string();
    assert!(listed.contains(&copy_name), "{listed:?}");
    let row = session.portfolio_row(&copy).unwrap();
    assert_eq!(row.server.as_ref(), Some(&place));
    assert!(matches!(row.state, ClientState::Locked { wrong: false }), "{:?}", row.state);
    let refused = session.open_from_portfolio(&copy).unwrap_err();
    assert_eq!(refused.code, ErrorCode::PassphraseRequired);
    let row = session.unlock_portfolio_file(&copy, Passphrase::new(password)).unwrap();
    let ClientState::Ready { readiness } = &row.state else { panic!("{:?}", row.state) };
    assert_eq!(readiness.company_name, "株式会社さくら設計事務所");
    session.open_from_portfolio(&copy).unwrap();
    let state = session.open_file_state().unwrap();
    assert_eq!((state.server.is_some(), state.kept_copy, state.path), (true, None, None));
    session.wait_for_kept_copy();
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server"]
fn a_administrator_manages_the_people_from_the_window_and_others_are_refused_by_the_server() {
    let (_dir, session, database) = session_and_server("session_people");
    let (place, _) = place_of(&database);
    let sato = format!("{}_sato", database.address.database());
    let first =
        NewPerson { login: sato.clone(), name: "総務 佐藤".into(), password: Some("佐藤のパスワード-1".into()) };
    schema::init(&database.address, Some(&first)).unwrap();
    session.choose_import(ImportKind::ServerCaFile, place.ca_file.clone().into());
    session.connect_to_server(&ServerPlace { user: sato.clone(), ..place.clone() }, "佐藤のパスワード-1".into()).unwrap();

    let takahashi = format!("{}_takahashi", database.address.database());
    let people = session.add_server_person(&takahashi, " 情シス 高橋 ", ServerAccess::Staff, "高橋のパスワード-2").unwrap();
    assert_eq!(
        people.iter().map(|p| (p.name.as_str(), p.access)).collect::<Vec<_>>(),
        [("情シス 高橋", Some(ServerAccess::Staff)), ("総務 佐藤", Some(ServerAccess::Administrator))]
    );
    let taken = session.add_server_person(&takahashi, "別人", ServerAccess::Staff, "password-123").unwrap_err();
    assert_eq!(taken.code, ErrorCode::SignInNameTaken, "{}", taken.message);
    let short = session.add_server_person("x", "x", ServerAccess::Staff, "short").unwrap_err();
    assert_eq!(short.code, ErrorCode::PasswordTooShort);
    let last = session.change_server_person(&sato, Some("総務 佐藤"), Some(ServerAccess::Staff)).unwrap_err();
    assert_eq!(last.code, ErrorCode::LastAdministrator, "{}", last.message);

    // Changing one's own name shows at once in who is signed in.
    session.change_server_person(&sato, Some("総務 佐藤 課長"), Some(ServerAccess::Administrator)).unwrap();
    assert_eq!(session.open_file_state().unwrap().signed_in.unwrap().name, "総務 佐藤 課長");

    // 高橋, a 担当者, reads the people and is refused any change by the server.
    session.connect_to_server(&ServerPlace { user: takahashi.clone(), ..place }, "高橋のパスワード-2".into()).unwrap();
    assert_eq!(session.server_people().unwrap().len(), 2);
    let refused = session.change_server_person(&takahashi, Some("高橋"), Some(ServerAccess::Administrator)).unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotPermitted, "{}", refused.message);
    session.wait_for_kept_copy();
}
