//! 訓練シナリオ — what a tabletop exercise plays through: a situation and the injects the
//! facilitator reveals one by one (docs/rules.md §13).
//!
//! Scenarios are data. The built-in ones are `assets/exercises/{ja,en}.json`; a company file keeps
//! the ones written in the scenario editor or imported, and any one of them travels as a scenario
//! file:
//!
//! ```json
//! { "format": "sonae-exercise-scenario", "version": 1, "exported_at": "…",
//!   "scenario": { "title": "…", "description": "…", "category": "malware", "duration_hours": 72,
//!                 "injects": [{ "at_minutes": 0, "text": "…", "question": "…", "step": "calls" }] } }
//! ```
//!
//! A scenario file comes from outside, so every rule is checked while it is read, and a broken
//! rule is reported with the line and column where serde_json was reading when it was found: just
//! after the inject at fault, or at the end of the scenario for rules about the whole scenario
//! (which name the inject by its number).

use crate::store::history::ChangedEntity;
use crate::store::{Db, Transaction};
use chrono::SecondsFormat;
use rusqlite::params;
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use crate::error_code::ErrorCode;
use crate::language::Language;
use crate::policy::CATEGORY_KEYS;
use crate::store::history::record_change;
use crate::store::limits::{one_line, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::store::{now, refused, rows, Result, StoreError};

/// The `format` marker of a scenario file.
pub const SCENARIO_FORMAT: &str = "sonae-exercise-scenario";
/// The `format` marker of the built-in scenario lists.
const BUILTIN_FORMAT: &str = "sonae-exercise-scenarios";
/// The newest scenario file version this build reads and the one it writes.
pub const SCENARIO_VERSION: u64 = 1;
/// A scenario file larger than this is refused before it is parsed.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Most injects in one scenario.
pub const MAX_INJECTS: usize = 100;
/// Longest scenario, in hours (30 days).
pub const MAX_DURATION_HOURS: u32 = 720;

/// The wizard screen or BCP part that helps the team answer an inject.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ExerciseStep {
    /// Who to call now: the call tree.
    Calls,
    /// What to do first: the procedure and checklist of the category.
    FirstResponse,
    /// Which authorities to tell, by when (practised, never marked sent).
    Reporting,
    /// Recovery: the BCP's damaged targets, their owners and contacts.
    Recovery,
}

crate::keys::keyed!(ExerciseStep);

/// One thing that happens during the exercise, revealed at `at_minutes` of scenario time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub at_minutes: u32,
    /// What the facilitator reads out.
    pub text: String,
    /// What the team has to decide or do now.
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub step: Option<ExerciseStep>,
}

/// A scenario as written: the situation and its injects in order of time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// leak, tampering or malware; null for a disaster that exercises the BCP.
    #[serde(default)]
    pub category: Option<String>,
    pub duration_hours: u32,
    pub injects: Vec<Inject>,
}

/// Where a scenario comes from: the program or the company file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScenarioSource {
    Builtin { key: String },
    Company { id: i64 },
}

/// A scenario that can be started, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExerciseScenario {
    pub source: ScenarioSource,
    pub spec: ScenarioSpec,
}

/// Why an inject breaks a rule, in one line; `None` when it keeps them all.
fn inject_problem(inject: &Inject) -> Option<String> {
    let text = inject.text.trim();
    if text.is_empty() {
        return Some("an inject's text is empty".into());
    }
    if inject.text.chars().count() > MAX_TEXT_CHARS || inject.question.chars().count() > MAX_TEXT_CHARS {
        return Some(format!("an inject's text or question is longer than {MAX_TEXT_CHARS} characters"));
    }
    None
}

/// Why a scenario breaks a rule (its injects checked one by one first), in one line.
fn scenario_problem(spec: &ScenarioSpec) -> Option<String> {
    if spec.title.trim().is_empty() {
        return Some("the scenario has no title".into());
    }
    if spec.title.chars().count() > MAX_NAME_CHARS {
        return Some(format!("the title is longer than {MAX_NAME_CHARS} characters"));
    }
    if spec.description.chars().count() > MAX_TEXT_CHARS {
        return Some(format!("the description is longer than {MAX_TEXT_CHARS} characters"));
    }
    if let Some(category) = &spec.category {
        if !CATEGORY_KEYS.contains(&category.as_str()) {
            return Some(format!("unknown category \"{category}\" (expected one of {}, or null)", CATEGORY_KEYS.join(", ")));
        }
    }
    if !(1..=MAX_DURATION_HOURS).contains(&spec.duration_hours) {
        return Some(format!("duration_hours is {}; it must be 1 to {MAX_DURATION_HOURS}", spec.duration_hours));
    }
    if spec.injects.is_empty() || spec.injects.len() > MAX_INJECTS {
        return Some(format!("a scenario has 1 to {MAX_INJECTS} injects; this one has {}", spec.injects.len()));
    }
    for (index, pair) in spec.injects.windows(2).enumerate() {
        if pair[1].at_minutes < pair[0].at_minutes {
            return Some(format!(
                "inject {} comes at minute {}, before inject {} at minute {}; list injects in order of time",
                index + 2,
                pair[1].at_minutes,
                index + 1,
                pair[0].at_minutes
            ));
        }
    }
    let last = spec.injects.last().map_or(0, |i| i.at_minutes);
    if last > spec.duration_hours * 60 {
        return Some(format!("an inject comes at minute {last}, after the scenario's {} hours", spec.duration_hours));
    }
    spec.injects
        .iter()
        .enumerate()
        .find_map(|(index, inject)| inject_problem(inject).map(|p| format!("inject {}: {p}", index + 1)))
}

/// Checks a scenario as typed in the editor (`invalid_scenario` with the broken rule).
pub fn check_scenario(spec: &ScenarioSpec) -> Result<()> {
    match scenario_problem(spec) {
        Some(problem) => Err(refused(ErrorCode::InvalidScenario, problem)),
        None => Ok(()),
    }
}

/// An inject read from a file, refused where it is when it breaks a rule.
struct CheckedInject(Inject);

impl<'de> Deserialize<'de> for CheckedInject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let inject = Inject::deserialize(deserializer)?;
        match inject_problem(&inject) {
            // serde_json adds where it is reading: just after this inject.
            Some(problem) => Err(serde::de::Error::custom(format!("{problem} (the inject just before this point)"))),
            None => Ok(CheckedInject(inject)),
        }
    }
}

/// A scenario read from a file, refused where it ends when it breaks a rule.
struct CheckedScenario(ScenarioSpec);

impl<'de> Deserialize<'de> for CheckedScenario {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            title: String,
            #[serde(default)]
            description: String,
            #[serde(default)]
            category: Option<String>,
            duration_hours: u32,
            injects: Vec<CheckedInject>,
        }
        let raw = Raw::deserialize(deserializer)?;
        let spec = ScenarioSpec {
            title: raw.title,
            description: raw.description,
            category: raw.category,
            duration_hours: raw.duration_hours,
            injects: raw.injects.into_iter().map(|i| i.0).collect(),
        };
        match scenario_problem(&spec) {
            Some(problem) => Err(serde::de::Error::custom(problem)),
            None => Ok(CheckedScenario(spec)),
        }
    }
}

/// Reads a scenario file: size, then JSON, then the envelope, then every rule. Nothing is stored.
pub fn read_scenario_file(bytes: &[u8]) -> Result<ScenarioSpec> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refused(ErrorCode::TooLarge, format!("the file is {} bytes; a scenario file is at most 1 MB", bytes.len())));
    }
    let not_a_scenario = |detail: String| refused(ErrorCode::NotAScenario, detail);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| not_a_scenario(format!("not a scenario file: it is not JSON ({e})")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(SCENARIO_FORMAT) {
        return Err(not_a_scenario(format!("not a Sonae exercise scenario file (its \"format\" is not \"{SCENARIO_FORMAT}\")")));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(version) if version > SCENARIO_VERSION => {
            return Err(refused(
                ErrorCode::NewerVersion,
                format!(
                    "written by a newer Sonae (scenario file version {version}; this version reads up to {SCENARIO_VERSION})"
                ),
            ))
        }
        Some(_) => {}
        None => return Err(not_a_scenario("the file has no \"version\" number".into())),
    }
    #[derive(Deserialize)]
    struct Envelope {
        #[serde(rename = "format")]
        _format: String,
        #[serde(rename = "version")]
        _version: u64,
        #[serde(default, rename = "exported_at")]
        _exported_at: String,
        scenario: CheckedScenario,
    }
    // Parsed again from the bytes so that errors carry the line where they are.
    let envelope: Envelope =
        serde_json::from_slice(bytes).map_err(|e| refused(ErrorCode::InvalidScenario, one_line(&e.to_string())))?;
    Ok(envelope.scenario.0)
}

/// A scenario as a file to hand to another company.
pub fn scenario_file_bytes(spec: &ScenarioSpec) -> Vec<u8> {
    let file = serde_json::json!({
        "format": SCENARIO_FORMAT,
        "version": SCENARIO_VERSION,
        "exported_at": chrono::Local::now().fixed_offset().to_rfc3339_opts(SecondsFormat::Secs, false),
        "scenario": spec,
    });
    let mut bytes = serde_json::to_vec_pretty(&file).expect("a scenario serialises");
    bytes.push(b'\n');
    bytes
}

/// The built-in scenarios in `language`, in the order of `assets/exercises/{ja,en}.json`.
pub fn builtin_scenarios(language: Language) -> Vec<ExerciseScenario> {
    #[derive(Deserialize)]
    struct Entry {
        key: String,
        title: String,
        description: String,
        category: Option<String>,
        duration_hours: u32,
        injects: Vec<Inject>,
    }
    #[derive(Deserialize)]
    struct List {
        format: String,
        scenarios: Vec<Entry>,
    }
    let text = language
        .pick((include_str!("../../../../assets/exercises/ja.json"), include_str!("../../../../assets/exercises/en.json")));
    let list: List = serde_json::from_str(text).expect("the built-in scenarios parse (tested)");
    debug_assert_eq!(list.format, BUILTIN_FORMAT);
    list.scenarios
        .into_iter()
        .map(|e| ExerciseScenario {
            source: ScenarioSource::Builtin { key: e.key },
            spec: ScenarioSpec {
                title: e.title,
                description: e.description,
                category: e.category,
                duration_hours: e.duration_hours,
                injects: e.injects,
            },
        })
        .collect()
}

/// The built-in scenarios and then the company's own, as the start screen lists them.
pub fn scenarios(conn: &dyn Db, language: Language) -> Result<Vec<ExerciseScenario>> {
    let mut all = builtin_scenarios(language);
    all.extend(company_scenarios(conn)?);
    Ok(all)
}

/// The scenarios written for or imported into this company, oldest first.
pub fn company_scenarios(conn: &dyn Db) -> Result<Vec<ExerciseScenario>> {
    let mut injects = std::collections::HashMap::<i64, Vec<Inject>>::new();
    for (id, inject) in rows(
        conn,
        "SELECT scenario_id, at_minutes, text, question, step FROM exercise_scenario_inject ORDER BY scenario_id, position",
        |r| Ok((r.get::<_, i64>(0)?, inject_from_row(r, 1)?)),
    )? {
        injects.entry(id).or_default().push(inject);
    }
    rows(conn, "SELECT id, title, description, category, duration_hours FROM exercise_scenario ORDER BY id", |r| {
        let id: i64 = r.get(0)?;
        Ok(ExerciseScenario {
            source: ScenarioSource::Company { id },
            spec: ScenarioSpec {
                title: r.get(1)?,
                description: r.get(2)?,
                category: r.get(3)?,
                duration_hours: r.get(4)?,
                injects: Vec::new(),
            },
        })
    })
    .map(|list| {
        list.into_iter()
            .map(|mut s| {
                if let ScenarioSource::Company { id } = s.source {
                    s.spec.injects = injects.remove(&id).unwrap_or_default();
                }
                s
            })
            .collect()
    })
}

/// An inject from the columns at_minutes, text, question, step starting at `first`.
pub(crate) fn inject_from_row(r: &crate::store::Row, first: usize) -> rusqlite::Result<Inject> {
    Ok(Inject { at_minutes: r.get(first)?, text: r.get(first + 1)?, question: r.get(first + 2)?, step: r.get(first + 3)? })
}

/// The scenario a source names, as it is now.
pub fn find_scenario(conn: &dyn Db, language: Language, source: &ScenarioSource) -> Result<ScenarioSpec> {
    let found = match source {
        ScenarioSource::Builtin { .. } => builtin_scenarios(language).into_iter().find(|s| &s.source == source),
        ScenarioSource::Company { .. } => company_scenarios(conn)?.into_iter().find(|s| &s.source == source),
    };
    found.map(|s| s.spec).ok_or_else(|| match source {
        ScenarioSource::Builtin { key } => {
            refused(ErrorCode::UnknownScenario, format!("no built-in exercise scenario \"{key}\""))
        }
        ScenarioSource::Company { id } => StoreError::Missing { what: "exercise scenario", id: *id },
    })
}

/// Adds a scenario to the company file (from the editor or a file); returns its id.
pub fn create_scenario(tx: &Transaction, author: &str, spec: &ScenarioSpec) -> Result<i64> {
    check_scenario(spec)?;
    let at = now();
    tx.execute(
        "INSERT INTO exercise_scenario (title, description, category, duration_hours, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![spec.title.trim(), spec.description, spec.category, spec.duration_hours, at],
    )?;
    let id = tx.last_insert_rowid()?;
    write_injects(tx, id, &spec.injects)?;
    record_change(tx, author, ChangedEntity::ExerciseScenario, Some(id), None::<&()>, Some(spec))?;
    Ok(id)
}

/// Replaces a company scenario with what the editor holds. Exercises already held keep the
/// scenario as they played it.
pub fn update_scenario(tx: &Transaction, author: &str, id: i64, spec: &ScenarioSpec) -> Result<()> {
    check_scenario(spec)?;
    let before = find_scenario(tx, Language::Ja, &ScenarioSource::Company { id })?;
    tx.execute(
        "UPDATE exercise_scenario SET title = ?2, description = ?3, category = ?4, duration_hours = ?5, updated_at = ?6
          WHERE id = ?1",
        params![id, spec.title.trim(), spec.description, spec.category, spec.duration_hours, now()],
    )?;
    tx.execute("DELETE FROM exercise_scenario_inject WHERE scenario_id = ?1", [id])?;
    write_injects(tx, id, &spec.injects)?;
    record_change(tx, author, ChangedEntity::ExerciseScenario, Some(id), Some(&before), Some(spec))
}

/// Refuses a save or the deletion of the company's scenario `id` from an editor that read it as
/// `as_read`, when it is stored otherwise now: someone else saved it meanwhile
/// (`changed_elsewhere`), and theirs is kept.
pub fn refuse_if_scenario_changed(tx: &Transaction, id: i64, as_read: &ScenarioSpec) -> Result<()> {
    let now = find_scenario(tx, Language::Ja, &ScenarioSource::Company { id })?;
    crate::store::history::refuse_unless_as_read(&now, as_read, "the scenario")
}

/// Deletes a company scenario; exercises held on it keep their copy.
pub fn delete_scenario(tx: &Transaction, author: &str, id: i64) -> Result<()> {
    let before = find_scenario(tx, Language::Ja, &ScenarioSource::Company { id })?;
    tx.execute("DELETE FROM exercise_scenario WHERE id = ?1", [id])?;
    record_change(tx, author, ChangedEntity::ExerciseScenario, Some(id), Some(&before), None::<&()>)
}

fn write_injects(tx: &Transaction, scenario_id: i64, injects: &[Inject]) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO exercise_scenario_inject (scenario_id, position, at_minutes, text, question, step)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, inject) in injects.iter().enumerate() {
        insert.execute(params![
            scenario_id,
            position as i64,
            inject.at_minutes,
            inject.text.trim(),
            inject.question.trim(),
            inject.step.map(ExerciseStep::key)
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_scenarios_keep_every_rule_and_match_between_languages() {
        let ja = builtin_scenarios(Language::Ja);
        let en = builtin_scenarios(Language::En);
        assert_eq!(ja.len(), 4);
        assert_eq!(ja.len(), en.len());
        for (j, e) in ja.iter().zip(&en) {
            assert_eq!(j.source, e.source);
            assert_eq!(scenario_problem(&j.spec), None, "{:?}", j.source);
            assert_eq!(scenario_problem(&e.spec), None, "{:?}", e.source);
            assert_eq!(j.spec.category, e.spec.category);
            assert_eq!(j.spec.duration_hours, e.spec.duration_hours);
            let times = |s: &ScenarioSpec| s.injects.iter().map(|i| (i.at_minutes, i.step)).collect::<Vec<_>>();
            assert_eq!(times(&j.spec), times(&e.spec), "{:?}", j.source);
        }
        let keys: Vec<_> = ja.iter().map(|s| s.source.clone()).collect();
        assert_eq!(keys[0], ScenarioSource::Builtin { key: "ransomware_monday".into() });
    }

    fn file(scenario: &str) -> Vec<u8> {
        format!("{{\n  \"format\": \"sonae-exercise-scenario\",\n  \"version\": 1,\n  \"scenario\": {scenario}\n}}\n")
            .into_bytes()
    }

    fn refusal(bytes: &[u8]) -> (ErrorCode, String) {
        match read_scenario_file(bytes) {
            Err(StoreError::Refused { code, detail }) => (code, detail),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_scenario_saved_or_deleted_over_someone_else_s_save_is_refused_and_theirs_kept() {
        let mut file =
            crate::company_file::CompanyFile::in_memory("テスト", &crate::template::builtin_policy(Language::Ja).unwrap())
                .unwrap();
        let as_read = builtin_scenarios(Language::Ja).remove(0).spec;
        let id = file.write(|tx| create_scenario(tx, "総務 佐藤", &as_read)).unwrap();
        let theirs = ScenarioSpec { duration_hours: as_read.duration_hours + 24, ..as_read.clone() };
        file.write(|tx| update_scenario(tx, "情シス 高橋", id, &theirs)).unwrap();

        let mine = ScenarioSpec { title: "月曜朝のランサムウェア（改）".into(), ..as_read.clone() };
        let saved = file.write(|tx| {
            refuse_if_scenario_changed(tx, id, &as_read)?;
            update_scenario(tx, "総務 佐藤", id, &mine)
        });
        assert_eq!(saved.unwrap_err().code(), "changed_elsewhere");
        let deleted = file.write(|tx| {
            refuse_if_scenario_changed(tx, id, &as_read)?;
            delete_scenario(tx, "総務 佐藤", id)
        });
        assert_eq!(deleted.unwrap_err().code(), "changed_elsewhere");
        let stored = find_scenario(file.connection(), Language::Ja, &ScenarioSource::Company { id }).unwrap();
        assert_eq!(stored, theirs);
        // Read again, the save goes through.
        file.write(|tx| {
            refuse_if_scenario_changed(tx, id, &stored)?;
            update_scenario(tx, "総務 佐藤", id, &mine)
        })
        .unwrap();
    }

    #[test]
    fn a_written_scenario_reads_back_the_same() {
        let spec = builtin_scenarios(Language::En).remove(1).spec;
        assert_eq!(read_scenario_file(&scenario_file_bytes(&spec)).unwrap(), spec);
    }

    #[test]
    fn a_broken_inject_is_refused_with_its_line() {
        let bytes = file(
            "{\n    \"title\": \"T\",\n    \"duration_hours\": 2,\n    \"injects\": [\n      { \"at_minutes\": 0, \"text\": \"ok\" },\n      { \"at_minutes\": 5, \"text\": \"  \" }\n    ]\n  }",
        );
        let (code, detail) = refusal(&bytes);
        assert_eq!(code, ErrorCode::InvalidScenario);
        assert!(detail.contains("text is empty (the inject just before this point) at line 10"), "{detail}");
    }

    #[test]
    fn injects_out_of_order_or_beyond_the_end_are_refused_with_the_scenario_line() {
        let out_of_order = file(
            "{\n    \"title\": \"T\",\n    \"duration_hours\": 2,\n    \"injects\": [\n      { \"at_minutes\": 30, \"text\": \"a\" },\n      { \"at_minutes\": 5, \"text\": \"b\" }\n    ]\n  }",
        );
        let (code, detail) = refusal(&out_of_order);
        assert_eq!(code, ErrorCode::InvalidScenario);
        assert!(detail.contains("inject 2 comes at minute 5") && detail.contains("line 12"), "{detail}");
        let too_late =
            file("{ \"title\": \"T\", \"duration_hours\": 1, \"injects\": [{ \"at_minutes\": 61, \"text\": \"a\" }] }");
        assert!(refusal(&too_late).1.contains("after the scenario's 1 hours"));
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert_eq!(refusal(b"not json").0, ErrorCode::NotAScenario);
        assert_eq!(refusal(b"{\"format\": \"sonae-policy-template\", \"version\": 1}").0, ErrorCode::NotAScenario);
        assert_eq!(
            refusal(b"{\"format\": \"sonae-exercise-scenario\", \"version\": 2, \"scenario\": {}}").0,
            ErrorCode::NewerVersion
        );
        let unknown = file(
            "{ \"title\": \"T\", \"duration_hours\": 1, \"injects\": [{ \"at_minutes\": 0, \"text\": \"a\", \"colour\": 1 }] }",
        );
        assert!(refusal(&unknown).1.contains("unknown field `colour`"));
        let category = file("{ \"title\": \"T\", \"category\": \"fire\", \"duration_hours\": 1, \"injects\": [{ \"at_minutes\": 0, \"text\": \"a\" }] }");
        assert!(refusal(&category).1.contains("unknown category \"fire\""));
        assert_eq!(refusal(&vec![b' '; MAX_FILE_BYTES + 1]).0, ErrorCode::TooLarge);
    }
}
