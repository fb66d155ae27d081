//! The jobs a user starts from the window or the command line that take more than one call into
//! the core: each is written once here, and the window's commands and `sonae-cli` both call it, so
//! the two cannot drift apart (they once named a new company differently).

use sonae_core::company_file;
use std::path::{Path, PathBuf};

use sonae_core::company_file::backups::{self, BackupInfo, BackupReason, RekeyedBackups};
use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;
use sonae_core::language::Language;
use sonae_core::store::StoreError;
use sonae_core::template::{self, PolicyTemplate};

type Result<T> = std::result::Result<T, StoreError>;

/// The name a new company file gets when the user gives none; changed on the policy page.
pub fn default_company_name(language: Language) -> &'static str {
    match language {
        Language::Ja => "わたしの会社",
        Language::En => "My company",
    }
}

/// The built-in policy template in `language`.
pub fn builtin_policy(language: Language) -> Result<PolicyTemplate> {
    template::builtin_policy(language).map_err(|e| StoreError::Invalid(format!("built-in template is invalid: {e}")))
}

/// The policy of another company file, to start a new client's file from: the file is only read
/// (never upgraded or written), with its passphrase when it is protected.
pub fn policy_of_file(path: &Path, passphrase: Option<&Passphrase>) -> Result<PolicyTemplate> {
    let source = CompanyFile::open_to_read_with_passphrase(path, passphrase)?;
    template::exchange::export_policy_template(source.connection())
}

/// The extension of company files.
pub const COMPANY_FILE_EXTENSION: &str = "sonae";

/// The file name offered for a new company's file: its name, with the characters no file name
/// may hold on Windows or Linux (`\ / : * ? " < > |` and control characters) replaced by `_`.
pub fn company_file_name(company_name: &str) -> String {
    let safe: String =
        company_name.trim().chars().map(|c| if c.is_control() || r#"\/:*?"<>|"#.contains(c) { '_' } else { c }).collect();
    format!("{safe}.{COMPANY_FILE_EXTENSION}")
}

/// `path` as a company file's path: `.sonae` added when the user typed a name without it.
pub fn with_company_file_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|e| e == COMPANY_FILE_EXTENSION) {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(format!(".{COMPANY_FILE_EXTENSION}"));
        PathBuf::from(name)
    }
}

/// Creates a company file at `path` from `policy`, named `name` or else the default name in the
/// policy's language.
pub fn create_company_file(path: &Path, name: Option<&str>, policy: &PolicyTemplate) -> Result<CompanyFile> {
    let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(default_company_name(policy.language));
    CompanyFile::create(path, name, policy)
}

/// Protects the open file with `next`, changes its passphrase, or removes it (`next` none), then
/// converts the backups in `backup_dir` the same way, so that no copy under the old protection
/// stays behind. The file must be open with its current passphrase; the backups of a file that is
/// neither protected nor to be protected are left alone.
pub fn change_passphrase(company: &mut CompanyFile, backup_dir: &Path, next: Option<&Passphrase>) -> Result<RekeyedBackups> {
    let before = company.passphrase().cloned();
    if before.is_none() && next.is_none() {
        return Ok(RekeyedBackups::default());
    }
    if let Some(next) = next {
        next.check_new()?;
    }
    company.set_passphrase(next)?;
    let stem = backups::company_stem(company.path())?;
    backups::rekey_backups(backup_dir, &stem, before.as_ref(), next)
}

/// How old a staging file must be to count as left behind by a killed process (writing one takes
/// seconds at most, even for a large file).
pub(crate) const LEFTOVER_STAGING_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// A backup just taken, and the old ones deleted to keep the number asked for.
#[derive(Debug)]
pub struct KeptBackup {
    pub taken: BackupInfo,
    pub deleted: Vec<PathBuf>,
}

/// Takes a backup of `company` into `backup_dir` and deletes the oldest beyond `keep` (at least
/// one must be kept). Staging copies that killed processes left beside the file or among its
/// backups are deleted on the way. A protected file's backup is protected by the same passphrase.
pub fn keep_backup(company: &CompanyFile, backup_dir: &Path, reason: BackupReason, keep: usize) -> Result<KeptBackup> {
    let taken = backups::take_backup(company, backup_dir, reason)?;
    for folder in [company.path().parent(), Some(backup_dir)].into_iter().flatten() {
        company_file::remove_leftover_staging(folder, LEFTOVER_STAGING_AGE);
    }
    let deleted = backups::rotate(backup_dir, &backups::company_stem(company.path())?, keep)?;
    Ok(KeptBackup { taken, deleted })
}

/// The backups of the company file at `company_path` in `backup_dir`, newest first, damaged ones
/// included and marked as such; a protected file's are read with its passphrase.
pub fn list_backups(company_path: &Path, backup_dir: &Path, passphrase: Option<&Passphrase>) -> Result<Vec<BackupInfo>> {
    backups::list_backups_with_passphrase(backup_dir, &backups::company_stem(company_path)?, passphrase)
}

/// Puts `backup` in place of the company file at `company_path`; the current file is first kept
/// as a backup of its own ("before restore"), so a restore can itself be undone. Only a backup of
/// this file from `backup_dir` is accepted. The file must not be open meanwhile. Answers the
/// backup kept of the file as it was, if there was a file.
pub fn restore_backup(
    company_path: &Path,
    backup: &Path,
    backup_dir: &Path,
    passphrase: Option<&Passphrase>,
) -> Result<Option<BackupInfo>> {
    let listed = list_backups(company_path, backup_dir, passphrase)?;
    if !listed.iter().any(|b| backups::same_file(&b.path, backup).unwrap_or(false)) {
        return Err(StoreError::Invalid(format!(
            "{} is not a backup of {} in {}",
            backup.display(),
            company_path.display(),
            backup_dir.display()
        )));
    }
    backups::restore_with_passphrase(backup, company_path, backup_dir, passphrase)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_files_name_is_the_company_name_made_safe_everywhere() {
        assert_eq!(super::company_file_name("  株式会社 みどり  "), "株式会社 みどり.sonae");
        assert_eq!(super::company_file_name("A/B: \"C\" <D>|E*?\\F\tG"), "A_B_ _C_ _D__E___F_G.sonae");
    }

    #[test]
    fn a_typed_name_without_the_extension_gets_it() {
        use std::path::PathBuf;
        assert_eq!(super::with_company_file_extension(PathBuf::from("/x/顧問先 A")), PathBuf::from("/x/顧問先 A.sonae"));
        assert_eq!(super::with_company_file_extension(PathBuf::from("/x/a.sonae")), PathBuf::from("/x/a.sonae"));
        assert_eq!(super::with_company_file_extension(PathBuf::from("/x/a.v2")), PathBuf::from("/x/a.v2.sonae"));
    }

    use super::*;
    use sonae_core::company;

    fn passphrase(text: &str) -> Passphrase {
        Passphrase::new(text)
    }

    #[test]
    fn a_new_file_without_a_name_takes_the_default_in_its_policy_language() {
        let dir = tempfile::tempdir().unwrap();
        for (language, expected) in [(Language::Ja, "わたしの会社"), (Language::En, "My company")] {
            let path = dir.path().join(format!("{}.sonae", language.code()));
            let company = create_company_file(&path, Some("  "), &builtin_policy(language).unwrap()).unwrap();
            assert_eq!(company::company_profile(company.connection()).unwrap().name, expected);
        }
    }

    #[test]
    fn a_policy_is_taken_from_a_protected_file_only_with_its_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("client.sonae");
        let mut company = CompanyFile::create_demo(&source, Language::Ja).unwrap();
        company.set_passphrase(Some(&passphrase("長いパスフレーズです"))).unwrap();
        drop(company);
        assert_eq!(policy_of_file(&source, None).unwrap_err().code(), "passphrase_required");
        let policy = policy_of_file(&source, Some(&passphrase("長いパスフレーズです"))).unwrap();
        let copy = create_company_file(&dir.path().join("new.sonae"), None, &policy).unwrap();
        assert!(!copy.is_protected(), "a new file starts plain");
    }

    #[test]
    fn changing_the_passphrase_converts_the_backups_and_a_weak_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme.sonae");
        let mut company = CompanyFile::create_demo(&path, Language::Ja).unwrap();
        let backup_dir = backups::default_backup_dir(&path).unwrap();
        for _ in 0..3 {
            keep_backup(&company, &backup_dir, BackupReason::Manual, 2).unwrap();
        }
        assert_eq!(list_backups(&path, &backup_dir, None).unwrap().len(), 2, "the oldest is deleted");
        let before = std::fs::read(&path).unwrap();
        assert_eq!(
            change_passphrase(&mut company, &backup_dir, Some(&passphrase("short"))).unwrap_err().code(),
            "weak_passphrase"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "a refused passphrase changed the file");

        let done = change_passphrase(&mut company, &backup_dir, Some(&passphrase("correct horse battery"))).unwrap();
        assert_eq!(done.converted.len(), 2);
        assert!(company.is_protected());
        let done = change_passphrase(&mut company, &backup_dir, None).unwrap();
        assert_eq!(done.converted.len(), 2);
        assert!(!company.is_protected());
        assert_eq!(change_passphrase(&mut company, &backup_dir, None).unwrap(), RekeyedBackups::default());
    }

    #[test]
    fn only_a_backup_of_this_file_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme.sonae");
        let other = dir.path().join("other.sonae");
        let backup_dir = backups::default_backup_dir(&path).unwrap();
        let company = CompanyFile::create_demo(&path, Language::Ja).unwrap();
        let taken = keep_backup(&company, &backup_dir, BackupReason::Manual, 5).unwrap().taken;
        drop(company);
        drop(CompanyFile::create_demo(&other, Language::En).unwrap());
        assert_eq!(restore_backup(&path, &other, &backup_dir, None).unwrap_err().code(), "invalid");
        let kept = restore_backup(&path, &taken.path, &backup_dir, None).unwrap();
        assert!(kept.is_some(), "the file as it was is kept before the restore");
    }
}
