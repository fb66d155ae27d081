//! A company kept on a server, used from the window: connecting through 「サーバーに接続」 as a
//! new user would (by the fields' labels), a change saved there, the server going away in the
//! middle of work and coming back, and going back to a company file.
//!
//! Needs a PostgreSQL server besides the window: `make test-e2e` starts a throwaway one and names
//! it in `SONAE_TEST_SERVER`.

use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_core::store::{Db, Transaction};
use sonae_core::workspace::ServerAccess;
use sonae_core::{bcp, company, contacts, policy};
use sonae_server::people::{self, NewPerson};
use sonae_server::{copy, schema, ServerAddress, ServerCompany};

use crate::harness::{AppWindow, Home};
use crate::support::{TestDatabase, NEEDS_SERVER};

/// Runs `work` on a thread of its own: the server's client blocks, which the test's async
/// runtime does not allow on its own thread.
fn blocking<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| scope.spawn(work).join().expect("the server work panicked"))
}

/// A database of its own on the test server holding the demo company, dropped at the end (with
/// the company's groups and people) as the server tests' databases are.
struct ServerDemo {
    /// `None` only while the demo is dropped: the database goes on a thread of its own.
    database: Option<TestDatabase>,
    admin: ServerAddress,
    address: ServerAddress,
    url: url::Url,
}

impl ServerDemo {
    fn new(home: &Home) -> ServerDemo {
        let database = TestDatabase::new("e2e");
        let address = database.address.clone();
        let demo = home.path("demo.sonae");
        drop(CompanyFile::create_demo(&demo, Language::Ja).expect("demo company file"));
        copy::push(&demo, None, &address).expect("push the demo company");
        let url = url::Url::parse(&std::env::var("SONAE_TEST_SERVER").expect(NEEDS_SERVER)).unwrap();
        ServerDemo { admin: database.admin.clone(), database: Some(database), address, url }
    }

    fn ca_file(&self) -> String {
        self.url.query_pairs().find(|(k, _)| k == "sslrootcert").map(|(_, v)| v.into_owned()).expect("sslrootcert")
    }

    /// Takes the server away (`away`: it refuses new connections and ends those it has, as a
    /// stopped server or a pulled cable would) or brings it back. A mere cut is not enough to
    /// test "away": the app connects again at once, for the watcher of other PCs' changes too.
    fn set_away(&self, away: bool) {
        let allow = if away { "false" } else { "true" };
        let sql = format!("ALTER DATABASE {} ALLOW_CONNECTIONS {allow}", self.address.database());
        blocking(|| self.admin.connect().unwrap().batch_execute(&sql).unwrap());
        if away {
            blocking(|| self.cut_connections());
        }
    }

    /// Ends every connection to the database but this one, as a server restart would.
    fn cut_connections(&self) {
        self.admin
            .connect()
            .unwrap()
            .batch_execute(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{}' AND pid <> pg_backend_pid()",
                self.address.database()
            ))
            .unwrap();
    }
}

impl ServerDemo {
    /// The company's people, as its owner and first 管理者 set them up: 「総務 佐藤」 (管理者),
    /// 「情シス 高橋」 (担当者) and 「社長 木村」 (閲覧), each signing in with a name of this
    /// database's and the password [`PERSON_PASSWORD`]. Answers their sign-in names in that order.
    fn people(&self) -> [String; 3] {
        let logins = ["sato", "takahashi", "kimura"].map(|who| format!("{}_{who}", self.address.database()));
        blocking(|| {
            let first =
                NewPerson { login: logins[0].clone(), name: "総務 佐藤".into(), password: Some(PERSON_PASSWORD.into()) };
            schema::init(&self.address, Some(&first)).expect("set up the company's people");
            let mut client = self.address.connect().unwrap();
            people::add(&mut client, &logins[1], "情シス 高橋", ServerAccess::Staff, PERSON_PASSWORD).unwrap();
            people::add(&mut client, &logins[2], "社長 木村", ServerAccess::ReadOnly, PERSON_PASSWORD).unwrap();
        });
        logins
    }
}

impl ServerDemo {
    /// What `read` finds in the company now, read on a connection of its own as another PC would.
    fn read<T: Send>(&self, read: impl FnOnce(&dyn Db) -> T + Send) -> T {
        blocking(|| read(ServerCompany::open(&self.address).unwrap().connection()))
    }

    /// Makes a change on a connection of its own, as another PC would; answers what `work` does.
    fn write<T: Send>(&self, work: impl FnOnce(&Transaction) -> sonae_core::store::Result<T> + Send) -> T {
        blocking(|| ServerCompany::open(&self.address).unwrap().write(work).unwrap())
    }

    /// The company's name.
    fn company_name(&self) -> String {
        self.read(|db| company::company_profile(db).unwrap().name)
    }

    /// The company's name, and the first contact of its list: its id and name.
    fn first_contact(&self) -> (String, i64, String) {
        let everyone = contacts::ContactQuery { text: String::new(), tag: None, only_stale: false, offset: 0, limit: 0 };
        let first = self.read(|db| contacts::list_contacts(db, &everyone).unwrap().items.remove(0));
        (self.company_name(), first.id, first.name)
    }

    /// Who made the last `count` changes to contact `id`, the latest first, as the history says.
    fn contact_authors(&self, id: i64, count: u32) -> Vec<String> {
        use sonae_core::store::history::{change_history, ChangedEntity};
        let changes = self.read(|db| change_history(db, Some(ChangedEntity::Contact), Some(id), count, 0).unwrap());
        changes.into_iter().map(|c| c.author).collect()
    }
}

/// The password of each of [`ServerDemo::people`].
const PERSON_PASSWORD: &str = "事務所のパスワード-2026";

impl Drop for ServerDemo {
    fn drop(&mut self) {
        // Dropping the database talks to the server, which the test's async runtime does not allow.
        let database = self.database.take();
        blocking(|| drop(database));
    }
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server: run by `make test`"]
async fn an_office_manager_connects_to_the_server_company_works_on_it_and_is_told_when_it_goes_away_and_comes_back() {
    let home = Home::new();
    let server = blocking(|| ServerDemo::new(&home));
    let own = home.path("own.sonae");
    drop(CompanyFile::create_demo(&own, Language::En).expect("own company file"));
    let own_name = company::company_profile(CompanyFile::open(&own).unwrap().connection()).unwrap().name;
    let server_name = server.company_name();
    let port = server.url.port().expect("a port").to_string();

    let app = AppWindow::launch(&home, Some(&own)).await;
    app.wait_for_text_in("[data-testid=company-name]", &own_name).await;
    app.click("[data-testid=nav-files]").await;
    app.click_button("サーバーに接続…").await;
    app.type_into_labelled("サーバーの名前（ホスト名）", server.url.host_str().unwrap()).await;
    app.type_into_labelled("ポート番号", &port).await;
    app.type_into_labelled("データベース名", server.address.database()).await;
    app.type_into_labelled("ユーザー名", server.url.username()).await;
    app.type_into_labelled("パスワード", "まちがえたパスワード").await;
    home.answer_dialogs(&[std::path::Path::new(&server.ca_file())]);
    app.click_button("ファイルを選ぶ…").await;
    app.wait_for_text_in("[data-testid=server-ca-file]", &server.ca_file()).await;

    // A wrong password: said in plain words, with the server's reason underneath; nothing changes.
    app.click_button("接続する").await;
    app.wait_for_text_in("[data-testid=error]", "サーバーに接続できませんでした。").await;
    app.wait_for_text_in("[data-testid=error]", "password authentication failed").await;
    app.screenshot("server-connect-refused-ja").await;

    app.type_into_labelled("パスワード", server.url.password().unwrap()).await;
    app.click_button("接続する").await;
    app.wait_for_text_in("[data-testid=company-name]", &server_name).await;
    let shown = format!("{}@{}:{port}/{}", server.url.username(), server.url.host_str().unwrap(), server.address.database());
    app.wait_for_text_in("[data-testid=open-server]", &shown).await;
    app.screenshot("server-home-ja").await;

    // A contact added in the window is on the server, text as typed.
    // (WebKitWebDriver types no characters outside the BMP, so no emoji here: the server tests
    // store and read them.)
    let name = "<script>alert('x')</script> 山田 花子";
    app.click("[data-testid=nav-contacts]").await;
    app.click("[data-testid=new-contact]").await;
    app.type_into("[data-testid=contact-name]", name).await;
    app.click("[data-testid=save-contact]").await;
    app.element("[data-testid=confirmation]").await;
    let on_server = || {
        let everyone = contacts::ContactQuery { text: String::new(), tag: None, only_stale: false, offset: 0, limit: 0 };
        let all = server.read(|db| contacts::list_contacts(db, &everyone).unwrap().items);
        let (named, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c.name == name);
        if named.is_empty() {
            eprintln!("contacts on the server: {:?}", others.iter().map(|c| &c.name).collect::<Vec<_>>());
        }
        named
    };
    assert_eq!(on_server().len(), 1, "the new contact is not on the server");

    // The server goes away while the contact is open: the save is refused at once with the
    // reason, the typed text stays in the form to try again, and nothing of it reached the server.
    server.set_away(true);
    app.type_into("[data-testid=contact-title]", "総務課長").await;
    let started = std::time::Instant::now();
    app.click("[data-testid=save-contact]").await;
    app.wait_for_text_in("[data-testid=error]", "サーバーとの接続が切れました。保存しようとしていた内容は保存されていません。")
        .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(15), "took {:?}", started.elapsed());
    assert_eq!(app.value("[data-testid=contact-title]").await, "総務課長");
    app.screenshot("server-lost-ja").await;
    // Back: nothing of the refused save is there, and trying again, as the message says,
    // connects again and saves.
    server.set_away(false);
    assert_eq!(on_server()[0].title, "", "a refused save reached the server");
    app.click("[data-testid=save-contact]").await;
    app.text("保存しました。").await;
    assert_eq!(on_server()[0].title, "総務課長");

    // Away again while going home: home says so, and reads again when asked.
    server.set_away(true);
    app.click("[data-testid=nav-home]").await;
    app.wait_for_text_in("[data-testid=error]", "サーバーとの接続が切れました。").await;
    server.set_away(false);
    app.click("[data-testid=home-retry]").await;
    app.wait_for_text_in("[data-testid=company-name]", &server_name).await;

    // Back to the company file, from the list of recent files.
    app.click("[data-testid=nav-files]").await;
    app.click_button("開く").await;
    app.wait_for_text_in("[data-testid=company-name]", &own_name).await;
    app.close().await;

    // The next start lists the server, with everything but the password filled in.
    let app = AppWindow::launch(&home, Some(&own)).await;
    app.click("[data-testid=nav-files]").await;
    app.wait_for_text_in("[data-testid=recent-server]", &shown).await;
    app.screenshot("server-recent-ja").await;
    app.click_button("接続…").await;
    app.wait_for_text_in("[data-testid=server-ca-file]", &server.ca_file()).await;
    app.type_into_labelled("パスワード", server.url.password().unwrap()).await;
    app.click_button("接続する").await;
    app.wait_for_text_in("[data-testid=company-name]", &server_name).await;
    app.close().await;
    let settings = std::fs::read_to_string(home.data_dir().join("settings.json")).unwrap();
    assert!(!settings.contains(server.url.password().unwrap()), "the password was kept in the settings");
}

/// A person's own Sonae on their own PC: their name (the author of what they save) and the
/// server company among their recent servers, as after a first connection.
fn person_at_a_pc(server: &ServerDemo, author: &str) -> Home {
    person_signing_in_at_a_pc(server, author, server.url.username())
}

/// [`person_at_a_pc`] for someone who signs in to the server as `user`.
fn person_signing_in_at_a_pc(server: &ServerDemo, author: &str, user: &str) -> Home {
    let home = Home::new();
    let settings = serde_json::json!({
        "preferences": { "language": "ja", "author_name": author, "backups_kept": 20 },
        "recent_servers": [{
            "host": server.url.host_str().unwrap(),
            "port": server.url.port().unwrap(),
            "database": server.address.database(),
            "user": user,
            "ca_file": server.ca_file(),
        }],
    });
    std::fs::create_dir_all(home.data_dir()).unwrap();
    std::fs::write(home.data_dir().join("settings.json"), settings.to_string()).unwrap();
    home
}

/// Connects to the recent server company, typing the password as a person does each time.
async fn connect_again(app: &AppWindow, server: &ServerDemo, company_name: &str) {
    connect_with(app, server.url.password().unwrap(), company_name).await;
}

/// [`connect_again`] with `password`.
async fn connect_with(app: &AppWindow, password: &str, company_name: &str) {
    app.click("[data-testid=nav-files]").await;
    app.click_button("接続…").await;
    app.type_into_labelled("パスワード", password).await;
    app.click_button("接続する").await;
    app.wait_for_text_in("[data-testid=company-name]", company_name).await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server: run by `make test`"]
async fn two_people_edit_one_contact_and_the_second_save_is_refused_naming_the_first() {
    let setup = Home::new();
    let server = blocking(|| ServerDemo::new(&setup));
    let (company_name, id, name) = server.first_contact();
    let sato = person_at_a_pc(&server, "総務 佐藤");
    let takahashi = person_at_a_pc(&server, "情シス 高橋");
    let at_sato = AppWindow::launch(&sato, None).await;
    let at_takahashi = AppWindow::launch(&takahashi, None).await;
    connect_again(&at_sato, &server, &company_name).await;
    connect_again(&at_takahashi, &server, &company_name).await;

    // Both open the same contact.
    for app in [&at_sato, &at_takahashi] {
        app.click("[data-testid=nav-contacts]").await;
        app.click(&format!("[data-testid=contact-{id}]")).await;
        app.element("[data-testid=confirmation]").await;
        assert_eq!(app.value("[data-testid=contact-name]").await, name);
    }
    // Both type; 高橋 saves first. (A form nobody has typed in takes the other's save by itself.)
    at_sato.type_into("[data-testid=contact-title]", "総務部長").await;
    at_takahashi.type_into("[data-testid=contact-title]", "情報システム担当").await;
    at_takahashi.click("[data-testid=save-contact]").await;
    at_takahashi.text("保存しました。").await;

    // 佐藤's form says 高橋 changed the contact; 佐藤 saves all the same. His save, from the form
    // read before that, is refused, naming 高橋; the typed text stays.
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、この連絡先が変更されました").await;
    at_sato.click("[data-testid=save-contact]").await;
    at_sato.wait_for_text_in("[data-testid=changed-elsewhere]", "ほかの人が先に変更しました").await;
    at_sato.wait_for_text_in("[data-testid=changed-by]", "情シス 高橋 さんが").await;
    assert_eq!(at_sato.value("[data-testid=contact-title]").await, "総務部長");
    at_sato.screenshot("server-changed-elsewhere-ja").await;
    let stored = || server.read(|db| contacts::contact(db, id).unwrap().title);
    assert_eq!(stored(), "情報システム担当", "the first save was overwritten");

    // Reading the latest shows 高橋's change; saving on top of it then works, as 佐藤.
    at_sato.click("[data-testid=reload-latest]").await;
    at_sato.wait_for_value("[data-testid=contact-title]", "情報システム担当").await;
    at_sato.type_into("[data-testid=contact-title]", "情報システム担当・総務部長").await;
    at_sato.click("[data-testid=save-contact]").await;
    at_sato.text("保存しました。").await;
    assert_eq!(stored(), "情報システム担当・総務部長");
    assert_eq!(server.contact_authors(id, 2), ["総務 佐藤", "情シス 高橋"]);

    // 佐藤, typing in a form read before 高橋's save, deletes the contact instead: refused too,
    // and the contact stays, with 高橋's change.
    let input = contacts::ContactInput { name: "株式会社みなと保守".into(), ..Default::default() };
    let vendor = server.write(|tx| contacts::create_contact(tx, "総務 佐藤", &input));
    for app in [&at_sato, &at_takahashi] {
        app.click("[data-testid=nav-contacts]").await;
        app.click(&format!("[data-testid=contact-{vendor}]")).await;
        app.wait_for_value("[data-testid=contact-name]", "株式会社みなと保守").await;
    }
    at_sato.type_into("[data-testid=contact-notes]", "契約は3月で終了").await;
    at_takahashi.type_into("[data-testid=contact-title]", "夜間窓口").await;
    at_takahashi.click("[data-testid=save-contact]").await;
    at_takahashi.text("保存しました。").await;
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、この連絡先が変更されました").await;
    at_sato.click("[data-testid=delete-contact]").await;
    at_sato.click("[data-testid=delete-contact-confirm]").await;
    at_sato.wait_for_text_in("[data-testid=changed-by]", "情シス 高橋 さんが").await;
    let vendor_title = || server.read(|db| contacts::contact(db, vendor).map(|c| c.title));
    assert_eq!(vendor_title().unwrap(), "夜間窓口", "the contact was deleted over 高橋's change");
    at_sato.screenshot("server-delete-changed-elsewhere-ja").await;

    // The same for a part of the policy: level 1 of the incident levels.
    for app in [&at_sato, &at_takahashi] {
        app.click("[data-testid=nav-policy]").await;
        app.click("[data-testid=tab-levels]").await;
        app.element("[data-testid=level-1] input").await;
    }
    at_takahashi.type_into("[data-testid=level-1] input", "軽微（高橋が改訂）").await;
    at_takahashi.click("[data-testid=level-1] button").await;
    at_takahashi.wait_for_text_in("[data-testid=level-1]", "保存しました。").await;
    at_sato.type_into("[data-testid=level-1] input", "軽微（佐藤が改訂）").await;
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、方針が変更されました").await;
    at_sato.click("[data-testid=level-1] button").await;
    at_sato.wait_for_text_in("[data-testid=level-1] [data-testid=changed-by]", "情シス 高橋 さんが").await;
    assert_eq!(at_sato.value("[data-testid=level-1] input").await, "軽微（佐藤が改訂）");
    at_sato.screenshot("server-policy-changed-elsewhere-ja").await;
    at_sato.click("[data-testid=level-1] [data-testid=reload-latest]").await;
    at_sato.wait_for_value("[data-testid=level-1] input", "軽微（高橋が改訂）").await;
    at_sato.close().await;
    at_takahashi.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server: run by `make test`"]
async fn two_people_confirm_one_wizard_step_and_the_second_is_told_who_confirmed_it_first() {
    use sonae_core::incident::{self, record, wizard};
    let setup = Home::new();
    let server = blocking(|| ServerDemo::new(&setup));
    let id = server.write(|tx| {
        let id = record::start_incident(tx, wizard::CaseKind::Missent)?;
        let basics = wizard::IncidentBasics {
            case_kind: wizard::CaseKind::Missent,
            title: "見積書の誤送信".into(),
            discovered_at: "2026-12-07T09:30:00+09:00".into(),
            occurred_at: None,
            discovered_by: "営業 山本".into(),
            description: String::new(),
        };
        record::record_basics(tx, id, &basics, "営業 山本")?;
        Ok(id)
    });
    let company_name = server.company_name();
    let sato = person_at_a_pc(&server, "総務 佐藤");
    let takahashi = person_at_a_pc(&server, "情シス 高橋");
    let at_sato = AppWindow::launch(&sato, None).await;
    let at_takahashi = AppWindow::launch(&takahashi, None).await;
    for app in [&at_sato, &at_takahashi] {
        connect_again(app, &server, &company_name).await;
        app.click(&format!("[data-testid=open-incident-{id}]")).await;
        app.click("[data-testid=continue-wizard]").await;
        app.click("[data-testid=wizard-step-0]").await;
        app.wait_for_text_in("[data-testid=wizard] h2", "見積書の誤送信").await;
        app.element("[data-testid=field-title]").await;
    }

    // 高橋 revises what happened first and goes on.
    let title_at = at_sato.position("[data-testid=field-title]").await;
    at_takahashi.type_into("[data-testid=field-title]", "見積書と単価表の誤送信").await;
    at_takahashi.click("[data-testid=wizard-next]").await;
    at_takahashi.element("[data-testid=happened-damage_confirmed]").await;

    // 佐藤's window says so in its corner; nothing on his step moves when the notice comes.
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、このインシデントの記録が進められました").await;
    assert_eq!(at_sato.position("[data-testid=field-title]").await, title_at, "the notice moved the step");
    at_sato.screenshot("server-wizard-newer-elsewhere-ja").await;
    // 佐藤's step says that 高橋 went further; 佐藤 saves all the same. His revision, from the
    // step as it was, is refused, naming 高橋; the typed title stays.
    at_sato.type_into("[data-testid=field-title]", "見積書を別の取引先へ送付").await;
    at_sato.click("[data-testid=wizard-next]").await;
    at_sato.wait_for_text_in("[data-testid=changed-by]", "情シス 高橋 さんが").await;
    assert_eq!(at_sato.value("[data-testid=field-title]").await, "見積書を別の取引先へ送付");
    at_sato.screenshot("server-wizard-changed-elsewhere-ja").await;
    let title = || server.read(|db| incident::read::incident_detail(db, id).unwrap().title);
    assert_eq!(title(), "見積書と単価表の誤送信");

    // Loading the latest shows the incident as 高橋 left it.
    at_sato.click("[data-testid=reload-latest]").await;
    at_sato.wait_for_text_in("[data-testid=wizard] h2", "見積書と単価表の誤送信").await;
    assert!(at_sato.absent("[data-testid=changed-elsewhere]").await);
    assert!(at_sato.absent("[data-testid=newer-elsewhere]").await);
    at_sato.close().await;
    at_takahashi.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server: run by `make test`"]
async fn each_person_signs_in_as_themselves_and_the_server_refuses_what_their_right_does_not_allow() {
    let setup = Home::new();
    let server = blocking(|| ServerDemo::new(&setup));
    let [_, takahashi, kimura] = server.people();
    let (company_name, id, _) = server.first_contact();
    let stored_title = || server.read(|db| contacts::contact(db, id).unwrap().title);
    let title_before = stored_title();

    // 社長 木村, 閲覧: home says who he is and that he can only read; a save is refused by the
    // server and explained, and what he typed stays.
    let pc = person_signing_in_at_a_pc(&server, "", &kimura);
    let app = AppWindow::launch(&pc, None).await;
    connect_with(&app, PERSON_PASSWORD, &company_name).await;
    app.wait_for_text_in("[data-testid=signed-in]", "社長 木村 さん（閲覧）として接続しています。").await;
    app.wait_for_text_in("[data-testid=signed-in]", "見ることと書類の出力だけができます。").await;
    app.screenshot("server-read-only-home-ja").await;
    app.click("[data-testid=nav-contacts]").await;
    app.click(&format!("[data-testid=contact-{id}]")).await;
    app.element("[data-testid=confirmation]").await;
    app.type_into("[data-testid=contact-title]", "社長が書き換え").await;
    app.click("[data-testid=save-contact]").await;
    app.wait_for_text_in("[data-testid=error]", "この変更をする権限がありません。").await;
    assert_eq!(app.value("[data-testid=contact-title]").await, "社長が書き換え");
    app.screenshot("server-read-only-refused-ja").await;
    assert_eq!(stored_title(), title_before, "a read-only person's save reached the server");
    app.close().await;

    // 情シス 高橋, 担当者, whose PC's preferences carry another name: a contact is saved under
    // the name he signed in as; a policy level is not his to change.
    let pc = person_signing_in_at_a_pc(&server, "別のパソコンの名前", &takahashi);
    let app = AppWindow::launch(&pc, None).await;
    connect_with(&app, PERSON_PASSWORD, &company_name).await;
    app.wait_for_text_in("[data-testid=signed-in]", "情シス 高橋 さん（担当者）").await;
    app.click("[data-testid=nav-contacts]").await;
    app.click(&format!("[data-testid=contact-{id}]")).await;
    app.element("[data-testid=confirmation]").await;
    app.type_into("[data-testid=contact-title]", "情報システム担当").await;
    app.click("[data-testid=save-contact]").await;
    app.text("保存しました。").await;
    assert_eq!(stored_title(), "情報システム担当");
    assert_eq!(server.contact_authors(id, 1), ["情シス 高橋"]);
    app.click("[data-testid=nav-policy]").await;
    app.click("[data-testid=tab-levels]").await;
    app.type_into("[data-testid=level-1] input", "軽微（高橋が改訂）").await;
    app.click("[data-testid=level-1] button").await;
    app.wait_for_text_in("[data-testid=level-1]", "この変更をする権限がありません。").await;
    assert_eq!(app.value("[data-testid=level-1] input").await, "軽微（高橋が改訂）");
    app.screenshot("server-staff-policy-refused-ja").await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server: run by `make test`"]
async fn what_one_pc_saves_appears_on_the_other_without_opening_the_screen_again() {
    use sonae_core::incident::{self, wizard::CaseKind};
    let setup = Home::new();
    let server = blocking(|| ServerDemo::new(&setup));
    let company_name = server.company_name();
    let at_sato = AppWindow::launch(&person_at_a_pc(&server, "総務 佐藤"), None).await;
    let at_takahashi = AppWindow::launch(&person_at_a_pc(&server, "情シス 高橋"), None).await;
    connect_again(&at_sato, &server, &company_name).await;
    connect_again(&at_takahashi, &server, &company_name).await;

    // 佐藤 looks at the contact list while 高橋 adds a contact on his PC.
    at_sato.click("[data-testid=nav-contacts]").await;
    at_sato.wait_for_text_in("body", "連絡先").await;
    at_takahashi.click("[data-testid=nav-contacts]").await;
    at_takahashi.click("[data-testid=new-contact]").await;
    at_takahashi.type_into("[data-testid=contact-name]", "株式会社みなと保守 夜間窓口").await;
    at_takahashi.click("[data-testid=save-contact]").await;
    // Saved: the new contact's own page, with its confirmation, is shown.
    at_takahashi.element("[data-testid=confirmation]").await;
    let saved = std::time::Instant::now();
    at_sato.wait_for_text_in("body", "株式会社みなと保守 夜間窓口").await;
    println!("the new contact appeared on the other PC {:?} after it was saved", saved.elapsed());
    at_sato.screenshot("server-live-contacts-ja").await;

    // Both open one contact. 佐藤 has typed nothing: 高橋's save shows in his form by itself.
    let (_, id, _) = server.first_contact();
    for app in [&at_sato, &at_takahashi] {
        app.click("[data-testid=nav-contacts]").await;
        app.click(&format!("[data-testid=contact-{id}]")).await;
        app.element("[data-testid=confirmation]").await;
    }
    at_takahashi.type_into("[data-testid=contact-title]", "情報システム担当").await;
    at_takahashi.click("[data-testid=save-contact]").await;
    at_takahashi.text("保存しました。").await;
    at_sato.wait_for_value("[data-testid=contact-title]", "情報システム担当").await;
    // Now 佐藤 is typing: 高橋's next save leaves his text and tells him.
    at_sato.type_into("[data-testid=contact-title]", "総務部長").await;
    at_takahashi.type_into("[data-testid=contact-title]", "情報システム課長").await;
    at_takahashi.click("[data-testid=save-contact]").await;
    at_takahashi.text("保存しました。").await;
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、この連絡先が変更されました").await;
    assert_eq!(at_sato.value("[data-testid=contact-title]").await, "総務部長");
    at_sato.screenshot("server-live-contact-form-ja").await;

    // 佐藤 is typing in the policy while the president changes another level on his own PC: the
    // page says so and keeps 佐藤's text; loading the latest shows the president's.
    at_sato.click("[data-testid=nav-policy]").await;
    at_sato.click("[data-testid=tab-levels]").await;
    at_sato.type_into("[data-testid=level-1] input", "軽微（佐藤が入力中）").await;
    server.write(|tx| {
        let level = policy::edit::editable_policy(tx)?.levels.into_iter().find(|l| l.level == 2).unwrap();
        let input = policy::editing::LevelInput {
            name: "重大（社長が改訂）".into(),
            impact: level.impact,
            responsible_role_id: level.responsible_role_id.unwrap(),
        };
        policy::edit::update_level(tx, "社長 木村", 2, &input)
    });
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、方針が変更されました").await;
    assert_eq!(at_sato.value("[data-testid=level-1] input").await, "軽微（佐藤が入力中）");
    at_sato.screenshot("server-live-policy-ja").await;
    at_sato.click("[data-testid=load-newer]").await;
    at_sato.wait_for_value("[data-testid=level-2] input", "重大（社長が改訂）").await;
    assert!(at_sato.absent("[data-testid=newer-elsewhere]").await);

    // The same on the BCP page, while the president adds a damaged target elsewhere.
    at_sato.click("[data-testid=nav-bcp]").await;
    at_sato.type_into("[data-testid=new-target] input", "基幹サーバー（佐藤が入力中）").await;
    let target = server.write(|tx| {
        let role = policy::edit::editable_policy(tx)?.roles[0].id;
        let input = bcp::editing::TargetInput {
            name: "NAS（共有フォルダ）".into(),
            recovery_role_id: Some(role),
            recovery_contact_id: None,
            related_contact_ids: Vec::new(),
            related_contacts_hint: String::new(),
            target_recovery_time: "1日".into(),
            recovery_steps: Vec::new(),
        };
        bcp::edit::create_target(tx, "社長 木村", &input)
    });
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、事業継続計画が変更されました").await;
    assert_eq!(at_sato.value("[data-testid=new-target] input").await, "基幹サーバー（佐藤が入力中）");
    at_sato.click("[data-testid=load-newer]").await;
    let card = format!("[data-testid=target-{target}]");
    at_sato.wait_for_value(&format!("{card} input"), "NAS（共有フォルダ）").await;

    // 佐藤 renames that target while the president renames it elsewhere: his save, from the card
    // read before, is refused naming the president, and what he typed stays.
    let president_saves = |name: &str, time: &str| {
        let (name, time) = (name.to_owned(), time.to_owned());
        server.write(move |tx| {
            let input = bcp::editing::TargetInput {
                name,
                recovery_role_id: Some(policy::edit::editable_policy(tx)?.roles[0].id),
                recovery_contact_id: None,
                related_contact_ids: Vec::new(),
                related_contacts_hint: String::new(),
                target_recovery_time: time,
                recovery_steps: Vec::new(),
            };
            bcp::edit::update_target(tx, "社長 木村", target, &input)
        })
    };
    at_sato.type_into(&format!("{card} input"), "NAS（佐藤が改名）").await;
    president_saves("NAS（共有フォルダ・2台目）", "1日");
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、事業継続計画が変更されました").await;
    at_sato.click(&format!("[data-testid=target-{target}-save]")).await;
    at_sato.wait_for_text_in(&format!("{card} [data-testid=changed-by]"), "社長 木村 さんが").await;
    assert_eq!(at_sato.value(&format!("{card} input")).await, "NAS（佐藤が改名）");
    at_sato.screenshot("server-bcp-changed-elsewhere-ja").await;
    let stored = || server.read(move |db| bcp::edit::editable_bcp(db).unwrap().targets.into_iter().find(|t| t.id == target));
    assert_eq!(stored().unwrap().name, "NAS（共有フォルダ・2台目）", "the president's save was overwritten");

    // Read again, the card shows the president's name; deleting the target after he changed it
    // once more is refused as well, and the target stays.
    at_sato.click(&format!("{card} [data-testid=reload-latest]")).await;
    at_sato.wait_for_value(&format!("{card} input"), "NAS（共有フォルダ・2台目）").await;
    president_saves("NAS（共有フォルダ・2台目）", "半日");
    at_sato.wait_for_text_in("[data-testid=newer-elsewhere]", "ほかのパソコンで、事業継続計画が変更されました").await;
    at_sato.click(&format!("[data-testid=target-{target}-delete]")).await;
    at_sato.click(&format!("[data-testid=target-{target}-delete-confirm]")).await;
    at_sato.wait_for_text_in(&format!("{card} [data-testid=changed-by]"), "社長 木村 さんが").await;
    assert_eq!(stored().expect("the target was deleted over the president's change").target_recovery_time, "半日");

    // 佐藤 on home; an incident recorded on a third PC appears among the open incidents.
    at_sato.click("[data-testid=nav-home]").await;
    at_sato.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    server.write(|tx| {
        let id = incident::record::start_incident(tx, CaseKind::Missent)?;
        let basics = incident::wizard::IncidentBasics {
            case_kind: CaseKind::Missent,
            title: "見積書を別の取引先に誤送信".into(),
            discovered_at: "2026-12-07T09:30:00+09:00".into(),
            occurred_at: None,
            discovered_by: "経理 中村".into(),
            description: "見積書を別の取引先に送った。".into(),
        };
        incident::record::record_basics(tx, id, &basics, "経理 中村")
    });
    at_sato.wait_for_text_in("[data-testid=open-incidents]", "見積書を別の取引先に誤送信").await;
    at_sato.screenshot("server-live-home-ja").await;
    at_sato.close().await;
    at_takahashi.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server: run by `make test`"]
async fn while_the_server_is_away_the_copy_kept_on_this_pc_opens_to_read_and_changes_nothing() {
    let setup = Home::new();
    let server = blocking(|| ServerDemo::new(&setup));
    let (company_name, id, name) = server.first_contact();
    let pc = person_at_a_pc(&server, "総務 佐藤");
    let app = AppWindow::launch(&pc, None).await;
    connect_again(&app, &server, &company_name).await;
    // The copy is written after connecting, in the background.
    let copies = pc.data_dir().join("kept-copies");
    let started = std::time::Instant::now();
    while std::fs::read_dir(&copies).map_or(0, Iterator::count) == 0 {
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "no copy was kept after connecting");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    println!("the copy was there {:?} after home showed the server company", started.elapsed());

    // The server stops taking connections (the network is down, say).
    server.set_away(true);
    app.click("[data-testid=nav-contacts]").await;
    app.click("[data-testid=nav-home]").await;
    app.wait_for_text_in("[data-testid=error]", "サーバーとの接続が切れました。").await;
    app.click("[data-testid=open-kept-copy]").await;
    app.wait_for_text_in("[data-testid=kept-copy-banner]", "サーバーにつながらないため、このパソコンの控えを表示しています")
        .await;
    app.wait_for_text_in("[data-testid=company-name]", &company_name).await;
    app.screenshot("server-kept-copy-home-ja").await;

    // The contacts are there to read; a change is refused, and said so.
    app.click("[data-testid=nav-contacts]").await;
    app.click(&format!("[data-testid=contact-{id}]")).await;
    // Read once the contact is on screen (its confirmation card comes with it), as elsewhere.
    app.element("[data-testid=confirmation]").await;
    assert_eq!(app.value("[data-testid=contact-name]").await, name);
    app.type_into("[data-testid=contact-title]", "控えで書き換え").await;
    app.click("[data-testid=save-contact]").await;
    app.wait_for_text_in("[data-testid=error]", "控えは見ることだけができ、変更はできません。").await;
    app.screenshot("server-kept-copy-refused-ja").await;

    // 顧問先一覧 lists the server company through the copy, locked until its password is given.
    app.click("[data-testid=nav-portfolio]").await;
    app.wait_for_text_in("[data-testid=portfolio-server]", "このパソコンの控え").await;
    app.type_into("[data-testid=portfolio-passphrase]", server.url.password().unwrap()).await;
    app.click("[data-testid=portfolio-unlock]").await;
    app.wait_for_text_in("body", &company_name).await;
    app.screenshot("server-portfolio-ja").await;
    app.close().await;
    server.set_away(false);
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, WebKitWebDriver and a PostgreSQL server: run by `make test`"]
async fn a_administrator_adds_a_person_in_the_window_who_then_signs_in_with_that_right() {
    let setup = Home::new();
    let server = blocking(|| ServerDemo::new(&setup));
    let database = server.address.database().to_owned();
    let (sato, kimura) = (format!("{database}_sato"), format!("{database}_kimura"));
    blocking(|| {
        let first = NewPerson { login: sato.clone(), name: "総務 佐藤".into(), password: Some(PERSON_PASSWORD.into()) };
        schema::init(&server.address, Some(&first)).unwrap();
    });
    let company_name = server.company_name();

    // 佐藤, the 管理者, adds 社長 木村 as 閲覧 from 人と権限, by the fields' labels.
    let at_sato = AppWindow::launch(&person_signing_in_at_a_pc(&server, "", &sato), None).await;
    connect_with(&at_sato, PERSON_PASSWORD, &company_name).await;
    at_sato.click("[data-testid=nav-people]").await;
    at_sato.wait_for_text_in("[data-testid=people]", &sato).await;
    at_sato.type_into_labelled("名前", "社長 木村").await;
    at_sato.type_into_labelled("ユーザー名（接続に使う名前）", &kimura).await;
    at_sato.click("[data-testid=add-person] input[readonly]").await;
    at_sato.text("閲覧").await.click().await.unwrap();
    at_sato.type_into_labelled("最初のパスワード", "見るだけのパスワード").await;
    at_sato.click_button("追加する").await;
    at_sato.wait_for_text_in("[data-testid=people-done]", "社長 木村 さんを追加しました。").await;
    at_sato.wait_for_text_in("[data-testid=people]", &kimura).await;
    at_sato.screenshot("server-people-ja").await;

    // The company's owner makes 木村 a 担当者 from another PC: 佐藤's open page shows it.
    blocking(|| people::change(&mut server.address.connect().unwrap(), &kimura, None, Some(ServerAccess::Staff)).unwrap());
    at_sato.wait_for_value(&format!("[data-testid=person-{kimura}] input[readonly]"), "担当者").await;
    blocking(|| people::change(&mut server.address.connect().unwrap(), &kimura, None, Some(ServerAccess::ReadOnly)).unwrap());
    at_sato.wait_for_value(&format!("[data-testid=person-{kimura}] input[readonly]"), "閲覧").await;
    at_sato.close().await;

    // 木村 signs in on his PC and is told he can only read.
    let at_kimura = AppWindow::launch(&person_signing_in_at_a_pc(&server, "", &kimura), None).await;
    connect_with(&at_kimura, "見るだけのパスワード", &company_name).await;
    at_kimura.wait_for_text_in("[data-testid=signed-in]", "社長 木村 さん（閲覧）として接続しています。").await;
    at_kimura.close().await;
}
