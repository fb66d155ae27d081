//! The company profile and the home screen's overview.

use rusqlite::{params, Connection};

use super::{incidents, today, Result};
use crate::model::{CompanyProfile, HomeSummary, Sector, StaleContact};

pub fn company_profile(conn: &Connection) -> Result<CompanyProfile> {
    Ok(conn.query_row(
        "SELECT name, language, sector, prefecture, privacy_mark, isms_certified, handles_personal_data,
                handles_my_number, handles_eu_data, stale_contact_months FROM company WHERE id = 1",
        [],
        |r| {
            Ok(CompanyProfile {
                name: r.get(0)?,
                language: r.get(1)?,
                sector: match r.get::<_, String>(2)?.as_str() {
                    "finance" => Sector::Finance,
                    "medical" => Sector::Medical,
                    "telecom" => Sector::Telecom,
                    _ => Sector::General,
                },
                prefecture: r.get(3)?,
                privacy_mark: r.get(4)?,
                isms_certified: r.get(5)?,
                handles_personal_data: r.get(6)?,
                handles_my_number: r.get(7)?,
                handles_eu_data: r.get(8)?,
                stale_contact_months: r.get(9)?,
            })
        },
    )?)
}

/// The home screen: the company, its open incidents, and contacts due for confirmation as of `on`.
pub fn home_summary(conn: &Connection, on: Option<chrono::NaiveDate>) -> Result<HomeSummary> {
    let company = company_profile(conn)?;
    let on = on.unwrap_or_else(today);
    let cutoff = super::contacts::stale_cutoff(on, company.stale_contact_months);
    let mut stmt = conn.prepare(
        "SELECT id, name, organization, last_confirmed_on FROM contact
          WHERE last_confirmed_on IS NULL OR last_confirmed_on <= ?1
          ORDER BY last_confirmed_on IS NOT NULL, last_confirmed_on, name",
    )?;
    let stale_contacts = stmt
        .query_map(params![cutoff], |r| {
            Ok(StaleContact { id: r.get(0)?, name: r.get(1)?, organization: r.get(2)?, last_confirmed_on: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let contact_count = conn.query_row("SELECT count(*) FROM contact", [], |r| r.get(0))?;
    Ok(HomeSummary { company, open_incidents: incidents::open_incidents(conn)?, stale_contacts, contact_count })
}
