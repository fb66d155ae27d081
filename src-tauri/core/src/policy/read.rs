//! Reading the policy, the BCP and the call tree whole, with every role and person resolved.
//!
//! Documents print these in one go, so each function reads its tables with a handful of queries
//! (contacts are read once and looked up by id) rather than one query per row: a policy with
//! hundreds of steps is still read in a few milliseconds.

use std::collections::HashMap;

use crate::store::Db;

use super::{CategoryDefinition, LevelDefinition, WizardPolicy};
use crate::policy::{AuthorityDesk, Checklist, Contact, Email, Phone, Policy, Procedure, Role, Step};
use crate::store::{rows, Result};

/// The whole incident-response policy: roles with holders and deputies, levels, categories,
/// procedures with their steps, checklists and the authority directory.
pub fn policy(conn: &dyn Db) -> Result<Policy> {
    let contacts = contacts_by_id(conn)?;
    let role_names = role_names(conn)?;
    let role_name = |id: Option<i64>| id.and_then(|id| role_names.get(&id).cloned());

    let mut holders: HashMap<i64, Vec<Contact>> = HashMap::new();
    for row in rows(conn, "SELECT role_id, contact_id FROM role_holder ORDER BY role_id, rank", |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })? {
        if let Some(contact) = contacts.get(&row.1) {
            holders.entry(row.0).or_default().push(contact.clone());
        }
    }
    let roles = rows(conn, "SELECT id, key, name, description FROM role ORDER BY position, id", |r| {
        Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?
    .into_iter()
    .map(|(id, key, name, description)| {
        let mut people = holders.remove(&id).unwrap_or_default().into_iter();
        Role { key, name, description, holder: people.next(), deputies: people.collect() }
    })
    .collect();

    let WizardPolicy { levels, categories } = wizard_policy(conn)?;

    let mut procedure_steps = steps_by_parent(
        conn,
        "SELECT procedure_id, text, role_id FROM procedure_step ORDER BY procedure_id, position",
        |text, role| Step { text, role: role_name(role) },
    )?;
    let procedures = rows(
        conn,
        "SELECT p.id, c.key, c.name, p.level, p.note FROM procedure p JOIN category c ON c.id = p.category_id
          ORDER BY c.position, c.id, p.level",
        |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?
    .into_iter()
    .map(|(id, category_key, category_name, level, note)| Procedure {
        category_key,
        category_name,
        level,
        note,
        steps: procedure_steps.remove(&id).unwrap_or_default(),
    })
    .collect();

    let mut checklist_items = steps_by_parent(
        conn,
        "SELECT checklist_id, text, role_id FROM checklist_item ORDER BY checklist_id, position",
        |text, role| Step { text, role: role_name(role) },
    )?;
    let checklists = rows(conn, "SELECT id, case_key, title FROM checklist ORDER BY position, id", |r| {
        Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?))
    })?
    .into_iter()
    .map(|(id, case_key, title)| Checklist { case_key, title, items: checklist_items.remove(&id).unwrap_or_default() })
    .collect();

    let authorities =
        rows(conn, "SELECT key, name, purpose, url, phone, email, hours FROM authority ORDER BY position, id", |r| {
            Ok(AuthorityDesk {
                key: r.get(0)?,
                name: r.get(1)?,
                purpose: r.get(2)?,
                url: r.get(3)?,
                phone: r.get(4)?,
                email: r.get(5)?,
                hours: r.get(6)?,
            })
        })?;

    Ok(Policy { roles, levels, categories, procedures, checklists, authorities })
}

/// 連絡網 — the people of the internal call tree, in the order they are called.
pub fn call_tree(conn: &dyn Db) -> Result<Vec<Contact>> {
    let contacts = contacts_by_id(conn)?;
    let order =
        rows(conn, "SELECT id FROM contact WHERE call_order IS NOT NULL ORDER BY call_order, id", |r| r.get::<_, i64>(0))?;
    Ok(order.into_iter().filter_map(|id| contacts.get(&id).cloned()).collect())
}

/// Every contact with its phones and emails, by id.
pub(crate) fn contacts_by_id(conn: &dyn Db) -> Result<HashMap<i64, Contact>> {
    let mut contacts: HashMap<i64, Contact> =
        rows(conn, "SELECT id, kind, name, organization, title, notes, call_order FROM contact", |r| {
            Ok(Contact {
                id: r.get(0)?,
                kind: r.get(1)?,
                name: r.get(2)?,
                organization: r.get(3)?,
                title: r.get(4)?,
                notes: r.get(5)?,
                call_order: r.get(6)?,
                phones: Vec::new(),
                emails: Vec::new(),
            })
        })?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    for (contact_id, phone) in
        rows(conn, "SELECT contact_id, label, number, emergency FROM contact_phone ORDER BY contact_id, position", |r| {
            Ok((r.get::<_, i64>(0)?, Phone { label: r.get(1)?, number: r.get(2)?, emergency: r.get(3)? }))
        })?
    {
        if let Some(contact) = contacts.get_mut(&contact_id) {
            contact.phones.push(phone);
        }
    }
    for (contact_id, email) in
        rows(conn, "SELECT contact_id, label, address FROM contact_email ORDER BY contact_id, position", |r| {
            Ok((r.get::<_, i64>(0)?, Email { label: r.get(1)?, address: r.get(2)? }))
        })?
    {
        if let Some(contact) = contacts.get_mut(&contact_id) {
            contact.emails.push(email);
        }
    }
    Ok(contacts)
}

pub(crate) fn role_names(conn: &dyn Db) -> Result<HashMap<i64, String>> {
    Ok(rows(conn, "SELECT id, name FROM role", |r| Ok((r.get(0)?, r.get(1)?)))?.into_iter().collect())
}

/// Steps (procedure steps or checklist items) grouped by their parent's id, in order.
/// Procedure steps or checklist items (`sql` selects parent id, text, role id, in order), grouped
/// by their procedure or checklist, each made into the reader's own step type by `make`.
pub(crate) fn steps_by_parent<S>(
    conn: &dyn Db,
    sql: &str,
    make: impl Fn(String, Option<i64>) -> S,
) -> Result<HashMap<i64, Vec<S>>> {
    let mut steps: HashMap<i64, Vec<S>> = HashMap::new();
    for (parent, text, role) in rows(conn, sql, |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get::<_, Option<i64>>(2)?)))? {
        steps.entry(parent).or_default().push(make(text, role));
    }
    Ok(steps)
}

/// The levels and categories of the company's policy, for the wizard's second step.
pub fn wizard_policy(conn: &dyn Db) -> Result<WizardPolicy> {
    let mut stmt = conn.prepare(
        "SELECT l.level, l.name, l.impact, r.name FROM level l LEFT JOIN role r ON r.id = l.responsible_role_id
          ORDER BY l.level",
    )?;
    let levels = stmt
        .query_map([], |r| {
            Ok(LevelDefinition { level: r.get(0)?, name: r.get(1)?, impact: r.get(2)?, responsible_role: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare("SELECT key, name, description FROM category ORDER BY position")?;
    let categories = stmt
        .query_map([], |r| Ok(CategoryDefinition { key: r.get(0)?, name: r.get(1)?, description: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(WizardPolicy { levels, categories })
}

#[cfg(test)]
mod tests {
    use crate::company_file::CompanyFile;
    use crate::language::Language;

    fn demo() -> (tempfile::TempDir, CompanyFile) {
        let dir = tempfile::tempdir().unwrap();
        let file = CompanyFile::create_demo(&dir.path().join("demo.sonae"), Language::Ja).unwrap();
        (dir, file)
    }

    #[test]
    fn policy_resolves_holders_deputies_and_step_roles() {
        let (_dir, file) = demo();
        let policy = super::policy(file.connection()).unwrap();
        let chief = policy.roles.iter().find(|r| r.key == "chief").unwrap();
        let holder = chief.holder.as_ref().unwrap();
        assert_eq!(holder.name, "桜井 浩一");
        assert_eq!(holder.emergency_phone().unwrap().number, "090-0000-1101");
        assert_eq!(chief.deputies.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["松本 由美"]);
        assert_eq!(policy.levels.iter().map(|l| l.level).collect::<Vec<_>>(), [0, 1, 2, 3]);
        assert_eq!(policy.levels[3].responsible_role.as_deref(), Some("最高責任者"));
        let template = crate::template::builtin_policy(Language::Ja).unwrap();
        let steps: usize = policy.procedures.iter().map(|p| p.steps.len()).sum();
        assert_eq!(steps, template.procedures.iter().map(|p| p.steps.len()).sum::<usize>());
        let first = &policy.procedures[0];
        assert_eq!((first.category_key.as_str(), first.level), ("leak", 0));
        assert_eq!(first.steps[0].role.as_deref(), Some("一次対応者"));
        assert_eq!(policy.checklists.len(), template.checklists.len());
        assert_eq!(policy.authorities[0].key, "ppc");
    }

    #[test]
    fn bcp_resolves_recovery_owners_and_related_contacts() {
        let (_dir, file) = demo();
        let bcp = crate::bcp::bcp(file.connection()).unwrap();
        let power = bcp.targets.iter().find(|t| t.name == "電源設備・空調機").unwrap();
        assert_eq!(power.recovery_role.as_deref(), Some("総務責任者"));
        assert_eq!(power.recovery_contact.as_ref().unwrap().name, "中村 恵子");
        assert_eq!(power.related_contacts.len(), 2);
        assert!(!power.recovery_steps.is_empty());
        // The latest is the tabletop exercise held in Sonae, named by its scenario.
        let exercise = &bcp.exercises[0];
        assert_eq!(exercise.held_on.to_string(), "2026-11-12");
        assert_eq!(exercise.scenario.as_deref(), Some("月曜の朝、ファイルサーバーがランサムウェアに"));
        let exercise = &bcp.exercises[1];
        assert_eq!(exercise.held_on.to_string(), "2026-10-15");
        assert_eq!(exercise.confirmed_contacts.first().map(String::as_str), Some("高橋 健太"));
    }

    #[test]
    fn call_tree_is_in_calling_order() {
        let (_dir, file) = demo();
        let tree = super::call_tree(file.connection()).unwrap();
        assert_eq!(tree.iter().map(|c| c.call_order.unwrap()).collect::<Vec<_>>(), (1..=8).collect::<Vec<_>>());
        assert_eq!(tree[0].name, "高橋 健太");
    }
}
