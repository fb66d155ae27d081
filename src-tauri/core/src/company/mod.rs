//! The company a file belongs to: its profile (sector, prefecture, certifications, the data it
//! handles, its GDPR position) and the details its documents print (address, representative,
//! corporate number, the inquiry desk).

pub mod edit;

use crate::store::Db;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::language::{DateStyle, Language};
use crate::rules::Sector;
use crate::store::Result;

/// The company a file belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CompanyProfile {
    pub name: String,
    /// Language of the file's policy texts.
    pub language: Language,
    pub sector: Sector,
    pub prefecture: String,
    /// プライバシーマーク付与事業者
    pub privacy_mark: bool,
    pub isms_certified: bool,
    pub handles_personal_data: bool,
    /// マイナンバー（特定個人情報）を取り扱う
    pub handles_my_number: bool,
    pub handles_eu_data: bool,
    /// Contacts not confirmed for this many months are flagged.
    pub stale_contact_months: i64,
    /// サイバー保険 — the company holds cyber insurance (its notice clause makes the insurer an
    /// addressee; docs/rules.md).
    pub cyber_insurance: bool,
    /// The cyber insurer among the contacts, if chosen.
    pub insurer_contact_id: Option<i64>,
    /// An establishment (office, branch) in the EU — GDPR art. 3(1). `None`: not answered yet.
    pub eu_establishment: Option<bool>,
    /// Offers goods or services to people in the EU, or monitors their behaviour there — GDPR
    /// art. 3(2). `None`: not answered yet.
    pub eu_targeting: Option<bool>,
    /// What the drafts print about the company beyond its name.
    pub details: CompanyDetails,
}

/// The company as the drafts present it: the reporter's corporate details the PPC form asks for,
/// the cyber insurance policy number for the insurer, the public inquiry desk the notices give,
/// and how Japanese documents write dates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CompanyDetails {
    /// 所在地
    pub address: String,
    /// 代表者 (title and name)
    pub representative: String,
    /// 法人番号: 13 digits with a valid check digit, or empty.
    pub corporate_number: String,
    /// 業種 as the company describes itself (the PPC form asks it in words).
    pub business_type: String,
    /// サイバー保険の証券番号
    pub insurance_policy_number: String,
    /// お問い合わせ窓口
    pub inquiry_desk: InquiryDesk,
    pub date_style: DateStyle,
    /// The representative in the EU a company without an establishment there designates (GDPR
    /// art. 27): name, address and e-mail, as the GDPR notice prints them.
    pub eu_representative: String,
}

/// The contact the company chose for the public — never a person's private number by default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InquiryDesk {
    /// The desk's name (お客様相談窓口).
    pub name: String,
    pub phone: String,
    pub email: String,
    /// 受付時間
    pub hours: String,
}

impl InquiryDesk {
    /// Whether the desk can be reached: a phone or an email.
    pub fn is_set(&self) -> bool {
        !self.phone.trim().is_empty() || !self.email.trim().is_empty()
    }
}

impl CompanyProfile {
    /// Whether the GDPR applies to the company (art. 3): an EU establishment, or offering to or
    /// monitoring people in the EU. Until both are answered "no" it is taken to apply — the safe
    /// direction, so that no GDPR notice is missed.
    pub fn gdpr_applies(&self) -> bool {
        !(self.eu_establishment == Some(false) && self.eu_targeting == Some(false))
    }
}

pub fn company_profile(conn: &dyn Db) -> Result<CompanyProfile> {
    conn.query_row(
        "SELECT name, language, sector, prefecture, privacy_mark, isms_certified, handles_personal_data,
                handles_my_number, handles_eu_data, stale_contact_months, cyber_insurance, insurer_contact_id,
                eu_establishment, eu_targeting, address, representative, corporate_number, business_type,
                insurance_policy_number, inquiry_name, inquiry_phone, inquiry_email, inquiry_hours, date_style,
                eu_representative
           FROM company WHERE id = 1",
        [],
        |r| {
            Ok(CompanyProfile {
                name: r.get(0)?,
                language: r.get(1)?,
                sector: r.get(2)?,
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
                    eu_representative: r.get(24)?,
                },
            })
        },
    )
}
