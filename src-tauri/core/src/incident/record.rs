//! What the incident wizard writes: each confirmed step, call, tick, fact and decision goes into
//! the incident's columns and leaves an entry in its append-only timeline.
//!
//! Every function takes the caller's transaction (`CompanyFile::write`), so a step is recorded
//! whole or not at all. What the user types before confirming a step is kept in the incident's
//! `wizard_draft`, so closing the app mid-step loses nothing and adds no timeline noise.

use crate::store::{Optional, Transaction};
use rusqlite::params;

use super::obligations;
use super::timeline_text::{list, phrase};
use crate::error_code::ErrorCode;
use crate::incident::affected_data::ReportingDetails;
use crate::incident::draft::StepDraft;
use crate::incident::interview::{self, Replied};
use crate::incident::wizard::{self, CaseKind, IncidentBasics, Recovery, Severity, STEP_COUNT};
use crate::incident::CallOutcome;
use crate::incident::ObligationStatus;
use crate::incident::ObligationUpdate;
use crate::language::Language;
use crate::rules::{self, Assessment, Duty, Facts};
use crate::store::refused;
use crate::store::{now, Result, StoreError};

pub(super) fn append(
    tx: &Transaction,
    incident_id: i64,
    author: &str,
    kind: &str,
    message: &str,
    data: serde_json::Value,
) -> Result<()> {
    tx.execute(
        "INSERT INTO timeline_entry (incident_id, at, author, kind, message, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![incident_id, now(), author.trim(), kind, message, data.to_string()],
    )?;
    Ok(())
}

pub(super) fn touch(tx: &Transaction, incident_id: i64) -> Result<()> {
    let changed = tx.execute("UPDATE incident SET updated_at = ?2 WHERE id = ?1", params![incident_id, now()])?;
    if changed == 0 {
        return Err(StoreError::Missing { what: "incident", id: incident_id });
    }
    Ok(())
}

pub(super) fn ensure_open(tx: &Transaction, incident_id: i64) -> Result<()> {
    let status: Option<String> =
        tx.query_row("SELECT status FROM incident WHERE id = ?1", [incident_id], |r| r.get(0)).optional()?;
    match status.as_deref() {
        None => Err(StoreError::Missing { what: "incident", id: incident_id }),
        Some("closed") => Err(refused(ErrorCode::IncidentClosed, format!("incident {incident_id} is closed"))),
        Some(_) => Ok(()),
    }
}

/// Opens a new incident record for `case`, noticed now. Nothing is in its timeline until the
/// first step is confirmed, so a record started by mistake can still be discarded.
pub fn start_incident(tx: &Transaction, case: CaseKind) -> Result<i64> {
    let stamp = now();
    tx.execute(
        "INSERT INTO incident (title, case_key, discovered_at, category_key, created_at, updated_at)
         VALUES ('', ?1, ?2, ?3, ?2, ?2)",
        params![case.key(), stamp, case.usual_category()],
    )?;
    tx.last_insert_rowid()
}

/// Removes an incident record that was started but never confirmed (nothing in its timeline).
pub fn discard_incident(tx: &Transaction, incident_id: i64) -> Result<()> {
    let entries: i64 = tx.query_row("SELECT count(*) FROM timeline_entry WHERE incident_id = ?1", [incident_id], |r| r.get(0))?;
    if entries > 0 {
        return Err(refused(ErrorCode::IncidentRecorded, "a recorded incident is kept as evidence and cannot be discarded"));
    }
    tx.execute("DELETE FROM incident_task WHERE incident_id = ?1", [incident_id])?;
    if tx.execute("DELETE FROM incident WHERE id = ?1", [incident_id])? == 0 {
        return Err(StoreError::Missing { what: "incident", id: incident_id });
    }
    Ok(())
}

/// A wizard step whose answers a person confirms, each confirmation a timeline entry of its kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmedStep {
    /// 何が起きたか (`record_basics`).
    Basics,
    /// 影響の大きさ (`record_severity`).
    Severity,
    /// 届出の確認 (`record_interview`).
    Interview,
    /// 復旧と再発防止 (`record_recovery`).
    Recovery,
}

impl ConfirmedStep {
    /// The kinds of timeline entry its confirmation writes.
    pub fn kinds(self) -> [&'static str; 2] {
        match self {
            ConfirmedStep::Basics => ["recorded", "basics"],
            ConfirmedStep::Severity => ["severity", "level"],
            ConfirmedStep::Interview => ["facts", "facts"],
            ConfirmedStep::Recovery => ["recovery", "recovery"],
        }
    }
}

/// Refuses a step's confirmation from a form opened when `seen` was the last timeline entry of
/// that step, when someone else confirmed the step since (on another PC, for a company on a
/// server): their answers are kept, and the refusal (`changed_elsewhere`) names them and when.
/// Drafts, calls, tasks and notes are not compared: they never replace anyone's answers.
pub fn refuse_if_step_confirmed_since(tx: &Transaction, incident_id: i64, step: ConfirmedStep, seen: Option<i64>) -> Result<()> {
    let [first, second] = step.kinds();
    let last: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT id, author, at FROM timeline_entry WHERE incident_id = ?1 AND kind IN (?2, ?3) ORDER BY id DESC LIMIT 1",
            params![incident_id, first, second],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match last {
        Some((id, author, at)) if Some(id) != seen => Err(refused(
            ErrorCode::ChangedElsewhere,
            format!(
                "{} confirmed this step at {at} after it was opened here; this change was not saved",
                if author.is_empty() { "someone" } else { &author }
            ),
        )),
        _ => Ok(()),
    }
}

/// Keeps what the user has typed in a step but not confirmed yet. Where the wizard resumes is
/// moved only by [`go_to_step`] and the confirmations, so a late draft save never sends the
/// wizard back to a step already left.
pub fn save_draft(tx: &Transaction, incident_id: i64, draft: &StepDraft) -> Result<()> {
    let (step, fields) = (draft.step(), draft.fields());
    let drafts: String = tx
        .query_row("SELECT wizard_draft FROM incident WHERE id = ?1", [incident_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::Missing { what: "incident", id: incident_id })?;
    let mut drafts: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&drafts).unwrap_or_default();
    drafts.insert(step.to_string(), fields);
    let drafts = serde_json::Value::Object(drafts).to_string();
    tx.execute("UPDATE incident SET wizard_draft = ?2, updated_at = ?3 WHERE id = ?1", params![incident_id, drafts, now()])?;
    Ok(())
}

/// Moves the wizard to `step` (going back to revise, or forward after confirming).
pub fn go_to_step(tx: &Transaction, incident_id: i64, step: i64) -> Result<()> {
    if !(0..STEP_COUNT).contains(&step) {
        return Err(refused(ErrorCode::InvalidStep, format!("there is no wizard step {step}")));
    }
    tx.execute("UPDATE incident SET wizard_step = ?2 WHERE id = ?1", params![incident_id, step])?;
    touch(tx, incident_id)
}

fn advance_past(tx: &Transaction, incident_id: i64, step: i64) -> Result<()> {
    let next = (step + 1).min(STEP_COUNT - 1);
    tx.execute(
        "UPDATE incident SET wizard_step = CASE WHEN wizard_step > ?2 THEN wizard_step ELSE ?2 END WHERE id = ?1",
        params![incident_id, next],
    )?;
    Ok(())
}

/// Step 1 — what happened. The first confirmation starts the timeline and copies the case's
/// first-response checklist into the incident; later ones are logged as corrections.
pub fn record_basics(tx: &Transaction, incident_id: i64, basics: &IncidentBasics, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    let title = basics.title.trim();
    if title.is_empty() {
        return Err(refused(ErrorCode::TitleRequired, "the incident needs a short title"));
    }
    let discovered_at = chrono::DateTime::parse_from_rfc3339(&basics.discovered_at)
        .map_err(|e| refused(ErrorCode::InvalidDate, format!("discovered_at {:?}: {e}", basics.discovered_at)))?;
    if let Some(occurred_at) = &basics.occurred_at {
        let occurred = chrono::DateTime::parse_from_rfc3339(occurred_at)
            .map_err(|e| refused(ErrorCode::InvalidDate, format!("occurred_at {occurred_at:?}: {e}")))?;
        if occurred > discovered_at {
            return Err(refused(ErrorCode::OccurredAfterDiscovered, "it cannot have happened after it was found"));
        }
    }
    let (previous_case, recorded): (String, bool) = tx.query_row(
        "SELECT case_key, EXISTS (SELECT 1 FROM timeline_entry WHERE incident_id = ?1 AND kind = 'recorded')
           FROM incident WHERE id = ?1",
        [incident_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute(
        "UPDATE incident SET title = ?2, case_key = ?3, discovered_at = ?4, discovered_by = ?5, description = ?6,
                category_key = coalesce(category_key, ?7), occurred_at = ?8
          WHERE id = ?1",
        params![
            incident_id,
            title,
            basics.case_kind.key(),
            basics.discovered_at,
            basics.discovered_by.trim(),
            basics.description,
            basics.case_kind.usual_category(),
            basics.occurred_at
        ],
    )?;
    let language = crate::store::file_language(tx)?;
    let data = serde_json::to_value(basics).unwrap_or_default();
    if recorded {
        append(tx, incident_id, author, "basics", &phrase(language, "basics_revised", &[("title", title)]), data)?;
    } else {
        let case = phrase(language, &format!("case.{}", basics.case_kind.key()), &[]);
        append(tx, incident_id, author, "recorded", &phrase(language, "recorded", &[("case", &case), ("title", title)]), data)?;
    }
    if !recorded || previous_case != basics.case_kind.key() {
        replace_open_tasks(tx, incident_id, "checklist")?;
        tx.execute(
            "INSERT INTO incident_task (incident_id, source, position, text, role_name)
             SELECT ?1, 'checklist', i.position, i.text, coalesce(r.name, '')
               FROM checklist c JOIN checklist_item i ON i.checklist_id = c.id LEFT JOIN role r ON r.id = i.role_id
              WHERE c.case_key = ?2
                AND i.text NOT IN (SELECT text FROM incident_task WHERE incident_id = ?1 AND source = 'checklist')",
            params![incident_id, basics.case_kind.key()],
        )?;
    }
    advance_past(tx, incident_id, 0)?;
    touch(tx, incident_id)
}

/// Drops the tasks of one source that nobody has ticked yet (ticked ones are kept as done).
fn replace_open_tasks(tx: &Transaction, incident_id: i64, source: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM incident_task WHERE incident_id = ?1 AND source = ?2 AND done_at IS NULL",
        params![incident_id, source],
    )?;
    Ok(())
}

/// Step 2 — how serious. Records stage, category and level, logs a level that differs from the
/// one the answers suggest together with its reason, and lays out the policy's procedure for the
/// category × level as tasks.
pub fn record_severity(tx: &Transaction, incident_id: i64, severity: &Severity, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    if severity.level > 3 {
        return Err(refused(ErrorCode::InvalidLevel, format!("there is no level {}", severity.level)));
    }
    let category_name: String = tx
        .query_row("SELECT name FROM category WHERE key = ?1", [&severity.category], |r| r.get(0))
        .optional()?
        .ok_or_else(|| refused(ErrorCode::UnknownCategory, format!("the policy has no category {:?}", severity.category)))?;
    let suggested = wizard::suggested_level(&severity.answers, &severity.category);
    let reason = severity.override_reason.trim();
    if severity.level != suggested && reason.is_empty() {
        return Err(refused(ErrorCode::OverrideReasonRequired, "a level other than the suggested one needs a reason"));
    }
    let stage = wizard::stage_for(severity.answers.happened);
    let (previous_category, previous_level): (Option<String>, Option<u8>) =
        tx.query_row("SELECT category_key, level FROM incident WHERE id = ?1", [incident_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let override_reason = if severity.level != suggested { reason } else { "" };
    tx.execute(
        "UPDATE incident SET stage = ?2, category_key = ?3, level = ?4, level_override_reason = ?5 WHERE id = ?1",
        params![incident_id, stage.key(), severity.category, severity.level, override_reason],
    )?;
    let language = crate::store::file_language(tx)?;
    let level_text = |level: u8| phrase(language, "level", &[("level", &level.to_string())]);
    let message = phrase(
        language,
        "severity",
        &[
            ("stage", &phrase(language, &format!("stage.{}", stage.key()), &[])),
            ("category", &category_name),
            ("level", &level_text(severity.level)),
        ],
    );
    let data = serde_json::to_value(severity).unwrap_or_default();
    append(tx, incident_id, author, "severity", &message, data)?;
    if severity.level != suggested {
        let message = phrase(
            language,
            "level_override",
            &[("suggested", &level_text(suggested)), ("level", &level_text(severity.level)), ("reason", reason)],
        );
        append(tx, incident_id, author, "level", &message, serde_json::json!({ "suggested": suggested }))?;
    }
    let procedure_count: i64 =
        tx.query_row("SELECT count(*) FROM incident_task WHERE incident_id = ?1 AND source = 'procedure'", [incident_id], |r| {
            r.get(0)
        })?;
    let unchanged = previous_category.as_deref() == Some(severity.category.as_str())
        && previous_level == Some(severity.level)
        && procedure_count > 0;
    if !unchanged {
        replace_open_tasks(tx, incident_id, "procedure")?;
        tx.execute(
            "INSERT INTO incident_task (incident_id, source, position, text, role_name)
             SELECT ?1, 'procedure', s.position, s.text, coalesce(r.name, '')
               FROM procedure p JOIN category c ON c.id = p.category_id
               JOIN procedure_step s ON s.procedure_id = p.id LEFT JOIN role r ON r.id = s.role_id
              WHERE c.key = ?2 AND p.level = ?3
                AND s.text NOT IN (SELECT text FROM incident_task WHERE incident_id = ?1 AND source = 'procedure')",
            params![incident_id, severity.category, severity.level],
        )?;
    }
    advance_past(tx, incident_id, 1)?;
    touch(tx, incident_id)
}

/// Step 3 — a call from the call list, reached or not.
pub fn record_call(tx: &Transaction, incident_id: i64, contact_id: i64, outcome: CallOutcome, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    let name: String = tx
        .query_row("SELECT name FROM contact WHERE id = ?1", [contact_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::Missing { what: "contact", id: contact_id })?;
    let roles: Vec<String> = tx
        .prepare("SELECT r.name FROM role_holder h JOIN role r ON r.id = h.role_id WHERE h.contact_id = ?1 ORDER BY r.position")?
        .query_map([contact_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let language = crate::store::file_language(tx)?;
    let role = if roles.is_empty() { phrase(language, "no_role", &[]) } else { list(language, &roles) };
    let stamp = now();
    let outcome_key = outcome.key();
    tx.execute(
        "INSERT INTO incident_call (incident_id, contact_id, contact_name, role_name, outcome, at, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![incident_id, contact_id, name, roles.join(", "), outcome_key, stamp, author.trim()],
    )?;
    let message = phrase(language, &format!("call_{outcome_key}"), &[("name", &name), ("role", &role)]);
    append(tx, incident_id, author, "call", &message, serde_json::json!({ "contact_id": contact_id, "outcome": outcome_key }))?;
    touch(tx, incident_id)
}

/// Step 4 — ticks (or unticks) a checklist item or procedure step, with the time and who did it.
pub fn set_task_done(tx: &Transaction, incident_id: i64, task_id: i64, done: bool, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    let (text, was_done): (String, bool) = tx
        .query_row(
            "SELECT text, done_at IS NOT NULL FROM incident_task WHERE id = ?1 AND incident_id = ?2",
            params![task_id, incident_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::Missing { what: "task", id: task_id })?;
    if was_done == done {
        return Ok(());
    }
    if done {
        tx.execute("UPDATE incident_task SET done_at = ?2, done_by = ?3 WHERE id = ?1", params![task_id, now(), author.trim()])?;
    } else {
        tx.execute("UPDATE incident_task SET done_at = NULL, done_by = '' WHERE id = ?1", [task_id])?;
    }
    let language = crate::store::file_language(tx)?;
    let key = if done { "task_done" } else { "task_undone" };
    append(
        tx,
        incident_id,
        author,
        "task",
        &phrase(language, key, &[("text", &text)]),
        serde_json::json!({ "task_id": task_id, "done": done }),
    )?;
    touch(tx, incident_id)
}

/// Step 5 — the facts for reporting, with what the drafts need beside them (the data items, whose
/// data, what happened to it, the IPA form's details). Refuses data items that contradict the
/// answers about the same data (`contradicting_items`). Stores both, runs the assessment, keeps
/// the obligations in step (see `record_assessment`) and logs who must and should be told.
/// Revising the facts later goes through here again and is logged as a revision.
pub fn record_facts(
    tx: &Transaction,
    incident_id: i64,
    facts: &Facts,
    details: &ReportingDetails,
    author: &str,
) -> Result<Assessment> {
    store_reporting(tx, incident_id, facts, details, None, author)
}

/// Step 5 as the interview asks it: the facts are the core's reading of the replies (never the
/// window's), recorded as [`record_facts`] does, with the replies kept in the timeline for a
/// re-assessment to start from. Refused while a question that could change the answer is still
/// unasked. With `save_to_profile`, the replies to the profile's GDPR questions are saved to the
/// company profile in the same transaction.
pub fn record_interview(
    tx: &Transaction,
    incident_id: i64,
    replies: &[Replied],
    details: &ReportingDetails,
    save_to_profile: bool,
    author: &str,
) -> Result<Assessment> {
    let state = super::read::interview(tx, incident_id, replies, details)?;
    if let Some(next) = state.next {
        return Err(refused(
            ErrorCode::InvalidFacts,
            format!("the interview is not finished: {} can still change the answer", next.question.key()),
        ));
    }
    if save_to_profile {
        let mut profile = crate::company::company_profile(tx)?;
        let (establishment, targeting) = interview::gdpr_replies(replies);
        let mut changed = false;
        for (field, said) in [(&mut profile.eu_establishment, establishment), (&mut profile.eu_targeting, targeting)] {
            if field.is_none() && said.is_some() {
                *field = said;
                changed = true;
            }
        }
        if changed {
            crate::company::edit::update_company_profile(tx, author, &profile)?;
        }
    }
    store_reporting(tx, incident_id, &state.facts, details, Some(replies), author)
}

/// Stores the facts and the details, assesses and logs (see [`record_facts`]); the interview's
/// replies, when given, go into the timeline entry.
fn store_reporting(
    tx: &Transaction,
    incident_id: i64,
    facts: &Facts,
    details: &ReportingDetails,
    replies: Option<&[Replied]>,
    author: &str,
) -> Result<Assessment> {
    ensure_open(tx, incident_id)?;
    let contradictions = [
        details.data.own.contradictions(&facts.personal_data.at_risk),
        facts.entrusted_data.as_ref().map(|e| details.data.client.contradictions(&e.at_risk)).unwrap_or_default(),
    ]
    .concat();
    if !contradictions.is_empty() {
        return Err(refused(
            ErrorCode::ContradictingItems,
            format!("the data items contradict the answers about the same data: {contradictions:?}"),
        ));
    }
    let (previous, occurred_at): (String, Option<String>) =
        tx.query_row("SELECT facts, occurred_at FROM incident WHERE id = ?1", [incident_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let revised = rules::parse_facts(&previous).is_ok();
    // 発生日時 is recorded once, in step 1; the facts carry it from there.
    let facts = &Facts {
        occurred_at: occurred_at.as_deref().and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok()),
        ..facts.clone()
    };
    let assessment = store_facts_and_assess(tx, incident_id, facts)?;
    let data_json = serde_json::to_string(&details.data).map_err(|e| StoreError::Invalid(e.to_string()))?;
    tx.execute(
        "UPDATE incident SET affected_data = ?2, malware_name = ?3, how_found = ?4, infection_route = ?5, technical = ?6
          WHERE id = ?1",
        params![
            incident_id,
            data_json,
            details.malware_name.trim(),
            details.how_found.trim(),
            details.infection_route.trim(),
            serde_json::to_string(&details.technical).map_err(|e| StoreError::Invalid(e.to_string()))?
        ],
    )?;
    let language = crate::store::file_language(tx)?;
    let message = assessment_message(language, if revised { "facts_revised" } else { "facts" }, &assessment);
    let mut data = serde_json::json!({
        "before": serde_json::from_str::<serde_json::Value>(&previous).unwrap_or_default(),
        "after": facts,
        "details": details,
    });
    if let Some(replies) = replies {
        data["replies"] = serde_json::json!(replies);
    }
    // The wizard stays on this step: the user now reads who must be told.
    append(tx, incident_id, author, "facts", &message, data)?;
    touch(tx, incident_id)?;
    Ok(assessment)
}

/// Stores an incident's facts, assesses them and keeps its obligations in step (see
/// `record_assessment`). The facts are read back through the contract's parser first, so the app
/// cannot store what the command line would refuse.
fn store_facts_and_assess(tx: &Transaction, incident_id: i64, facts: &Facts) -> Result<Assessment> {
    let json = serde_json::to_string(facts).map_err(|e| StoreError::Invalid(e.to_string()))?;
    rules::parse_facts(&json).map_err(|e| refused(ErrorCode::InvalidFacts, e.to_string()))?;
    tx.execute("UPDATE incident SET facts = ?2 WHERE id = ?1", params![incident_id, json])?;
    let assessment = rules::assess(facts);
    obligations::record_assessment(tx, incident_id, &assessment)?;
    Ok(assessment)
}

/// The timeline message `key` for an assessment: who must and who should be told, and the rule
/// set applied.
fn assessment_message(language: Language, key: &str, assessment: &Assessment) -> String {
    let names = |duty: Duty| -> Vec<String> {
        assessment
            .obligations
            .iter()
            .filter(|o| o.duty == duty)
            .map(|o| rules::authority_name(o.authority, language).to_owned())
            .collect()
    };
    phrase(
        language,
        key,
        &[
            ("rules", &assessment.rules.format("%Y-%m-%d").to_string()),
            ("mandatory", &list(language, &names(Duty::Mandatory))),
            ("recommended", &list(language, &names(Duty::Recommended))),
        ],
    )
}

/// The obligations an incident has now, as the assessment gave them, to tell whether a new
/// assessment changed them.
fn current_obligations(tx: &Transaction, incident_id: i64) -> Result<Vec<(String, String, String, String)>> {
    let mut stmt = tx.prepare(
        "SELECT authority_key, duty, grounds, deadlines FROM obligation WHERE incident_id = ?1 AND current = 1 ORDER BY authority_key",
    )?;
    let rows = stmt.query_map([incident_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Assesses every open incident again under the rules in force, when an upgrade to
/// `schema_version` brought new assessment rules (called inside that upgrade's transaction, see
/// `migrate`). The stored facts keep their meaning and take the incident's stage; obligations
/// already sent or waived keep what was done about them ([`obligations::record_assessment`]). An
/// incident whose obligations change gets a `reassessed` entry in its timeline. Facts that no
/// longer read (a day of knowing before reporting became a duty) are left as they were.
pub(crate) fn reassess_open_incidents(tx: &Transaction, schema_version: i32) -> Result<()> {
    let language = crate::store::file_language(tx)?;
    let open: Vec<(i64, String, crate::rules::IncidentStage)> = {
        let mut stmt = tx.prepare("SELECT id, facts, stage FROM incident WHERE status = 'open' AND facts != '{}' ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (incident_id, stored, stage) in open {
        let Ok(mut facts) = rules::parse_facts(&stored) else { continue };
        facts.stage = stage;
        let before = current_obligations(tx, incident_id)?;
        let assessment = store_facts_and_assess(tx, incident_id, &facts)?;
        if current_obligations(tx, incident_id)? == before {
            continue;
        }
        let message = assessment_message(language, "reassessed", &assessment);
        let data = serde_json::json!({ "schema_version": schema_version, "rules": assessment.rules, "before": before, "after": assessment });
        append(tx, incident_id, "Sonae", "reassessed", &message, data)?;
    }
    Ok(())
}

/// Records what was done about one obligation: drafted, sent (date and reference number) or
/// decided against (with a reason).
pub fn update_obligation(
    tx: &Transaction,
    incident_id: i64,
    obligation_id: i64,
    update: &ObligationUpdate,
    author: &str,
) -> Result<()> {
    ensure_open(tx, incident_id)?;
    type Stored = (String, String, Option<String>, [Option<String>; 4]);
    let (authority_key, deadlines, preliminary_before, before): Stored = tx
        .query_row(
            "SELECT authority_key, deadlines, preliminary_sent_on, status, sent_on, reference_number, waived_reason
               FROM obligation WHERE id = ?1 AND incident_id = ?2",
            params![obligation_id, incident_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?])),
        )
        .optional()?
        .ok_or(StoreError::Missing { what: "obligation", id: obligation_id })?;
    let sent_date = |date: Option<&str>, what: &str| {
        let date = date.unwrap_or_default().trim();
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map(|_| date.to_owned())
            .map_err(|_| refused(ErrorCode::SentOnRequired, format!("{what} needs the date it was sent, as YYYY-MM-DD")))
    };
    let sent_on = match update.status {
        ObligationStatus::Sent => Some(sent_date(update.sent_on.as_deref(), "a sent obligation")?),
        ObligationStatus::NotStarted | ObligationStatus::Drafted | ObligationStatus::Waived => None,
    };
    // Only a report in two stages has a 速報 of its own.
    let stages: Vec<rules::Deadline> =
        serde_json::from_str(&deadlines).map_err(|e| StoreError::Invalid(format!("obligation {obligation_id}: {e}")))?;
    let two_stages = rules::Deadline::two_stages(&stages);
    let preliminary_on = match update.preliminary_sent_on.as_deref() {
        Some(date) if two_stages => Some(sent_date(Some(date), "a first report (速報) marked as sent")?),
        _ => None,
    };
    let preliminary_reference = if preliminary_on.is_some() { update.preliminary_reference.trim() } else { "" };
    let reason = update.waived_reason.trim();
    if update.status == ObligationStatus::Waived && reason.is_empty() {
        return Err(refused(ErrorCode::WaivedReasonRequired, "deciding not to report needs a reason"));
    }
    let reason = if update.status == ObligationStatus::Waived { reason } else { "" };
    let reference = update.reference_number.trim();
    tx.execute(
        "UPDATE obligation SET status = ?2, sent_on = ?3, reference_number = ?4, waived_reason = ?5, updated_at = ?6,
                preliminary_sent_on = ?7, preliminary_reference = ?8
          WHERE id = ?1",
        params![obligation_id, update.status.key(), sent_on, reference, reason, now(), preliminary_on, preliminary_reference],
    )?;
    obligations::refresh_next_due(tx, incident_id)?;
    let language = crate::store::file_language(tx)?;
    let authority = crate::rules::Authority::from_key(&authority_key)?;
    if preliminary_on.is_some() && preliminary_on != preliminary_before {
        let message = phrase(
            language,
            "obligation.preliminary_sent",
            &[
                ("authority", rules::authority_name(authority, language)),
                ("date", preliminary_on.as_deref().unwrap_or_default()),
                ("reference", if preliminary_reference.is_empty() { "—" } else { preliminary_reference }),
            ],
        );
        append(tx, incident_id, author, "obligation", &message, serde_json::to_value(update).unwrap_or_default())?;
    }
    let after = [Some(update.status.key()), sent_on.as_deref(), Some(reference), Some(reason)].map(|v| v.map(str::to_owned));
    if after == before {
        return touch(tx, incident_id);
    }
    // A report in two stages: `sent` is the 確報 (or one report covering both).
    let key = if update.status == ObligationStatus::Sent && two_stages {
        "obligation.sent_final".to_owned()
    } else {
        format!("obligation.{}", update.status.key())
    };
    let message = phrase(
        language,
        &key,
        &[
            ("authority", rules::authority_name(authority, language)),
            ("date", sent_on.as_deref().unwrap_or_default()),
            ("reference", if reference.is_empty() { "—" } else { reference }),
            ("reason", reason),
        ],
    );
    append(tx, incident_id, author, "obligation", &message, serde_json::to_value(update).unwrap_or_default())?;
    touch(tx, incident_id)
}

/// Refuses a change to the obligation `obligation_id` from a card that read it as `as_read`, when
/// it is recorded otherwise now: someone else marked it meanwhile (sent, waived, its 速報), and
/// their record is kept (`changed_elsewhere`).
pub fn refuse_if_obligation_changed(
    tx: &Transaction,
    incident_id: i64,
    obligation_id: i64,
    as_read: &ObligationUpdate,
) -> Result<()> {
    let stored = tx
        .query_row(
            "SELECT status, sent_on, reference_number, waived_reason, preliminary_sent_on, preliminary_reference
               FROM obligation WHERE id = ?1 AND incident_id = ?2",
            params![obligation_id, incident_id],
            |r| {
                Ok(ObligationUpdate {
                    status: r.get(0)?,
                    sent_on: r.get(1)?,
                    reference_number: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    waived_reason: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    preliminary_sent_on: r.get(4)?,
                    preliminary_reference: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                })
            },
        )
        .optional()?
        .ok_or(StoreError::Missing { what: "obligation", id: obligation_id })?;
    // Dates as the card shows them (2026-12-07), whatever way they were typed (2026-12-7).
    let as_shown = |record: &ObligationUpdate| {
        let date = |d: &Option<String>| {
            d.as_deref()
                .map(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_or_else(|_| d.to_owned(), |d| d.to_string()))
        };
        ObligationUpdate {
            sent_on: date(&record.sent_on),
            preliminary_sent_on: date(&record.preliminary_sent_on),
            ..record.clone()
        }
    };
    crate::store::history::refuse_unless_as_read(&as_shown(&stored), &as_shown(as_read), "the report's record")
}

/// Names the client (委託元) whose data the incident touched, from the contacts, or no client
/// (`None`); the client notice is addressed to it. The timeline records the choice.
pub fn set_client(tx: &Transaction, incident_id: i64, contact_id: Option<i64>, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    let name = match contact_id {
        Some(id) => {
            Some(tx.query_row("SELECT name FROM contact WHERE id = ?1", [id], |r| r.get::<_, String>(0)).optional()?.ok_or_else(
                || {
                    refused(
                        ErrorCode::UnknownContact,
                        format!("contact {id} does not exist; choose the client from the contacts"),
                    )
                },
            )?)
        }
        None => None,
    };
    let before: Option<i64> =
        tx.query_row("SELECT client_contact_id FROM incident WHERE id = ?1", [incident_id], |r| r.get(0))?;
    if before == contact_id {
        return Ok(());
    }
    tx.execute("UPDATE incident SET client_contact_id = ?2 WHERE id = ?1", params![incident_id, contact_id])?;
    let language = crate::store::file_language(tx)?;
    let message = match &name {
        Some(name) => phrase(language, "client_chosen", &[("name", name)]),
        None => phrase(language, "client_cleared", &[]),
    };
    append(tx, incident_id, author, "client", &message, serde_json::json!({ "contact_id": contact_id }))?;
    touch(tx, incident_id)
}

/// Step 6 — cause, secondary damage, responses and prevention.
pub fn record_recovery(tx: &Transaction, incident_id: i64, recovery: &Recovery, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    tx.execute(
        "UPDATE incident SET cause = ?2, secondary_damage = ?3, subject_response = ?4, publication = ?5,
                measures_taken = ?6, measures_planned = ?7, lessons = ?8
          WHERE id = ?1",
        params![
            incident_id,
            recovery.cause,
            recovery.secondary_damage,
            recovery.subject_response,
            recovery.publication,
            recovery.measures_taken,
            recovery.measures_planned,
            recovery.lessons
        ],
    )?;
    let language = crate::store::file_language(tx)?;
    append(
        tx,
        incident_id,
        author,
        "recovery",
        &phrase(language, "recovery", &[]),
        serde_json::to_value(recovery).unwrap_or_default(),
    )?;
    touch(tx, incident_id)
}

/// Closes an incident. Refused while a mandatory obligation that still applies is neither sent
/// nor explicitly waived with a reason — the law does not let those be forgotten.
pub fn close_incident(tx: &Transaction, incident_id: i64, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    let open: Vec<String> = tx
        .prepare(
            "SELECT authority_key FROM obligation
              WHERE incident_id = ?1 AND current = 1 AND duty = 'mandatory' AND status NOT IN ('sent', 'waived')",
        )?
        .query_map([incident_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !open.is_empty() {
        return Err(refused(
            ErrorCode::ObligationsOpen,
            format!("mandatory reports not yet sent or waived: {}", open.join(", ")),
        ));
    }
    let recorded: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM timeline_entry WHERE incident_id = ?1 AND kind = 'recorded')",
        [incident_id],
        |r| r.get(0),
    )?;
    if !recorded {
        return Err(refused(ErrorCode::NotRecorded, "confirm what happened before closing"));
    }
    let stamp = now();
    tx.execute(
        "UPDATE incident SET status = 'closed', closed_at = ?2, wizard_step = ?3 WHERE id = ?1",
        params![incident_id, stamp, STEP_COUNT - 1],
    )?;
    let language = crate::store::file_language(tx)?;
    append(tx, incident_id, author, "status", &phrase(language, "closed", &[]), serde_json::json!({ "status": "closed" }))?;
    touch(tx, incident_id)
}

/// A free note in the timeline (also the way to correct an earlier entry).
pub fn add_note(tx: &Transaction, incident_id: i64, text: &str, author: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(refused(ErrorCode::NoteEmpty, "the note is empty"));
    }
    touch(tx, incident_id)?;
    append(tx, incident_id, author, "note", text, serde_json::json!({}))
}
