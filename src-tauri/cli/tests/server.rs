//! `sonae-cli server` as an office's IT person runs it: a company file copied to a PostgreSQL
//! database and back, and what it says when the address cannot be used or the server is not
//! there. The tests that need a server are ignored unless `make test-server` runs them with a
//! throwaway server's superuser URL in `SONAE_TEST_SERVER`.

use std::path::Path;
use std::process::{Command, Output};

fn sonae_cli(args: &[&str], password: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sonae-cli"));
    command.args(args).env_remove("PGPASSWORD");
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    command.output().expect("run sonae-cli")
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
