//! 変更履歴 — who changed what in the policy, the contacts and the BCP, and what it was before.
//!
//! The incident timeline already records everything done about an incident; this is the same
//! promise for the plan itself. Every editing function writes one record per entity it changes,
//! in the same transaction as the change, so the history can never disagree with the file.

use crate::store::{Db, Transaction};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{now, Result};

/// What happened to the entity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ChangeAction {
    Create,
    Update,
    Delete,
}

crate::keys::keyed!(ChangeAction);

/// What kind of thing a change is about; the history screen names and filters by it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ChangedEntity {
    Contact,
    /// The company profile and its settings.
    Company,
    Role,
    Level,
    Category,
    Procedure,
    Checklist,
    /// An entry of the authority directory (where to report).
    Authority,
    BcpScenario,
    BcpTarget,
    BcpExercise,
    ExerciseScenario,
    ExerciseRun,
    ExerciseFollowUp,
    /// The ジギョケイ application's entries.
    Jigyokei,
    /// A policy taken in from a template file.
    Policy,
}

crate::keys::keyed!(ChangedEntity);

/// One change as the history screen shows it. `before` and `after` are the entity's fields as
/// JSON objects (absent for a creation and a deletion respectively).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChangeRecord {
    pub id: i64,
    #[ts(type = "string")]
    pub at: chrono::DateTime<chrono::FixedOffset>,
    pub author: String,
    pub entity: ChangedEntity,
    pub entity_id: Option<i64>,
    pub action: ChangeAction,
    /// A short name of the entity (its name or title after the change, else before it).
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Records one change. `before`/`after` are any serialisable view of the entity; its `name` or
/// `title` field, when present, becomes the record's label.
pub fn record_change<B: Serialize, A: Serialize>(
    tx: &Transaction,
    author: &str,
    entity: ChangedEntity,
    entity_id: Option<i64>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let action = match (before.is_some(), after.is_some()) {
        (false, _) => ChangeAction::Create,
        (true, true) => ChangeAction::Update,
        (true, false) => ChangeAction::Delete,
    };
    let as_json = |e: serde_json::Error| super::StoreError::Invalid(format!("change record: {e}"));
    let before = before.map(serde_json::to_string).transpose().map_err(as_json)?;
    let after = after.map(serde_json::to_string).transpose().map_err(as_json)?;
    tx.execute(
        "INSERT INTO change_log (at, author, entity, entity_id, action, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![now(), author.trim(), entity, entity_id, action, before, after],
    )?;
    Ok(())
}

/// The most recent changes first; `entity` narrows to one kind, `entity_id` to one thing.
pub fn change_history(
    conn: &dyn Db,
    entity: Option<ChangedEntity>,
    entity_id: Option<i64>,
    limit: u32,
    offset: u32,
) -> Result<Vec<ChangeRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, author, entity, entity_id, action, before, after FROM change_log
          WHERE (CAST(?1 AS TEXT) IS NULL OR entity = ?1) AND (CAST(?2 AS INTEGER) IS NULL OR entity_id = ?2)
          ORDER BY id DESC LIMIT ?3 OFFSET ?4",
    )?;
    let rows = stmt.query_map(params![entity, entity_id, limit, offset], |r| {
        let before: Option<String> = r.get(6)?;
        let after: Option<String> = r.get(7)?;
        Ok(ChangeRecord {
            id: r.get(0)?,
            at: r.get(1)?,
            author: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            action: r.get(5)?,
            label: label_of(after.as_deref()).or_else(|| label_of(before.as_deref())).unwrap_or_default(),
            before,
            after,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An SQL column giving the id of the last recorded change of the `entity` whose id is the SQL
/// expression `id` (null before its first change): read with a form, it is what
/// [`refuse_if_changed_since`] compares a save against.
pub fn last_change_column(entity: ChangedEntity, id: &str) -> String {
    format!("(SELECT max(l.id) FROM change_log l WHERE l.entity = '{}' AND l.entity_id = {id})", entity.key())
}

/// The last change recorded for one thing, if any.
pub fn last_change(conn: &dyn Db, entity: ChangedEntity, entity_id: i64) -> Result<Option<ChangeRecord>> {
    Ok(change_history(conn, Some(entity), Some(entity_id), 1, 0)?.pop())
}

/// Refuses a save made from a form that was read when `seen` was the thing's last recorded
/// change, when another change has been recorded since: someone else saved it meanwhile (on
/// another PC, for a company on a server). Their change is kept, and the refusal
/// (`changed_elsewhere`) names who made it and when.
///
/// On a server, a change committed after this save began is not seen here; the save's own
/// update of the same row is then refused by the server (DEVELOPMENT.md, "Working together").
pub fn refuse_if_changed_since(tx: &Transaction, entity: ChangedEntity, entity_id: i64, seen: Option<i64>) -> Result<()> {
    match last_change(tx, entity, entity_id)? {
        Some(last) if Some(last.id) != seen => Err(super::StoreError::Refused {
            code: crate::error_code::ErrorCode::ChangedElsewhere,
            detail: format!(
                "{} changed it at {} after it was opened here; this change was not saved",
                if last.author.is_empty() { "someone" } else { &last.author },
                last.at.format("%Y-%m-%d %H:%M:%S")
            ),
        }),
        _ => Ok(()),
    }
}

/// Refuses a save made from a form that read a whole thing (the company profile, the ジギョケイ
/// answers) as `as_read`, when it is stored as something else `now`: someone else saved it
/// meanwhile, and their change is kept (`changed_elsewhere`). For things compared by content
/// rather than by [`refuse_if_changed_since`]; `what` names the thing in the refusal.
pub fn refuse_unless_as_read<T: PartialEq>(now: &T, as_read: &T, what: &str) -> Result<()> {
    if now == as_read {
        return Ok(());
    }
    Err(super::StoreError::Refused {
        code: crate::error_code::ErrorCode::ChangedElsewhere,
        detail: format!("{what} was changed after it was opened here; this change was not saved"),
    })
}

fn label_of(json: Option<&str>) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json?).ok()?;
    ["name", "title", "held_on"].iter().find_map(|field| value.get(field)?.as_str().map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company_file::CompanyFile;
    use crate::language::Language;
    use crate::template::builtin_policy;

    #[test]
    fn a_save_from_a_form_read_before_someone_elses_change_is_refused_naming_them() {
        let mut file = CompanyFile::in_memory("テスト", &builtin_policy(Language::Ja).unwrap()).unwrap();
        let contact = serde_json::json!({ "name": "山田" });
        let record = |file: &mut CompanyFile, author: &str| {
            file.write(|tx| record_change(tx, author, ChangedEntity::Contact, Some(7), Some(&contact), Some(&contact))).unwrap()
        };
        let check = |file: &mut CompanyFile, seen: Option<i64>| {
            file.write(|tx| refuse_if_changed_since(tx, ChangedEntity::Contact, 7, seen))
        };
        // Never changed: read with nothing seen, saved.
        check(&mut file, None).unwrap();
        record(&mut file, "佐藤");
        let seen = last_change(file.connection(), ChangedEntity::Contact, 7).unwrap().map(|c| c.id);
        check(&mut file, seen).unwrap();
        // Someone else saves; the form read before that is refused, naming them.
        record(&mut file, "高橋 健太");
        let refused = check(&mut file, seen).unwrap_err();
        assert_eq!(refused.code(), crate::error_code::ErrorCode::ChangedElsewhere);
        assert!(refused.to_string().contains("高橋 健太 changed it at "), "{refused}");
        assert_eq!(check(&mut file, None).unwrap_err().code(), crate::error_code::ErrorCode::ChangedElsewhere);
        // Another thing's changes do not count.
        file.write(|tx| record_change(tx, "高橋", ChangedEntity::Contact, Some(8), None::<&()>, Some(&contact))).unwrap();
        let latest = last_change(file.connection(), ChangedEntity::Contact, 7).unwrap().map(|c| c.id);
        check(&mut file, latest).unwrap();
    }

    #[test]
    fn a_change_is_kept_with_its_author_and_both_sides() {
        let mut file = CompanyFile::in_memory("テスト", &builtin_policy(Language::Ja).unwrap()).unwrap();
        let before = serde_json::json!({ "name": "山田" });
        let after = serde_json::json!({ "name": "山田 太郎" });
        file.write(|tx| {
            record_change(tx, "佐藤", ChangedEntity::Contact, Some(7), None::<&()>, Some(&before))?;
            record_change(tx, "佐藤", ChangedEntity::Contact, Some(7), Some(&before), Some(&after))?;
            record_change(tx, "佐藤", ChangedEntity::Contact, Some(7), Some(&after), None::<&()>)
        })
        .unwrap();
        let history = change_history(file.connection(), Some(ChangedEntity::Contact), Some(7), 10, 0).unwrap();
        let actions: Vec<_> = history.iter().map(|c| c.action).collect();
        assert_eq!(actions, [ChangeAction::Delete, ChangeAction::Update, ChangeAction::Create]);
        assert_eq!(history[1].label, "山田 太郎");
        assert_eq!(history[0].label, "山田 太郎", "a deletion is labelled by what was deleted");
        assert_eq!(history[1].author, "佐藤");
        assert!(history[1].before.as_deref().unwrap().contains("山田"));
        assert!(change_history(file.connection(), Some(ChangedEntity::Role), None, 10, 0).unwrap().is_empty());
    }
}
