//! The home screen's overview: the company, its most urgent open incidents, the contacts
//! longest unconfirmed and the readiness calendar.

use crate::store::Db;
use rusqlite::params;

use crate::company::{company_profile, CompanyProfile};
use crate::contacts::STALE_CONTACTS;
use crate::incident::read as incidents;
use crate::incident::IncidentSummary;
use crate::store::{today, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The home screen: the company, its most urgent open incidents, and the contacts longest
/// unconfirmed as of `on`, each list cut to [`HOME_LIST_LENGTH`] with its full count.
pub fn home_summary(conn: &dyn Db, on: Option<chrono::NaiveDate>) -> Result<HomeSummary> {
    let company = company_profile(conn)?;
    let on = on.unwrap_or_else(today);
    let cutoff = crate::contacts::stale_cutoff(on, company.stale_contact_months);
    let mut stmt = conn.prepare(&format!(
        "SELECT id, name, organization, last_confirmed_on {STALE_CONTACTS}
          ORDER BY last_confirmed_on IS NOT NULL, last_confirmed_on, name LIMIT ?2"
    ))?;
    let stale_contacts = stmt
        .query_map(params![cutoff, HOME_LIST_LENGTH as i64], |r| {
            Ok(StaleContact { id: r.get(0)?, name: r.get(1)?, organization: r.get(2)?, last_confirmed_on: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let stale_contact_count = crate::contacts::stale_count(conn, cutoff)?;
    let contact_count = conn.query_row("SELECT count(*) FROM contact", [], |r| r.get(0))?;
    let mut open_incidents = incidents::open_incidents(conn)?;
    let open_incident_count = open_incidents.len() as i64;
    open_incidents.truncate(HOME_LIST_LENGTH);
    let readiness = crate::readiness::readiness(conn, on)?;
    Ok(HomeSummary {
        company,
        open_incidents,
        open_incident_count,
        stale_contacts,
        stale_contact_count,
        contact_count,
        readiness,
    })
}

/// A contact whose details have not been confirmed for too long (or ever).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StaleContact {
    pub id: i64,
    pub name: String,
    pub organization: String,
    /// YYYY-MM-DD, or null when never confirmed.
    #[ts(type = "string | null")]
    pub last_confirmed_on: Option<chrono::NaiveDate>,
}

/// What the home screen shows. Its lists are cut to the first [`HOME_LIST_LENGTH`] entries (the
/// most urgent incidents, the longest-unconfirmed contacts) with the full counts beside them: the
/// home screen is an overview, and the incident and contact screens hold the whole lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HomeSummary {
    pub company: CompanyProfile,
    pub open_incidents: Vec<IncidentSummary>,
    pub open_incident_count: i64,
    pub stale_contacts: Vec<StaleContact>,
    pub stale_contact_count: i64,
    pub contact_count: i64,
    /// The reviews and exercises, each with where it stands.
    pub readiness: crate::readiness::Readiness,
}

/// How many entries each list on the home screen shows.
pub const HOME_LIST_LENGTH: usize = 5;
