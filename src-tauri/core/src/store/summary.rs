//! The company profile and the home screen's overview.

use rusqlite::{params, Connection};

use super::{today, Result};
use crate::company::company_profile;
use crate::incident::read as incidents;
use crate::model::{HomeSummary, StaleContact, HOME_LIST_LENGTH};

/// The home screen: the company, its most urgent open incidents, and the contacts longest
/// unconfirmed as of `on`, each list cut to [`HOME_LIST_LENGTH`] with its full count.
pub fn home_summary(conn: &Connection, on: Option<chrono::NaiveDate>) -> Result<HomeSummary> {
    let company = company_profile(conn)?;
    let on = on.unwrap_or_else(today);
    let cutoff = crate::contacts::stale_cutoff(on, company.stale_contact_months);
    const STALE: &str = "FROM contact WHERE last_confirmed_on IS NULL OR last_confirmed_on <= ?1";
    let mut stmt = conn.prepare(&format!(
        "SELECT id, name, organization, last_confirmed_on {STALE}
          ORDER BY last_confirmed_on IS NOT NULL, last_confirmed_on, name LIMIT ?2"
    ))?;
    let stale_contacts = stmt
        .query_map(params![cutoff, HOME_LIST_LENGTH as i64], |r| {
            Ok(StaleContact { id: r.get(0)?, name: r.get(1)?, organization: r.get(2)?, last_confirmed_on: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let stale_contact_count = conn.query_row(&format!("SELECT count(*) {STALE}"), params![cutoff], |r| r.get(0))?;
    let contact_count = conn.query_row("SELECT count(*) FROM contact", [], |r| r.get(0))?;
    let mut open_incidents = incidents::open_incidents(conn)?;
    let open_incident_count = open_incidents.len() as i64;
    open_incidents.truncate(HOME_LIST_LENGTH);
    Ok(HomeSummary { company, open_incidents, open_incident_count, stale_contacts, stale_contact_count, contact_count })
}
