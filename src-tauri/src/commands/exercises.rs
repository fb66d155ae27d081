//! Tabletop exercises: the scenarios (built in, written in the editor, imported from a file), and
//! an exercise as it is held — revealing injects, recording what the team did, practising calls,
//! noting follow-ups, ending it. The writes about one exercise answer with it as it now stands.

use sonae_core::exercise::run::{self, EndInput, ExerciseRun, ExerciseRunSummary, FollowUpInput};
use sonae_core::exercise::scenario::{self, ExerciseScenario, ScenarioSource, ScenarioSpec};
use sonae_core::exercise::ExerciseReference;
use sonae_core::store;
use tauri::State;

use super::{author, language, read_company, save_through_dialog, with_company, CommandResult};
use crate::dialogs;
use sonae_tasks::Session;

#[tauri::command(async)]
pub fn exercise_scenarios(session: State<'_, Session>) -> CommandResult<Vec<ExerciseScenario>> {
    let language = language(&session);
    read_company(&session, |db| scenario::scenarios(db, language))
}

/// Adds a scenario of the company (`id` none) or changes one; answers with every scenario. A
/// change is refused (`changed_elsewhere`) when someone else saved the scenario since its editor
/// read it as `as_read`.
#[tauri::command(async)]
pub fn save_exercise_scenario(
    session: State<'_, Session>,
    id: Option<i64>,
    scenario: ScenarioSpec,
    as_read: Option<ScenarioSpec>,
) -> CommandResult<Vec<ExerciseScenario>> {
    let (author, language) = (author(&session), language(&session));
    with_company(&session, |company| {
        company.write(|tx| match id {
            Some(id) => {
                if let Some(as_read) = &as_read {
                    scenario::refuse_if_scenario_changed(tx, id, as_read)?;
                }
                scenario::update_scenario(tx, &author, id, &scenario)
            }
            None => scenario::create_scenario(tx, &author, &scenario).map(drop),
        })?;
        Ok(company.read(|db| scenario::scenarios(db, language))?)
    })
}

/// Deletes a scenario of the company; refused like a save when someone else changed it since the
/// list showing it read it as `as_read`.
#[tauri::command(async)]
pub fn delete_exercise_scenario(
    session: State<'_, Session>,
    id: i64,
    as_read: Option<ScenarioSpec>,
) -> CommandResult<Vec<ExerciseScenario>> {
    let (author, language) = (author(&session), language(&session));
    with_company(&session, |company| {
        company.write(|tx| {
            if let Some(as_read) = &as_read {
                scenario::refuse_if_scenario_changed(tx, id, as_read)?;
            }
            scenario::delete_scenario(tx, &author, id)
        })?;
        Ok(company.read(|db| scenario::scenarios(db, language))?)
    })
}

/// Saves a scenario as a file to import into another company file, where the user chooses.
#[tauri::command]
pub async fn export_exercise_scenario(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    source: ScenarioSource,
    file_name: String,
) -> CommandResult<Option<String>> {
    let language = language(&session);
    let spec = read_company(&session, |db| scenario::find_scenario(db, language, &source))?;
    save_through_dialog(&app, "JSON", "json", &file_name, &scenario::scenario_file_bytes(&spec))
}

/// Asks for a scenario file and adds its scenario to the company file; a file that breaks a rule
/// is refused with the line where it does, and nothing is added. Answers none when cancelled.
#[tauri::command]
pub async fn import_exercise_scenario(
    app: tauri::AppHandle,
    session: State<'_, Session>,
) -> CommandResult<Option<Vec<ExerciseScenario>>> {
    let Some(path) = dialogs::choose_file_to_open(&app, "JSON", &["json"]) else {
        return Ok(None);
    };
    let spec = scenario::read_scenario_file(&sonae_tasks::session::read_import_file(&path)?)?;
    let (author, language) = (author(&session), language(&session));
    with_company(&session, |company| {
        company.write(|tx| scenario::create_scenario(tx, &author, &spec))?;
        Ok(Some(company.read(|db| scenario::scenarios(db, language))?))
    })
}

/// The call tree, procedures, authorities and BCP targets the team works from.
#[tauri::command(async)]
pub fn exercise_reference(session: State<'_, Session>, category: Option<String>) -> CommandResult<ExerciseReference> {
    read_company(&session, |db| sonae_core::exercise::reference(db, category.as_deref()))
}

#[tauri::command(async)]
pub fn exercise_runs(session: State<'_, Session>) -> CommandResult<Vec<ExerciseRunSummary>> {
    read_company(&session, |db| run::list_runs(db))
}

#[tauri::command(async)]
pub fn exercise_run(session: State<'_, Session>, id: i64) -> CommandResult<ExerciseRun> {
    read_company(&session, |db| run::run(db, id))
}

/// Starts an exercise of a scenario, its first inject revealed; answers with its id.
#[tauri::command(async)]
pub fn start_exercise(session: State<'_, Session>, source: ScenarioSource, facilitator: String) -> CommandResult<i64> {
    let (author, language) = (author(&session), language(&session));
    with_company(&session, |company| {
        let spec = company.read(|db| scenario::find_scenario(db, language, &source))?;
        let key = match &source {
            ScenarioSource::Builtin { key } => Some(key.as_str()),
            ScenarioSource::Company { .. } => None,
        };
        Ok(company.write(|tx| run::start_run(tx, &author, &spec, key, &facilitator))?)
    })
}

/// Runs one write about an exercise and answers with the exercise as it now stands.
fn edit_run<T>(
    session: &Session,
    id: i64,
    work: impl FnOnce(&store::Transaction, &str) -> store::Result<T> + Send,
) -> CommandResult<ExerciseRun> {
    let author = author(session);
    with_company(session, |company| {
        company.write(|tx| work(tx, &author))?;
        Ok(company.read(|db| run::run(db, id))?)
    })
}

#[tauri::command(async)]
pub fn reveal_next_inject(session: State<'_, Session>, id: i64) -> CommandResult<ExerciseRun> {
    edit_run(&session, id, |tx, _| run::reveal_next(tx, id))
}

#[tauri::command(async)]
pub fn record_inject_response(
    session: State<'_, Session>,
    id: i64,
    position: u32,
    response: String,
    minutes_taken: Option<u32>,
) -> CommandResult<ExerciseRun> {
    edit_run(&session, id, |tx, _| run::record_response(tx, id, position, &response, minutes_taken))
}

#[tauri::command(async)]
pub fn mark_exercise_call(session: State<'_, Session>, id: i64, contact_id: i64, reached: bool) -> CommandResult<ExerciseRun> {
    edit_run(&session, id, |tx, _| run::mark_call(tx, id, contact_id, reached))
}

#[tauri::command(async)]
pub fn add_exercise_follow_up(session: State<'_, Session>, id: i64, follow_up: FollowUpInput) -> CommandResult<ExerciseRun> {
    edit_run(&session, id, |tx, author| run::add_follow_up(tx, author, id, &follow_up))
}

/// Marks a follow-up done today, or open again.
#[tauri::command(async)]
pub fn set_follow_up_done(session: State<'_, Session>, follow_up_id: i64, done: bool) -> CommandResult<()> {
    let author = author(&session);
    let today = store::today().to_string();
    with_company(&session, |company| {
        Ok(company.write(|tx| run::set_follow_up_done(tx, &author, follow_up_id, done.then_some(today.as_str())))?)
    })
}

/// Ends the exercise and writes the BCP's exercise record.
#[tauri::command(async)]
pub fn end_exercise(session: State<'_, Session>, id: i64, end: EndInput) -> CommandResult<ExerciseRun> {
    edit_run(&session, id, |tx, author| run::end_run(tx, author, id, &end))
}

/// Discards an exercise that has not ended.
#[tauri::command(async)]
pub fn discard_exercise(session: State<'_, Session>, id: i64) -> CommandResult<()> {
    let author = author(&session);
    with_company(&session, |company| Ok(company.write(|tx| run::discard_run(tx, &author, id))?))
}
