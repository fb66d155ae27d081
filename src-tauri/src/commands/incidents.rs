//! The incident wizard, the incident list and detail, and near misses. Each command is one
//! transaction in `sonae-core`; writes answer with the incident as it now stands, so the window
//! shows exactly what was stored. The author of every entry is the name in the preferences.

use sonae_core::incident;
use sonae_core::incident::affected_data::ReportingDetails;
use sonae_core::incident::draft::StepDraft;
use sonae_core::incident::gdpr_texts::{self, GdprTexts};
use sonae_core::incident::interview::{InterviewState, Replied};
use sonae_core::incident::record::{self, ConfirmedStep};
use sonae_core::incident::wizard::{CaseKind, IncidentBasics, Recovery, Severity};
use sonae_core::incident::CallOutcome;
use sonae_core::incident::CallTarget;
use sonae_core::incident::IncidentDetail;
use sonae_core::incident::IncidentSummary;
use sonae_core::incident::NearMiss;
use sonae_core::incident::NearMissInput;
use sonae_core::incident::ObligationUpdate;
use sonae_core::policy;
use sonae_core::policy::WizardPolicy;
use sonae_core::store;
use sonae_tasks::Company;
use tauri::State;

use super::{author, read_company, with_company, CommandResult};
use sonae_tasks::Session;

/// Runs one wizard write for incident `id` and answers with the incident as stored.
fn write_incident(
    session: &Session,
    id: i64,
    work: impl FnOnce(&store::Transaction, &str) -> store::Result<()> + Send,
) -> CommandResult<IncidentDetail> {
    let author = author(session);
    with_company(session, |company: &mut Company| {
        company.write(|tx| work(tx, &author))?;
        Ok(company.read(|db| incident::read::incident_detail(db, id))?)
    })
}

#[tauri::command(async)]
pub fn list_incidents(session: State<'_, Session>) -> CommandResult<Vec<IncidentSummary>> {
    read_company(&session, |db| incident::read::list_incidents(db))
}

#[tauri::command(async)]
pub fn incident_detail(session: State<'_, Session>, id: i64) -> CommandResult<IncidentDetail> {
    read_company(&session, |db| incident::read::incident_detail(db, id))
}

#[tauri::command(async)]
pub fn wizard_policy(session: State<'_, Session>) -> CommandResult<WizardPolicy> {
    read_company(&session, |db| policy::read::wizard_policy(db))
}

#[tauri::command(async)]
pub fn call_list(session: State<'_, Session>, id: i64) -> CommandResult<Vec<CallTarget>> {
    read_company(&session, |db| incident::read::call_list(db, id))
}

#[tauri::command(async)]
pub fn start_incident(session: State<'_, Session>, case_kind: CaseKind) -> CommandResult<IncidentDetail> {
    with_company(&session, |company| {
        let id = company.write(|tx| record::start_incident(tx, case_kind))?;
        Ok(company.read(|db| incident::read::incident_detail(db, id))?)
    })
}

#[tauri::command(async)]
pub fn discard_incident(session: State<'_, Session>, id: i64) -> CommandResult<()> {
    with_company(&session, |company| Ok(company.write(|tx| record::discard_incident(tx, id))?))
}

/// Keeps the fields of a step typed so far; called as the user types.
#[tauri::command(async)]
pub fn save_wizard_draft(session: State<'_, Session>, id: i64, draft: StepDraft) -> CommandResult<()> {
    with_company(&session, |company| Ok(company.write(|tx| record::save_draft(tx, id, &draft))?))
}

#[tauri::command(async)]
pub fn go_to_wizard_step(session: State<'_, Session>, id: i64, step: i64) -> CommandResult<IncidentDetail> {
    write_incident(&session, id, |tx, _| record::go_to_step(tx, id, step))
}

/// [`write_incident`] for a step's confirmation, refused (`changed_elsewhere`) when someone else
/// confirmed the step since its form was opened with `confirmed` (the step's entry in
/// `IncidentDetail::confirmations`).
fn confirm_step(
    session: &Session,
    id: i64,
    step: ConfirmedStep,
    confirmed: Option<i64>,
    work: impl FnOnce(&store::Transaction, &str) -> store::Result<()> + Send,
) -> CommandResult<IncidentDetail> {
    write_incident(session, id, move |tx, author| {
        record::refuse_if_step_confirmed_since(tx, id, step, confirmed)?;
        work(tx, author)
    })
}

#[tauri::command(async)]
pub fn record_basics(
    session: State<'_, Session>,
    id: i64,
    basics: IncidentBasics,
    confirmed: Option<i64>,
) -> CommandResult<IncidentDetail> {
    confirm_step(&session, id, ConfirmedStep::Basics, confirmed, |tx, author| record::record_basics(tx, id, &basics, author))
}

#[tauri::command(async)]
pub fn record_severity(
    session: State<'_, Session>,
    id: i64,
    severity: Severity,
    confirmed: Option<i64>,
) -> CommandResult<IncidentDetail> {
    confirm_step(&session, id, ConfirmedStep::Severity, confirmed, |tx, author| {
        record::record_severity(tx, id, &severity, author)
    })
}

#[tauri::command(async)]
pub fn record_call(session: State<'_, Session>, id: i64, contact_id: i64, outcome: CallOutcome) -> CommandResult<IncidentDetail> {
    write_incident(&session, id, |tx, author| record::record_call(tx, id, contact_id, outcome, author))
}

#[tauri::command(async)]
pub fn set_task_done(session: State<'_, Session>, id: i64, task_id: i64, done: bool) -> CommandResult<IncidentDetail> {
    write_incident(&session, id, |tx, author| record::set_task_done(tx, id, task_id, done, author))
}

/// Where the reporting interview stands after `replies`: the next question, the answer as it
/// stands and why. Reads only.
#[tauri::command(async)]
pub fn interview(
    session: State<'_, Session>,
    id: i64,
    replies: Vec<Replied>,
    details: ReportingDetails,
) -> CommandResult<InterviewState> {
    read_company(&session, |db| incident::read::interview(db, id, &replies, &details))
}

#[tauri::command(async)]
pub fn record_interview(
    session: State<'_, Session>,
    id: i64,
    replies: Vec<Replied>,
    details: ReportingDetails,
    save_to_profile: bool,
    confirmed: Option<i64>,
) -> CommandResult<IncidentDetail> {
    confirm_step(&session, id, ConfirmedStep::Interview, confirmed, |tx, author| {
        record::record_interview(tx, id, &replies, &details, save_to_profile, author).map(|_| ())
    })
}

/// Records a report as sent (or its 速報), waived or still to do; refused (`changed_elsewhere`)
/// when someone else changed its record since the card read it as `as_read`.
#[tauri::command(async)]
pub fn update_obligation(
    session: State<'_, Session>,
    id: i64,
    obligation_id: i64,
    update: ObligationUpdate,
    as_read: Option<ObligationUpdate>,
) -> CommandResult<IncidentDetail> {
    write_incident(&session, id, |tx, author| {
        if let Some(as_read) = &as_read {
            record::refuse_if_obligation_changed(tx, id, obligation_id, as_read)?;
        }
        record::update_obligation(tx, id, obligation_id, &update, author)
    })
}

/// Names the client (委託元) of the incident from the contacts, or none.
#[tauri::command(async)]
pub fn set_incident_client(session: State<'_, Session>, id: i64, contact_id: Option<i64>) -> CommandResult<IncidentDetail> {
    write_incident(&session, id, |tx, author| record::set_client(tx, id, contact_id, author))
}

/// Keeps the office's own English for the GDPR notices' narrative.
#[tauri::command(async)]
pub fn save_gdpr_texts(session: State<'_, Session>, id: i64, texts: GdprTexts) -> CommandResult<IncidentDetail> {
    write_incident(&session, id, |tx, author| gdpr_texts::save(tx, id, &texts, author))
}

#[tauri::command(async)]
pub fn record_recovery(
    session: State<'_, Session>,
    id: i64,
    recovery: Recovery,
    confirmed: Option<i64>,
) -> CommandResult<IncidentDetail> {
    confirm_step(&session, id, ConfirmedStep::Recovery, confirmed, |tx, author| {
        record::record_recovery(tx, id, &recovery, author)
    })
}

#[tauri::command(async)]
pub fn close_incident(session: State<'_, Session>, id: i64) -> CommandResult<IncidentDetail> {
    write_incident(&session, id, |tx, author| record::close_incident(tx, id, author))
}

#[tauri::command(async)]
pub fn add_incident_note(session: State<'_, Session>, id: i64, text: String) -> CommandResult<IncidentDetail> {
    write_incident(&session, id, |tx, author| record::add_note(tx, id, &text, author))
}

#[tauri::command(async)]
pub fn near_misses(session: State<'_, Session>) -> CommandResult<Vec<NearMiss>> {
    read_company(&session, |db| incident::near_misses::near_misses(db))
}

#[tauri::command(async)]
pub fn add_near_miss(session: State<'_, Session>, near_miss: NearMissInput) -> CommandResult<Vec<NearMiss>> {
    with_company(&session, |company| {
        company.write(|tx| incident::near_misses::add_near_miss(tx, &near_miss))?;
        Ok(company.read(|db| incident::near_misses::near_misses(db))?)
    })
}

/// Saves the near misses for staff training (without who reported them) where the user chooses.
#[tauri::command]
pub async fn export_near_misses(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    file_name: String,
) -> CommandResult<Option<String>> {
    let csv = read_company(&session, incident::near_misses::near_miss_training_csv)?;
    super::save_through_dialog(&app, "CSV", "csv", &file_name, csv.as_bytes())
}
