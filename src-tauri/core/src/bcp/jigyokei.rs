//! 事業継続力強化計画 (ジギョケイ) — what the certification's application asks that the BCP does
//! not hold: the company's reading (フリガナ), capital and staff, what the business does and its
//! role for customers or the area, which risks the plan covers, each site's hazards, the first
//! response (evacuation, 安否確認, organisation, sharing damage), the advance measures for people,
//! goods, money and information, how the plan is kept alive, the period and cooperating firms
//! (docs/rules.md §14). The application draft is written from these, the BCP and the readiness
//! calendar; `checks` and `missing` say before export what would get it sent back (the readiness
//! calendar's part of the checks is read by [`crate::readiness::jigyokei_checks`]).

use crate::store::history::ChangedEntity;
use crate::store::{Db, Optional, Transaction};
use chrono::{Months, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_code::ErrorCode;
use crate::store::history::record_change;
use crate::store::limits::{limit_chars, text, MAX_ENTRIES, MAX_NAME_CHARS};
use crate::store::{now, refused, rows, Result};

/// The longest 実施期間 the certification accepts.
pub const MAX_PERIOD_MONTHS: u32 = 36;

/// 拠点 — an office, shop, warehouse or plant, with the hazards the municipality's maps show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JigyokeiSite {
    pub name: String,
    pub address: String,
    /// e.g. 「震度6強」.
    pub earthquake: String,
    /// e.g. 「0.5〜3.0m」.
    pub flood: String,
    pub landslide: String,
    pub tsunami: String,
}

impl JigyokeiSite {
    fn hazards(&self) -> [&str; 4] {
        [&self.earthquake, &self.flood, &self.landslide, &self.tsunami]
    }

    fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.address.trim().is_empty() && self.hazards().iter().all(|h| h.trim().is_empty())
    }
}

/// What a measure protects: ヒト, モノ, カネ or 情報.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MeasureKind {
    People,
    Goods,
    Money,
    Information,
}

crate::keys::keyed!(MeasureKind);

/// 事前対策 — one measure taken before anything happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JigyokeiMeasure {
    pub kind: MeasureKind,
    pub content: String,
    /// When: 「実施済み」, 「2027年3月まで」.
    pub timing: String,
    /// Yen; none when there is no cost or it is not known.
    pub cost_yen: Option<u32>,
}

/// 連携 — a firm that helps carry out the plan, by name and role only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JigyokeiPartner {
    pub name: String,
    pub role: String,
}

/// Everything the application asks beyond the BCP, as the editor holds it and as it is saved.
/// Empty text means not written yet (a field left out of a template reads as empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct JigyokeiPlan {
    pub name_kana: String,
    /// As it is to be printed: 「1,000万円」.
    pub capital: String,
    pub employees: Option<u32>,
    /// What the business does.
    pub business_overview: String,
    /// Its role in its customers' supply chain or the local economy (the form is refused without).
    pub supply_chain_role: String,
    /// Why it strengthens its continuity.
    pub purpose: String,
    pub covers_natural: bool,
    pub covers_infection: bool,
    pub covers_cyber: bool,
    pub cyber_risks: String,
    pub impact_people: String,
    pub impact_goods: String,
    pub impact_money: String,
    pub impact_information: String,
    /// 人命の安全確保: how staff get out and where to.
    pub evacuation: String,
    /// 安否確認: how staff safety is confirmed, by whom, through which means.
    pub safety_check: String,
    /// Beyond the roles of the policy, which are printed with it.
    pub emergency_organisation: String,
    /// Beyond the BCP's targets and owners, which are printed with it.
    pub damage_sharing: String,
    /// 平時の推進体制: how the owner leads the work between incidents.
    pub promotion: String,
    /// 訓練及び教育; when empty, the draft says what the exercise records show.
    pub training_plan: String,
    /// 計画の見直し; when empty, the draft says what the readiness calendar shows.
    pub review_plan: String,
    /// 資金の調達方法 for the measures' costs.
    pub funding: String,
    /// YYYY-MM-DD or empty.
    pub period_start: String,
    pub period_end: String,
    pub sites: Vec<JigyokeiSite>,
    pub measures: Vec<JigyokeiMeasure>,
    pub partners: Vec<JigyokeiPartner>,
}

impl Default for JigyokeiPlan {
    fn default() -> Self {
        JigyokeiPlan {
            name_kana: String::new(),
            capital: String::new(),
            employees: None,
            business_overview: String::new(),
            supply_chain_role: String::new(),
            purpose: String::new(),
            covers_natural: true,
            covers_infection: false,
            covers_cyber: false,
            cyber_risks: String::new(),
            impact_people: String::new(),
            impact_goods: String::new(),
            impact_money: String::new(),
            impact_information: String::new(),
            evacuation: String::new(),
            safety_check: String::new(),
            emergency_organisation: String::new(),
            damage_sharing: String::new(),
            promotion: String::new(),
            training_plan: String::new(),
            review_plan: String::new(),
            funding: String::new(),
            period_start: String::new(),
            period_end: String::new(),
            sites: Vec::new(),
            measures: Vec::new(),
            partners: Vec::new(),
        }
    }
}

impl JigyokeiPlan {
    /// The plan's texts with the names the editor and the 「未記入」 list use.
    fn texts(&self) -> [(JigyokeiField, &str); 17] {
        use JigyokeiField::*;
        [
            (NameKana, &self.name_kana),
            (Capital, &self.capital),
            (BusinessOverview, &self.business_overview),
            (SupplyChainRole, &self.supply_chain_role),
            (Purpose, &self.purpose),
            (CyberRisks, &self.cyber_risks),
            (ImpactPeople, &self.impact_people),
            (ImpactGoods, &self.impact_goods),
            (ImpactMoney, &self.impact_money),
            (ImpactInformation, &self.impact_information),
            (Evacuation, &self.evacuation),
            (SafetyCheck, &self.safety_check),
            (EmergencyOrganisation, &self.emergency_organisation),
            (DamageSharing, &self.damage_sharing),
            (Promotion, &self.promotion),
            (TrainingPlan, &self.training_plan),
            (ReviewPlan, &self.review_plan),
        ]
    }

    /// The period as dates, when both are written and valid.
    pub fn period(&self) -> Option<(NaiveDate, NaiveDate)> {
        let day = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        Some((day(&self.period_start)?, day(&self.period_end)?))
    }
}

/// A field of the plan, named for the 「未記入」 list and the editor's anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JigyokeiField {
    NameKana,
    Capital,
    Employees,
    BusinessOverview,
    SupplyChainRole,
    Purpose,
    CyberRisks,
    ImpactPeople,
    ImpactGoods,
    ImpactMoney,
    ImpactInformation,
    Sites,
    Evacuation,
    SafetyCheck,
    EmergencyOrganisation,
    DamageSharing,
    Measures,
    Promotion,
    TrainingPlan,
    ReviewPlan,
    Period,
}

/// Something that would get the application sent back, found before export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JigyokeiCheck {
    NoEvacuation,
    NoSafetyCheck,
    NoSupplyChainRole,
    NoRiskChosen,
    TargetWithoutOwner {
        name: String,
    },
    /// No advance measure of one of the four kinds; the form asks for measures of every kind.
    NoMeasureOfKind {
        measure_kind: MeasureKind,
    },
    /// No training written, and no exercise within the company's interval.
    NoTrainingPlanned,
    /// No review written, and the BCP never marked reviewed.
    NoReviewDate,
    /// A site's hazards are written but the site has neither a name nor an address.
    HazardWithoutSite {
        position: u32,
    },
    SiteWithoutAddress {
        name: String,
    },
    PeriodTooLong {
        months: u32,
    },
    PeriodReversed,
}

/// One section of the application draft as plain text, to copy into the web form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JigyokeiSection {
    pub heading: String,
    pub text: String,
}

/// The editor's whole view: the answers, what would get the application sent back, the fields
/// still 「未記入」, and the draft's sections as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JigyokeiReview {
    pub plan: JigyokeiPlan,
    pub checks: Vec<JigyokeiCheck>,
    pub missing: Vec<JigyokeiField>,
    pub sections: Vec<JigyokeiSection>,
}

/// The plan as the company file keeps it; a file that never saved one answers the defaults.
pub fn jigyokei(conn: &dyn Db) -> Result<JigyokeiPlan> {
    let plan = conn
        .query_row(
            "SELECT name_kana, capital, employees, business_overview, supply_chain_role, purpose, covers_natural,
                    covers_infection, covers_cyber, cyber_risks, impact_people, impact_goods, impact_money,
                    impact_information, evacuation, safety_check, emergency_organisation, damage_sharing, promotion,
                    training_plan, review_plan, funding, period_start, period_end
               FROM jigyokei WHERE id = 1",
            [],
            |r| {
                Ok(JigyokeiPlan {
                    name_kana: r.get(0)?,
                    capital: r.get(1)?,
                    employees: r.get(2)?,
                    business_overview: r.get(3)?,
                    supply_chain_role: r.get(4)?,
                    purpose: r.get(5)?,
                    covers_natural: r.get(6)?,
                    covers_infection: r.get(7)?,
                    covers_cyber: r.get(8)?,
                    cyber_risks: r.get(9)?,
                    impact_people: r.get(10)?,
                    impact_goods: r.get(11)?,
                    impact_money: r.get(12)?,
                    impact_information: r.get(13)?,
                    evacuation: r.get(14)?,
                    safety_check: r.get(15)?,
                    emergency_organisation: r.get(16)?,
                    damage_sharing: r.get(17)?,
                    promotion: r.get(18)?,
                    training_plan: r.get(19)?,
                    review_plan: r.get(20)?,
                    funding: r.get(21)?,
                    period_start: r.get::<_, Option<String>>(22)?.unwrap_or_default(),
                    period_end: r.get::<_, Option<String>>(23)?.unwrap_or_default(),
                    ..JigyokeiPlan::default()
                })
            },
        )
        .optional()?
        .unwrap_or_default();
    let sites = rows(
        conn,
        "SELECT name, address, earthquake, flood, landslide, tsunami FROM jigyokei_site ORDER BY position, id",
        |r| {
            Ok(JigyokeiSite {
                name: r.get(0)?,
                address: r.get(1)?,
                earthquake: r.get(2)?,
                flood: r.get(3)?,
                landslide: r.get(4)?,
                tsunami: r.get(5)?,
            })
        },
    )?;
    let measures = rows(conn, "SELECT kind, content, timing, cost_yen FROM jigyokei_measure ORDER BY position, id", |r| {
        Ok(JigyokeiMeasure {
            kind: MeasureKind::from_key(&r.get::<_, String>(0)?).unwrap_or(MeasureKind::People),
            content: r.get(1)?,
            timing: r.get(2)?,
            cost_yen: r.get(3)?,
        })
    })?;
    let partners = rows(conn, "SELECT name, role FROM jigyokei_partner ORDER BY position, id", |r| {
        Ok(JigyokeiPartner { name: r.get(0)?, role: r.get(1)? })
    })?;
    Ok(JigyokeiPlan { sites, measures, partners, ..plan })
}

/// A date as typed: empty, or YYYY-MM-DD (`invalid_date`).
fn optional_day(what: &str, value: &str) -> Result<Option<NaiveDate>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| refused(ErrorCode::InvalidDate, format!("{what} \"{value}\" is not a date (YYYY-MM-DD)")))
}

/// Saves the plan as the editor holds it, replacing sites, measures and partners; blank rows are
/// dropped. Text limits as everywhere; dates YYYY-MM-DD or empty. A period longer than three years
/// is kept (the checks say so) so nothing typed is lost.
pub fn save_jigyokei(tx: &Transaction, author: &str, plan: &JigyokeiPlan) -> Result<()> {
    for (field, value) in plan.texts() {
        text(&format!("{field:?}"), value)?;
    }
    for value in [&plan.capital, &plan.name_kana] {
        limit_chars("a name", value, MAX_NAME_CHARS)?;
    }
    text("funding", &plan.funding)?;
    let start = optional_day("the start of the period", &plan.period_start)?;
    let end = optional_day("the end of the period", &plan.period_end)?;
    let sites: Vec<&JigyokeiSite> = plan.sites.iter().filter(|s| !s.is_blank()).collect();
    let measures: Vec<&JigyokeiMeasure> = plan.measures.iter().filter(|m| !m.content.trim().is_empty()).collect();
    let partners: Vec<&JigyokeiPartner> =
        plan.partners.iter().filter(|p| !(p.name.trim().is_empty() && p.role.trim().is_empty())).collect();
    if sites.len() > MAX_ENTRIES || measures.len() > MAX_ENTRIES || partners.len() > MAX_ENTRIES {
        return Err(refused(ErrorCode::TooManyEntries, format!("at most {MAX_ENTRIES} sites, measures or partners")));
    }
    for site in &sites {
        for value in [&site.name, &site.address, &site.earthquake, &site.flood, &site.landslide, &site.tsunami] {
            limit_chars("a site's entry", value, MAX_NAME_CHARS)?;
        }
    }
    for measure in &measures {
        text("a measure", &measure.content)?;
        limit_chars("a measure's timing", &measure.timing, MAX_NAME_CHARS)?;
    }
    for partner in &partners {
        if partner.name.trim().is_empty() {
            return Err(refused(ErrorCode::NameRequired, "a cooperating firm has a role but no name"));
        }
        limit_chars("a cooperating firm", &partner.name, MAX_NAME_CHARS)?;
        text("a cooperating firm's role", &partner.role)?;
    }

    let before = jigyokei(tx)?;
    tx.execute(
        "INSERT INTO jigyokei (id, name_kana, capital, employees, business_overview, supply_chain_role, purpose,
                covers_natural, covers_infection, covers_cyber, cyber_risks, impact_people, impact_goods, impact_money,
                impact_information, evacuation, safety_check, emergency_organisation, damage_sharing, promotion,
                training_plan, review_plan, funding, period_start, period_end, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
                 ?23, ?24, ?25)
         ON CONFLICT (id) DO UPDATE SET name_kana = excluded.name_kana, capital = excluded.capital, employees = excluded.employees, business_overview = excluded.business_overview, supply_chain_role = excluded.supply_chain_role, purpose = excluded.purpose, covers_natural = excluded.covers_natural, covers_infection = excluded.covers_infection, covers_cyber = excluded.covers_cyber, cyber_risks = excluded.cyber_risks, impact_people = excluded.impact_people, impact_goods = excluded.impact_goods, impact_money = excluded.impact_money, impact_information = excluded.impact_information, evacuation = excluded.evacuation, safety_check = excluded.safety_check, emergency_organisation = excluded.emergency_organisation, damage_sharing = excluded.damage_sharing, promotion = excluded.promotion, training_plan = excluded.training_plan, review_plan = excluded.review_plan, funding = excluded.funding, period_start = excluded.period_start, period_end = excluded.period_end, updated_at = excluded.updated_at",
        params![
            plan.name_kana.trim(),
            plan.capital.trim(),
            plan.employees,
            plan.business_overview.trim(),
            plan.supply_chain_role.trim(),
            plan.purpose.trim(),
            plan.covers_natural,
            plan.covers_infection,
            plan.covers_cyber,
            plan.cyber_risks.trim(),
            plan.impact_people.trim(),
            plan.impact_goods.trim(),
            plan.impact_money.trim(),
            plan.impact_information.trim(),
            plan.evacuation.trim(),
            plan.safety_check.trim(),
            plan.emergency_organisation.trim(),
            plan.damage_sharing.trim(),
            plan.promotion.trim(),
            plan.training_plan.trim(),
            plan.review_plan.trim(),
            plan.funding.trim(),
            start,
            end,
            now()
        ],
    )?;
    tx.execute("DELETE FROM jigyokei_site", [])?;
    tx.execute("DELETE FROM jigyokei_measure", [])?;
    tx.execute("DELETE FROM jigyokei_partner", [])?;
    for (position, site) in sites.iter().enumerate() {
        tx.execute(
            "INSERT INTO jigyokei_site (name, address, earthquake, flood, landslide, tsunami, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                site.name.trim(),
                site.address.trim(),
                site.earthquake.trim(),
                site.flood.trim(),
                site.landslide.trim(),
                site.tsunami.trim(),
                position as i64
            ],
        )?;
    }
    for (position, measure) in measures.iter().enumerate() {
        tx.execute(
            "INSERT INTO jigyokei_measure (kind, content, timing, cost_yen, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![measure.kind.key(), measure.content.trim(), measure.timing.trim(), measure.cost_yen, position as i64],
        )?;
    }
    for (position, partner) in partners.iter().enumerate() {
        tx.execute(
            "INSERT INTO jigyokei_partner (name, role, position) VALUES (?1, ?2, ?3)",
            params![partner.name.trim(), partner.role.trim(), position as i64],
        )?;
    }
    let after = jigyokei(tx)?;
    if after != before {
        record_change(tx, author, ChangedEntity::Jigyokei, Some(1), Some(&before), Some(&after))?;
    }
    Ok(())
}

/// Refuses the save of the answers whose form read them as `as_read`, when they are stored
/// otherwise now: someone else saved them meanwhile (`changed_elsewhere`), and theirs are kept.
pub fn refuse_if_jigyokei_changed(tx: &Transaction, as_read: &JigyokeiPlan) -> Result<()> {
    crate::store::history::refuse_unless_as_read(&jigyokei(tx)?, as_read, "the 事業継続力強化計画")
}

/// How many whole months from `start` to `end` (a period of 1 April 2027 to 31 March 2030 is 36).
fn period_months(start: NaiveDate, end: NaiveDate) -> u32 {
    let mut months = 0;
    while start.checked_add_months(Months::new(months + 1)).is_some_and(|d| d <= end.succ_opt().unwrap_or(end)) {
        months += 1;
        if months > 1200 {
            break;
        }
    }
    months
}

/// What the checks need from outside the plan: the BCP's targets nobody recovers, and whether
/// the readiness calendar shows the plan kept alive ([`crate::readiness::jigyokei_checks`] reads
/// them from the company file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptAlive {
    /// The BCP's targets with neither a recovery role nor a recovery contact.
    pub targets_without_owner: Vec<String>,
    /// No exercise on record, or the next one overdue.
    pub exercise_due: bool,
    /// The BCP never reviewed.
    pub bcp_never_reviewed: bool,
}

/// What would get the application sent back, in the order of the form.
pub fn checks(plan: &JigyokeiPlan, kept: &KeptAlive) -> Vec<JigyokeiCheck> {
    let mut found = Vec::new();
    if plan.supply_chain_role.trim().is_empty() {
        found.push(JigyokeiCheck::NoSupplyChainRole);
    }
    if !plan.covers_natural && !plan.covers_infection {
        found.push(JigyokeiCheck::NoRiskChosen);
    }
    for (index, site) in plan.sites.iter().enumerate() {
        let has_hazard = site.hazards().iter().any(|h| !h.trim().is_empty());
        if site.name.trim().is_empty() && site.address.trim().is_empty() && has_hazard {
            found.push(JigyokeiCheck::HazardWithoutSite { position: index as u32 + 1 });
        } else if !site.name.trim().is_empty() && site.address.trim().is_empty() {
            found.push(JigyokeiCheck::SiteWithoutAddress { name: site.name.trim().to_owned() });
        }
    }
    if plan.evacuation.trim().is_empty() {
        found.push(JigyokeiCheck::NoEvacuation);
    }
    if plan.safety_check.trim().is_empty() {
        found.push(JigyokeiCheck::NoSafetyCheck);
    }
    for name in &kept.targets_without_owner {
        found.push(JigyokeiCheck::TargetWithoutOwner { name: name.clone() });
    }
    for &measure_kind in MeasureKind::ALL {
        if !plan.measures.iter().any(|m| m.kind == measure_kind && !m.content.trim().is_empty()) {
            found.push(JigyokeiCheck::NoMeasureOfKind { measure_kind });
        }
    }
    if plan.training_plan.trim().is_empty() && kept.exercise_due {
        found.push(JigyokeiCheck::NoTrainingPlanned);
    }
    if plan.review_plan.trim().is_empty() && kept.bcp_never_reviewed {
        found.push(JigyokeiCheck::NoReviewDate);
    }
    if let Some((start, end)) = plan.period() {
        if end < start {
            found.push(JigyokeiCheck::PeriodReversed);
        } else {
            let months = period_months(start, end);
            if months > MAX_PERIOD_MONTHS {
                found.push(JigyokeiCheck::PeriodTooLong { months });
            }
        }
    }
    found
}

/// The fields still empty, which the draft prints as 「未記入」, in the order of the form. The
/// training and review count as written when the exercise records or the calendar can fill them.
pub fn missing(conn: &dyn Db, plan: &JigyokeiPlan) -> Result<Vec<JigyokeiField>> {
    use JigyokeiField::*;
    let has_exercise: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM bcp_exercise)", [], |r| r.get(0))?;
    let reviewed: bool = conn.query_row("SELECT bcp_reviewed_on IS NOT NULL FROM company WHERE id = 1", [], |r| r.get(0))?;
    let mut missing = Vec::new();
    for (field, value) in plan.texts() {
        let filled_elsewhere = match field {
            CyberRisks => !plan.covers_cyber,
            // The policy's roles and the BCP's targets are printed there anyway.
            EmergencyOrganisation | DamageSharing => true,
            TrainingPlan => has_exercise,
            ReviewPlan => reviewed,
            NameKana | Capital | Employees | BusinessOverview | SupplyChainRole | Purpose | ImpactPeople | ImpactGoods
            | ImpactMoney | ImpactInformation | Sites | Evacuation | SafetyCheck | Measures | Promotion | Period => false,
        };
        if value.trim().is_empty() && !filled_elsewhere {
            missing.push(field);
        }
        if field == Capital && plan.employees.is_none() {
            missing.push(Employees);
        }
        if field == ImpactInformation && plan.sites.is_empty() {
            missing.push(Sites);
        }
        if field == DamageSharing && plan.measures.is_empty() {
            missing.push(Measures);
        }
    }
    if plan.period().is_none() {
        missing.push(Period);
    }
    Ok(missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company_file::CompanyFile;
    use crate::language::Language;
    use crate::store::StoreError;
    use crate::template::builtin_policy;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn filled() -> JigyokeiPlan {
        JigyokeiPlan {
            supply_chain_role: "地域の工務店に図面を納めている".into(),
            evacuation: "近くの公園へ".into(),
            safety_check: "総務課長が安否確認サービスで確かめる".into(),
            training_plan: "毎年9月に訓練する".into(),
            review_plan: "毎年4月に見直す".into(),
            period_start: "2027-01-01".into(),
            period_end: "2029-12-31".into(),
            sites: vec![JigyokeiSite {
                name: "本社".into(),
                address: "東京都新宿区".into(),
                earthquake: "震度6強".into(),
                ..Default::default()
            }],
            measures: MeasureKind::ALL
                .iter()
                .copied()
                .map(|kind| JigyokeiMeasure {
                    kind,
                    content: format!("{}の対策", kind.key()),
                    timing: "実施済み".into(),
                    cost_yen: None,
                })
                .collect(),
            ..JigyokeiPlan::default()
        }
    }

    #[test]
    fn answers_saved_over_someone_else_s_save_are_refused_and_theirs_kept() {
        let mut file = CompanyFile::in_memory("テスト", &builtin_policy(Language::Ja).unwrap()).unwrap();
        let as_read = jigyokei(file.connection()).unwrap();
        let theirs =
            JigyokeiPlan { supply_chain_role: "地域の設計事務所の図面を預かる".into(), ..as_read.clone() };
        file.write(|tx| save_jigyokei(tx, "情シス 高橋", &theirs)).unwrap();
        let save_from = |file: &mut CompanyFile, as_read: &JigyokeiPlan| {
            let mine = JigyokeiPlan { period_start: "2027-04-01".into(), ..as_read.clone() };
            file.write(|tx| {
                refuse_if_jigyokei_changed(tx, as_read)?;
                save_jigyokei(tx, "総務 佐藤", &mine)
            })
        };
        let refused = save_from(&mut file, &as_read).unwrap_err();
        assert_eq!(refused.code(), "changed_elsewhere");
        let stored = jigyokei(file.connection()).unwrap();
        assert_eq!((stored.supply_chain_role.as_str(), stored.period_start.as_str()), (theirs.supply_chain_role.as_str(), ""));
        // From the answers read again, the save goes through and keeps theirs.
        save_from(&mut file, &stored).unwrap();
        let stored = jigyokei(file.connection()).unwrap();
        assert_eq!(
            (stored.supply_chain_role.as_str(), stored.period_start.as_str()),
            (theirs.supply_chain_role.as_str(), "2027-04-01")
        );
    }

    #[test]
    fn a_plan_is_saved_and_read_back_with_blank_rows_dropped_and_its_history() {
        let mut file = CompanyFile::in_memory("テスト", &builtin_policy(Language::Ja).unwrap()).unwrap();
        // A new file starts from the template's texts, with nothing company-specific and no history.
        let started = jigyokei(file.connection()).unwrap();
        assert!(!started.safety_check.is_empty() && started.measures.len() == 4);
        assert!(started.supply_chain_role.is_empty() && started.sites.is_empty() && started.period_start.is_empty());
        assert!(crate::store::history::change_history(file.connection(), Some(ChangedEntity::Jigyokei), None, 10, 0)
            .unwrap()
            .is_empty());
        let mut plan = filled();
        plan.sites.push(JigyokeiSite::default());
        plan.measures = vec![
            JigyokeiMeasure {
                kind: MeasureKind::Information,
                content: "毎晩クラウドへ".into(),
                timing: "実施済み".into(),
                cost_yen: Some(36_000),
            },
            JigyokeiMeasure { kind: MeasureKind::Goods, content: "  ".into(), timing: String::new(), cost_yen: None },
        ];
        plan.partners =
            vec![JigyokeiPartner { name: "ミナト情報システム".into(), role: "サーバーの復旧".into() }];
        file.write(|tx| save_jigyokei(tx, "鈴木", &plan)).unwrap();
        let read = jigyokei(file.connection()).unwrap();
        assert_eq!(read.sites.len(), 1, "the blank site is dropped");
        assert_eq!(read.measures.len(), 1, "the blank measure is dropped");
        assert_eq!(read.measures[0].cost_yen, Some(36_000));
        assert_eq!(read.partners, plan.partners);
        assert_eq!(read.supply_chain_role, plan.supply_chain_role);
        let history =
            crate::store::history::change_history(file.connection(), Some(ChangedEntity::Jigyokei), None, 10, 0).unwrap();
        assert_eq!(history.len(), 1);
        // Saving the same again records nothing.
        file.write(|tx| save_jigyokei(tx, "鈴木", &read)).unwrap();
        assert_eq!(
            crate::store::history::change_history(file.connection(), Some(ChangedEntity::Jigyokei), None, 10, 0).unwrap().len(),
            1
        );

        let bad = JigyokeiPlan { period_start: "2027/01/01".into(), ..filled() };
        match file.write(|tx| save_jigyokei(tx, "鈴木", &bad)) {
            Err(StoreError::Refused { code, .. }) => assert_eq!(code, ErrorCode::InvalidDate),
            other => panic!("{other:?}"),
        }
        let nameless = JigyokeiPlan { partners: vec![JigyokeiPartner { name: " ".into(), role: "配送".into() }], ..filled() };
        assert!(file.write(|tx| save_jigyokei(tx, "鈴木", &nameless)).is_err());
        assert_eq!(jigyokei(file.connection()).unwrap(), read, "a refused save changes nothing");
    }

    #[test]
    fn each_check_is_found_and_a_complete_plan_has_none() {
        let new_file = KeptAlive { targets_without_owner: Vec::new(), exercise_due: true, bcp_never_reviewed: true };
        assert_eq!(checks(&filled(), &new_file), []);
        let owners = KeptAlive { targets_without_owner: vec!["顧客データ".into()], ..new_file.clone() };
        assert_eq!(checks(&filled(), &owners), [JigyokeiCheck::TargetWithoutOwner { name: "顧客データ".into() }]);

        let empty = checks(&JigyokeiPlan::default(), &new_file);
        assert_eq!(
            empty,
            [
                JigyokeiCheck::NoSupplyChainRole,
                JigyokeiCheck::NoEvacuation,
                JigyokeiCheck::NoSafetyCheck,
                JigyokeiCheck::NoMeasureOfKind { measure_kind: MeasureKind::People },
                JigyokeiCheck::NoMeasureOfKind { measure_kind: MeasureKind::Goods },
                JigyokeiCheck::NoMeasureOfKind { measure_kind: MeasureKind::Money },
                JigyokeiCheck::NoMeasureOfKind { measure_kind: MeasureKind::Information },
                JigyokeiCheck::NoTrainingPlanned,
                JigyokeiCheck::NoReviewDate,
            ]
        );
        let odd = JigyokeiPlan {
            covers_natural: false,
            sites: vec![
                JigyokeiSite { flood: "3m".into(), ..Default::default() },
                JigyokeiSite { name: "倉庫".into(), ..Default::default() },
            ],
            period_start: "2027-01-01".into(),
            period_end: "2030-01-31".into(),
            ..filled()
        };
        assert_eq!(
            checks(&odd, &new_file),
            [
                JigyokeiCheck::NoRiskChosen,
                JigyokeiCheck::HazardWithoutSite { position: 1 },
                JigyokeiCheck::SiteWithoutAddress { name: "倉庫".into() },
                JigyokeiCheck::PeriodTooLong { months: 37 },
            ]
        );
        let reversed = JigyokeiPlan { period_end: "2026-12-31".into(), ..filled() };
        assert_eq!(checks(&reversed, &new_file), [JigyokeiCheck::PeriodReversed]);
        let kept_alive = KeptAlive { exercise_due: false, bcp_never_reviewed: false, ..new_file };
        let unplanned = JigyokeiPlan { training_plan: String::new(), review_plan: String::new(), ..filled() };
        assert_eq!(checks(&unplanned, &kept_alive), [], "the calendar shows both kept up");
        assert_eq!(period_months(day("2027-04-01"), day("2030-03-31")), 36);
        assert_eq!(period_months(day("2027-01-01"), day("2029-12-31")), 36);
    }

    #[test]
    fn each_kind_of_measure_left_out_gives_its_check_and_the_demo_has_all_four() {
        let kind_checks = |plan: &JigyokeiPlan| -> Vec<JigyokeiCheck> {
            checks(plan, &KeptAlive::default())
                .into_iter()
                .filter(|c| matches!(c, JigyokeiCheck::NoMeasureOfKind { .. }))
                .collect()
        };
        assert_eq!(kind_checks(&filled()), []);
        for &left_out in MeasureKind::ALL {
            let mut plan = filled();
            plan.measures.retain(|m| m.kind != left_out);
            assert_eq!(kind_checks(&plan), [JigyokeiCheck::NoMeasureOfKind { measure_kind: left_out }], "{left_out:?}");
            // A measure with nothing written does not count.
            plan.measures.push(JigyokeiMeasure {
                kind: left_out,
                content: "  ".into(),
                timing: "実施済み".into(),
                cost_yen: None,
            });
            assert_eq!(kind_checks(&plan).len(), 1, "{left_out:?} with a blank measure");
        }
        let mut money_only = filled();
        money_only.measures.retain(|m| m.kind == MeasureKind::Money);
        assert_eq!(
            kind_checks(&money_only),
            [MeasureKind::People, MeasureKind::Goods, MeasureKind::Information]
                .map(|measure_kind| JigyokeiCheck::NoMeasureOfKind { measure_kind })
        );

        let dir = tempfile::tempdir().unwrap();
        for language in [Language::Ja, Language::En] {
            let demo = CompanyFile::create_demo(&dir.path().join(format!("demo-{language:?}.sonae")), language).unwrap();
            let plan = jigyokei(demo.connection()).unwrap();
            let found = checks(&plan, &KeptAlive::default());
            assert!(!found.iter().any(|c| matches!(c, JigyokeiCheck::NoMeasureOfKind { .. })), "{language:?}: {found:?}");
        }
    }

    #[test]
    fn missing_fields_leave_out_what_the_records_fill() {
        let file = CompanyFile::in_memory("テスト", &builtin_policy(Language::Ja).unwrap()).unwrap();
        let missing_now = missing(file.connection(), &JigyokeiPlan::default()).unwrap();
        assert!(missing_now.contains(&JigyokeiField::SafetyCheck) && missing_now.contains(&JigyokeiField::Period));
        assert!(missing_now.contains(&JigyokeiField::TrainingPlan), "no exercise recorded yet");
        assert!(!missing_now.contains(&JigyokeiField::CyberRisks), "cyber attacks are not covered");
        let filled = missing(file.connection(), &filled()).unwrap();
        assert!(!filled.contains(&JigyokeiField::SafetyCheck) && !filled.contains(&JigyokeiField::Period));
    }
}
