//! Editing the company profile: the name on every document, and the facts about the company that
//! decide who must be told (業種, プライバシーマーク, ISMS, マイナンバー, EU data) — the wizard
//! pre-fills the assessment from them, so they are worth keeping true.

use rusqlite::{params, Transaction};

use super::history::record_change;
use super::policy_edit::{limit_chars, refused, required_name};
use super::{company_profile, now, Result};
use crate::model::{CompanyProfile, Sector};
use crate::template_file::MAX_NAME_CHARS;

/// Longest stale-contact interval a company can choose: ten years.
const MAX_STALE_CONTACT_MONTHS: i64 = 120;

/// Changes the company profile. The name is required (`name_required`); the language is "ja" or
/// "en" (`invalid_language`) and says which language the policy texts are written in (changing
/// it translates nothing); contacts are flagged as stale after 1–120 months (`invalid_months`).
pub fn update_company_profile(tx: &Transaction, author: &str, profile: &CompanyProfile) -> Result<()> {
    let before = company_profile(tx)?;
    let name = required_name("the company name", &profile.name)?;
    if !matches!(profile.language.as_str(), "ja" | "en") {
        return Err(refused("invalid_language", format!("\"{}\" is not a language of Sonae (ja or en)", crate::template_file::shown(&profile.language))));
    }
    limit_chars("the prefecture", &profile.prefecture, MAX_NAME_CHARS)?;
    if !(1..=MAX_STALE_CONTACT_MONTHS).contains(&profile.stale_contact_months) {
        return Err(refused(
            "invalid_months",
            format!("contacts are flagged after 1 to {MAX_STALE_CONTACT_MONTHS} months, not {}", profile.stale_contact_months),
        ));
    }
    if let Some(insurer) = profile.insurer_contact_id {
        let known: bool = tx.query_row("SELECT count(*) > 0 FROM contact WHERE id = ?1", [insurer], |r| r.get(0))?;
        if !known {
            return Err(refused("unknown_contact", format!("contact {insurer} does not exist; choose the insurer from the contacts")));
        }
    }
    let sector = match profile.sector {
        Sector::General => "general",
        Sector::Finance => "finance",
        Sector::Medical => "medical",
        Sector::Telecom => "telecom",
    };
    tx.execute(
        "UPDATE company SET name = ?1, language = ?2, sector = ?3, prefecture = ?4, privacy_mark = ?5, isms_certified = ?6,
                handles_personal_data = ?7, handles_my_number = ?8, handles_eu_data = ?9, stale_contact_months = ?10,
                updated_at = ?11, cyber_insurance = ?12, insurer_contact_id = ?13, eu_establishment = ?14, eu_targeting = ?15
          WHERE id = 1",
        params![
            name,
            profile.language,
            sector,
            profile.prefecture.trim(),
            profile.privacy_mark,
            profile.isms_certified,
            profile.handles_personal_data,
            profile.handles_my_number,
            profile.handles_eu_data,
            profile.stale_contact_months,
            now(),
            profile.cyber_insurance,
            profile.insurer_contact_id,
            profile.eu_establishment,
            profile.eu_targeting
        ],
    )?;
    record_change(tx, author, "company", Some(1), Some(&before), Some(&company_profile(tx)?))
}
