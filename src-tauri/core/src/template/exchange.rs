//! A company's policy as a template, and a template brought into an existing company file — the
//! consultant's workflow: tune one client's policy, carry it to the next client (or start a new
//! company file from it with [`crate::company_file::CompanyFile::create`]).
//!
//! A template holds no people (IPA model rules: roles are held by people from the contact table,
//! and those belong to one company). Importing therefore replaces the policy and the BCP plan but
//! keeps what links them to this company's people wherever the link still makes sense: the
//! holders of a role whose key is still there, the recovery person and related contacts of a
//! damaged target whose name is unchanged. Contacts, incidents and exercises are never touched,
//! except that an exercise held on an assumed incident the new plan no longer has names none.

use crate::store::history::ChangedEntity;
use std::collections::HashMap;

use crate::store::{Db, Transaction};
use rusqlite::params;

use super::seed;
use crate::error_code::ErrorCode;
use crate::store::history::record_change;
use crate::store::rows;
use crate::store::{now, Result, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::language::Language;
use crate::policy::read::steps_by_parent;
use crate::template::file::{template_file_json, validate_template, TemplateError};
use crate::template::{
    AuthorityTemplate, BcpScenarioTemplate, BcpTargetTemplate, BcpTemplate, CategoryTemplate, ChecklistTemplate, LevelTemplate,
    PolicyTemplate, ProcedureTemplate, RoleTemplate, StepTemplate,
};

impl From<TemplateError> for StoreError {
    fn from(e: TemplateError) -> Self {
        let detail = e.to_string();
        StoreError::Refused { code: e.code(), detail }
    }
}

/// The company's whole policy and BCP plan in the template shape, without people.
pub fn export_policy_template(conn: &dyn Db) -> Result<PolicyTemplate> {
    let language = crate::store::file_language(conn)?;
    let role_keys: HashMap<i64, String> =
        rows(conn, "SELECT id, key FROM role", |r| Ok((r.get(0)?, r.get(1)?)))?.into_iter().collect();
    let role_key = |id: Option<i64>| id.and_then(|id| role_keys.get(&id).cloned());

    let roles = rows(conn, "SELECT key, name, description FROM role ORDER BY position, id", |r| {
        Ok(RoleTemplate { key: r.get(0)?, name: r.get(1)?, description: r.get(2)? })
    })?;
    let levels = rows(conn, "SELECT level, name, impact, responsible_role_id FROM level ORDER BY level", |r| {
        Ok((r.get::<_, u8>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<i64>>(3)?))
    })?
    .into_iter()
    .map(|(level, name, impact, role)| {
        let responsible_role = role_key(role).ok_or_else(|| StoreError::Refused {
            code: ErrorCode::ResponsibleRoleMissing,
            detail: format!("level {level} has no responsible role; choose one before exporting the policy"),
        })?;
        Ok(LevelTemplate { level, name, impact, responsible_role })
    })
    .collect::<Result<Vec<_>>>()?;
    let categories = rows(conn, "SELECT key, name, description FROM category ORDER BY position, id", |r| {
        Ok(CategoryTemplate { key: r.get(0)?, name: r.get(1)?, description: r.get(2)? })
    })?;

    let mut steps = steps_by_parent(
        conn,
        "SELECT procedure_id, text, role_id FROM procedure_step ORDER BY procedure_id, position, id",
        |text, role| StepTemplate { text, role: role_key(role) },
    )?;
    let procedures = rows(
        conn,
        "SELECT p.id, c.key, p.level, p.note FROM procedure p JOIN category c ON c.id = p.category_id
          ORDER BY c.position, c.id, p.level",
        |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?
    .into_iter()
    .map(|(id, category, level, note)| ProcedureTemplate { category, level, note, steps: steps.remove(&id).unwrap_or_default() })
    .collect();

    let mut items = steps_by_parent(
        conn,
        "SELECT checklist_id, text, role_id FROM checklist_item ORDER BY checklist_id, position, id",
        |text, role| StepTemplate { text, role: role_key(role) },
    )?;
    let checklists = rows(conn, "SELECT id, case_key, title FROM checklist ORDER BY position, id", |r| {
        Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?))
    })?
    .into_iter()
    .map(|(id, case, title)| ChecklistTemplate { case, title, items: items.remove(&id).unwrap_or_default() })
    .collect();

    let authorities =
        rows(conn, "SELECT key, name, purpose, url, phone, email, hours, source FROM authority ORDER BY position, id", |r| {
            Ok(AuthorityTemplate {
                key: r.get(0)?,
                name: r.get(1)?,
                purpose: r.get(2)?,
                url: r.get(3)?,
                phone: r.get(4)?,
                email: r.get(5)?,
                hours: r.get(6)?,
                source: r.get(7)?,
            })
        })?;

    let scenarios = rows(conn, "SELECT title, reason FROM bcp_scenario ORDER BY position, id", |r| {
        Ok(BcpScenarioTemplate { title: r.get(0)?, reason: r.get(1)? })
    })?;
    let targets = rows(
        conn,
        "SELECT name, recovery_role_id, related_contacts_hint, target_recovery_time, recovery_steps
           FROM bcp_target ORDER BY position, id",
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?)),
    )?
    .into_iter()
    .map(|(name, role, related_contacts_hint, target_recovery_time, steps)| BcpTargetTemplate {
        name,
        recovery_role: role_key(role),
        related_contacts_hint,
        target_recovery_time,
        recovery_steps: steps.lines().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
    })
    .collect();

    Ok(PolicyTemplate {
        language,
        roles,
        levels,
        categories,
        procedures,
        checklists,
        authorities,
        bcp: BcpTemplate { scenarios, targets },
        jigyokei: None,
    })
}

/// The company's policy as a template file (see [`crate::template::file`]), stamped now and with
/// the company's name as its source.
pub fn template_file_bytes(conn: &dyn Db) -> Result<Vec<u8>> {
    let template = export_policy_template(conn)?;
    let company: String = conn.query_row("SELECT name FROM company WHERE id = 1", [], |r| r.get(0))?;
    Ok(template_file_json(&template, &company, &now()))
}

/// Replaces the company's roles, levels, categories, procedures, checklists, authorities and BCP
/// scenarios and targets with those of `template` (checked first with
/// [`validate_template`]; its refusals come back as `StoreError::Refused` with the template
/// error's code). Keeps the holders of roles whose key remains and the people of damaged targets
/// whose name remains; leaves contacts, incidents and exercises alone (an exercise's assumed
/// incident is found again by title, else it names none). The company's language is not changed;
/// the summary says when the template's differs. Records one "policy" change holding the policy
/// before and after as templates.
pub fn import_policy_template(tx: &Transaction, author: &str, template: &PolicyTemplate) -> Result<ImportSummary> {
    validate_template(template)?;
    let before = export_policy_template(tx)?;
    let company_language = crate::store::file_language(tx)?;

    // The links to this company's people, by what identifies them across templates.
    let mut holders: Vec<(String, Vec<i64>)> = Vec::new();
    for (key, contact_id) in rows(
        tx,
        "SELECT r.key, h.contact_id FROM role_holder h JOIN role r ON r.id = h.role_id ORDER BY r.position, r.id, h.rank",
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
    )? {
        match holders.last_mut() {
            Some((last, ids)) if *last == key => ids.push(contact_id),
            _ => holders.push((key, vec![contact_id])),
        }
    }
    let mut related: HashMap<i64, Vec<i64>> = HashMap::new();
    for (target_id, contact_id) in
        rows(tx, "SELECT target_id, contact_id FROM bcp_target_contact ORDER BY target_id, position", |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?
    {
        related.entry(target_id).or_default().push(contact_id);
    }
    let links: Vec<(String, Option<i64>, Vec<i64>)> =
        rows(tx, "SELECT id, name, recovery_contact_id FROM bcp_target ORDER BY position, id", |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<i64>>(2)?))
        })?
        .into_iter()
        .map(|(id, name, owner)| (name, owner, related.remove(&id).unwrap_or_default()))
        .filter(|(_, owner, related)| owner.is_some() || !related.is_empty())
        .collect();
    let exercise_scenarios =
        rows(tx, "SELECT e.id, s.title FROM bcp_exercise e JOIN bcp_scenario s ON s.id = e.scenario_id", |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;

    // Children before parents, so no foreign key is left dangling at any point.
    for table in [
        "bcp_target_contact",
        "bcp_target",
        "procedure_step",
        "procedure",
        "checklist_item",
        "checklist",
        "level",
        "category",
        "role_holder",
        "role",
        "authority",
        "bcp_scenario",
    ] {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    seed::insert_policy(tx, template)?;

    let mut summary = ImportSummary {
        template_language: template.language,
        language_differs: template.language != company_language,
        company_language,
        roles_holders_kept: 0,
        roles_holders_dropped: 0,
        targets_links_kept: 0,
        targets_links_dropped: 0,
        exercises_unlinked: 0,
    };
    for (key, contact_ids) in &holders {
        let role_id: Option<i64> = rows(tx, "SELECT id, key FROM role", |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .into_iter()
            .find_map(|(id, k)| (k == *key).then_some(id));
        let Some(role_id) = role_id else {
            summary.roles_holders_dropped += 1;
            continue;
        };
        for (rank, contact_id) in contact_ids.iter().enumerate() {
            tx.execute(
                "INSERT INTO role_holder (role_id, contact_id, rank) VALUES (?1, ?2, ?3)",
                params![role_id, contact_id, rank as i64],
            )?;
        }
        summary.roles_holders_kept += 1;
    }
    for (name, owner, related) in &links {
        let target_id: Option<i64> =
            rows(tx, "SELECT id, name FROM bcp_target", |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .into_iter()
                .find_map(|(id, n)| (n == *name).then_some(id));
        let Some(target_id) = target_id else {
            summary.targets_links_dropped += 1;
            continue;
        };
        tx.execute("UPDATE bcp_target SET recovery_contact_id = ?2 WHERE id = ?1", params![target_id, owner])?;
        for (position, contact_id) in related.iter().enumerate() {
            tx.execute(
                "INSERT INTO bcp_target_contact (target_id, contact_id, position) VALUES (?1, ?2, ?3)",
                params![target_id, contact_id, position as i64],
            )?;
        }
        summary.targets_links_kept += 1;
    }
    for (exercise_id, title) in &exercise_scenarios {
        let relinked = tx.execute(
            "UPDATE bcp_exercise SET scenario_id = (SELECT id FROM bcp_scenario WHERE title = ?2 ORDER BY position, id LIMIT 1)
              WHERE id = ?1 AND EXISTS (SELECT 1 FROM bcp_scenario WHERE title = ?2)",
            params![exercise_id, title],
        )?;
        if relinked == 0 {
            summary.exercises_unlinked += 1;
        }
    }

    record_change(tx, author, ChangedEntity::Policy, None, Some(&before), Some(template))?;
    Ok(summary)
}

/// What importing a policy template kept, dropped and noticed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub template_language: Language,
    pub company_language: Language,
    /// The template is written in another language than the company file; the file's language
    /// was not changed (the company profile changes it).
    pub language_differs: bool,
    /// Roles whose holders and deputies were kept (their key is in the template too).
    pub roles_holders_kept: u32,
    /// Roles that had holders but are not in the template; those assignments are gone.
    pub roles_holders_dropped: u32,
    /// Damaged targets whose recovery person and related contacts were kept (same name).
    pub targets_links_kept: u32,
    /// Damaged targets that had people linked but are not in the template by that name.
    pub targets_links_dropped: u32,
    /// Exercises whose assumed incident is no longer in the plan (now linked to none).
    pub exercises_unlinked: u32,
}
