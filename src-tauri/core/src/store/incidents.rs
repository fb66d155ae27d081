//! Reading incidents for lists.

use rusqlite::Connection;

use super::Result;
use crate::model::{IncidentStatus, IncidentSummary, IncidentStage};

/// Every incident, newest discovery first, with its soonest open deadline.
pub fn list_incidents(conn: &Connection) -> Result<Vec<IncidentSummary>> {
    query_incidents(conn, "")
}

/// Open incidents, the one with the soonest open deadline first (those without one last).
pub(super) fn open_incidents(conn: &Connection) -> Result<Vec<IncidentSummary>> {
    query_incidents(conn, "WHERE i.status = 'open'")
}

fn query_incidents(conn: &Connection, filter: &str) -> Result<Vec<IncidentSummary>> {
    let order = if filter.is_empty() {
        "i.discovered_at DESC, i.id DESC"
    } else {
        "next_deadline IS NULL, next_deadline, i.discovered_at DESC"
    };
    let sql = format!(
        "SELECT i.id, i.title, i.discovered_at, i.level, i.category_key, i.stage, i.status,
                (SELECT min(o.next_due) FROM obligation o
                  WHERE o.incident_id = i.id AND o.current = 1 AND o.status IN ('not_started', 'drafted')) AS next_deadline
           FROM incident i {filter}
          ORDER BY {order}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(IncidentSummary {
            id: r.get(0)?,
            title: r.get(1)?,
            discovered_at: r.get(2)?,
            level: r.get(3)?,
            category: r.get(4)?,
            stage: match r.get::<_, String>(5)?.as_str() {
                "near_miss" => IncidentStage::NearMiss,
                "incident" => IncidentStage::Incident,
                _ => IncidentStage::Event,
            },
            status: match r.get::<_, String>(6)?.as_str() {
                "closed" => IncidentStatus::Closed,
                _ => IncidentStatus::Open,
            },
            next_deadline: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
