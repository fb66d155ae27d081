//! Editing the company profile: the name on every document, and the facts about the company that
//! decide who must be told (業種, プライバシーマーク, ISMS, マイナンバー, EU data) — the wizard
//! pre-fills the assessment from them, so they are worth keeping true.

use crate::store::history::ChangedEntity;
use crate::store::Transaction;
use rusqlite::params;

use super::{company_profile, CompanyDetails, CompanyProfile};
use crate::error_code::ErrorCode;
use crate::store::history::record_change;
use crate::store::limits::{limit_chars, required_name, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::store::refused;
use crate::store::{now, Result};

/// Longest stale-contact interval a company can choose: ten years.
const MAX_STALE_CONTACT_MONTHS: i64 = 120;

/// Changes the company profile. The name is required (`name_required`); the language says which
/// language the policy texts are written in (changing it translates nothing); contacts are flagged as stale after 1–120 months (`invalid_months`).
pub fn update_company_profile(tx: &Transaction, author: &str, profile: &CompanyProfile) -> Result<()> {
    let before = company_profile(tx)?;
    let name = required_name("the company name", &profile.name)?;
    limit_chars("the prefecture", &profile.prefecture, MAX_NAME_CHARS)?;
    if !(1..=MAX_STALE_CONTACT_MONTHS).contains(&profile.stale_contact_months) {
        return Err(refused(
            ErrorCode::InvalidMonths,
            format!("contacts are flagged after 1 to {MAX_STALE_CONTACT_MONTHS} months, not {}", profile.stale_contact_months),
        ));
    }
    if let Some(insurer) = profile.insurer_contact_id {
        let known: bool = tx.query_row("SELECT count(*) > 0 FROM contact WHERE id = ?1", [insurer], |r| r.get(0))?;
        if !known {
            return Err(refused(
                ErrorCode::UnknownContact,
                format!("contact {insurer} does not exist; choose the insurer from the contacts"),
            ));
        }
    }
    let sector = profile.sector;
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
    update_details(tx, &profile.details)?;
    record_change(tx, author, ChangedEntity::Company, Some(1), Some(&before), Some(&company_profile(tx)?))
}

/// Refuses the save of a profile whose form read it as `as_read`, when the stored profile is no
/// longer that: someone else saved it meanwhile (on another PC, for a company on a server), and
/// their change is kept (`changed_elsewhere`). Compared by content, not by the history as the
/// policy's entries are: the company's history records also hold the policy's review dates,
/// which are not part of the profile and must not refuse it.
pub fn refuse_if_profile_changed(tx: &Transaction, as_read: &CompanyProfile) -> Result<()> {
    crate::store::history::refuse_unless_as_read(&company_profile(tx)?, as_read, "the company profile")
}

/// The corporate details, the insurance policy number, the inquiry desk and the date style.
pub(crate) fn update_details(tx: &Transaction, details: &CompanyDetails) -> Result<()> {
    let desk = &details.inquiry_desk;
    let texts = [
        ("the address", &details.address),
        ("the representative", &details.representative),
        ("the business type", &details.business_type),
        ("the insurance policy number", &details.insurance_policy_number),
        ("the inquiry desk's name", &desk.name),
        ("the inquiry desk's phone", &desk.phone),
        ("the inquiry desk's email", &desk.email),
        ("the inquiry desk's hours", &desk.hours),
    ];
    for (what, text) in texts {
        limit_chars(what, text, MAX_NAME_CHARS)?;
    }
    limit_chars("the EU representative", &details.eu_representative, MAX_TEXT_CHARS)?;
    let corporate_number = corporate_number(&details.corporate_number)?;
    tx.execute(
        "UPDATE company SET address = ?1, representative = ?2, corporate_number = ?3, business_type = ?4,
                insurance_policy_number = ?5, inquiry_name = ?6, inquiry_phone = ?7, inquiry_email = ?8,
                inquiry_hours = ?9, date_style = ?10, eu_representative = ?11
          WHERE id = 1",
        params![
            details.address.trim(),
            details.representative.trim(),
            corporate_number,
            details.business_type.trim(),
            details.insurance_policy_number.trim(),
            desk.name.trim(),
            desk.phone.trim(),
            desk.email.trim(),
            desk.hours.trim(),
            details.date_style,
            details.eu_representative.trim()
        ],
    )?;
    Ok(())
}

/// A 法人番号 as typed (full-width digits, spaces and hyphens allowed), checked and reduced to its
/// 13 digits; empty stays empty. The first digit is a check digit over the other twelve: counted
/// from the right, digits in odd places weigh 1 and in even places 2, and the check digit is 9
/// minus the weighted sum modulo 9 (National Tax Agency, 法人番号の構成 / チェックデジット).
pub fn corporate_number(typed: &str) -> Result<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | 'ー' | '－'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if digits.is_empty() {
        return Ok(digits);
    }
    if digits.chars().count() != 13 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(refused(
            ErrorCode::InvalidCorporateNumber,
            format!("a corporate number has 13 digits; \"{typed}\" does not"),
        ));
    }
    let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    let weighted: u32 = values[1..].iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 2 }).sum();
    if values[0] != 9 - weighted % 9 {
        return Err(refused(
            ErrorCode::InvalidCorporateNumber,
            format!("{digits} is not a corporate number: its check digit does not match (a digit may be mistyped)"),
        ));
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::{corporate_number, refuse_if_profile_changed, update_company_profile};
    use crate::company::company_profile;
    use crate::company_file::CompanyFile;
    use crate::language::Language;

    #[test]
    fn a_profile_saved_over_someone_else_s_save_is_refused_and_theirs_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = CompanyFile::create_demo(&dir.path().join("さくら.sonae"), Language::Ja).unwrap();
        let as_read = file.read(company_profile).unwrap();
        // Someone else records whether the company handles My Number the other way round.
        let my_number = !as_read.handles_my_number;
        let theirs = crate::company::CompanyProfile { handles_my_number: my_number, ..as_read.clone() };
        file.write(|tx| update_company_profile(tx, "情シス 高橋", &theirs)).unwrap();

        let mine = crate::company::CompanyProfile { prefecture: "神奈川県".into(), ..as_read.clone() };
        let refused = file
            .write(|tx| {
                refuse_if_profile_changed(tx, &as_read)?;
                update_company_profile(tx, "総務 佐藤", &mine)
            })
            .unwrap_err();
        assert_eq!(refused.code(), "changed_elsewhere");
        assert_eq!(file.read(company_profile).unwrap().handles_my_number, my_number, "their change was lost");

        // Read again, the form saves.
        let latest = file.read(company_profile).unwrap();
        let mine = crate::company::CompanyProfile { prefecture: "神奈川県".into(), ..latest.clone() };
        file.write(|tx| {
            refuse_if_profile_changed(tx, &latest)?;
            update_company_profile(tx, "総務 佐藤", &mine)
        })
        .unwrap();
        let saved = file.read(company_profile).unwrap();
        assert_eq!((saved.handles_my_number, saved.prefecture.as_str()), (my_number, "神奈川県"));
    }

    #[test]
    fn a_corporate_number_is_checked_by_its_check_digit() {
        // The National Tax Agency's own number, and Toyota Motor's, as published.
        assert_eq!(corporate_number("7000012050002").unwrap(), "7000012050002");
        assert_eq!(corporate_number("1180-3010-1877-1").unwrap(), "1180301018771");
        assert_eq!(corporate_number("７０００ ０１２０ ５０００２").unwrap(), "7000012050002");
        assert_eq!(corporate_number("").unwrap(), "");
        for wrong in ["7000012050003", "8000012050002", "700001205000", "70000120500021", "700001205000A"] {
            assert_eq!(corporate_number(wrong).unwrap_err().code(), "invalid_corporate_number", "{wrong}");
        }
    }
}
