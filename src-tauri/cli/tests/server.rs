//! `sonae-cli server` as an office's IT person runs it: a company file copied to a PostgreSQL
//! database and back, and what it says when the address cannot be used or the server is not
//! there. The tests that need a server are ignored unless `make test-server` runs them with a
//! throwaway server's superuser URL in `SONAE_TEST_SERVER`.

mod support;

use std::path::Path;
use std::process::Output;

fn sonae_cli(args: &[&str], password: Option<&str>) -> Output {
    let mut command = support::sonae_cli_command();
    command.args(args).env_remove("PGPASSWORD");
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    support::run(&mut command)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn an_address_without_a_ca_certificate_or_with_tls_turned_off_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo"], None).status.success());
    let empty_ca = dir.path().join("空.crt");
    std::fs::write(&empty_ca, "").unwrap();
    let unreadable_ca = format!("postgres://somu@nas.local/sakura?sslrootcert={}", path_arg(&empty_ca));
    for (url, reason) in [
        ("postgres://somu@nas.local/sakura", "sslrootcert"),
        (unreadable_ca.as_str(), "cannot be read"),
        ("postgres://somu@nas.local/sakura?sslrootcert=ca.crt&sslmode=disable", "sslmode=verify-full"),
    ] {
        let output = sonae_cli(&["server", "push", path_arg(&file), url], None);
        let message = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(message.contains(reason), "{message}");
    }
}

#[test]
fn a_server_that_does_not_answer_is_reported_not_waited_for() {
    // A CA certificate as a server's administrator hands it out (of the test servers; its key is
    // not kept), and nothing listening on port 9 of this machine.
    let ca = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/server-ca.crt");
    let url = format!("postgres://somu@127.0.0.1:9/sakura?sslrootcert={}", path_arg(&ca));
    let started = std::time::Instant::now();
    let output = sonae_cli(&["server", "init", &url], Some("pw"));
    let message = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("cannot reach the server somu@127.0.0.1:9/sakura"), "{message}");
    assert!(!message.contains("pw"), "the password was shown: {message}");
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn a_company_file_goes_to_a_server_is_used_there_and_comes_back() {
    let admin = std::env::var("SONAE_TEST_SERVER").expect("SONAE_TEST_SERVER: a PostgreSQL superuser's URL");
    let database = format!("sonae_cli_test_{}", std::process::id());
    // The password goes in PGPASSWORD, not in the arguments.
    let (before_password, rest) = admin.split_once("://").unwrap();
    let (credentials, server) = rest.split_once('@').unwrap();
    let (user, password) = credentials.split_once(':').unwrap();
    let url = format!("{before_password}://{user}@{}", server.replacen("/postgres?", &format!("/{database}?"), 1));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("さくら 設計.sonae");
    let out = dir.path().join("戻し.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo"], None).status.success());
    let mut client = sonae_server::ServerAddress::parse(&admin).unwrap().connect().unwrap();
    client.batch_execute(&format!("CREATE DATABASE {database}")).unwrap();

    let init = sonae_cli(&["server", "init", &url], Some(password));
    assert!(init.status.success(), "{}", text(&init.stderr));
    assert!(text(&init.stdout).contains("created Sonae's tables"), "{}", text(&init.stdout));
    let push = sonae_cli(&["server", "push", path_arg(&file), &url], Some(password));
    assert!(push.status.success(), "{}", text(&push.stderr));
    assert!(text(&push.stdout).contains("株式会社さくら設計事務所"), "{}", text(&push.stdout));
    let again = sonae_cli(&["server", "push", path_arg(&file), &url], Some(password));
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already holds the company"), "{}", text(&again.stderr));
    let pull = sonae_cli(&["server", "pull", &url, "--out", path_arg(&out)], Some(password));
    assert!(pull.status.success(), "{}", text(&pull.stderr));
    let check = sonae_cli(&["check", path_arg(&out)], None);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("株式会社さくら設計事務所"), "{}", text(&check.stdout));

    let check = sonae_cli(&["check", &url], Some(password));
    assert!(text(&check.stdout).contains(": ok — 株式会社さくら設計事務所 (schema version"), "{}", text(&check.stderr));
    assert!(!text(&check.stdout).contains(password), "the password was shown");

    // The company on the server is used as the file is: listed, exported, imported into.
    let incidents = |company: &str| sonae_cli(&["incident", "list", company, "--json"], Some(password));
    assert_eq!(text(&incidents(&url).stdout), text(&incidents(path_arg(&file)).stdout));
    assert!(text(&incidents(&url).stdout).contains("ウイルス感染"), "{}", text(&incidents(&url).stdout));
    let draft = |company: &str| sonae_cli(&["export", company, "ppc-draft", "--incident", "1", "--text"], Some(password));
    assert!(draft(&url).status.success(), "{}", text(&draft(&url).stderr));
    assert_eq!(text(&draft(&url).stdout), text(&draft(path_arg(&file)).stdout));
    let pdf = dir.path().join("規程.pdf");
    let export = sonae_cli(&["export", &url, "policy", "--out", path_arg(&pdf)], Some(password));
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let csv = dir.path().join("追加.csv");
    std::fs::write(&csv, "氏名,電話番号\n山田 花子,090-1234-5678\n").unwrap();
    let import = sonae_cli(&["contacts", "import", &url, path_arg(&csv)], Some(password));
    assert!(text(&import.stdout).contains("imported 1 contacts"), "{}{}", text(&import.stdout), text(&import.stderr));
    let exported = dir.path().join("連絡先.csv");
    let contacts = sonae_cli(&["contacts", "export", &url, "--out", path_arg(&exported)], Some(password));
    assert!(contacts.status.success(), "{}", text(&contacts.stderr));
    assert!(std::fs::read_to_string(&exported).unwrap().contains("山田 花子,,,,,,090-1234-5678"));

    let wrong = sonae_cli(&["server", "pull", &url, "--out", path_arg(&dir.path().join("y.sonae"))], Some("wrong"));
    assert!(text(&wrong.stderr).contains("password authentication failed"), "{}", text(&wrong.stderr));
    client.batch_execute(&format!("DROP DATABASE {database} WITH (FORCE)")).unwrap();
}

#[test]
#[ignore = "needs a PostgreSQL server: make test-server starts one"]
fn the_company_people_are_set_up_from_the_command_line_and_each_is_held_to_their_right() {
    let admin = std::env::var("SONAE_TEST_SERVER").expect("SONAE_TEST_SERVER: a PostgreSQL superuser's URL");
    let database = format!("sonae_cli_people_{}", std::process::id());
    let address = sonae_server::ServerAddress::parse(&admin).unwrap();
    let mut client = address.connect().unwrap();
    client.batch_execute(&format!("CREATE DATABASE {database}")).unwrap();
    let (scheme, rest) = admin.split_once("://").unwrap();
    let (credentials, server) = rest.split_once('@').unwrap();
    let (owner, owner_password) = credentials.split_once(':').unwrap();
    let as_user = |user: &str| format!("{scheme}://{user}@{}", server.replacen("/postgres?", &format!("/{database}?"), 1));
    let run = |args: &[&str], password: &str, person_password: Option<&str>| {
        let mut command = support::sonae_cli_command();
        command.args(args).env("PGPASSWORD", password).env_remove("SONAE_PERSON_PASSWORD");
        if let Some(person_password) = person_password {
            command.env("SONAE_PERSON_PASSWORD", person_password);
        }
        support::run(&mut command)
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("さくら.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo"], None).status.success());
    assert!(run(&["server", "push", path_arg(&file), &as_user(owner)], owner_password, None).status.success());

    // The owner sets the company up with its first 管理者, who adds the others.
    let (sato, kimura) = (format!("{database}_sato"), format!("{database}_kimura"));
    let init = run(
        &["server", "init", &as_user(owner), "--admin", &sato, "--name", "総務 佐藤"],
        owner_password,
        Some("佐藤のパスワード-1"),
    );
    assert!(
        text(&init.stdout).contains("総務 佐藤 (") && text(&init.stdout).contains("is the company's 管理者"),
        "{}{}",
        text(&init.stdout),
        text(&init.stderr)
    );
    let add = run(
        &["server", "person", "add", &as_user(&sato), &kimura, "--name", "社長 木村", "--access", "閲覧"],
        "佐藤のパスワード-1",
        Some("見るだけ-2026"),
    );
    assert!(add.status.success(), "{}", text(&add.stderr));
    assert!(text(&add.stdout).contains("as 閲覧"), "{}", text(&add.stdout));
    let list = run(&["server", "person", "list", &as_user(&kimura)], "見るだけ-2026", None);
    let listed = text(&list.stdout);
    assert!(
        listed.contains(&format!("{kimura}\t社長 木村\t閲覧")) && listed.contains(&format!("{sato}\t総務 佐藤\t管理者")),
        "{listed}"
    );

    // 閲覧 reads and exports, and is refused a change by the server.
    let pdf = dir.path().join("連絡カード.pdf");
    let export = run(&["export", &as_user(&kimura), "contacts-card", "--out", path_arg(&pdf)], "見るだけ-2026", None);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let csv = dir.path().join("追加.csv");
    std::fs::write(&csv, "氏名,電話番号\n山田 花子,090-1234-5678\n").unwrap();
    let import = run(&["contacts", "import", &as_user(&kimura), path_arg(&csv)], "見るだけ-2026", None);
    assert_eq!(import.status.code(), Some(1), "{}", text(&import.stdout));
    assert!(
        text(&import.stderr).contains("does not let this user do it (permission denied for table contact"),
        "{}",
        text(&import.stderr)
    );
    let add_self = run(
        &["server", "person", "add", &as_user(&kimura), &format!("{database}_x"), "--name", "x", "--access", "管理者"],
        "見るだけ-2026",
        Some("password-123"),
    );
    assert_eq!(add_self.status.code(), Some(1));
    assert!(text(&add_self.stderr).contains("permission denied"), "{}", text(&add_self.stderr));
    let unknown = run(&["server", "person", "change", &as_user(&sato), &kimura, "--access", "社長"], "佐藤のパスワード-1", None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("管理者 (administrator), 担当者 (staff) or 閲覧 (read_only)"),
        "{}",
        text(&unknown.stderr)
    );

    // Taken off, 木村 can no longer sign in to the company.
    let remove = run(&["server", "person", "remove", &as_user(&sato), &kimura], "佐藤のパスワード-1", None);
    assert!(remove.status.success(), "{}", text(&remove.stderr));
    let after = run(&["check", &as_user(&kimura)], "見るだけ-2026", None);
    assert!(text(&after.stderr).contains("permission denied for database"), "{}", text(&after.stderr));

    client.batch_execute(&format!("DROP DATABASE {database} WITH (FORCE)")).unwrap();
    for role in [sato, kimura] {
        client.batch_execute(&format!("DROP ROLE {role}")).unwrap();
    }
    for group in ["administrator", "staff", "read_only"] {
        client.batch_execute(&format!("DROP ROLE \"{database}.{group}\"")).unwrap();
    }
}
