//! `sonae-cli` as a user runs it: create, check, back up and list, and what it says on mistakes.

mod support;

use std::path::Path;
use std::process::Output;

fn sonae_cli(args: &[&str]) -> Output {
    support::run(support::sonae_cli_command().args(args))
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
    let schema = format!("schema version {})", sonae_core::company_file::SCHEMA_VERSION);
    assert!(String::from_utf8_lossy(&check.stdout).contains(&schema));

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

/// Each kind of bad file gets its own message from `check`, `backup` and `incident list`, and is
/// left byte for byte as it was, with nothing created beside it.
#[test]
fn every_kind_of_bad_file_is_refused_with_its_own_message_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.sonae");
    assert!(sonae_cli(&["init", path_arg(&good), "--demo"]).status.success());
    let sonae = std::fs::read(&good).unwrap();
    let with = |name: &str, change: &dyn Fn(&rusqlite::Connection)| {
        let path = dir.path().join(name);
        std::fs::write(&path, &sonae).unwrap();
        change(&rusqlite::Connection::open(&path).unwrap());
        path
    };
    let raw = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let mut garbled = sonae.clone();
    let middle = garbled.len() / 2 / 4096 * 4096;
    garbled[middle..middle + 8192].iter_mut().enumerate().for_each(|(i, b)| *b = (i * 131 % 251) as u8);
    let other_program = dir.path().join("other.db");
    rusqlite::Connection::open(&other_program).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();

    let cases = [
        (raw("empty.sonae", b""), "the file is empty"),
        (raw("text.sonae", "連絡先メモ\n".as_bytes()), "it is not an SQLite database"),
        (raw("random.sonae", &(0..5000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>()), "it is not an SQLite database"),
        (raw("truncated.sonae", &sonae[..sonae.len() / 3]), "the file is damaged"),
        (raw("header-only.sonae", &sonae[..100]), "the file is damaged"),
        (raw("garbled.sonae", &garbled), "the file is damaged"),
        (other_program, "another program"),
        (with("relabelled.sonae", &|c| c.pragma_update(None, "application_id", 7).unwrap()), "not marked as one"),
        (with("newer.sonae", &|c| c.pragma_update(None, "user_version", 42).unwrap()), "newer Sonae"),
    ];
    for (path, expected) in cases {
        let before = std::fs::read(&path).unwrap();
        let out = dir.path().join("out.sonae");
        for args in [
            vec!["check", path_arg(&path)],
            vec!["backup", path_arg(&path), "--out", path_arg(&out)],
            vec!["incident", "list", path_arg(&path)],
        ] {
            let message = assert_one_line_error(&sonae_cli(&args), 1);
            assert!(message.contains(expected), "{args:?}: {message}");
        }
        assert!(!out.exists());
        assert!(std::fs::read(&path).unwrap() == before, "{} was modified", path.display());
        for suffix in ["-wal", "-shm", "-journal"] {
            let side = format!("{}{suffix}", path.display());
            assert!(!Path::new(&side).exists(), "{side} appeared");
        }
    }
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
fn a_relative_file_name_with_spaces_and_japanese_is_checked_and_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let in_dir = |args: &[&str]| support::run(support::sonae_cli_command().current_dir(dir.path()).args(args));
    let name = "顧客 #2.sonae";
    assert!(in_dir(&["init", name, "--demo"]).status.success());
    let check = in_dir(&["check", name]);
    assert!(check.status.success(), "{}", stderr(&check));
    let take = in_dir(&["backups", "take", name]);
    assert!(take.status.success(), "{}", stderr(&take));
    let list = in_dir(&["backups", "list", name]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("contacts"), "{}", stderr(&list));
    let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["顧客 #2-backups", name], "only the file and its backup folder");
}

#[test]
fn usage_mistakes_get_one_line() {
    assert_one_line_error(&sonae_cli(&["frobnicate"]), 2);
    assert_one_line_error(&sonae_cli(&["init"]), 2);
    assert_one_line_error(&sonae_cli(&["init", "x.sonae", "--lang", "fr"]), 2);
}

fn incident_count(file: &Path) -> usize {
    let list = sonae_cli(&["incident", "list", path_arg(file), "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    serde_json::from_slice::<serde_json::Value>(&list.stdout).unwrap().as_array().unwrap().len()
}

fn listed_backups(file: &Path, dir: &Path) -> Vec<serde_json::Value> {
    let list = sonae_cli(&["backups", "list", path_arg(file), "--dir", path_arg(dir), "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    serde_json::from_slice::<serde_json::Value>(&list.stdout).unwrap().as_array().unwrap().clone()
}

#[test]
fn backups_take_list_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo"]).status.success());
    let take = sonae_cli(&["backups", "take", path_arg(&file)]);
    assert!(take.status.success(), "{}", stderr(&take));
    let default_dir = dir.path().join("acme-backups");
    assert_eq!(std::fs::read_dir(&default_dir).unwrap().count(), 1, "default folder beside the file");

    let backup_dir = dir.path().join("kept");
    let take = sonae_cli(&["backups", "take", path_arg(&file), "--dir", path_arg(&backup_dir)]);
    assert!(take.status.success(), "{}", stderr(&take));
    let before = incident_count(&file);
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute(
            "INSERT INTO incident (title, case_key, discovered_at, created_at, updated_at) VALUES ('後から', 'other', '2026-11-20T10:00:00+09:00', '', '')",
            [],
        )
        .unwrap();
    assert_eq!(incident_count(&file), before + 1);

    let listed = listed_backups(&file, &backup_dir);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["contents"]["state"], "intact");
    assert_eq!(listed[0]["contents"]["incidents"], before as u64);
    let backup = listed[0]["path"].as_str().unwrap().to_owned();

    let restore = sonae_cli(&["backups", "restore", path_arg(&file), &backup, "--dir", path_arg(&backup_dir)]);
    assert!(restore.status.success(), "{}", stderr(&restore));
    let said = String::from_utf8_lossy(&restore.stdout).into_owned();
    assert!(said.contains("kept the current file as") && said.contains("restored"), "{said}");
    assert_eq!(incident_count(&file), before);

    let listed = listed_backups(&file, &backup_dir);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["reason"], "before_restore");
    let kept = listed[0]["path"].as_str().unwrap().to_owned();
    let back = sonae_cli(&["backups", "restore", path_arg(&file), &kept, "--dir", path_arg(&backup_dir)]);
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(incident_count(&file), before + 1);

    let table = sonae_cli(&["backups", "list", path_arg(&file), "--dir", path_arg(&backup_dir)]);
    let table = String::from_utf8_lossy(&table.stdout).into_owned();
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(table.contains("before-restore") && table.contains("manual"), "{table}");
}

#[test]
fn a_damaged_backup_is_listed_as_unusable_and_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo"]).status.success());
    assert!(sonae_cli(&["backups", "take", path_arg(&file)]).status.success());
    let backup_dir = dir.path().join("acme-backups");
    let backup = std::fs::read_dir(&backup_dir).unwrap().next().unwrap().unwrap().path();
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::write(&backup, &bytes[..bytes.len() / 2]).unwrap();

    let table = sonae_cli(&["backups", "list", path_arg(&file)]);
    assert!(table.status.success(), "{}", stderr(&table));
    assert!(String::from_utf8_lossy(&table.stdout).contains("UNUSABLE (corrupt)"));

    let current = std::fs::read(&file).unwrap();
    let message = assert_one_line_error(&sonae_cli(&["backups", "restore", path_arg(&file), path_arg(&backup)]), 1);
    assert!(message.contains("damaged"), "{message}");
    assert!(std::fs::read(&file).unwrap() == current, "the company file changed");
    assert_eq!(std::fs::read_dir(&backup_dir).unwrap().count(), 1, "nothing was to be kept");
}

#[test]
fn contacts_export_and_import_with_dry_run_and_row_errors() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.sonae");
    assert!(sonae_cli(&["init", path_arg(&demo), "--demo"]).status.success());
    let csv = dir.path().join("contacts.csv");
    let export = sonae_cli(&["contacts", "export", path_arg(&demo), "--out", path_arg(&csv)]);
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBF"));
    let again = sonae_cli(&["contacts", "export", path_arg(&demo), "--out", path_arg(&csv)]);
    assert_one_line_error(&again, 1);

    let fresh = dir.path().join("fresh.sonae");
    assert!(sonae_cli(&["init", path_arg(&fresh)]).status.success());
    let dry = sonae_cli(&["contacts", "import", path_arg(&fresh), path_arg(&csv), "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        String::from_utf8_lossy(&dry.stdout).contains("would import 17 contacts"),
        "{}",
        String::from_utf8_lossy(&dry.stdout)
    );
    let import = sonae_cli(&["contacts", "import", path_arg(&fresh), path_arg(&csv)]);
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(String::from_utf8_lossy(&import.stdout).contains("imported 17 contacts"));
    // The same file again: everyone is a duplicate, reported line by line.
    let twice = sonae_cli(&["contacts", "import", path_arg(&fresh), path_arg(&csv)]);
    let out = String::from_utf8_lossy(&twice.stdout);
    assert!(out.contains("imported 0 contacts, skipped 17"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("line 2: ") && l.ends_with("[duplicate_existing]")), "{out}");

    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/contacts-50-cp932-two-bad.csv");
    let refused = sonae_cli(&["contacts", "import", path_arg(&fresh), path_arg(&bad)]);
    let message = assert_one_line_error(&refused, 1);
    assert!(message.contains("2 errors; nothing was imported"), "{message}");
    let out = String::from_utf8_lossy(&refused.stdout);
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(errors.len(), 2, "{out}");
    assert!(errors[0].ends_with("[name_missing]") && errors[1].ends_with("[invalid_date]"), "{out}");
}

#[test]
fn an_exercise_leaves_the_incident_list_as_it_was() {
    use sonae_core::exercise::{run, scenario};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo"]).status.success());
    let list = |json: bool| {
        let mut args = vec!["incident", "list", path_arg(&file)];
        if json {
            args.push("--json");
        }
        let output = sonae_cli(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        output.stdout
    };
    let (text_before, json_before) = (list(false), list(true));

    let mut company = sonae_core::company_file::CompanyFile::open(&file).unwrap();
    company
        .write(|tx| {
            let spec = scenario::builtin_scenarios(sonae_core::language::Language::Ja).remove(0).spec;
            let id = run::start_run(tx, "鈴木", &spec, Some("ransomware_monday"), "鈴木")?;
            run::reveal_next(tx, id)?;
            run::mark_call(tx, id, 1, true)?;
            let follow_up =
                run::FollowUpInput {
                    text: "バックアップを確かめる".into(), owner: "鈴木".into(), due_on: "2027-01-31".into()
                };
            run::add_follow_up(tx, "鈴木", id, &follow_up)?;
            run::end_run(tx, "鈴木", id, &run::EndInput { participants: "3名".into(), what_worked: String::new() })
        })
        .unwrap();
    drop(company);

    assert_eq!(list(false), text_before);
    assert_eq!(list(true), json_before);
}

#[test]
fn portfolio_lists_every_file_with_a_locked_one_by_name_and_changes_none() {
    let dir = tempfile::tempdir().unwrap();
    let clients = dir.path().join("clients");
    std::fs::create_dir(&clients).unwrap();
    for name in ["a.sonae", "b.sonae"] {
        assert!(sonae_cli(&["init", path_arg(&clients.join(name)), "--demo"]).status.success());
    }
    let locked = clients.join("locked.sonae");
    assert!(sonae_cli(&["init", path_arg(&locked)]).status.success());
    let passphrase = sonae_core::company_file::Passphrase::new("correct horse battery");
    sonae_core::company_file::CompanyFile::open(&locked).unwrap().set_passphrase(Some(&passphrase)).unwrap();
    let before: Vec<Vec<u8>> =
        ["a.sonae", "b.sonae", "locked.sonae"].iter().map(|n| std::fs::read(clients.join(n)).unwrap()).collect();

    let text = sonae_cli(&["portfolio", path_arg(&clients)]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let out = String::from_utf8_lossy(&text.stdout);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.contains("locked.sonae  locked"), "{out}");
    assert!(out.matches("株式会社さくら設計事務所").count() == 2, "{out}");

    let json = sonae_cli(&["portfolio", path_arg(&clients), "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert!(rows.as_array().unwrap().iter().any(|r| r["state"]["kind"] == "locked"));
    let after: Vec<Vec<u8>> =
        ["a.sonae", "b.sonae", "locked.sonae"].iter().map(|n| std::fs::read(clients.join(n)).unwrap()).collect();
    assert!(before == after, "no file changed");
    assert_eq!(std::fs::read_dir(&clients).unwrap().count(), 3, "nothing left beside the files");
}
