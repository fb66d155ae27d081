//! The codes of every error the UI can receive, as one enum shared with TypeScript: the window
//! reacts to a code and shows its text from `ui/src/i18n/{ja,en}.json` (`errors.<code>`), and a
//! test fails when a code has no text in either language. The message that comes with a code is
//! for the log and the command line; the window shows the text of the code.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! error_codes {
    ($($variant:ident => $key:literal,)*) => {
        /// Why something was refused or failed, as a stable name (`snake_case` on the wire).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($variant,)*
        }

        impl ErrorCode {
            /// Every code, in the order declared.
            pub const ALL: &[ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as the UI and the command line write it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $key,)*
                }
            }
        }
    };
}

error_codes! {
    AlreadyExists => "already_exists",
    AuthorityRequired => "authority_required",
    Busy => "busy",
    CategoryRequired => "category_required",
    ChangedElsewhere => "changed_elsewhere",
    ContactInUse => "contact_in_use",
    ContradictingItems => "contradicting_items",
    ConversionFailed => "conversion_failed",
    Corrupt => "corrupt",
    CsvHasErrors => "csv_has_errors",
    Database => "database",
    DateInFuture => "date_in_future",
    DuplicateContact => "duplicate_contact",
    DuplicateKey => "duplicate_key",
    DuplicateName => "duplicate_name",
    DuplicateProcedure => "duplicate_procedure",
    ExerciseEnded => "exercise_ended",
    FileTooLarge => "file_too_large",
    InUse => "in_use",
    IncidentClosed => "incident_closed",
    IncidentRecorded => "incident_recorded",
    Internal => "internal",
    Invalid => "invalid",
    InvalidCorporateNumber => "invalid_corporate_number",
    InvalidDate => "invalid_date",
    InvalidFacts => "invalid_facts",
    InvalidInterval => "invalid_interval",
    InvalidKey => "invalid_key",
    InvalidLanguage => "invalid_language",
    InvalidLevel => "invalid_level",
    InvalidLevels => "invalid_levels",
    InvalidMonths => "invalid_months",
    InvalidPassphrase => "invalid_passphrase",
    InvalidScenario => "invalid_scenario",
    InvalidStaleMonths => "invalid_stale_months",
    InvalidStep => "invalid_step",
    InvalidTemplate => "invalid_template",
    Io => "io",
    Missing => "missing",
    NameRequired => "name_required",
    NeedsIncident => "needs_incident",
    NewerVersion => "newer_version",
    NoCompanyFile => "no_company_file",
    NoExercise => "no_exercise",
    NoFileChosen => "no_file_chosen",
    NoInjectLeft => "no_inject_left",
    NotACompanyFile => "not_a_company_file",
    NotADraft => "not_a_draft",
    NotDue => "not_due",
    NotAScenario => "not_a_scenario",
    NotATemplate => "not_a_template",
    NotFound => "not_found",
    NotListed => "not_listed",
    NotJson => "not_json",
    NotRecorded => "not_recorded",
    NoteEmpty => "note_empty",
    ObligationsOpen => "obligations_open",
    OccurredAfterDiscovered => "occurred_after_discovered",
    OrderMismatch => "order_mismatch",
    OverrideReasonRequired => "override_reason_required",
    PassphraseRequired => "passphrase_required",
    ResponsibleRoleMissing => "responsible_role_missing",
    RoleInUse => "role_in_use",
    SentOnRequired => "sent_on_required",
    ServerUnreachable => "server_unreachable",
    Settings => "settings",
    SettingsInUse => "settings_in_use",
    SourcePassphraseRequired => "source_passphrase_required",
    StepTextRequired => "step_text_required",
    TextRequired => "text_required",
    TextTooLong => "text_too_long",
    TitleRequired => "title_required",
    TooLarge => "too_large",
    TooManyEntries => "too_many_entries",
    UnknownCase => "unknown_case",
    UnknownCategory => "unknown_category",
    UnknownContact => "unknown_contact",
    UnknownDocument => "unknown_document",
    UnknownIncident => "unknown_incident",
    UnknownLevel => "unknown_level",
    UnknownRole => "unknown_role",
    UnknownScenario => "unknown_scenario",
    UpgradeFailed => "upgrade_failed",
    WaivedReasonRequired => "waived_reason_required",
    WeakPassphrase => "weak_passphrase",
    WrongPassphrase => "wrong_passphrase",
    NameMissing => "name_missing",
    InvalidCallOrder => "invalid_call_order",
    InvalidPhone => "invalid_phone",
    InvalidEmail => "invalid_email",
    TooManyRows => "too_many_rows",
    UnreadableEncoding => "unreadable_encoding",
    MalformedCsv => "malformed_csv",
    EmptyFile => "empty_file",
    NoNameColumn => "no_name_column",
    ServerAddressInvalid => "server_address_invalid",
    ServerConnectFailed => "server_connect_failed",
    ServerHasNoCompany => "server_has_no_company",
    ServerNewerVersion => "server_newer_version",
    ServerUpgradeNotPossible => "server_upgrade_not_possible",
    DoneOnServer => "done_on_server",
    NotPermitted => "not_permitted",
    KeptCopyReadOnly => "kept_copy_read_only",
    NoKeptCopy => "no_kept_copy",
    SignInNameTaken => "sign_in_name_taken",
    LastAdministrator => "last_administrator",
    PasswordTooShort => "password_too_short",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lets tests and callers compare a code with its written name (`error.code() == "in_use"`).
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// An error as the UI receives it: a stable code to react to and a message to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ErrorReport {
    /// What went wrong, for the window to react to and to show in words.
    pub code: ErrorCode,
    /// The details, for the log and the command line.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn each_code_is_written_as_serde_writes_it() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{}\"", code.as_str()));
        }
    }

    /// The window shows `errors.<code>` of its catalogue; a code without text would show only
    /// "something went wrong".
    #[test]
    fn every_code_has_japanese_and_english_text() {
        for (language, catalogue) in
            [("ja", include_str!("../../../ui/src/i18n/ja.json")), ("en", include_str!("../../../ui/src/i18n/en.json"))]
        {
            let catalogue: serde_json::Value = serde_json::from_str(catalogue).unwrap();
            let missing: Vec<&str> = ErrorCode::ALL
                .iter()
                .map(|code| code.as_str())
                .filter(|code| catalogue["errors"][code].as_str().is_none_or(|text| text.trim().is_empty()))
                .collect();
            assert!(missing.is_empty(), "ui/src/i18n/{language}.json has no errors.<code> text for {missing:?}");
        }
    }
}
