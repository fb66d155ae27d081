//! Rotating backups: taking, listing (with damaged ones), rotating, the daily policy, and
//! restoring without ever losing the file that was there.

use sonae_core::language::Language;
use std::path::{Path, PathBuf};

use sonae_core::company_file::backups::{self, BackupContents, BackupReason};
use sonae_core::company_file::CompanyFile;
use sonae_core::store::StoreError;

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("acme.sonae");
    CompanyFile::create_demo(&path, Language::Ja).expect("demo file");
    path
}

/// A scratch folder with the sample company file and the path of a backup folder beside it.
fn sample_company() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let backup_dir = dir.path().join("backups");
    (dir, path, backup_dir)
}

fn add_incident(company: &mut CompanyFile, title: &str) -> i64 {
    company
        .write(|tx| {
            tx.execute(
                "INSERT INTO incident (title, case_key, discovered_at, created_at, updated_at)
                 VALUES (?1, 'other', '2026-11-20T10:00:00+09:00', '2026-11-20T10:00:00+09:00', '2026-11-20T10:00:00+09:00')",
                [title],
            )?;
            tx.last_insert_rowid()
        })
        .expect("add incident")
}

fn incident_titles(path: &Path) -> Vec<String> {
    let company = CompanyFile::open(path).expect("open");
    sonae_core::incident::read::list_incidents(company.connection()).unwrap().into_iter().map(|i| i.title).collect()
}

fn summary(info: &backups::BackupInfo) -> &backups::BackupSummary {
    match &info.contents {
        BackupContents::Intact(summary) => summary,
        BackupContents::Unusable { reason, .. } | BackupContents::Locked { reason } => {
            panic!("{} unusable: {reason}", info.path.display())
        }
    }
}

#[test]
fn a_backup_is_named_for_its_file_and_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let backup_dir = backups::default_backup_dir(&path).unwrap();
    assert_eq!(backup_dir, dir.path().join("acme-backups"));
    let company = CompanyFile::open(&path).unwrap();

    let taken = backups::take_backup(&company, &backup_dir, BackupReason::Opened).unwrap();
    let name = taken.path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("acme.") && name.ends_with(".opened.sonae"), "{name}");
    assert_eq!(taken.path.parent(), Some(backup_dir.as_path()));

    let conn = company.connection();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let contents = summary(&taken);
    assert_eq!(contents.company_name, sonae_core::company::company_profile(conn).unwrap().name);
    assert_eq!(contents.contacts, count("SELECT count(*) FROM contact"));
    assert_eq!(contents.incidents, count("SELECT count(*) FROM incident"));
    assert_eq!(contents.open_incidents, count("SELECT count(*) FROM incident WHERE status = 'open'"));
    assert!(contents.incidents >= 2 && contents.open_incidents >= 1);
    assert!(contents.last_change.is_some());
    assert_eq!(taken.size_bytes, std::fs::metadata(&taken.path).unwrap().len());

    // A backup is a standalone company file: it opens and leaves no WAL beside itself.
    assert!(sonae_core::company_file::check(&taken.path).is_ok());
    assert!(!backup_dir.join(format!("{name}-wal")).exists());
    assert_eq!(backups::list_backups(&backup_dir, "acme").unwrap(), vec![taken]);
}

#[test]
fn backups_are_listed_newest_first_and_other_files_are_left_out() {
    let (dir, path, backup_dir) = sample_company();
    let mut company = CompanyFile::open(&path).unwrap();
    let first = backups::take_backup(&company, &backup_dir, BackupReason::Opened).unwrap();
    add_incident(&mut company, "後から追加したインシデント");
    let second = backups::take_backup(&company, &backup_dir, BackupReason::Daily).unwrap();
    assert!(second.taken_at > first.taken_at, "two backups share a time");
    for stranger in
        ["notes.txt", "acme.sonae", "acme.20261122-101010-000.unknown.sonae", "acme-old.20261122-101010-000.daily.sonae"]
    {
        std::fs::write(backup_dir.join(stranger), b"x").unwrap();
    }
    let listed = backups::list_backups(&backup_dir, "acme").unwrap();
    assert_eq!(listed.iter().map(|b| &b.path).collect::<Vec<_>>(), [&second.path, &first.path]);
    assert_eq!(summary(&listed[0]).incidents, summary(&listed[1]).incidents + 1);
    assert_eq!(listed[0].reason, BackupReason::Daily);
    assert!(backups::list_backups(&dir.path().join("nowhere"), "acme").unwrap().is_empty());
}

#[test]
fn a_damaged_backup_is_listed_as_unusable_beside_the_good_ones() {
    let (_dir, path, backup_dir) = sample_company();
    let company = CompanyFile::open(&path).unwrap();
    let good = backups::take_backup(&company, &backup_dir, BackupReason::Opened).unwrap();
    let damaged = backups::take_backup(&company, &backup_dir, BackupReason::Daily).unwrap();
    let bytes = std::fs::read(&damaged.path).unwrap();
    std::fs::write(&damaged.path, &bytes[..bytes.len() / 2]).unwrap();

    let listed = backups::list_backups(&backup_dir, "acme").unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].path, good.path);
    assert!(listed[1].is_intact());
    match &listed[0].contents {
        BackupContents::Unusable { code, reason } => {
            assert_eq!(code, "corrupt");
            assert!(reason.contains("damaged"), "{reason}");
        }
        other => panic!("a truncated backup was listed as {other:?}"),
    }
    assert_eq!(std::fs::read(&damaged.path).unwrap(), &bytes[..bytes.len() / 2], "listing changed a backup");
}

#[test]
fn rotation_keeps_exactly_the_newest_n() {
    let (_dir, path, backup_dir) = sample_company();
    let company = CompanyFile::open(&path).unwrap();
    let taken: Vec<_> = (0..6).map(|_| backups::take_backup(&company, &backup_dir, BackupReason::Daily).unwrap().path).collect();
    let unrelated = backup_dir.join("other.20200101-000000-000.daily.sonae");
    std::fs::write(&unrelated, b"another company's backup").unwrap();

    let deleted = backups::rotate(&backup_dir, "acme", 4).unwrap();
    assert_eq!(deleted, taken[..2]);
    let kept: Vec<_> = backups::list_backups(&backup_dir, "acme").unwrap().into_iter().map(|b| b.path).collect();
    assert_eq!(kept, taken[2..].iter().rev().cloned().collect::<Vec<_>>());
    assert!(unrelated.exists(), "rotation touched another company's backup");

    assert!(backups::rotate(&backup_dir, "acme", 4).unwrap().is_empty());
    assert_eq!(backups::rotate(&backup_dir, "acme", 1).unwrap().len(), 3);
    assert!(matches!(backups::rotate(&backup_dir, "acme", 0), Err(StoreError::Invalid(_))));
    assert_eq!(backups::list_backups(&backup_dir, "acme").unwrap().len(), 1);
}

#[test]
fn the_daily_backup_is_due_until_one_is_taken_that_day() {
    let (_dir, path, backup_dir) = sample_company();
    let today = chrono::Local::now().date_naive();
    assert!(backups::backup_due(&backup_dir, "acme", today).unwrap(), "no folder yet: due");
    let company = CompanyFile::open(&path).unwrap();
    let taken = backups::take_backup(&company, &backup_dir, BackupReason::Opened).unwrap();
    let day = taken.taken_at.date();
    assert!(!backups::backup_due(&backup_dir, "acme", day).unwrap());
    assert!(backups::backup_due(&backup_dir, "acme", day.succ_opt().unwrap()).unwrap());
    assert!(backups::backup_due(&backup_dir, "another", day).unwrap());
}

#[test]
fn restoring_keeps_the_current_file_so_it_can_be_put_back() {
    let (_dir, path, backup_dir) = sample_company();
    let mut company = CompanyFile::open(&path).unwrap();
    let before = backups::take_backup(&company, &backup_dir, BackupReason::Opened).unwrap();
    add_incident(&mut company, "復元で消えるはずのインシデント");
    drop(company);
    let with_new_incident = incident_titles(&path);

    let kept = backups::restore(&before.path, &path, &backup_dir).unwrap().expect("the current file was kept");
    assert_eq!(kept.reason, BackupReason::BeforeRestore);
    assert!(kept.path.to_str().unwrap().ends_with(".before-restore.sonae"));
    assert_eq!(summary(&kept).incidents, with_new_incident.len() as i64);
    let restored = incident_titles(&path);
    assert_eq!(restored.len() + 1, with_new_incident.len());
    assert!(!restored.iter().any(|t| t.contains("復元で消える")));

    // And back again: the kept file holds the incident.
    backups::restore(&kept.path, &path, &backup_dir).unwrap();
    assert_eq!(incident_titles(&path), with_new_incident);
    assert_eq!(backups::list_backups(&backup_dir, "acme").unwrap().len(), 3);
}

#[test]
fn a_damaged_backup_is_never_restored() {
    let (_dir, path, backup_dir) = sample_company();
    let backup = {
        let company = CompanyFile::open(&path).unwrap();
        backups::take_backup(&company, &backup_dir, BackupReason::Opened).unwrap().path
    };
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::write(&backup, &bytes[..bytes.len() / 2]).unwrap();
    let current = std::fs::read(&path).unwrap();

    let error = backups::restore(&backup, &path, &backup_dir).unwrap_err();
    assert_eq!(error.code(), "corrupt", "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), current, "the company file changed");
    assert_eq!(backups::list_backups(&backup_dir, "acme").unwrap().len(), 1, "nothing should have been kept");

    let itself = backups::restore(&path, &path, &backup_dir).unwrap_err();
    assert!(matches!(itself, StoreError::Invalid(_)), "{itself}");
}

#[test]
fn a_file_still_open_is_not_replaced() {
    let (_dir, path, backup_dir) = sample_company();
    let mut company = CompanyFile::open(&path).unwrap();
    let backup = backups::take_backup(&company, &backup_dir, BackupReason::Opened).unwrap();
    add_incident(&mut company, "開いたままのファイル");

    let error = backups::restore(&backup.path, &path, &backup_dir).unwrap_err();
    assert_eq!(error.code(), "in_use", "{error}");
    let titles: Vec<String> =
        sonae_core::incident::read::list_incidents(company.connection()).unwrap().into_iter().map(|i| i.title).collect();
    assert!(titles.iter().any(|t| t == "開いたままのファイル"));
    add_incident(&mut company, "まだ書ける");
}

#[test]
fn a_damaged_company_file_is_kept_byte_for_byte_and_replaced() {
    let (dir, path, backup_dir) = sample_company();
    let backup = {
        let company = CompanyFile::open(&path).unwrap();
        backups::take_backup(&company, &backup_dir, BackupReason::Daily).unwrap()
    };
    // The file is wrecked, with a stale WAL beside it that must not be replayed onto the backup.
    let mut wreck = std::fs::read(&path).unwrap();
    wreck.truncate(wreck.len() / 3);
    std::fs::write(&path, &wreck).unwrap();
    let wal = dir.path().join("acme.sonae-wal");
    std::fs::write(&wal, b"stale write-ahead log").unwrap();

    let kept = backups::restore(&backup.path, &path, &backup_dir).unwrap().expect("kept");
    assert_eq!(std::fs::read(&kept.path).unwrap(), wreck);
    assert_eq!(std::fs::read(format!("{}-wal", kept.path.display())).unwrap(), b"stale write-ahead log");
    assert!(matches!(kept.contents, BackupContents::Unusable { .. }), "{:?}", kept.contents);
    assert!(!wal.exists(), "the old WAL was left beside the restored file");
    assert_eq!(incident_titles(&path).len() as i64, summary(&backup).incidents);

    // Rotating the kept copy away takes its WAL with it.
    backups::take_backup(&CompanyFile::open(&path).unwrap(), &backup_dir, BackupReason::Manual).unwrap();
    assert_eq!(backups::rotate(&backup_dir, "acme", 1).unwrap(), [backup.path, kept.path.clone()]);
    assert!(!Path::new(&format!("{}-wal", kept.path.display())).exists());
}

#[test]
fn restoring_where_there_is_no_file_yet_just_restores() {
    let (dir, path, backup_dir) = sample_company();
    let backup = backups::take_backup(&CompanyFile::open(&path).unwrap(), &backup_dir, BackupReason::Manual).unwrap();
    let elsewhere = dir.path().join("acme-copy.sonae");
    assert!(backups::restore(&backup.path, &elsewhere, &backup_dir).unwrap().is_none());
    assert_eq!(incident_titles(&elsewhere), incident_titles(&path));
}

/// Windows will not let a file another program holds open be replaced: the restore says so, and
/// the company file is as it was.
#[cfg(windows)]
#[test]
fn restoring_over_a_file_another_program_holds_open_says_so_and_changes_nothing() {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    let (_dir, path, backup_dir) = sample_company();
    let backup = backups::take_backup(&CompanyFile::open(&path).unwrap(), &backup_dir, BackupReason::Manual).unwrap();
    add_incident(&mut CompanyFile::open(&path).unwrap(), "バックアップの後");
    let before = std::fs::read(&path).unwrap();
    let held = std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(&path).unwrap();

    let error = backups::restore(&backup.path, &path, &backup_dir).unwrap_err();
    assert_eq!(error.code(), "in_use", "{error}");
    drop(held);
    assert_eq!(std::fs::read(&path).unwrap(), before, "the company file changed");
    assert!(incident_titles(&path).contains(&"バックアップの後".to_owned()));
}
