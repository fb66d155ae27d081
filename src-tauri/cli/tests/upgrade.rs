//! `sonae-cli` on company files written by Sonae 0.1 (`tests/fixtures/`): commands that only read
//! leave such a file byte for byte as it was, so the older Sonae its owner uses still opens it;
//! a command that writes upgrades it, says so, and keeps the file as it was among its backups.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

const FIXTURE_PASSPHRASE: &str = "備え あり 2026";

fn sonae_cli(args: &[&str], passphrase: Option<&str>) -> Output {
    let mut command = support::sonae_cli_command();
    command.args(args).env_remove("SONAE_PASSPHRASE").env_remove("SONAE_NEW_PASSPHRASE");
    if let Some(passphrase) = passphrase {
        command.env("SONAE_PASSPHRASE", passphrase);
    }
    support::run(&mut command)
}

fn copy_of(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name), &path).unwrap();
    path
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn succeeded(output: &Output) -> String {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn reading_commands_leave_an_older_file_byte_identical() {
    for (name, passphrase) in
        [("v1-demo.sonae", None), ("v1-protected.sonae", Some(FIXTURE_PASSPHRASE)), ("v1-incidents.sonae", None)]
    {
        let dir = tempfile::tempdir().unwrap();
        let file = copy_of(dir.path(), name);
        let file_arg = file.to_str().unwrap();
        let bytes = std::fs::read(&file).unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();

        let checked = succeeded(&sonae_cli(&["check", file_arg], passphrase));
        assert!(checked.contains("schema version 1") && checked.contains("older Sonae"), "{checked}");
        let listed = succeeded(&sonae_cli(&["incident", "list", file_arg], passphrase));
        assert!(listed.lines().count() >= 2, "{listed}");
        let policy = out.join("policy.pdf");
        succeeded(&sonae_cli(&["export", file_arg, "policy", "--out", policy.to_str().unwrap()], passphrase));
        assert!(std::fs::metadata(&policy).unwrap().len() > 10_000);
        succeeded(&sonae_cli(&["export", file_arg, "ppc-draft", "--incident", "1", "--text"], passphrase));
        succeeded(&sonae_cli(&["contacts", "export", file_arg, "--out", out.join("contacts.csv").to_str().unwrap()], passphrase));
        succeeded(&sonae_cli(&["template", "export", file_arg, "--out", out.join("policy.json").to_str().unwrap()], passphrase));
        let new_client = out.join("new-client.sonae");
        succeeded(&sonae_cli(&["init", new_client.to_str().unwrap(), "--from-policy", file_arg], passphrase));
        succeeded(&sonae_cli(&["backup", file_arg, "--out", out.join("copy.sonae").to_str().unwrap()], passphrase));

        assert_eq!(std::fs::read(&file).unwrap(), bytes, "{name} was changed by reading it");
        assert_eq!(names_in(dir.path()), ["out".to_string(), name.to_string()], "{name}: files appeared beside it");
        // The copy is the file as it is: version 1 still.
        let copy = succeeded(&sonae_cli(&["check", out.join("copy.sonae").to_str().unwrap()], passphrase));
        assert!(copy.contains("schema version 1"), "{copy}");
    }
}

#[test]
fn a_writing_command_upgrades_and_keeps_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of(dir.path(), "v1-demo.sonae");
    let file_arg = file.to_str().unwrap();
    let csv = dir.path().join("new.csv");
    std::fs::write(&csv, "氏名,電話\n新しい 取引先,03-1234-5678\n").unwrap();

    let output = sonae_cli(&["contacts", "import", file_arg, csv.to_str().unwrap()], None);
    succeeded(&output);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("from schema version 1 to") && said.contains(".before-upgrade.sonae"), "{said}");
    let checked = succeeded(&sonae_cli(&["check", file_arg], None));
    assert!(!checked.contains("older Sonae"), "{checked}");

    let backups = succeeded(&sonae_cli(&["backups", "list", file_arg], None));
    let kept = backups.lines().find(|line| line.contains("before-upgrade")).unwrap_or_else(|| panic!("{backups}"));
    assert!(kept.contains("株式会社"), "the copy is listed with its company: {kept}");
}
