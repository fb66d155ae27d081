//! A company kept on a server, used from the window: connecting through 「サーバーに接続」 as a
//! new user would (by the fields' labels), a change saved there, the server going away in the
//! middle of work and coming back, and going back to a company file.
//!
//! Needs a PostgreSQL server besides the window: `make test-e2e` starts a throwaway one and names
//! it in `SONAE_TEST_SERVER`.

use sonae_core::company_file::CompanyFile;
use sonae_core::language::Language;
use sonae_core::{company, contacts};
use sonae_server::{copy, ServerAddress, ServerCompany};

use crate::harness::{AppWindow, Home};

/// Runs `work` on a thread of its own: the server's client blocks, which the test's async
/// runtime does not allow on its own thread.
fn blocking<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| scope.spawn(work).join().expect("the server work panicked"))
}

const NEEDS_SERVER: &str = "set SONAE_TEST_SERVER to a PostgreSQL superuser's URL (make test-e2e does)";

/// A database of its own on the test server holding the demo company, dropped at the end.
struct ServerDemo {
    admin: ServerAddress,
    address: ServerAddress,
    url: url::Url,
}

impl ServerDemo {
    fn new(home: &Home) -> ServerDemo {
        let text = std::env::var("SONAE_TEST_SERVER").expect(NEEDS_SERVER);
        let admin = ServerAddress::parse(&text).expect("the test server's URL");
        let database = format!("sonae_e2e_{}", std::process::id());
        let mut client = admin.connect().expect("the test server");
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)")).unwrap();
        client.batch_execute(&format!("CREATE DATABASE {database}")).unwrap();
        let address = admin.with_database(&database);
        let demo = home.path("demo.sonae");
        drop(CompanyFile::create_demo(&demo, Language::Ja).expect("demo company file"));
        copy::push(&demo, None, &address).expect("push the demo company");
        ServerDemo { admin, address, url: url::Url::parse(&text).unwrap() }
    }

    fn ca_file(&self) -> String {
        self.url.query_pairs().find(|(k, _)| k == "sslrootcert").map(|(_, v)| v.into_owned()).expect("sslrootcert")
    }

    /// Ends every connection to the database but this one, as a server restart or a pulled cable
    /// would.
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

impl Drop for ServerDemo {
    fn drop(&mut self) {
        let (admin, database) = (&self.admin, self.address.database());
        blocking(|| {
            if let Ok(mut client) = admin.connect() {
                let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"));
            }
        });
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
    let server_name =
        blocking(|| company::company_profile(ServerCompany::open(&server.address).unwrap().connection()).unwrap().name);
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
        blocking(|| {
            let company = ServerCompany::open(&server.address).unwrap();
            let everyone = contacts::ContactQuery { text: String::new(), tag: None, only_stale: false, offset: 0, limit: 0 };
            let all = contacts::list_contacts(company.connection(), &everyone).unwrap().items;
            let (named, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c.name == name);
            if named.is_empty() {
                eprintln!("contacts on the server: {:?}", others.iter().map(|c| &c.name).collect::<Vec<_>>());
            }
            named
        })
    };
    assert_eq!(on_server().len(), 1, "the new contact is not on the server");

    // The server goes away while the contact is open: the save is refused at once with the
    // reason, the typed text stays in the form to try again, and nothing of it reached the server.
    blocking(|| server.cut_connections());
    app.type_into("[data-testid=contact-title]", "総務課長").await;
    let started = std::time::Instant::now();
    app.click("[data-testid=save-contact]").await;
    app.wait_for_text_in("[data-testid=error]", "サーバーとの接続が切れました。保存しようとしていた内容は保存されていません。")
        .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(15), "took {:?}", started.elapsed());
    assert_eq!(app.value("[data-testid=contact-title]").await, "総務課長");
    app.screenshot("server-lost-ja").await;
    assert_eq!(on_server()[0].title, "", "a refused save reached the server");
    // Trying again, as the message says, connects again and saves.
    app.click("[data-testid=save-contact]").await;
    app.text("保存しました。").await;
    assert_eq!(on_server()[0].title, "総務課長");

    // Back to the company file, from the list of recent files.
    app.click("[data-testid=nav-files]").await;
    app.click_button("開く").await;
    app.wait_for_text_in("[data-testid=company-name]", &own_name).await;
    app.close().await;

    // The next start lists the server, with everything but the password filled in.
    let app = AppWindow::launch(&home, Some(&own)).await;
    app.click("[data-testid=nav-files]").await;
    app.wait_for_text_in("[data-testid=recent-server]", &shown).await;
    app.click_button("接続…").await;
    app.wait_for_text_in("[data-testid=server-ca-file]", &server.ca_file()).await;
    app.type_into_labelled("パスワード", server.url.password().unwrap()).await;
    app.click_button("接続する").await;
    app.wait_for_text_in("[data-testid=company-name]", &server_name).await;
    app.close().await;
    let settings = std::fs::read_to_string(home.data_dir().join("settings.json")).unwrap();
    assert!(!settings.contains(server.url.password().unwrap()), "the password was kept in the settings");
}
