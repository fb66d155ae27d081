//! Keeps an incident's obligations in step with its latest assessment.
//!
//! An obligation that the facts no longer call for is kept (it may already have been sent) but
//! marked as no longer current; its status and reference number are never lost.

use crate::store::Transaction;
use rusqlite::params;

use crate::rules::Assessment;
use crate::store::{now, Result, StoreError};

/// Stores the obligations of `assessment` for an incident, updating the duty, grounds and
/// deadlines of those already there and keeping what was done about them.
pub fn record_assessment(tx: &Transaction, incident_id: i64, assessment: &Assessment) -> Result<()> {
    let stamp = now();
    let value = serde_json::to_value(assessment).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let rules = value["rules"].as_str().unwrap_or_default().to_owned();
    let obligations = value["obligations"].as_array().cloned().unwrap_or_default();
    tx.execute("UPDATE obligation SET current = 0, updated_at = ?2 WHERE incident_id = ?1", params![incident_id, stamp])?;
    for obligation in obligations {
        let authority = obligation["authority"].as_str().unwrap_or_default();
        let duty = obligation["duty"].as_str().unwrap_or_default();
        tx.execute(
            "INSERT INTO obligation (incident_id, authority_key, duty, grounds, deadlines, current, updated_at,
                                     submit_to, rules)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8)
             ON CONFLICT (incident_id, authority_key) DO UPDATE SET
                duty = excluded.duty, grounds = excluded.grounds, deadlines = excluded.deadlines,
                current = 1, updated_at = excluded.updated_at,
                submit_to = excluded.submit_to, rules = excluded.rules",
            params![
                incident_id,
                authority,
                duty,
                obligation["grounds"].to_string(),
                obligation["deadlines"].to_string(),
                stamp,
                obligation["submit_to"].as_str(),
                rules
            ],
        )?;
    }
    refresh_next_due(tx, incident_id)
}

/// Sets each obligation's `next_due` of an incident to its earliest deadline still to be met: a
/// 速報 already sent no longer counts, its 確報 does.
pub(crate) fn refresh_next_due(tx: &Transaction, incident_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE obligation SET next_due =
            (SELECT min(json_extract(d.value, '$.due_by')) FROM json_each(obligation.deadlines) d
              WHERE NOT (obligation.preliminary_sent_on IS NOT NULL AND json_extract(d.value, '$.stage') = 'preliminary'))
          WHERE incident_id = ?1",
        [incident_id],
    )?;
    Ok(())
}
