//! The company profile and the home screen's overview.

use rusqlite::{params, Connection};

use super::{incidents, today, Result};
use crate::model::{CompanyDetails, CompanyProfile, HomeSummary, InquiryDesk, StaleContact, HOME_LIST_LENGTH};
use crate::rules::Sector;

pub fn company_profile(conn: &Connection) -> Result<CompanyProfile> {
    Ok(conn.query_row(
        "SELECT name, language, sector, prefecture, privacy_mark, isms_certified, handles_personal_data,
                handles_my_number, handles_eu_data, stale_contact_months, cyber_insurance, insurer_contact_id,
                eu_establishment, eu_targeting, address, representative, corporate_number, business_type,
                insurance_policy_number, inquiry_name, inquiry_phone, inquiry_email, inquiry_hours, date_style
           FROM company WHERE id = 1",
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
                cyber_insurance: r.get(10)?,
                insurer_contact_id: r.get(11)?,
                eu_establishment: r.get(12)?,
                eu_targeting: r.get(13)?,
                details: CompanyDetails {
                    address: r.get(14)?,
                    representative: r.get(15)?,
                    corporate_number: r.get(16)?,
                    business_type: r.get(17)?,
                    insurance_policy_number: r.get(18)?,
                    inquiry_desk: InquiryDesk { name: r.get(19)?, phone: r.get(20)?, email: r.get(21)?, hours: r.get(22)? },
                    date_style: r.get(23)?,
                },
            })
        },
    )?)
}

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
