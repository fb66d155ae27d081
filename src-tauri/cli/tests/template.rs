//! `sonae-cli template export/import` and `init --from-policy`: a consultant carrying one
//! client's policy to the next.

mod support;

use std::path::Path;
use std::process::Output;

use rusqlite::Connection;

fn sonae_cli(args: &[&str]) -> Output {
    support::run(support::sonae_cli_command().args(args))
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[track_caller]
fn ok(output: &Output) -> String {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn count(file: &Path, sql: &str) -> i64 {
    Connection::open(file).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn template_export_writes_a_template_file_and_keeps_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let (file, out) = (dir.path().join("a.sonae"), dir.path().join("policy.json"));
    ok(&sonae_cli(&["init", arg(&file), "--demo"]));
    ok(&sonae_cli(&["template", "export", arg(&file), "--out", arg(&out)]));
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written["format"], "sonae-policy-template");
    assert_eq!(written["version"], 1);
    assert_eq!(written["template"]["language"], "ja");
    assert!(!std::fs::read_to_string(&out).unwrap().contains("桜井"), "no people in a template");

    let again = sonae_cli(&["template", "export", arg(&file), "--out", arg(&out)]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&again.stderr).lines().count(), 1);
    ok(&sonae_cli(&["template", "export", arg(&file), "--out", arg(&out), "--force"]));
}

#[test]
fn template_import_keeps_role_holders_and_warns_about_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let (source, target, out) = (dir.path().join("en.sonae"), dir.path().join("ja.sonae"), dir.path().join("en.json"));
    ok(&sonae_cli(&["init", arg(&source), "--lang", "en"]));
    ok(&sonae_cli(&["init", arg(&target), "--demo"]));
    ok(&sonae_cli(&["template", "export", arg(&source), "--out", arg(&out)]));
    let holders = count(&target, "SELECT count(*) FROM role_holder");
    let imported = sonae_cli(&["template", "import", arg(&target), arg(&out), "--author", "鈴木"]);
    let stdout = ok(&imported);
    assert!(stdout.contains("role holders kept for 6 roles"), "{stdout}");
    assert!(String::from_utf8_lossy(&imported.stderr).contains("warning"), "the language differs");
    assert_eq!(count(&target, "SELECT count(*) FROM role_holder"), holders);
    assert_eq!(count(&target, "SELECT count(*) FROM change_log WHERE entity = 'policy' AND author = '鈴木'"), 1);

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, br#"{"format": "sonae-policy-template", "version": 9}"#).unwrap();
    let refused = sonae_cli(&["template", "import", arg(&target), arg(&bad)]);
    assert_eq!(refused.status.code(), Some(1));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("newer_version") && message.lines().count() == 1, "{message}");
}

#[test]
fn init_from_policy_starts_a_company_from_another_s_policy_without_people() {
    let dir = tempfile::tempdir().unwrap();
    let (other, new) = (dir.path().join("other.sonae"), dir.path().join("new.sonae"));
    ok(&sonae_cli(&["init", arg(&other), "--demo", "--lang", "en"]));
    let stdout = ok(&sonae_cli(&["init", arg(&new), "--from-policy", arg(&other), "--name", "Next Client"]));
    assert!(stdout.contains("Next Client"), "{stdout}");
    for table in ["role", "procedure_step", "checklist_item", "authority", "bcp_target"] {
        let sql = format!("SELECT count(*) FROM {table}");
        assert_eq!(count(&new, &sql), count(&other, &sql), "{table}");
    }
    assert_eq!(count(&new, "SELECT count(*) FROM contact"), 0);
    assert_eq!(count(&new, "SELECT count(*) FROM company WHERE language = 'en'"), 1);
    let conflict = sonae_cli(&["init", arg(&dir.path().join("x.sonae")), "--demo", "--from-policy", arg(&other)]);
    assert_eq!(conflict.status.code(), Some(2));
}
