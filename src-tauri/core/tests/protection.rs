//! Passphrase protection at rest: protecting, opening, changing and removing the passphrase, and
//! the backups that follow the file's protection. Every refusal leaves the file byte for byte.

use sonae_core::company;
use sonae_core::company_file;
use sonae_core::incident;
use sonae_core::language::Language;
use std::path::{Path, PathBuf};

use sonae_core::company_file::backups::{self, BackupContents, BackupReason};
use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;
use sonae_core::incident::NearMissInput;
use sonae_core::store::StoreError;

const SECRET: &str = "correct horse battery";
const OTHER: &str = "staple of the week";

fn passphrase(text: &str) -> Passphrase {
    Passphrase::new(text)
}

/// A scratch folder holding the sample company file `acme.sonae` (its backups go to `acme-backups`).
fn sample_company() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("acme.sonae");
    drop(CompanyFile::create_demo(&path, Language::Ja).expect("demo file"));
    (dir, path)
}

/// What a person would recognise of the sample company: its name and a contact's.
fn known_names(company: &CompanyFile) -> (String, String) {
    let conn = company.connection();
    let name = company::company_profile(conn).unwrap().name;
    let contact = conn.query_row("SELECT name FROM contact ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    (name, contact)
}

/// Every row of the tables a person works with, to compare a file before and after a conversion.
fn contents(company: &CompanyFile) -> Vec<String> {
    let conn = company.sqlite();
    let mut rows = Vec::new();
    for table in ["company", "contact", "incident", "timeline_entry", "obligation", "near_miss", "change_log"] {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid")).unwrap();
        let columns = stmt.column_count();
        let mut query = stmt.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let values: Vec<String> = (0..columns).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect();
            rows.push(format!("{table}: {}", values.join(", ")));
        }
    }
    rows
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// The file holds nothing readable: no SQLite header, none of the names.
fn assert_unreadable(path: &Path, names: &(String, String)) {
    let bytes = std::fs::read(path).unwrap();
    assert!(!contains(&bytes, b"SQLite format 3"), "{} has a plain SQLite header", path.display());
    for name in [&names.0, &names.1] {
        assert!(!contains(&bytes, name.as_bytes()), "{} shows {name:?}", path.display());
    }
}

fn assert_no_side_files(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        assert!(!Path::new(&side).exists(), "{suffix} beside {}", path.display());
    }
}

/// Opening with `given` is refused with `code` and leaves the file and its folder as they were.
fn assert_refused_untouched(path: &Path, given: Option<&Passphrase>, code: &str) -> StoreError {
    let before = std::fs::read(path).unwrap();
    let error = CompanyFile::open_with_passphrase(path, given).err().expect("refused");
    assert_eq!(error.code(), code, "{error}");
    assert_eq!(company_file::check_with_passphrase(path, given).unwrap_err().code(), code);
    assert_eq!(CompanyFile::open_to_read_with_passphrase(path, given).err().expect("refused").code(), code);
    assert!(std::fs::read(path).unwrap() == before, "{} was modified", path.display());
    assert_no_side_files(path);
    error
}

/// Protects the sample company and returns what it held.
fn protect(path: &Path, with: &str) -> (Vec<String>, (String, String)) {
    let mut company = CompanyFile::open(path).unwrap();
    let before = (contents(&company), known_names(&company));
    company.set_passphrase(Some(&passphrase(with))).expect("protect");
    assert!(company.is_protected());
    assert_eq!(contents(&company), before.0, "the protected file holds the same rows");
    before
}

/// A write through the domain API: a near miss (ヒヤリハット) with `title`.
fn record_near_miss(company: &mut CompanyFile, title: &str) {
    let input = NearMissInput {
        occurred_on: "2026-11-20".into(),
        title: title.into(),
        description: String::new(),
        what_could_happen: String::new(),
        measures: String::new(),
        reported_by: "総務".into(),
    };
    company.write(|tx| incident::near_misses::add_near_miss(tx, &input)).expect("record a near miss");
}

fn near_miss_titles(company: &CompanyFile) -> Vec<String> {
    incident::near_misses::near_misses(company.connection()).unwrap().into_iter().map(|n| n.title).collect()
}

#[test]
fn a_protected_file_shows_nothing_and_opens_only_with_its_passphrase() {
    let (_dir, path) = sample_company();
    let (rows, names) = protect(&path, SECRET);
    assert_unreadable(&path, &names);
    assert_no_side_files(&path);

    let message = assert_refused_untouched(&path, None, "passphrase_required").to_string();
    assert!(message.contains("protected by a passphrase"), "{message}");
    let message = assert_refused_untouched(&path, Some(&passphrase(OTHER)), "wrong_passphrase").to_string();
    assert!(message.contains("passphrase is wrong") && message.contains("left unchanged"), "{message}");
    // Nothing typed is no passphrase.
    assert_refused_untouched(&path, Some(&passphrase("")), "passphrase_required");

    let check = company_file::check_with_passphrase(&path, Some(&passphrase(SECRET))).expect("check");
    assert!(check.protected);
    assert_eq!(check.company_name, names.0);

    let mut company = CompanyFile::open_with_passphrase(&path, Some(&passphrase(SECRET))).expect("opens");
    assert!(company.is_protected());
    assert_eq!(contents(&company), rows);
    record_near_miss(&mut company, "サーバー室の浸水");
    drop(company);
    let company = CompanyFile::open_with_passphrase(&path, Some(&passphrase(SECRET))).unwrap();
    assert!(near_miss_titles(&company).contains(&"サーバー室の浸水".to_owned()), "the write was kept");
    drop(company);
    assert_unreadable(&path, &names);
}

#[test]
fn a_passphrase_given_for_a_plain_file_is_ignored() {
    let (_dir, path) = sample_company();
    let company = CompanyFile::open_with_passphrase(&path, Some(&passphrase(SECRET))).expect("opens");
    assert!(!company.is_protected());
    assert!(company.passphrase().is_none());
    assert!(!company_file::check_with_passphrase(&path, Some(&passphrase(SECRET))).unwrap().protected);
    drop(company);
    assert!(std::fs::read(&path).unwrap().starts_with(b"SQLite format 3\0"));
}

#[test]
fn changing_the_passphrase_refuses_the_old_one_and_removing_it_leaves_a_plain_file() {
    let (_dir, path) = sample_company();
    let (rows, names) = protect(&path, SECRET);

    let mut company = CompanyFile::open_with_passphrase(&path, Some(&passphrase(SECRET))).unwrap();
    company.set_passphrase(Some(&passphrase(OTHER))).expect("change");
    assert_eq!(contents(&company), rows);
    drop(company);
    assert_unreadable(&path, &names);
    assert_refused_untouched(&path, Some(&passphrase(SECRET)), "wrong_passphrase");
    let mut company = CompanyFile::open_with_passphrase(&path, Some(&passphrase(OTHER))).expect("the new one opens it");

    company.set_passphrase(None).expect("remove");
    assert!(!company.is_protected());
    assert_eq!(contents(&company), rows);
    drop(company);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"), "plain SQLite again");
    assert!(contains(&bytes, names.0.as_bytes()));
    let company = CompanyFile::open(&path).expect("opens without a passphrase");
    assert_eq!(contents(&company), rows);
    drop(company);
    assert_no_side_files(&path);
}

#[test]
fn a_japanese_passphrase_works() {
    let (_dir, path) = sample_company();
    let japanese = "備えあれば憂いなし";
    let (rows, _) = protect(&path, japanese);
    assert_refused_untouched(&path, Some(&passphrase("備えあれば憂いなく")), "wrong_passphrase");
    let company = CompanyFile::open_with_passphrase(&path, Some(&passphrase(japanese))).expect("opens");
    assert_eq!(contents(&company), rows);
}

#[test]
fn a_voiced_kana_typed_composed_or_as_two_characters_is_the_same_passphrase() {
    let (_dir, path) = sample_company();
    // 「がんばろう ござる」 with が and ご as one character each (NFC), then as か/こ + U+3099.
    let composed = "\u{304C}んばろう \u{3054}ざる";
    let decomposed = "\u{304B}\u{3099}んばろう \u{3053}\u{3099}ざる";
    assert_ne!(composed, decomposed);
    let (rows, _) = protect(&path, decomposed);
    let company = CompanyFile::open_with_passphrase(&path, Some(&passphrase(composed))).expect("opens with the composed form");
    assert_eq!(contents(&company), rows);
    drop(company);
    // Only the composition is evened out: half-width kana are another passphrase.
    assert_refused_untouched(&path, Some(&passphrase("ｶﾞんばろう ｺﾞざる")), "wrong_passphrase");
}

#[test]
fn quotes_and_backslashes_in_a_passphrase_are_taken_as_typed() {
    let (_dir, path) = sample_company();
    let tricky = r#"it's "quoted" \ ; -- x'00'"#;
    protect(&path, tricky);
    assert_refused_untouched(&path, Some(&passphrase("it's \"quoted\"")), "wrong_passphrase");
    assert!(CompanyFile::open_with_passphrase(&path, Some(&passphrase(tricky))).unwrap().is_protected());
    let error = CompanyFile::open_for_backup(&path).err().expect("refused");
    assert_eq!(error.code(), "passphrase_required");
}

#[test]
fn a_weak_passphrase_is_refused_and_the_file_stays_open_as_it_was() {
    let (_dir, path) = sample_company();
    let before = std::fs::read(&path).unwrap();
    let mut company = CompanyFile::open(&path).unwrap();
    for weak in ["", "short", "あいうえおかき"] {
        let error = company.set_passphrase(Some(&passphrase(weak))).unwrap_err();
        assert_eq!(error.code(), "weak_passphrase", "{error}");
    }
    assert!(!company.is_protected());
    record_near_miss(&mut company, "still writable");
    drop(company);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    assert_ne!(bytes, before, "the write after the refusal went to the same, plain file");
}

#[test]
fn a_file_open_elsewhere_is_not_converted() {
    let (_dir, path) = sample_company();
    let elsewhere = CompanyFile::open(&path).unwrap();
    let mut company = CompanyFile::open(&path).unwrap();
    let error = company.set_passphrase(Some(&passphrase(SECRET))).unwrap_err();
    assert_eq!(error.code(), "in_use", "{error}");
    // Both connections go on working on the same plain file.
    record_near_miss(&mut company, "after the refusal");
    assert!(near_miss_titles(&elsewhere).contains(&"after the refusal".to_owned()));
    drop((company, elsewhere));
    assert!(std::fs::read(&path).unwrap().starts_with(b"SQLite format 3\0"));
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".sonae-"))
        .collect();
    assert!(leftovers.is_empty(), "staging files left: {leftovers:?}");
}

#[test]
fn a_damaged_protected_file_is_refused_as_damaged_and_left_unchanged() {
    let (_dir, path) = sample_company();
    protect(&path, SECRET);
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() >= 8 * page, "the sample file is unexpectedly small");
    let middle = bytes.len() / page / 2 * page + 100;
    for byte in &mut bytes[middle..middle + 16] {
        *byte ^= 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let message = assert_refused_untouched(&path, Some(&passphrase(SECRET)), "corrupt").to_string();
    assert!(message.contains("damaged"), "{message}");
}

#[test]
fn a_protected_file_whose_rows_break_a_check_constraint_is_refused_as_damaged() {
    let (_dir, path) = sample_company();
    protect(&path, SECRET);
    {
        // What a flipped byte can do: an incident whose status is neither 'open' nor 'closed'.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "key", SECRET).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "ignore_check_constraints", true).unwrap();
        conn.execute("UPDATE incident SET status = 'opfn' WHERE id = (SELECT min(id) FROM incident)", []).unwrap();
    }
    let message = assert_refused_untouched(&path, Some(&passphrase(SECRET)), "corrupt").to_string();
    assert!(message.contains("CHECK constraint failed in incident"), "{message}");
}

#[test]
fn random_bytes_are_not_taken_for_a_protected_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("random.sonae");
    let bytes: Vec<u8> = (0..16384u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
    std::fs::write(&path, bytes).unwrap();
    assert_refused_untouched(&path, None, "not_a_company_file");
    // Whole pages may be anyone's encrypted database: with a passphrase they are tried.
    assert_refused_untouched(&path, Some(&passphrase(SECRET)), "wrong_passphrase");
}

#[test]
fn backups_of_a_protected_file_are_protected_and_listed_with_its_passphrase() {
    let (dir, path) = sample_company();
    let (_, names) = protect(&path, SECRET);
    let backup_dir = dir.path().join("backups");
    let company = CompanyFile::open_with_passphrase(&path, Some(&passphrase(SECRET))).unwrap();
    let taken = backups::take_backup(&company, &backup_dir, BackupReason::Manual).unwrap();
    assert!(taken.is_intact(), "{:?}", taken.contents);
    let out = dir.path().join("copy.sonae");
    company.backup_to(&out).unwrap();
    drop(company);
    let for_backup = CompanyFile::open_for_backup_with_passphrase(&path, Some(&passphrase(SECRET))).unwrap();
    assert!(for_backup.is_protected());
    let in_background = backups::take_backup(&for_backup, &backup_dir, BackupReason::Opened).unwrap();
    drop(for_backup);

    for copy in [&taken.path, &out, &in_background.path] {
        assert_unreadable(copy, &names);
        assert!(company_file::check_with_passphrase(copy, Some(&passphrase(SECRET))).unwrap().protected);
        assert_eq!(company_file::check(copy).unwrap_err().code(), "passphrase_required");
    }
    let listed = backups::list_backups_with_passphrase(&backup_dir, "acme", Some(&passphrase(SECRET))).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|b| b.is_intact()), "{listed:?}");
    let without = backups::list_backups(&backup_dir, "acme").unwrap();
    assert!(without.iter().all(|b| matches!(b.contents, BackupContents::Locked { .. })), "{without:?}");
}

#[test]
fn rekeying_follows_the_file_from_plain_to_protected_to_another_passphrase_and_back() {
    let (dir, path) = sample_company();
    let backup_dir = backups::default_backup_dir(&path).unwrap();
    let company = CompanyFile::open(&path).unwrap();
    let names = known_names(&company);
    for reason in [BackupReason::Opened, BackupReason::Daily] {
        backups::take_backup(&company, &backup_dir, reason).unwrap();
    }
    drop(company);
    // Something in the folder that is not a backup of this file is left alone.
    let stranger = backup_dir.join("notes.txt");
    std::fs::write(&stranger, "not a backup").unwrap();
    let stem = backups::company_stem(&path).unwrap();
    let secret = passphrase(SECRET);
    let other = passphrase(OTHER);

    protect(&path, SECRET);
    let done = backups::rekey_backups(&backup_dir, &stem, None, Some(&secret)).unwrap();
    assert_eq!((done.converted.len(), done.unchanged.len(), done.left.len()), (2, 0, 0), "{done:?}");
    for backup in backups::list_backups_with_passphrase(&backup_dir, &stem, Some(&secret)).unwrap() {
        assert!(backup.is_intact(), "{backup:?}");
        assert_unreadable(&backup.path, &names);
        assert_no_side_files(&backup.path);
    }
    assert_eq!(std::fs::read_to_string(&stranger).unwrap(), "not a backup");
    // Running it again finds nothing to do.
    let again = backups::rekey_backups(&backup_dir, &stem, None, Some(&secret)).unwrap();
    assert_eq!((again.converted.len(), again.unchanged.len()), (0, 2), "{again:?}");

    let mut company = CompanyFile::open_with_passphrase(&path, Some(&secret)).unwrap();
    company.set_passphrase(Some(&other)).unwrap();
    drop(company);
    // Until they are rekeyed, the backups are locked under the file's new passphrase, not damaged.
    for backup in backups::list_backups_with_passphrase(&backup_dir, &stem, Some(&other)).unwrap() {
        match backup.contents {
            BackupContents::Locked { reason } => assert!(reason.contains("another passphrase"), "{reason}"),
            contents => panic!("{} listed as {contents:?}", backup.path.display()),
        }
    }
    let done = backups::rekey_backups(&backup_dir, &stem, Some(&secret), Some(&other)).unwrap();
    assert_eq!(done.converted.len(), 2, "{done:?}");
    let listed = backups::list_backups_with_passphrase(&backup_dir, &stem, Some(&other)).unwrap();
    assert!(listed.iter().all(|b| b.is_intact()), "{listed:?}");

    let mut company = CompanyFile::open_with_passphrase(&path, Some(&other)).unwrap();
    company.set_passphrase(None).unwrap();
    drop(company);
    let done = backups::rekey_backups(&backup_dir, &stem, Some(&other), None).unwrap();
    assert_eq!(done.converted.len(), 2, "{done:?}");
    let listed = backups::list_backups(&backup_dir, &stem).unwrap();
    assert!(listed.iter().all(|b| b.is_intact()), "{listed:?}");
    for backup in listed {
        assert!(std::fs::read(&backup.path).unwrap().starts_with(b"SQLite format 3\0"));
    }
    drop(dir);
}

#[test]
fn rekeying_leaves_damaged_and_foreign_backups_alone() {
    let (dir, path) = sample_company();
    let backup_dir = dir.path().join("backups");
    let company = CompanyFile::open(&path).unwrap();
    let good = backups::take_backup(&company, &backup_dir, BackupReason::Opened).unwrap();
    let damaged = backups::take_backup(&company, &backup_dir, BackupReason::Daily).unwrap();
    drop(company);
    let bytes = std::fs::read(&damaged.path).unwrap();
    std::fs::write(&damaged.path, &bytes[..bytes.len() / 2]).unwrap();

    let done = backups::rekey_backups(&backup_dir, "acme", None, Some(&passphrase(SECRET))).unwrap();
    assert_eq!(done.converted, vec![good.path.clone()]);
    assert_eq!(done.left.len(), 1);
    assert_eq!(done.left[0].path, damaged.path);
    assert!(matches!(&done.left[0].contents, BackupContents::Unusable { code, .. } if *code == "corrupt"));
    assert_eq!(std::fs::read(&damaged.path).unwrap(), &bytes[..bytes.len() / 2], "a damaged backup was changed");
    let error = backups::rekey_backups(&backup_dir, "acme", None, Some(&passphrase("short"))).unwrap_err();
    assert_eq!(error.code(), "weak_passphrase");
}

#[test]
fn a_protected_backup_is_restored_protected() {
    let (dir, path) = sample_company();
    let secret = passphrase(SECRET);
    let (rows, names) = protect(&path, SECRET);
    let backup_dir = dir.path().join("backups");
    let mut company = CompanyFile::open_with_passphrase(&path, Some(&secret)).unwrap();
    let backup = backups::take_backup(&company, &backup_dir, BackupReason::Manual).unwrap();
    record_near_miss(&mut company, "after the backup");
    drop(company);

    let before = std::fs::read(&path).unwrap();
    let error = backups::restore(&backup.path, &path, &backup_dir).unwrap_err();
    assert_eq!(error.code(), "passphrase_required");
    let error = backups::restore_with_passphrase(&backup.path, &path, &backup_dir, Some(&passphrase(OTHER))).unwrap_err();
    assert_eq!(error.code(), "wrong_passphrase");
    assert!(std::fs::read(&path).unwrap() == before, "a refused restore changed the file");

    let kept = backups::restore_with_passphrase(&backup.path, &path, &backup_dir, Some(&secret)).unwrap().expect("kept");
    assert!(kept.is_intact(), "{:?}", kept.contents);
    assert_unreadable(&kept.path, &names);
    assert_unreadable(&path, &names);
    let restored = CompanyFile::open_with_passphrase(&path, Some(&secret)).expect("the restored file opens");
    assert!(restored.is_protected());
    assert_eq!(contents(&restored), rows);
    let kept = CompanyFile::open_with_passphrase(&kept.path, Some(&secret)).unwrap();
    assert!(near_miss_titles(&kept).contains(&"after the backup".to_owned()));
}
