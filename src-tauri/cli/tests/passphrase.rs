//! `sonae-cli` with a protected company file: the passphrase comes from SONAE_PASSPHRASE (never an
//! argument), `passphrase set` / `remove` convert the file and its backups, and every refusal is
//! one line that says what to do.

mod support;

use std::path::Path;
use std::process::Output;

const SECRET: &str = "correct horse battery";
const OTHER: &str = "staple of the week";

/// Runs sonae-cli with exactly the passphrase variables given (none inherited from the caller).
fn sonae_cli(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = support::sonae_cli_command();
    command.args(args).env_remove("SONAE_PASSPHRASE").env_remove("SONAE_NEW_PASSPHRASE");
    for (name, value) in env {
        command.env(name, value);
    }
    support::run(&mut command)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_ok(output: &Output) -> String {
    assert!(output.status.success(), "stderr: {}", stderr(output));
    for secret in [SECRET, OTHER] {
        assert!(!stdout(output).contains(secret) && !stderr(output).contains(secret), "a passphrase was printed");
    }
    stdout(output)
}

/// A refusal: exactly one line on stderr, no panic, no passphrase shown.
fn assert_one_line_error(output: &Output, code: i32) -> String {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(code), "stderr: {message}");
    assert_eq!(message.lines().count(), 1, "expected one line, got: {message}");
    assert!(!message.contains("panicked"), "{message}");
    for secret in [SECRET, OTHER] {
        assert!(!message.contains(secret), "a passphrase was printed: {message}");
    }
    message
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn is_plain(path: &Path) -> bool {
    std::fs::read(path).unwrap().starts_with(b"SQLite format 3\0")
}

#[test]
fn a_file_is_protected_opened_with_the_environment_changed_and_unprotected() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.sonae");
    let file_arg = path_arg(&file);
    assert_ok(&sonae_cli(&["init", file_arg, "--demo"], &[]));
    assert_ok(&sonae_cli(&["backups", "take", file_arg], &[]));

    let missing = assert_one_line_error(&sonae_cli(&["passphrase", "set", file_arg], &[]), 2);
    assert!(missing.contains("SONAE_NEW_PASSPHRASE"), "{missing}");
    let weak = assert_one_line_error(&sonae_cli(&["passphrase", "set", file_arg], &[("SONAE_NEW_PASSPHRASE", "short")]), 1);
    assert!(weak.contains("too short"), "{weak}");
    assert!(is_plain(&file));

    let set = assert_ok(&sonae_cli(&["passphrase", "set", file_arg], &[("SONAE_NEW_PASSPHRASE", SECRET)]));
    assert!(set.contains("protected") && set.contains("1 converted"), "{set}");
    assert!(!is_plain(&file));
    let backup_dir = dir.path().join("acme-backups");
    for backup in std::fs::read_dir(&backup_dir).unwrap() {
        assert!(!is_plain(&backup.unwrap().path()), "a plain backup was left");
    }

    let before = std::fs::read(&file).unwrap();
    for args in [vec!["check", file_arg], vec!["incident", "list", file_arg], vec!["backups", "take", file_arg]] {
        let required = assert_one_line_error(&sonae_cli(&args, &[]), 1);
        assert!(required.contains("protected by a passphrase") && required.contains("set SONAE_PASSPHRASE"), "{required}");
        let wrong = assert_one_line_error(&sonae_cli(&args, &[("SONAE_PASSPHRASE", OTHER)]), 1);
        assert!(wrong.contains("passphrase is wrong") && wrong.contains("SONAE_PASSPHRASE"), "{wrong}");
    }
    assert!(std::fs::read(&file).unwrap() == before, "a refused command changed the file");

    let check = assert_ok(&sonae_cli(&["check", file_arg], &[("SONAE_PASSPHRASE", SECRET)]));
    assert!(check.contains("protected by a passphrase"), "{check}");
    let incidents = assert_ok(&sonae_cli(&["incident", "list", file_arg, "--json"], &[("SONAE_PASSPHRASE", SECRET)]));
    assert!(serde_json::from_str::<serde_json::Value>(&incidents).unwrap().as_array().unwrap().len() >= 2);
    assert_ok(&sonae_cli(&["backups", "take", file_arg], &[("SONAE_PASSPHRASE", SECRET)]));
    let listed = assert_ok(&sonae_cli(&["backups", "list", file_arg], &[("SONAE_PASSPHRASE", SECRET)]));
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(!listed.contains("LOCKED") && !listed.contains("UNUSABLE"), "{listed}");
    let locked = assert_ok(&sonae_cli(&["backups", "list", file_arg], &[]));
    assert_eq!(locked.lines().filter(|line| line.contains("LOCKED")).count(), 2, "{locked}");

    let change = [("SONAE_PASSPHRASE", SECRET), ("SONAE_NEW_PASSPHRASE", OTHER)];
    let changed = assert_ok(&sonae_cli(&["passphrase", "set", file_arg], &change));
    assert!(changed.contains("changed the passphrase") && changed.contains("2 converted"), "{changed}");
    assert_one_line_error(&sonae_cli(&["check", file_arg], &[("SONAE_PASSPHRASE", SECRET)]), 1);
    assert_ok(&sonae_cli(&["check", file_arg], &[("SONAE_PASSPHRASE", OTHER)]));
    let listed = assert_ok(&sonae_cli(&["backups", "list", file_arg], &[("SONAE_PASSPHRASE", OTHER)]));
    assert!(!listed.contains("LOCKED"), "{listed}");

    let removed = assert_ok(&sonae_cli(&["passphrase", "remove", file_arg], &[("SONAE_PASSPHRASE", OTHER)]));
    assert!(removed.contains("removed the passphrase") && removed.contains("2 converted"), "{removed}");
    assert!(is_plain(&file));
    let check = assert_ok(&sonae_cli(&["check", file_arg], &[]));
    assert!(!check.contains("protected"), "{check}");
    for backup in std::fs::read_dir(&backup_dir).unwrap() {
        assert!(is_plain(&backup.unwrap().path()), "a protected backup was left");
    }
    let again = assert_ok(&sonae_cli(&["passphrase", "remove", file_arg], &[]));
    assert!(again.contains("not protected"), "{again}");
}

#[test]
fn a_protected_backup_is_restored_with_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.sonae");
    let file_arg = path_arg(&file);
    let env = [("SONAE_PASSPHRASE", SECRET)];
    assert_ok(&sonae_cli(&["init", file_arg, "--demo"], &[]));
    assert_ok(&sonae_cli(&["passphrase", "set", file_arg], &[("SONAE_NEW_PASSPHRASE", SECRET)]));
    let taken = assert_ok(&sonae_cli(&["backups", "take", file_arg], &env));
    let backup = taken.split(" to ").nth(1).unwrap().split(" (").next().unwrap().to_owned();

    let refused = assert_one_line_error(&sonae_cli(&["backups", "restore", file_arg, &backup], &[]), 1);
    assert!(refused.contains("SONAE_PASSPHRASE"), "{refused}");
    let restored = assert_ok(&sonae_cli(&["backups", "restore", file_arg, &backup], &env));
    assert!(restored.contains("kept the current file as"), "{restored}");
    assert!(!is_plain(&file));
    assert_ok(&sonae_cli(&["check", file_arg], &env));
}
