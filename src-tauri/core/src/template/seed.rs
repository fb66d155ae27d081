//! Fills a new company file: a policy template, and for `--demo` the sample company on top.

use std::collections::HashMap;

use crate::store::Transaction;
use rusqlite::params;

use crate::incident::obligations;
use crate::store::{now, Result, StoreError};
use crate::template::{DemoCompany, DemoExerciseRun, PolicyTemplate, StepTemplate};

/// Writes the company record and the whole policy of a template.
pub(crate) fn apply_template(tx: &Transaction, company_name: &str, template: &PolicyTemplate) -> Result<()> {
    let name = company_name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("the company name must not be empty".into()));
    }
    let stamp = now();
    tx.execute(
        "INSERT INTO company (id, name, language, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?3)",
        params![name, template.language, stamp],
    )?;
    insert_policy(tx, template)?;
    if let Some(plan) = &template.jigyokei {
        // A new file: its first answers are no change anyone made.
        crate::bcp::jigyokei::save_jigyokei(tx, "Sonae", plan)?;
        tx.execute("DELETE FROM change_log WHERE entity = 'jigyokei'", [])?;
    }
    Ok(())
}

/// Writes the policy and BCP of a template into a file whose policy tables are empty (a new
/// file, or one whose policy an import has just cleared). People are not part of a template.
pub(crate) fn insert_policy(tx: &Transaction, template: &PolicyTemplate) -> Result<()> {
    let mut roles = HashMap::new();
    for (position, role) in template.roles.iter().enumerate() {
        tx.execute(
            "INSERT INTO role (key, name, description, position) VALUES (?1, ?2, ?3, ?4)",
            params![role.key, role.name, role.description, position as i64],
        )?;
        roles.insert(role.key.as_str(), tx.last_insert_rowid()?);
    }
    let role_id = |key: &Option<String>| -> Result<Option<i64>> {
        match key {
            None => Ok(None),
            Some(key) => roles
                .get(key.as_str())
                .copied()
                .map(Some)
                .ok_or_else(|| StoreError::Invalid(format!("the template names an unknown role \"{key}\""))),
        }
    };

    for level in &template.levels {
        tx.execute(
            "INSERT INTO level (level, name, impact, responsible_role_id) VALUES (?1, ?2, ?3, ?4)",
            params![level.level, level.name, level.impact, role_id(&Some(level.responsible_role.clone()))?],
        )?;
    }

    let mut categories = HashMap::new();
    for (position, category) in template.categories.iter().enumerate() {
        tx.execute(
            "INSERT INTO category (key, name, description, position) VALUES (?1, ?2, ?3, ?4)",
            params![category.key, category.name, category.description, position as i64],
        )?;
        categories.insert(category.key.as_str(), tx.last_insert_rowid()?);
    }

    for procedure in &template.procedures {
        let category_id = *categories
            .get(procedure.category.as_str())
            .ok_or_else(|| StoreError::Invalid(format!("the template names an unknown category \"{}\"", procedure.category)))?;
        tx.execute(
            "INSERT INTO procedure (category_id, level, note) VALUES (?1, ?2, ?3)",
            params![category_id, procedure.level, procedure.note],
        )?;
        let procedure_id = tx.last_insert_rowid()?;
        insert_steps(
            tx,
            "INSERT INTO procedure_step (procedure_id, position, text, role_id) VALUES (?1, ?2, ?3, ?4)",
            procedure_id,
            &procedure.steps,
            &role_id,
        )?;
    }

    for (position, checklist) in template.checklists.iter().enumerate() {
        tx.execute(
            "INSERT INTO checklist (case_key, title, position) VALUES (?1, ?2, ?3)",
            params![checklist.case, checklist.title, position as i64],
        )?;
        let checklist_id = tx.last_insert_rowid()?;
        insert_steps(
            tx,
            "INSERT INTO checklist_item (checklist_id, position, text, role_id) VALUES (?1, ?2, ?3, ?4)",
            checklist_id,
            &checklist.items,
            &role_id,
        )?;
    }

    for (position, authority) in template.authorities.iter().enumerate() {
        tx.execute(
            "INSERT INTO authority (key, name, purpose, url, phone, email, hours, source, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                authority.key,
                authority.name,
                authority.purpose,
                authority.url,
                authority.phone,
                authority.email,
                authority.hours,
                authority.source,
                position as i64
            ],
        )?;
    }

    for (position, scenario) in template.bcp.scenarios.iter().enumerate() {
        tx.execute(
            "INSERT INTO bcp_scenario (title, reason, position) VALUES (?1, ?2, ?3)",
            params![scenario.title, scenario.reason, position as i64],
        )?;
    }
    for (position, target) in template.bcp.targets.iter().enumerate() {
        tx.execute(
            "INSERT INTO bcp_target (name, recovery_role_id, related_contacts_hint, target_recovery_time, recovery_steps, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                target.name,
                role_id(&target.recovery_role)?,
                target.related_contacts_hint,
                target.target_recovery_time,
                target.recovery_steps.join("\n"),
                position as i64
            ],
        )?;
    }
    Ok(())
}

fn insert_steps(
    tx: &Transaction,
    sql: &str,
    parent_id: i64,
    steps: &[StepTemplate],
    role_id: &dyn Fn(&Option<String>) -> Result<Option<i64>>,
) -> Result<()> {
    let mut insert = tx.prepare(sql)?;
    for (position, step) in steps.iter().enumerate() {
        insert.execute(params![parent_id, position as i64, step.text, role_id(&step.role)?])?;
    }
    Ok(())
}

/// Adds the sample company's profile, people, BCP links, exercises, incidents and near misses.
pub(crate) fn apply_demo(tx: &Transaction, demo: &DemoCompany) -> Result<()> {
    let stamp = now();
    let profile = &demo.company;
    tx.execute(
        "UPDATE company SET sector = ?1, prefecture = ?2, privacy_mark = ?3, isms_certified = ?4,
                handles_personal_data = ?5, handles_my_number = ?6, handles_eu_data = ?7 WHERE id = 1",
        params![
            profile.sector,
            profile.prefecture,
            profile.privacy_mark,
            profile.isms_certified,
            profile.handles_personal_data,
            profile.handles_my_number,
            profile.handles_eu_data
        ],
    )?;
    tx.execute("UPDATE company SET cyber_insurance = ?1 WHERE id = 1", [profile.cyber_insurance])?;

    let mut contacts = HashMap::new();
    for contact in &demo.contacts {
        tx.execute(
            "INSERT INTO contact (kind, name, name_kana, organization, title, notes, call_order, last_confirmed_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                contact.kind, contact.name, contact.name_kana, contact.organization, contact.title,
                contact.notes, contact.call_order, contact.last_confirmed_on, stamp
            ],
        )?;
        let id = tx.last_insert_rowid()?;
        for (position, phone) in contact.phones.iter().enumerate() {
            tx.execute(
                "INSERT INTO contact_phone (contact_id, position, label, number, emergency) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, position as i64, phone.label, phone.number, phone.emergency],
            )?;
        }
        for (position, email) in contact.emails.iter().enumerate() {
            tx.execute(
                "INSERT INTO contact_email (contact_id, position, label, address) VALUES (?1, ?2, ?3, ?4)",
                params![id, position as i64, email.label, email.address],
            )?;
        }
        for tag in &contact.tags {
            tx.execute("INSERT INTO contact_tag (contact_id, tag) VALUES (?1, ?2)", params![id, tag])?;
        }
        contacts.insert(contact.reference.as_str(), id);
    }
    let contact_id = |reference: &str| -> Result<i64> {
        contacts
            .get(reference)
            .copied()
            .ok_or_else(|| StoreError::Invalid(format!("the demo names an unknown contact \"{reference}\"")))
    };

    for holders in &demo.role_holders {
        for (rank, holder) in holders.holders.iter().enumerate() {
            tx.execute(
                "INSERT INTO role_holder (role_id, contact_id, rank) SELECT id, ?2, ?3 FROM role WHERE key = ?1",
                params![holders.role, contact_id(holder)?, rank as i64],
            )?;
        }
    }

    for link in &demo.bcp_links {
        let target_id: i64 = tx
            .query_row("SELECT id FROM bcp_target WHERE name = ?1", [&link.target], |r| r.get(0))
            .map_err(|_| StoreError::Invalid(format!("the demo names an unknown BCP target \"{}\"", link.target)))?;
        let owner = link.recovery_owner.as_deref().map(&contact_id).transpose()?;
        tx.execute("UPDATE bcp_target SET recovery_contact_id = ?1 WHERE id = ?2", params![owner, target_id])?;
        for (position, related) in link.related_contacts.iter().enumerate() {
            tx.execute(
                "INSERT INTO bcp_target_contact (target_id, contact_id, position) VALUES (?1, ?2, ?3)",
                params![target_id, contact_id(related)?, position as i64],
            )?;
        }
    }

    for exercise in &demo.exercises {
        let scenario_id: Option<i64> = match exercise.scenario {
            Some(index) => Some(tx.query_row("SELECT id FROM bcp_scenario WHERE position = ?1", [index as i64], |r| r.get(0))?),
            None => None,
        };
        tx.execute(
            "INSERT INTO bcp_exercise (held_on, scenario_id, participants, what_worked, unreachable, follow_ups, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                exercise.held_on,
                scenario_id,
                exercise.participants,
                exercise.what_worked,
                exercise.unreachable,
                exercise.follow_ups,
                stamp
            ],
        )?;
        let exercise_id = tx.last_insert_rowid()?;
        for reference in &exercise.confirmed_contacts {
            tx.execute(
                "INSERT INTO bcp_exercise_confirmation (exercise_id, contact_id) VALUES (?1, ?2)",
                params![exercise_id, contact_id(reference)?],
            )?;
        }
    }

    // The exercise and the plan are written the way the app writes them; like the rest of the
    // demo, they were written before the file existed, so they leave no change history.
    let history_before: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM change_log", [], |r| r.get(0))?;
    for demo_run in &demo.exercise_runs {
        seed_exercise_run(tx, demo_run, &contact_id)?;
    }
    crate::bcp::jigyokei::save_jigyokei(tx, "Sonae", &demo.jigyokei)?;
    tx.execute("DELETE FROM change_log WHERE id > ?1", [history_before])?;

    if let Some(insurer) = &profile.insurer {
        let id = contacts
            .get(insurer.as_str())
            .ok_or_else(|| StoreError::Invalid(format!("demo insurer: no contact \"{insurer}\"")))?;
        tx.execute("UPDATE company SET insurer_contact_id = ?1 WHERE id = 1", [id])?;
    }
    crate::company::edit::update_details(tx, &profile.details)?;

    for incident in &demo.incidents {
        let facts_json = incident.facts.to_string();
        let facts = crate::rules::parse_facts(&facts_json)
            .map_err(|e| StoreError::Invalid(format!("demo incident \"{}\": {e}", incident.title)))?;
        let closed_at = (incident.status == "closed").then(|| incident.timeline.last().map(|e| e.at.clone())).flatten();
        tx.execute(
            "INSERT INTO incident (title, case_key, discovered_at, discovered_by, description, stage, category_key, level,
                status, wizard_step, facts, cause, secondary_damage, subject_response, publication, measures_taken,
                measures_planned, lessons, closed_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?3, ?20)",
            params![
                incident.title,
                incident.case,
                incident.discovered_at,
                incident.discovered_by,
                incident.description,
                incident.stage,
                incident.category,
                incident.level,
                incident.status,
                if incident.status == "closed" { 6 } else { 3 },
                facts_json,
                incident.cause,
                incident.secondary_damage,
                incident.subject_response,
                incident.publication,
                incident.measures_taken,
                incident.measures_planned,
                incident.lessons,
                closed_at,
                stamp
            ],
        )?;
        let incident_id = tx.last_insert_rowid()?;
        let details = &incident.details;
        let data = serde_json::to_string(&details.data).map_err(|e| StoreError::Invalid(e.to_string()))?;
        tx.execute(
            "UPDATE incident SET occurred_at = ?2, affected_data = ?3, malware_name = ?4, how_found = ?5, infection_route = ?6,
                    technical = ?7
              WHERE id = ?1",
            params![
                incident_id,
                incident.occurred_at,
                data,
                details.malware_name,
                details.how_found,
                details.infection_route,
                serde_json::to_string(&details.technical).map_err(|e| StoreError::Invalid(e.to_string()))?
            ],
        )?;
        for entry in &incident.timeline {
            tx.execute(
                "INSERT INTO timeline_entry (incident_id, at, author, kind, message) VALUES (?1, ?2, ?3, 'note', ?4)",
                params![incident_id, entry.at, entry.author, entry.message],
            )?;
        }
        let assessment = crate::rules::assess(&facts);
        obligations::record_assessment(tx, incident_id, &assessment)?;
        if incident.gdpr_texts != Default::default() {
            let texts = serde_json::to_string(&incident.gdpr_texts).map_err(|e| StoreError::Invalid(e.to_string()))?;
            tx.execute("UPDATE incident SET gdpr_english = ?2 WHERE id = ?1", params![incident_id, texts])?;
        }
        if let Some(client) = &incident.client {
            tx.execute("UPDATE incident SET client_contact_id = ?2 WHERE id = ?1", params![incident_id, contact_id(client)?])?;
        }
        for (authority, sent) in &incident.sent {
            // Sent as the sample's timeline says, open incidents included.
            let marked = tx.execute(
                "UPDATE obligation SET status = 'sent', sent_on = ?3, reference_number = ?4, preliminary_sent_on = ?5,
                        preliminary_reference = ?6
                  WHERE incident_id = ?1 AND authority_key = ?2",
                params![
                    incident_id,
                    authority,
                    sent.on,
                    sent.reference,
                    sent.preliminary.as_ref().map(|p| &p.on),
                    sent.preliminary.as_ref().map_or("", |p| &p.reference)
                ],
            )?;
            if marked == 0 {
                return Err(StoreError::Invalid(format!("sample incident {:?}: no duty to {authority}", incident.title)));
            }
        }
        obligations::refresh_next_due(tx, incident_id)?;
        if incident.status == "closed" {
            // A closed sample incident has had every duty done; those without a date of their own on
            // the day it was closed.
            tx.execute(
                "UPDATE obligation SET status = 'sent', sent_on = substr(?2, 1, 10) WHERE incident_id = ?1 AND status != 'sent'",
                params![incident_id, closed_at],
            )?;
        }
    }

    for near_miss in &demo.near_misses {
        tx.execute(
            "INSERT INTO near_miss (occurred_on, title, description, what_could_happen, measures, reported_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                near_miss.occurred_on,
                near_miss.title,
                near_miss.description,
                near_miss.what_could_happen,
                near_miss.measures,
                near_miss.reported_by,
                stamp
            ],
        )?;
    }
    Ok(())
}

/// Holds a demo exercise the way the app does — start, reveal, answer, call, follow up, end — at
/// the demo's times, so its record, confirmations and report are what a real one would give.
fn seed_exercise_run(tx: &Transaction, demo: &DemoExerciseRun, contact_id: &dyn Fn(&str) -> Result<i64>) -> Result<()> {
    use crate::exercise::{run, scenario};
    let key = scenario::ScenarioSource::Builtin { key: demo.scenario.clone() };
    let spec = scenario::find_scenario(tx, crate::store::file_language(tx)?, &key)?;
    if spec.injects.len() != demo.injects.len() {
        return Err(StoreError::Invalid(format!(
            "the demo exercise answers {} injects of {}",
            demo.injects.len(),
            spec.injects.len()
        )));
    }
    let author = "Sonae";
    let run_id = run::start_run_at(tx, author, &spec, Some(&demo.scenario), &demo.facilitator, &demo.started_at)?;
    for (position, answer) in demo.injects.iter().enumerate() {
        if position > 0 {
            run::reveal_next_at(tx, run_id, &demo.started_at)?;
        }
        run::record_response(tx, run_id, position as u32, &answer.response, Some(answer.minutes_taken))?;
    }
    for call in &demo.calls {
        run::mark_call_at(tx, run_id, contact_id(&call.contact)?, call.reached, &demo.started_at)?;
    }
    for follow_up in &demo.follow_ups {
        let input =
            run::FollowUpInput { text: follow_up.text.clone(), owner: follow_up.owner.clone(), due_on: follow_up.due_on.clone() };
        let id = run::add_follow_up(tx, author, run_id, &input)?;
        if let Some(done_on) = &follow_up.done_on {
            run::set_follow_up_done(tx, author, id, Some(done_on))?;
        }
    }
    let end = run::EndInput { participants: demo.participants.clone(), what_worked: demo.what_worked.clone() };
    run::end_run_at(tx, author, run_id, &end, &demo.ended_at)?;
    Ok(())
}
