//! The TypeScript declarations of every type the UI receives or sends, generated from the Rust
//! types so the two sides cannot disagree. `ui/src/bindings.ts` is this output, committed; a test
//! fails when it drifts (regenerate with `make bindings`).

use crate::policy;
use ts_rs::{Config, TS};

use crate::incident::{self, affected_data, draft as wizard_draft, interview, wizard};
use crate::{
    bcp, client_overview, company, company_file, contacts, error_code, exercise, home, language, readiness, render, rules, store,
    template, workspace,
};

/// The keyed enums (`crate::keys`) the UI receives, each exported with its full list of values,
/// and the values' keys beside serde's names, for the test that the two agree.
macro_rules! keyed_enums {
    ($($ty:ty),* $(,)?) => {
        /// Each enum's TypeScript name and keys, in declaration order.
        fn value_lists(cfg: &Config) -> Vec<(String, Vec<&'static str>)> {
            vec![$((<$ty as TS>::name(cfg), <$ty>::ALL.iter().map(|v| v.key()).collect()),)*]
        }

        #[cfg(test)]
        fn serde_and_keys() -> Vec<(String, &'static str)> {
            let mut pairs = Vec::new();
            $(
                for value in <$ty>::ALL {
                    let serde = serde_json::to_value(value).expect("serializable");
                    pairs.push((serde.as_str().expect("a string").to_owned(), value.key()));
                }
            )*
            pairs
        }
    };
}

keyed_enums!(
    rules::Sector,
    language::DateStyle,
    rules::IncidentStage,
    incident::IncidentStatus,
    rules::IncidentCategory,
    wizard::CaseKind,
    wizard::Happened,
    interview::Question,
    affected_data::DataItem,
    affected_data::DataSubjectGroup,
    affected_data::Harm,
    incident::CallOutcome,
    incident::TaskSource,
    incident::ObligationStatus,
    rules::Authority,
    rules::Delegate,
    rules::Duty,
    rules::DeadlineStage,
    render::Document,
    render::ReportStage,
    contacts::ContactKind,
    contacts::ContactTag,
    contacts::csv::CsvEncoding,
    contacts::csv::CsvField,
    exercise::scenario::ExerciseStep,
    readiness::ReadinessTask,
    readiness::ReadinessState,
    workspace::ServerAccess,
    workspace::ChangedPart,
    client_overview::DeadlineUrgency,
    bcp::jigyokei::MeasureKind,
    store::history::ChangeAction,
    store::history::ChangedEntity,
);

/// The contents of `ui/src/bindings.ts`.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let declarations = [
        rules::Sector::decl(&cfg),
        company::CompanyProfile::decl(&cfg),
        company::CompanyDetails::decl(&cfg),
        company::InquiryDesk::decl(&cfg),
        language::DateStyle::decl(&cfg),
        rules::IncidentStage::decl(&cfg),
        incident::IncidentStatus::decl(&cfg),
        incident::IncidentSummary::decl(&cfg),
        home::StaleContact::decl(&cfg),
        readiness::ReadinessTask::decl(&cfg),
        readiness::ReadinessState::decl(&cfg),
        readiness::ReadinessItem::decl(&cfg),
        readiness::ReadinessIntervals::decl(&cfg),
        readiness::DueFollowUp::decl(&cfg),
        readiness::Readiness::decl(&cfg),
        readiness::ReviewedPart::decl(&cfg),
        readiness::summary::ProcedureGap::decl(&cfg),
        readiness::summary::LastExercise::decl(&cfg),
        readiness::summary::ReadinessSummary::decl(&cfg),
        exercise::scenario::ExerciseStep::decl(&cfg),
        exercise::scenario::Inject::decl(&cfg),
        exercise::scenario::ScenarioSpec::decl(&cfg),
        exercise::scenario::ScenarioSource::decl(&cfg),
        exercise::scenario::ExerciseScenario::decl(&cfg),
        exercise::run::ExerciseRunSummary::decl(&cfg),
        exercise::run::RevealedInject::decl(&cfg),
        exercise::run::PractisedCall::decl(&cfg),
        exercise::run::FollowUp::decl(&cfg),
        exercise::run::FollowUpInput::decl(&cfg),
        exercise::run::EndInput::decl(&cfg),
        exercise::run::ExerciseRun::decl(&cfg),
        policy::Contact::decl(&cfg),
        policy::Step::decl(&cfg),
        policy::Procedure::decl(&cfg),
        policy::AuthorityDesk::decl(&cfg),
        bcp::BcpTarget::decl(&cfg),
        exercise::ExerciseReference::decl(&cfg),
        bcp::jigyokei::JigyokeiSite::decl(&cfg),
        bcp::jigyokei::MeasureKind::decl(&cfg),
        bcp::jigyokei::JigyokeiMeasure::decl(&cfg),
        bcp::jigyokei::JigyokeiPartner::decl(&cfg),
        bcp::jigyokei::JigyokeiPlan::decl(&cfg),
        bcp::jigyokei::JigyokeiField::decl(&cfg),
        bcp::jigyokei::JigyokeiCheck::decl(&cfg),
        bcp::jigyokei::JigyokeiSection::decl(&cfg),
        bcp::jigyokei::JigyokeiReview::decl(&cfg),
        client_overview::DeadlineUrgency::decl(&cfg),
        client_overview::ClientReadiness::decl(&cfg),
        client_overview::ClientState::decl(&cfg),
        client_overview::ClientRow::decl(&cfg),
        client_overview::PortfolioFiles::decl(&cfg),
        home::HomeSummary::decl(&cfg),
        language::Language::decl(&cfg),
        workspace::Preferences::decl(&cfg),
        error_code::ErrorCode::decl(&cfg),
        error_code::ErrorReport::decl(&cfg),
        workspace::OpenFileState::decl(&cfg),
        incident::IncidentRef::decl(&cfg),
        workspace::RecentFile::decl(&cfg),
        workspace::ServerPlace::decl(&cfg),
        workspace::ServerAccess::decl(&cfg),
        workspace::ServerPerson::decl(&cfg),
        workspace::ChangedPart::decl(&cfg),
        workspace::CompanyChanges::decl(&cfg),
        workspace::KeptCopy::decl(&cfg),
        workspace::PolicySource::decl(&cfg),
        workspace::ChosenContactsCsv::decl(&cfg),
        workspace::ChosenPolicyTemplate::decl(&cfg),
        incident::CallOutcome::decl(&cfg),
        incident::IncidentCall::decl(&cfg),
        incident::TaskSource::decl(&cfg),
        incident::IncidentTask::decl(&cfg),
        incident::TimelineEntry::decl(&cfg),
        incident::StepConfirmations::decl(&cfg),
        incident::ObligationStatus::decl(&cfg),
        incident::AuthorityContact::decl(&cfg),
        incident::ObligationRecord::decl(&cfg),
        incident::ObligationUpdate::decl(&cfg),
        incident::IncidentDetail::decl(&cfg),
        policy::LevelDefinition::decl(&cfg),
        policy::CategoryDefinition::decl(&cfg),
        policy::WizardPolicy::decl(&cfg),
        contacts::Phone::decl(&cfg),
        contacts::Email::decl(&cfg),
        incident::CallTarget::decl(&cfg),
        incident::NearMiss::decl(&cfg),
        incident::NearMissInput::decl(&cfg),
        wizard::CaseKind::decl(&cfg),
        wizard_draft::WhatHappenedDraft::decl(&cfg),
        wizard_draft::SeverityDraft::decl(&cfg),
        interview::Question::decl(&cfg),
        interview::AnswerKind::decl(&cfg),
        interview::Reply::decl(&cfg),
        interview::Replied::decl(&cfg),
        interview::Asked::decl(&cfg),
        interview::Unsettled::decl(&cfg),
        interview::Lifted::decl(&cfg),
        interview::InterviewState::decl(&cfg),
        wizard_draft::ReportingDraft::decl(&cfg),
        wizard_draft::StepDraft::decl(&cfg),
        wizard_draft::WizardDrafts::decl(&cfg),
        wizard::IncidentBasics::decl(&cfg),
        wizard::Happened::decl(&cfg),
        wizard::SeverityAnswers::decl(&cfg),
        wizard::Severity::decl(&cfg),
        wizard::Recovery::decl(&cfg),
        affected_data::DataItem::decl(&cfg),
        affected_data::DataItems::decl(&cfg),
        affected_data::Contradiction::decl(&cfg),
        affected_data::DataSubjectGroup::decl(&cfg),
        affected_data::Harm::decl(&cfg),
        affected_data::AffectedData::decl(&cfg),
        affected_data::ReportingDetails::decl(&cfg),
        affected_data::TechnicalDetails::decl(&cfg),
        store::history::ChangeAction::decl(&cfg),
        store::history::ChangedEntity::decl(&cfg),
        store::history::ChangeRecord::decl(&cfg),
        contacts::ContactKind::decl(&cfg),
        contacts::ContactTag::decl(&cfg),
        contacts::ContactDetails::decl(&cfg),
        contacts::ContactInput::decl(&cfg),
        contacts::ContactQuery::decl(&cfg),
        contacts::ContactListItem::decl(&cfg),
        contacts::ContactPage::decl(&cfg),
        contacts::ContactUse::decl(&cfg),
        contacts::CsvImportSummary::decl(&cfg),
        contacts::csv::CsvEncoding::decl(&cfg),
        contacts::csv::CsvField::decl(&cfg),
        contacts::csv::CsvColumn::decl(&cfg),
        contacts::csv::CsvProblem::decl(&cfg),
        contacts::csv::CsvRow::decl(&cfg),
        contacts::csv::CsvPreview::decl(&cfg),
        company_file::backups::BackupReason::decl(&cfg),
        company_file::backups::BackupSummary::decl(&cfg),
        company_file::backups::BackupContents::decl(&cfg),
        company_file::backups::BackupInfo::decl(&cfg),
        company_file::backups::RekeyedBackups::decl(&cfg),
        policy::editing::ContactRef::decl(&cfg),
        policy::editing::EditableRole::decl(&cfg),
        policy::editing::EditableLevel::decl(&cfg),
        policy::editing::EditableCategory::decl(&cfg),
        policy::editing::StepInput::decl(&cfg),
        policy::editing::EditableProcedure::decl(&cfg),
        policy::editing::EditableChecklist::decl(&cfg),
        policy::editing::EditableAuthority::decl(&cfg),
        policy::editing::EditablePolicy::decl(&cfg),
        policy::editing::RoleInput::decl(&cfg),
        policy::editing::LevelInput::decl(&cfg),
        policy::editing::CategoryInput::decl(&cfg),
        policy::editing::AuthorityInput::decl(&cfg),
        policy::editing::RoleDeletion::decl(&cfg),
        bcp::editing::EditableScenario::decl(&cfg),
        bcp::editing::EditableTarget::decl(&cfg),
        bcp::editing::EditableExercise::decl(&cfg),
        bcp::editing::EditableBcp::decl(&cfg),
        bcp::editing::ScenarioInput::decl(&cfg),
        bcp::editing::TargetInput::decl(&cfg),
        bcp::editing::ExerciseInput::decl(&cfg),
        template::exchange::ImportSummary::decl(&cfg),
        render::Document::decl(&cfg),
        render::ReportStage::decl(&cfg),
        render::LetterView::decl(&cfg),
        incident::letters::EditedLetter::decl(&cfg),
        incident::gdpr_texts::GdprTexts::decl(&cfg),
        incident::IncidentClient::decl(&cfg),
        rules::IncidentCategory::decl(&cfg),
        rules::DataAtRisk::decl(&cfg),
        rules::PersonalData::decl(&cfg),
        rules::EntrustedData::decl(&cfg),
        rules::Organization::decl(&cfg),
        rules::Facts::decl(&cfg),
        rules::Authority::decl(&cfg),
        rules::Duty::decl(&cfg),
        rules::DeadlineStage::decl(&cfg),
        rules::Ground::decl(&cfg),
        rules::DueBy::decl(&cfg),
        rules::Deadline::decl(&cfg),
        rules::Delegate::decl(&cfg),
        rules::DataScope::decl(&cfg),
        rules::Obligation::decl(&cfg),
        rules::Assessment::decl(&cfg),
    ];
    let mut out = String::from("// Generated from sonae-core by `make bindings`. Do not edit by hand.\n\n");
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    // Every keyed enum's values, for the UI to iterate instead of keeping a copy (crate::keys).
    for (name, keys) in value_lists(&cfg) {
        out.push_str(&format!(
            "export const {}: readonly {name}[] = [{}];\n\n",
            screaming_snake(&name) + "_VALUES",
            quoted(keys)
        ));
    }
    out.push_str(&document_tables());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Which drafts each addressee's card offers, in which stages, and which are letters: the core's
/// answers, as tables the UI reads.
fn document_tables() -> String {
    let drafts_for: Vec<String> = rules::Authority::ALL
        .iter()
        .map(|&a| format!("  {}: [{}],", a.key(), quoted(render::Document::drafts_for(a).iter().map(|d| d.key()).collect())))
        .collect();
    let stages: Vec<String> = render::Document::ALL
        .iter()
        .map(|&d| format!("  '{}': [{}],", d.key(), quoted(d.stages().iter().map(|s| s.key()).collect())))
        .collect();
    let letters = quoted(render::Document::ALL.iter().filter(|d| d.is_letter()).map(|d| d.key()).collect());
    let names: Vec<String> = [language::Language::Ja, language::Language::En]
        .into_iter()
        .map(|language| {
            let documents: Vec<String> = render::Document::ALL
                .iter()
                .map(|&d| {
                    let stages: Vec<String> = render::ReportStage::ALL
                        .iter()
                        .map(|&stage| format!("{}: {}", stage.key(), serde_json::json!(d.name(stage, language))))
                        .collect();
                    format!("    '{}': {{ {} }},", d.key(), stages.join(", "))
                })
                .collect();
            format!("  {}: {{\n{}\n  }},", language.code(), documents.join("\n"))
        })
        .collect();
    format!(
        "/** The drafts each addressee's card offers, the report itself first. */\n\
         export const DRAFTS_FOR: Record<Authority, readonly DocumentKind[]> = {{\n{}\n}};\n\n\
         /** The reports each document is written for (速報 and 確報, or one). */\n\
         export const DOCUMENT_STAGES: Record<DocumentKind, readonly ReportStage[]> = {{\n{}\n}};\n\n\
         /** The documents that are letters, which the office may edit before sending. */\n\
         export const LETTER_DOCUMENTS: readonly DocumentKind[] = [{letters}];\n\n\
         /** What each document is called where it is offered, by language and report stage. */\n\
         export const DOCUMENT_NAMES: Record<Language, Record<DocumentKind, Record<ReportStage, string>>> = {{\n{}\n}};\n\n\
         /** The assessment's facts by their contract names, as the interview names what is open. */\n\
         export const FACT_NAMES: readonly string[] = [{}];\n",
        drafts_for.join("\n"),
        stages.join("\n"),
        names.join("\n"),
        quoted(rules::fact_names().collect())
    )
}

/// Keys as the items of a TypeScript array: `'a', 'b'`.
fn quoted(keys: Vec<&str>) -> String {
    keys.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
}

/// `CaseKind` → `CASE_KIND`.
fn screaming_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::wizard::CaseKind;
    use crate::incident::ObligationStatus;

    #[test]
    fn every_key_is_the_serde_name() {
        let pairs = serde_and_keys();
        assert!(pairs.len() > 100, "{} values", pairs.len());
        for (serde, key) in pairs {
            assert_eq!(serde, key);
        }
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_kind() {
        assert_eq!(CaseKind::from_key("ransomware"), Ok(CaseKind::Ransomware));
        let refused = CaseKind::from_key("meteor").unwrap_err();
        assert_eq!(refused.to_string(), "unknown CaseKind `meteor`");
        assert_eq!(ObligationStatus::from_key(""), Err(crate::keys::UnknownKey { kind: "ObligationStatus", key: String::new() }));
    }

    #[test]
    fn the_company_file_refuses_a_value_it_does_not_know() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        let stored: CaseKind = db.query_row("SELECT ?1", [CaseKind::LostDevice], |r| r.get(0)).unwrap();
        assert_eq!(stored, CaseKind::LostDevice);
        let unknown = db.query_row("SELECT 'meteor'", [], |r| r.get::<_, CaseKind>(0)).unwrap_err();
        assert!(unknown.to_string().contains("unknown CaseKind `meteor`"), "{unknown}");
    }

    use std::path::PathBuf;

    /// The committed bindings match the Rust types. With `UPDATE_BINDINGS=1` the file is rewritten.
    #[test]
    fn committed_bindings_are_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.ts");
        let expected = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "ui/src/bindings.ts is out of date with the Rust types: run `make bindings` and commit it"
        );
    }
}
