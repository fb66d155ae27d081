//! `sonae-cli` as a user runs it: create, check, back up and list, and what it says on mistakes.

use std::path::Path;
use std::process::{Command, Output};

fn sonae_cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sonae-cli")).args(args).output().expect("run sonae-cli")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A user mistake ends with exactly one line on stderr and no panic.
fn assert_one_line_error(output: &Output, code: i32) -> String {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(code), "stderr: {message}");
    assert_eq!(message.lines().count(), 1, "expected one line, got: {message}");
    assert!(!message.contains("panicked"), "{message}");
    message
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn init_demo_check_and_list_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sonae");
    let init = sonae_cli(&["init", path_arg(&file), "--demo"]);
    assert!(init.status.success(), "{}", stderr(&init));

    let check = sonae_cli(&["check", path_arg(&file)]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("schema version 1"));

    let list = sonae_cli(&["incident", "list", path_arg(&file), "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let incidents: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON on stdout");
    let incidents = incidents.as_array().expect("an array");
    assert!(incidents.len() >= 2);
    for incident in incidents {
        for field in ["id", "title", "discovered_at", "level", "category", "status"] {
            assert!(incident.get(field).is_some(), "{field} missing in {incident}");
        }
        assert!(incident["id"].is_i64());
        assert!(["open", "closed"].contains(&incident["status"].as_str().unwrap()));
    }
}

#[test]
fn init_in_english_without_demo_uses_the_given_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("client.sonae");
    let init = sonae_cli(&["init", path_arg(&file), "--lang", "en", "--name", "Acme Trading"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let check = sonae_cli(&["check", path_arg(&file)]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("Acme Trading"));
    let list = sonae_cli(&["incident", "list", path_arg(&file), "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&list.stdout).unwrap(), serde_json::json!([]));
}

#[test]
fn init_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sonae");
    assert!(sonae_cli(&["init", path_arg(&file)]).status.success());
    let before = std::fs::read(&file).unwrap();
    let again = sonae_cli(&["init", path_arg(&file), "--demo"]);
    assert!(assert_one_line_error(&again, 1).contains("already exists"));
    assert!(std::fs::read(&file).unwrap() == before);
}

#[test]
fn check_refuses_truncated_random_and_newer_files() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.sonae");
    assert!(sonae_cli(&["init", path_arg(&good), "--demo"]).status.success());
    // Fold the WAL in so the file stands alone.
    rusqlite::Connection::open(&good).unwrap().pragma_update(None, "journal_mode", "DELETE").unwrap();
    let bytes = std::fs::read(&good).unwrap();

    let truncated = dir.path().join("truncated.sonae");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    assert!(assert_one_line_error(&sonae_cli(&["check", path_arg(&truncated)]), 1).contains("damaged"));

    let random = dir.path().join("random.sonae");
    std::fs::write(&random, (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>()).unwrap();
    assert!(assert_one_line_error(&sonae_cli(&["check", path_arg(&random)]), 1).contains("not a Sonae company file"));

    let newer = dir.path().join("newer.sonae");
    std::fs::write(&newer, &bytes).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 42).unwrap();
    let newer_bytes = std::fs::read(&newer).unwrap();
    for command in ["check", "backup"] {
        let mut args = vec![command, path_arg(&newer)];
        let out = dir.path().join("out.sonae");
        if command == "backup" {
            args.extend(["--out", path_arg(&out)]);
        }
        let message = assert_one_line_error(&sonae_cli(&args), 1);
        assert!(message.contains("newer Sonae"), "{message}");
        assert!(!out.exists());
    }
    assert!(std::fs::read(&newer).unwrap() == newer_bytes, "the newer file was modified");

    let missing = dir.path().join("missing.sonae");
    assert!(assert_one_line_error(&sonae_cli(&["check", path_arg(&missing)]), 1).contains("no such file"));
}

#[test]
fn backup_makes_a_checkable_copy() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sonae");
    let copy = dir.path().join("copy.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo"]).status.success());
    let backup = sonae_cli(&["backup", path_arg(&file), "--out", path_arg(&copy)]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert!(sonae_cli(&["check", path_arg(&copy)]).status.success());
    let original = sonae_cli(&["incident", "list", path_arg(&file), "--json"]).stdout;
    assert_eq!(sonae_cli(&["incident", "list", path_arg(&copy), "--json"]).stdout, original);
}

#[test]
fn usage_mistakes_get_one_line() {
    assert_one_line_error(&sonae_cli(&["frobnicate"]), 2);
    assert_one_line_error(&sonae_cli(&["init"]), 2);
    assert_one_line_error(&sonae_cli(&["init", "x.sonae", "--lang", "fr"]), 2);
}
