//! The facts of an incident that the assessment looks at, and how they are read from JSON.
//!
//! The shape is the contract of `sonae-cli assess` (docs/rules.md §4): only `discovered_at` is
//! required; a missing or `null` field means false, 0, "not said" or the general case, so a facts
//! file written for version 1 of the rules still reads. Facts are read field by field instead of
//! through a plain derive so that every mistake is reported in one line naming the field
//! ("personal_data.subjects must not be negative (got -3)"), whether the facts come from a file on
//! the command line or from the app's UI.
//!
//! Unknown fields are rejected: a misspelt key ("subject" for "subjects") would otherwise be
//! dropped silently and could hide a reporting duty. Keys starting with `_` or `$` are ignored, so
//! a facts file may carry comments (`"_note": "..."`) or a `$schema` link. Facts that contradict
//! themselves (`"involved": false` with a head-count) are refused rather than guessed at.

use chrono::{DateTime, FixedOffset};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::deadline;
use super::rule_set::RuleSet;

/// What the assessment knows about one incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(try_from = "serde_json::Value")]
pub struct Facts {
    /// 知った日時 — when the company came to know of the incident (RFC 3339, any offset). Its date
    /// in Japan (UTC+09:00) is day 1 of every report deadline.
    #[ts(type = "string")]
    pub discovered_at: DateTime<FixedOffset>,
    /// 発生日時 — when it happened, if known (RFC 3339). Only the drafts use it; no deadline
    /// counts from it.
    #[ts(type = "string | null")]
    pub occurred_at: Option<DateTime<FixedOffset>>,
    /// How far it went: a near miss (nothing happened), an event (signs, no damage confirmed) or
    /// an incident (damage confirmed). Missing means an incident.
    pub stage: IncidentStage,
    pub category: IncidentCategory,
    /// 不正アクセス — unauthorized access, or attempts at it.
    pub unauthorized_access: bool,
    /// マルウェア — malware found or an infection, whatever the category.
    pub malware: bool,
    /// A crime is suspected: theft, extortion, insider take-out.
    pub crime_suspected: bool,
    /// 通信の秘密 — users' communications (their contents, or who communicated with whom and
    /// when) leaked or may have; with `organization.sector: telecom` it is a report to MIC under
    /// 電気通信事業法 art. 28 (docs/rules.md §7.9).
    pub communications_secrecy: bool,
    /// The company's own personal data.
    pub personal_data: PersonalData,
    /// 委託を受けた個人データ — data the company handles for clients (委託元), assessed apart from
    /// its own.
    pub entrusted_data: Option<EntrustedData>,
    pub organization: Organization,
}

/// The incident categories of the company's procedures (the IPA model rules' 漏えい・流出,
/// 改ざん・消失・破壊・サービス停止 and ウイルス感染, split here as the assessment needs).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum IncidentCategory {
    /// 漏えい・流出
    Leak,
    /// 改ざん・消失・破壊
    Tampering,
    /// サービス停止
    Outage,
    /// ウイルス感染
    Malware,
    #[default]
    Other,
}

crate::keys::keyed!(IncidentCategory);

/// Personal data that was (or may have been) leaked, lost or damaged — 漏えい等 — as far as the
/// office knows: how many people, what kind of data, and what may lift a report. The company's own
/// data and a client's data are each described this way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct DataAtRisk {
    /// Personal data is (or may be) involved. Any count, `subjects_unknown`, a kind of data or
    /// My Numbers say so too; `true` by itself says only that personal data could be among what
    /// was hit; `false` with anything that says otherwise is refused; `null` = not said.
    pub involved: Option<bool>,
    /// 本人の数 — how many people the data is about, as known or estimated. 0 with personal data
    /// involved and no `subjects_max` means nobody knows yet.
    pub subjects: u64,
    /// The most people that may be affected (e.g. the records the stolen PC held); at least
    /// `subjects`.
    pub subjects_max: Option<u64>,
    /// Nobody can say yet how many people are affected.
    pub subjects_unknown: bool,
    /// 要配慮個人情報 — includes special-care-required data (medical, criminal record, ...).
    pub sensitive: bool,
    /// 財産的被害のおそれ — could cause financial loss (card numbers, banking credentials).
    pub financial_damage_risk: bool,
    /// 不正の目的のおそれ — may have been done with an unlawful purpose.
    pub unlawful_purpose: bool,
    /// Personal information the company was in the course of collecting, to keep as personal data
    /// (e.g. what customers typed into its own web form). Counts from 2024-04-01 only.
    pub being_acquired: bool,
    /// 高度な暗号化 — strongly encrypted, with the key kept safe.
    pub high_level_encryption: bool,
    /// Everything was recovered, and it is confirmed that no third party viewed it: no leak
    /// happened. Lifts the PPC and My Number reports, except My Numbers posted publicly or used
    /// for an improper purpose (docs/rules.md §6).
    pub recovered_unviewed: bool,
    /// My Numbers (特定個人情報) are, or may be, among the data. A My Number count or
    /// `my_number_public` says so too; `false` with those is refused.
    pub my_number_involved: Option<bool>,
    /// People whose My Number is included, as known.
    pub my_number_subjects: u64,
    /// The most people whose My Number may be included; at least `my_number_subjects`.
    pub my_number_subjects_max: Option<u64>,
    /// The My Numbers could be seen by anyone on the web or on a system outsiders can reach.
    pub my_number_public: bool,
    /// People living in the EU/EEA.
    pub eu_subjects: u64,
}

/// The company's own personal data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PersonalData {
    #[serde(flatten)]
    pub at_risk: DataAtRisk,
    /// Version 1's way to say that all the data is a client's and the client (委託元) has been
    /// told; refused together with `entrusted_data`.
    pub entrusted_by_client_notified: bool,
}

/// Personal data the company handles for clients as a processor (委託先).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct EntrustedData {
    #[serde(flatten)]
    pub at_risk: DataAtRisk,
    /// The client (委託元) has been told; from then on the reports on this data are the client's.
    pub client_notified: bool,
}

/// Who the company is, as far as reporting duties go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Organization {
    /// プライバシーマーク付与事業者
    pub privacy_mark: bool,
    /// ISMS (ISO/IEC 27001) certified; its certification body's reporting terms are per contract.
    pub isms_certified: bool,
    /// The company has cyber insurance, whose policy asks to be told of incidents.
    pub cyber_insurance: bool,
    /// The GDPR applies to the company (art. 3: it has an establishment in the EU, or targets
    /// people there with goods or services or watches how they behave there). Missing means yes,
    /// so that no report is missed until the company profile says otherwise.
    pub gdpr_applies: bool,
    pub sector: Sector,
}

impl Default for Organization {
    fn default() -> Self {
        Organization {
            privacy_mark: false,
            isms_certified: false,
            cyber_insurance: false,
            gdpr_applies: true,
            sector: Sector::General,
        }
    }
}

/// Why a facts document was refused. Each message is one line and names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactsError {
    #[error("the facts are not valid JSON: {0}")]
    Json(String),
    #[error("{0} must be a JSON object")]
    NotAnObject(String),
    #[error("discovered_at is missing")]
    MissingDiscoveredAt,
    #[error("{field} is not an RFC 3339 date-time: {value} ({reason})")]
    BadDateTime { field: String, value: String, reason: String },
    #[error("{field} must be true or false (got {value})")]
    NotAFlag { field: String, value: String },
    #[error("{field} must not be negative (got {value})")]
    NegativeCount { field: String, value: String },
    #[error("{field} must be a whole number (got {value})")]
    NotACount { field: String, value: String },
    #[error("unknown {field} {value} (expected {expected})")]
    UnknownChoice { field: String, value: String, expected: String },
    #[error("unknown field {0} (check the spelling; keys starting with \"_\" are ignored)")]
    UnknownField(String),
    #[error(
        "discovered_at {value} is {day} in Japan, before {first}, when reporting personal-data breaches became a legal duty; the assessment covers incidents known from then on"
    )]
    BeforeReportingDuty { value: String, day: String, first: String },
    #[error(
        "{max_field} ({max}) is below {count_field} ({count}); the most that may be affected cannot be fewer than those known"
    )]
    MaxBelowCount { max_field: String, max: u64, count_field: String, count: u64 },
    #[error("{field} is false, but {by} is {value}, which says otherwise; leave {field} out or make it true")]
    Contradicted { field: String, by: String, value: String },
    #[error("{0} cannot be left open (null): no one answer is the safe one, so it must be answered")]
    NoSafeAnswer(String),
    #[error("personal_data.entrusted_by_client_notified cannot be true together with entrusted_data: describe the client's data in entrusted_data (with client_notified) instead")]
    EntrustedTwice,
}

/// Reads a facts document (the JSON of docs/rules.md §4).
pub fn parse_facts(json: &str) -> Result<Facts, FactsError> {
    let value: Value = serde_json::from_str(json).map_err(|e| FactsError::Json(e.to_string()))?;
    Facts::try_from(value)
}

impl TryFrom<Value> for Facts {
    type Error = FactsError;

    fn try_from(value: Value) -> Result<Self, FactsError> {
        let mut top = Section::new(Some(&value), "facts", "")?;
        let discovered_at = top.take("discovered_at").ok_or(FactsError::MissingDiscoveredAt)?;
        let facts = Facts {
            discovered_at: date_time("discovered_at", discovered_at)?,
            occurred_at: top.take("occurred_at").map(|value| date_time("occurred_at", value)).transpose()?,
            stage: top.choice("stage", IncidentStage::Incident)?,
            category: top.choice("category", IncidentCategory::Other)?,
            unauthorized_access: top.flag("unauthorized_access")?,
            malware: top.flag("malware")?,
            crime_suspected: top.flag("crime_suspected")?,
            communications_secrecy: top.flag("communications_secrecy")?,
            personal_data: PersonalData::read(top.take("personal_data"))?,
            entrusted_data: top.take("entrusted_data").map(|value| EntrustedData::read(Some(value))).transpose()?,
            organization: Organization::read(top.take("organization"))?,
        };
        top.finish()?;
        facts.check()?;
        Ok(facts)
    }
}

impl Facts {
    /// The checks that need more than one field.
    pub(crate) fn check(&self) -> Result<(), FactsError> {
        let known_on = deadline::day_of_knowing(self.discovered_at);
        let Some(rules) = RuleSet::in_force_on(known_on) else {
            return Err(FactsError::BeforeReportingDuty {
                value: self.discovered_at.to_rfc3339(),
                day: known_on.to_string(),
                first: RuleSet::earliest().effective.to_string(),
            });
        };
        self.personal_data.at_risk.check("personal_data.", rules)?;
        if let Some(entrusted) = &self.entrusted_data {
            if self.personal_data.entrusted_by_client_notified {
                return Err(FactsError::EntrustedTwice);
            }
            entrusted.at_risk.check("entrusted_data.", rules)?;
        }
        Ok(())
    }
}

impl DataAtRisk {
    /// Reads the fields every kind of data has from `section`.
    fn read(section: &mut Section) -> Result<Self, FactsError> {
        Ok(DataAtRisk {
            involved: section.optional_flag("involved")?,
            subjects: section.count("subjects")?,
            subjects_max: section.optional_count("subjects_max")?,
            subjects_unknown: section.flag("subjects_unknown")?,
            sensitive: section.flag("sensitive")?,
            financial_damage_risk: section.flag("financial_damage_risk")?,
            unlawful_purpose: section.flag("unlawful_purpose")?,
            being_acquired: section.flag("being_acquired")?,
            high_level_encryption: section.flag("high_level_encryption")?,
            recovered_unviewed: section.flag("recovered_unviewed")?,
            my_number_involved: section.optional_flag("my_number_involved")?,
            my_number_subjects: section.count("my_number_subjects")?,
            my_number_subjects_max: section.optional_count("my_number_subjects_max")?,
            my_number_public: section.flag("my_number_public")?,
            eu_subjects: section.count("eu_subjects")?,
        })
    }

    /// Refuses counts whose maximum is below them and an `involved: false` that other fields
    /// contradict. `prefix` names the section in messages.
    fn check(&self, prefix: &str, rules: &RuleSet) -> Result<(), FactsError> {
        for (max_field, max, count_field, count) in [
            ("subjects_max", self.subjects_max, "subjects", self.subjects),
            ("my_number_subjects_max", self.my_number_subjects_max, "my_number_subjects", self.my_number_subjects),
        ] {
            if let Some(max) = max.filter(|max| *max < count) {
                return Err(FactsError::MaxBelowCount {
                    max_field: format!("{prefix}{max_field}"),
                    max,
                    count_field: format!("{prefix}{count_field}"),
                    count,
                });
            }
        }
        for (field, said, shown_by) in [
            ("my_number_involved", self.my_number_involved, self.my_numbers_shown_by()),
            ("involved", self.involved, self.involvement_shown_by(rules.covers_information_being_acquired)),
        ] {
            if let (Some(false), Some((by, value))) = (said, shown_by) {
                return Err(FactsError::Contradicted { field: format!("{prefix}{field}"), by: format!("{prefix}{by}"), value });
            }
        }
        Ok(())
    }

    /// The first field other than `involved` that says personal data is involved, with its value
    /// as written. `being_acquired` counts only when the rules cover such information.
    pub(crate) fn involvement_shown_by(&self, being_acquired_counts: bool) -> Option<(&'static str, String)> {
        [
            ("subjects", count(self.subjects)),
            ("subjects_max", self.subjects_max.map(|n| n.to_string())),
            ("subjects_unknown", flag(self.subjects_unknown)),
            ("sensitive", flag(self.sensitive)),
            ("financial_damage_risk", flag(self.financial_damage_risk)),
            ("unlawful_purpose", flag(self.unlawful_purpose)),
            ("being_acquired", flag(self.being_acquired && being_acquired_counts)),
            ("my_number_involved", flag(self.my_number_involved == Some(true))),
            ("eu_subjects", count(self.eu_subjects)),
        ]
        .into_iter()
        .chain(self.my_number_fields())
        .find_map(|(field, value)| Some((field, value?)))
    }

    /// Whether personal data is said to be involved, by `involved` or by any field that shows it.
    pub fn held(&self) -> bool {
        self.involved == Some(true) || (self.involved.is_none() && self.involvement_shown_by(true).is_some())
    }

    /// Whether My Numbers are said to be among the data, by `my_number_involved` or a field (a
    /// field with `my_number_involved: false` is refused by the check).
    pub fn holds_my_numbers(&self) -> bool {
        self.my_number_involved == Some(true) || self.my_numbers_shown_by().is_some()
    }

    /// The first field other than `my_number_involved` that says My Numbers are involved.
    pub(crate) fn my_numbers_shown_by(&self) -> Option<(&'static str, String)> {
        self.my_number_fields().into_iter().find_map(|(field, value)| Some((field, value?)))
    }

    fn my_number_fields(&self) -> [(&'static str, Option<String>); 3] {
        [
            ("my_number_subjects", count(self.my_number_subjects)),
            ("my_number_subjects_max", self.my_number_subjects_max.map(|n| n.to_string())),
            ("my_number_public", flag(self.my_number_public)),
        ]
    }
}

/// A count as written, when it says something (above 0).
fn count(n: u64) -> Option<String> {
    (n > 0).then(|| n.to_string())
}

/// A flag as written, when it is set.
fn flag(set: bool) -> Option<String> {
    set.then(|| "true".to_owned())
}

impl PersonalData {
    fn read(value: Option<&Value>) -> Result<Self, FactsError> {
        let mut section = Section::new(value, "personal_data", "personal_data.")?;
        let data = PersonalData {
            at_risk: DataAtRisk::read(&mut section)?,
            entrusted_by_client_notified: section.flag("entrusted_by_client_notified")?,
        };
        section.finish()?;
        Ok(data)
    }
}

impl EntrustedData {
    fn read(value: Option<&Value>) -> Result<Self, FactsError> {
        let mut section = Section::new(value, "entrusted_data", "entrusted_data.")?;
        let data = EntrustedData { at_risk: DataAtRisk::read(&mut section)?, client_notified: section.flag("client_notified")? };
        section.finish()?;
        Ok(data)
    }
}

impl Organization {
    fn read(value: Option<&Value>) -> Result<Self, FactsError> {
        let mut section = Section::new(value, "organization", "organization.")?;
        let organization = Organization {
            privacy_mark: section.flag("privacy_mark")?,
            isms_certified: section.flag("isms_certified")?,
            cyber_insurance: section.flag("cyber_insurance")?,
            gdpr_applies: section.flag_or("gdpr_applies", true)?,
            sector: section.choice("sector", Sector::General)?,
        };
        section.finish()?;
        Ok(organization)
    }
}

/// An RFC 3339 date-time with its offset.
fn date_time(field: &str, value: &Value) -> Result<DateTime<FixedOffset>, FactsError> {
    let bad =
        |reason: &str| FactsError::BadDateTime { field: field.to_owned(), value: value.to_string(), reason: reason.to_owned() };
    let text = value.as_str().ok_or_else(|| bad("expected a string such as \"2026-04-06T15:30:00+09:00\""))?;
    DateTime::parse_from_rfc3339(text).map_err(|e| bad(&e.to_string()))
}

/// A closed set of snake_case values (stage, category, sector), named by their serde form.
trait Choice: Copy + Serialize + DeserializeOwned + 'static {
    const ALL: &'static [Self];
}

impl Choice for IncidentStage {
    const ALL: &'static [Self] = &[Self::NearMiss, Self::Event, Self::Incident];
}

impl Choice for IncidentCategory {
    const ALL: &'static [Self] = &[Self::Leak, Self::Tampering, Self::Outage, Self::Malware, Self::Other];
}

impl Choice for Sector {
    const ALL: &'static [Self] = &[Self::General, Self::Finance, Self::Medical, Self::Telecom];
}

/// "a, b, c or d" from the serde names of a choice's values.
fn expected_choices<T: Choice>() -> String {
    let names: Vec<String> = T::ALL.iter().filter_map(|v| serde_json::to_value(v).ok()?.as_str().map(str::to_owned)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// One JSON object of the facts, read key by key; remembers which keys were read so the rest
/// can be reported as unknown.
struct Section<'a> {
    fields: Option<&'a Map<String, Value>>,
    /// Prefix that turns a key into the path shown in messages ("personal_data.").
    prefix: &'static str,
    read: Vec<&'static str>,
}

impl<'a> Section<'a> {
    /// `value` is the section's JSON (absent or `null` reads as an empty section).
    fn new(value: Option<&'a Value>, name: &str, prefix: &'static str) -> Result<Self, FactsError> {
        let fields = match value {
            None => None,
            Some(Value::Object(map)) => Some(map),
            Some(_) => return Err(FactsError::NotAnObject(name.to_owned())),
        };
        Ok(Section { fields, prefix, read: Vec::new() })
    }

    fn path(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// The value of `key`, treating `null` as absent.
    fn take(&mut self, key: &'static str) -> Option<&'a Value> {
        self.read.push(key);
        self.fields?.get(key).filter(|v| !v.is_null())
    }

    /// A flag that is false when absent.
    fn flag(&mut self, key: &'static str) -> Result<bool, FactsError> {
        self.flag_or(key, false)
    }

    fn flag_or(&mut self, key: &'static str, default: bool) -> Result<bool, FactsError> {
        Ok(self.optional_flag(key)?.unwrap_or(default))
    }

    /// A flag that may be left unsaid (absent or `null`).
    fn optional_flag(&mut self, key: &'static str) -> Result<Option<bool>, FactsError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(FactsError::NotAFlag { field: self.path(key), value: other.to_string() }),
        }
    }

    /// A count that is 0 when absent.
    fn count(&mut self, key: &'static str) -> Result<u64, FactsError> {
        Ok(self.optional_count(key)?.unwrap_or(0))
    }

    /// A count that may be left unsaid (absent or `null`).
    fn optional_count(&mut self, key: &'static str) -> Result<Option<u64>, FactsError> {
        let Some(value) = self.take(key) else { return Ok(None) };
        let number = value.as_number();
        if let Some(n) = number.and_then(|n| n.as_u64()) {
            return Ok(Some(n));
        }
        let float = number.and_then(|n| n.as_f64());
        if float.is_some_and(|f| f < 0.0) {
            return Err(FactsError::NegativeCount { field: self.path(key), value: value.to_string() });
        }
        match float {
            // A whole number written with a fraction part, e.g. 1000.0.
            Some(f) if f.fract() == 0.0 && f <= u64::MAX as f64 => Ok(Some(f as u64)),
            _ => Err(FactsError::NotACount { field: self.path(key), value: value.to_string() }),
        }
    }

    fn choice<T: Choice>(&mut self, key: &'static str, default: T) -> Result<T, FactsError> {
        let Some(value) = self.take(key) else { return Ok(default) };
        serde_json::from_value(value.clone()).map_err(|_| FactsError::UnknownChoice {
            field: self.path(key),
            value: value.to_string(),
            expected: expected_choices::<T>(),
        })
    }

    /// Fails on the first key that was not read and is not a comment.
    fn finish(self) -> Result<(), FactsError> {
        let unknown = self
            .fields
            .into_iter()
            .flat_map(|map| map.keys())
            .find(|key| !self.read.contains(&key.as_str()) && !key.starts_with(['_', '$']));
        match unknown {
            Some(key) => Err(FactsError::UnknownField(Value::String(self.path(key)).to_string())),
            None => Ok(()),
        }
    }
}

/// 業種 — decides sector-specific reporting duties (e.g. the FSA for financial businesses).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Sector {
    General,
    Finance,
    Medical,
    Telecom,
}

crate::keys::keyed!(Sector);

/// 段階 — weakness (near miss), event, or incident with confirmed damage (docs/rules.md §4).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum IncidentStage {
    /// セキュリティ弱点・ヒヤリハット
    NearMiss,
    /// セキュリティ事象
    Event,
    /// セキュリティインシデント
    Incident,
}

crate::keys::keyed!(IncidentStage);

#[cfg(test)]
mod tests {
    use super::*;

    fn error(json: &str) -> String {
        parse_facts(json).unwrap_err().to_string()
    }

    #[test]
    fn only_discovered_at_is_required() {
        let facts = parse_facts(r#"{"discovered_at": "2026-04-06T15:30:00+09:00"}"#).unwrap();
        assert_eq!(facts.category, IncidentCategory::Other);
        assert_eq!(facts.personal_data, PersonalData::default());
        assert_eq!(facts.organization.sector, Sector::General);
        assert_eq!(facts.discovered_at.offset().local_minus_utc(), 9 * 3600);
    }

    /// A version-1 facts file, as the app stored them in existing company files.
    const VERSION_1: &str = r#"{
        "discovered_at": "2026-04-06T15:30:00+09:00", "category": "leak",
        "unauthorized_access": true, "malware": true, "crime_suspected": true,
        "personal_data": {
            "subjects": 12, "sensitive": true, "financial_damage_risk": true, "unlawful_purpose": true,
            "high_level_encryption": true, "recovered_unviewed": true,
            "my_number_subjects": 3, "eu_subjects": 2, "entrusted_by_client_notified": true
        },
        "organization": { "privacy_mark": true, "isms_certified": true, "sector": "finance" }
    }"#;

    #[test]
    fn a_version_1_file_still_reads_with_the_new_fields_at_their_defaults() {
        let facts = parse_facts(VERSION_1).unwrap();
        let data = &facts.personal_data.at_risk;
        assert_eq!((data.subjects, data.my_number_subjects, data.eu_subjects), (12, 3, 2));
        assert!(data.sensitive && data.financial_damage_risk && data.unlawful_purpose);
        assert!(data.high_level_encryption && data.recovered_unviewed);
        assert!(facts.personal_data.entrusted_by_client_notified);
        assert_eq!((data.involved, data.subjects_max, data.subjects_unknown), (None, None, false));
        assert_eq!((data.my_number_involved, data.my_number_subjects_max, data.my_number_public), (None, None, false));
        assert!(!data.being_acquired);
        assert_eq!(facts.stage, IncidentStage::Incident);
        assert_eq!((facts.occurred_at, facts.entrusted_data.as_ref()), (None, None));
        assert_eq!(facts.organization.sector, Sector::Finance);
        assert!(facts.organization.isms_certified);
        assert!(!facts.organization.cyber_insurance);
        assert!(facts.organization.gdpr_applies, "the GDPR applies until the profile says not");
    }

    #[test]
    fn reads_every_field_of_the_version_2_contract() {
        let facts = parse_facts(
            r#"{
                "discovered_at": "2026-04-06T15:30:00+09:00", "occurred_at": "2026-04-05T22:00:00+09:00",
                "stage": "event", "category": "leak",
                "unauthorized_access": true, "malware": false, "crime_suspected": true,
                "personal_data": {
                    "involved": true, "subjects": 12, "subjects_max": 400, "subjects_unknown": false,
                    "sensitive": true, "financial_damage_risk": false, "unlawful_purpose": true, "being_acquired": true,
                    "high_level_encryption": false, "recovered_unviewed": false,
                    "my_number_involved": true, "my_number_subjects": 3, "my_number_subjects_max": 50,
                    "my_number_public": true, "eu_subjects": 2, "entrusted_by_client_notified": false
                },
                "entrusted_data": {
                    "subjects_unknown": true, "financial_damage_risk": true, "eu_subjects": 7, "client_notified": true
                },
                "organization": { "privacy_mark": true, "isms_certified": false, "cyber_insurance": true,
                                  "gdpr_applies": false, "sector": "telecom" }
            }"#,
        )
        .unwrap();
        assert_eq!(facts.stage, IncidentStage::Event);
        assert_eq!(facts.occurred_at.unwrap().to_rfc3339(), "2026-04-05T22:00:00+09:00");
        let own = &facts.personal_data.at_risk;
        assert_eq!((own.involved, own.subjects, own.subjects_max), (Some(true), 12, Some(400)));
        assert!(own.being_acquired && own.my_number_public);
        assert_eq!((own.my_number_involved, own.my_number_subjects, own.my_number_subjects_max), (Some(true), 3, Some(50)));
        let entrusted = facts.entrusted_data.as_ref().unwrap();
        assert!(entrusted.client_notified && entrusted.at_risk.subjects_unknown && entrusted.at_risk.financial_damage_risk);
        assert_eq!(entrusted.at_risk.eu_subjects, 7);
        assert!(facts.organization.cyber_insurance && !facts.organization.gdpr_applies);
        assert_eq!(facts.organization.sector, Sector::Telecom);
    }

    #[test]
    fn facts_read_back_from_the_json_they_are_stored_as() {
        // The app stores the facts with serde_json and reads them back through the parser.
        for text in [
            VERSION_1,
            r#"{"discovered_at": "2026-04-06T15:30:00-05:00"}"#,
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"involved": false}}"#,
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "occurred_at": "2026-04-01T08:00:00Z",
                "stage": "near_miss", "personal_data": {"subjects": 5, "subjects_max": 9},
                "entrusted_data": {"involved": true}, "organization": {"gdpr_applies": false}}"#,
        ] {
            let facts = parse_facts(text).unwrap();
            let stored = serde_json::to_string(&facts).unwrap();
            assert_eq!(parse_facts(&stored).unwrap(), facts, "{stored}");
            assert_eq!(serde_json::from_str::<Facts>(&stored).unwrap(), facts);
        }
    }

    #[test]
    fn the_stored_json_has_the_contract_shape() {
        let facts = parse_facts(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "entrusted_data": {"subjects": 4}}"#).unwrap();
        let stored = serde_json::to_value(&facts).unwrap();
        assert_eq!(stored["personal_data"]["subjects"], 0);
        assert_eq!(stored["personal_data"]["involved"], Value::Null);
        assert_eq!(stored["personal_data"]["entrusted_by_client_notified"], false);
        assert_eq!(stored["entrusted_data"]["subjects"], 4);
        assert_eq!(stored["entrusted_data"]["client_notified"], false);
        assert!(stored["entrusted_data"].get("entrusted_by_client_notified").is_none());
        assert_eq!(stored["stage"], "incident");
        assert_eq!(stored["organization"]["gdpr_applies"], true);
    }

    #[test]
    fn null_reads_as_absent() {
        let facts = parse_facts(
            r#"{"discovered_at": "2026-04-06T15:30:00Z", "category": null, "personal_data": null,
                "organization": {"sector": null}}"#,
        )
        .unwrap();
        assert_eq!(facts.category, IncidentCategory::Other);
        assert_eq!(facts.organization.sector, Sector::General);
    }

    #[test]
    fn comment_keys_are_ignored() {
        let facts = parse_facts(
            r#"{"$schema": "x", "_note": "lost USB stick", "discovered_at": "2026-04-06T15:30:00+09:00",
                "personal_data": {"_who": "patients", "subjects": 30}}"#,
        )
        .unwrap();
        assert_eq!(facts.personal_data.at_risk.subjects, 30);
    }

    #[test]
    fn whole_numbers_written_as_floats_are_counts() {
        let facts =
            parse_facts(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subjects": 1000.0}}"#).unwrap();
        assert_eq!(facts.personal_data.at_risk.subjects, 1000);
    }

    #[test]
    fn missing_date_is_refused() {
        assert_eq!(error(r#"{"category": "leak"}"#), "discovered_at is missing");
        assert_eq!(error(r#"{"discovered_at": null}"#), "discovered_at is missing");
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in ["\"2026-13-01T00:00:00+09:00\"", "\"yesterday\"", "\"2026-04-06T15:30:00\"", "20260406"] {
            let message = error(&format!(r#"{{"discovered_at": {bad}}}"#));
            assert!(message.starts_with("discovered_at is not an RFC 3339 date-time: "), "{message}");
            assert!(message.contains(bad), "{message}");
        }
    }

    #[test]
    fn unknown_category_names_the_choices() {
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "category": "foo"}"#),
            r#"unknown category "foo" (expected leak, tampering, outage, malware or other)"#
        );
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "organization": {"sector": "retail"}}"#),
            r#"unknown organization.sector "retail" (expected general, finance, medical or telecom)"#
        );
    }

    #[test]
    fn negative_counts_are_refused() {
        for section in ["personal_data", "entrusted_data"] {
            for field in ["subjects", "subjects_max", "my_number_subjects", "my_number_subjects_max", "eu_subjects"] {
                assert_eq!(
                    error(&format!(r#"{{"discovered_at": "2026-04-06T15:30:00+09:00", "{section}": {{"{field}": -1}}}}"#)),
                    format!("{section}.{field} must not be negative (got -1)")
                );
            }
        }
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subjects": -0.5}}"#),
            "personal_data.subjects must not be negative (got -0.5)"
        );
    }

    #[test]
    fn counts_must_be_whole_numbers() {
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subjects": "ten"}}"#),
            r#"personal_data.subjects must be a whole number (got "ten")"#
        );
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subjects": 2.5}}"#),
            "personal_data.subjects must be a whole number (got 2.5)"
        );
    }

    #[test]
    fn a_day_of_knowing_before_april_2022_is_refused() {
        assert_eq!(
            error(r#"{"discovered_at": "2022-03-31T23:59:00+09:00"}"#),
            "discovered_at 2022-03-31T23:59:00+09:00 is 2022-03-31 in Japan, before 2022-04-01, when reporting \
             personal-data breaches became a legal duty; the assessment covers incidents known from then on"
        );
        // The day is read in Japan: 15:30 UTC on 3/31 is already 4/1 there.
        assert!(parse_facts(r#"{"discovered_at": "2022-03-31T15:30:00Z"}"#).is_ok());
        assert!(error(r#"{"discovered_at": "2022-03-31T14:59:00Z"}"#).contains("is 2022-03-31 in Japan"));
        assert!(parse_facts(r#"{"discovered_at": "2022-04-01T00:00:00+09:00"}"#).is_ok());
    }

    #[test]
    fn a_maximum_below_its_count_is_refused() {
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subjects": 30, "subjects_max": 20}}"#),
            "personal_data.subjects_max (20) is below personal_data.subjects (30); the most that may be affected \
             cannot be fewer than those known"
        );
        assert!(error(
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00",
                "entrusted_data": {"my_number_subjects": 5, "my_number_subjects_max": 4}}"#
        )
        .starts_with("entrusted_data.my_number_subjects_max (4) is below entrusted_data.my_number_subjects (5)"));
        // A maximum equal to the count is the count known exactly.
        assert!(parse_facts(
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subjects": 30, "subjects_max": 30}}"#
        )
        .is_ok());
    }

    #[test]
    fn involved_false_with_a_field_that_says_otherwise_is_refused() {
        let with = |fields: &str| {
            error(&format!(
                r#"{{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {{"involved": false, {fields}}}}}"#
            ))
        };
        assert_eq!(
            with(r#""subjects": 12"#),
            "personal_data.involved is false, but personal_data.subjects is 12, which says otherwise; leave \
             personal_data.involved out or make it true"
        );
        for (fields, by) in [
            (r#""subjects_max": 0"#, "personal_data.subjects_max is 0"),
            (r#""subjects_unknown": true"#, "personal_data.subjects_unknown is true"),
            (r#""sensitive": true"#, "personal_data.sensitive is true"),
            (r#""financial_damage_risk": true"#, "personal_data.financial_damage_risk is true"),
            (r#""unlawful_purpose": true"#, "personal_data.unlawful_purpose is true"),
            (r#""being_acquired": true"#, "personal_data.being_acquired is true"),
            (r#""my_number_involved": true"#, "personal_data.my_number_involved is true"),
            (r#""my_number_subjects": 2"#, "personal_data.my_number_subjects is 2"),
            (r#""my_number_public": true"#, "personal_data.my_number_public is true"),
            (r#""eu_subjects": 1"#, "personal_data.eu_subjects is 1"),
        ] {
            let message = with(fields);
            assert!(message.starts_with(&format!("personal_data.involved is false, but {by},")), "{message}");
        }
        assert!(error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "entrusted_data": {"involved": false, "subjects": 3}}"#)
            .starts_with("entrusted_data.involved is false, but entrusted_data.subjects is 3,"));
    }

    #[test]
    fn my_number_involved_false_with_a_my_number_field_is_refused() {
        let message = error(
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00",
                "personal_data": {"my_number_involved": false, "my_number_subjects_max": 50}}"#,
        );
        assert!(
            message.starts_with("personal_data.my_number_involved is false, but personal_data.my_number_subjects_max is 50,"),
            "{message}"
        );
    }

    #[test]
    fn the_exemption_flags_do_not_say_personal_data_is_involved() {
        let facts = parse_facts(
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00",
                "personal_data": {"involved": false, "high_level_encryption": true, "recovered_unviewed": true,
                                  "entrusted_by_client_notified": true, "my_number_involved": false}}"#,
        )
        .unwrap();
        assert_eq!(facts.personal_data.at_risk.involved, Some(false));
    }

    #[test]
    fn information_being_acquired_says_nothing_before_the_2024_rules() {
        // Before 2024-04-01 such information was outside the reporting rules, so saying that no
        // personal data was involved is consistent.
        let facts = parse_facts(
            r#"{"discovered_at": "2024-03-15T10:00:00+09:00", "personal_data": {"involved": false, "being_acquired": true}}"#,
        )
        .unwrap();
        assert!(facts.personal_data.at_risk.being_acquired);
        assert!(error(
            r#"{"discovered_at": "2024-04-01T10:00:00+09:00", "personal_data": {"involved": false, "being_acquired": true}}"#
        )
        .starts_with("personal_data.involved is false, but personal_data.being_acquired is true,"));
    }

    #[test]
    fn entrusted_data_and_the_version_1_flag_are_not_given_together() {
        assert_eq!(
            error(
                r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"entrusted_by_client_notified": true},
                    "entrusted_data": {"subjects": 40}}"#
            ),
            "personal_data.entrusted_by_client_notified cannot be true together with entrusted_data: describe the \
             client's data in entrusted_data (with client_notified) instead"
        );
        for allowed in [
            r#""personal_data": {"entrusted_by_client_notified": false}, "entrusted_data": {"subjects": 40}"#,
            r#""personal_data": {"entrusted_by_client_notified": true}, "entrusted_data": null"#,
        ] {
            assert!(parse_facts(&format!(r#"{{"discovered_at": "2026-04-06T15:30:00+09:00", {allowed}}}"#)).is_ok());
        }
    }

    #[test]
    fn each_data_section_has_its_own_notified_flag() {
        assert!(error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"client_notified": true}}"#)
            .starts_with(r#"unknown field "personal_data.client_notified""#));
        assert!(error(
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "entrusted_data": {"entrusted_by_client_notified": true}}"#
        )
        .starts_with(r#"unknown field "entrusted_data.entrusted_by_client_notified""#));
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "entrusted_data": [1]}"#),
            "entrusted_data must be a JSON object"
        );
    }

    #[test]
    fn an_unknown_stage_names_the_choices() {
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "stage": "weakness"}"#),
            r#"unknown stage "weakness" (expected near_miss, event or incident)"#
        );
    }

    #[test]
    fn a_malformed_occurred_at_is_refused() {
        let message = error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "occurred_at": "last night"}"#);
        assert!(message.starts_with(r#"occurred_at is not an RFC 3339 date-time: "last night""#), "{message}");
    }

    #[test]
    fn flags_must_be_booleans() {
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "malware": "yes"}"#),
            r#"malware must be true or false (got "yes")"#
        );
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"involved": 1}}"#),
            "personal_data.involved must be true or false (got 1)"
        );
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "organization": {"gdpr_applies": "no"}}"#),
            r#"organization.gdpr_applies must be true or false (got "no")"#
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subject": 2000}}"#),
            r#"unknown field "personal_data.subject" (check the spelling; keys starting with "_" are ignored)"#
        );
        assert!(error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "ransom": true}"#).contains("\"ransom\""));
    }

    #[test]
    fn wrong_shapes_are_refused() {
        assert_eq!(error("[1, 2]"), "facts must be a JSON object");
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "organization": true}"#),
            "organization must be a JSON object"
        );
        assert!(error("{\"discovered_at\": ").starts_with("the facts are not valid JSON: "));
        assert!(error("").starts_with("the facts are not valid JSON: "));
    }

    #[test]
    fn the_serde_path_gives_the_same_messages() {
        let err =
            serde_json::from_str::<Facts>(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "category": "x"}"#).unwrap_err();
        assert!(err.to_string().starts_with(r#"unknown category "x" (expected"#), "{err}");
    }

    #[test]
    fn every_message_is_one_line() {
        let inputs = [
            "{\n",
            r#"{"discovered_at": "2026-04-06\nT15:30:00+09:00"}"#,
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "category": "a\nb"}"#,
            r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "x\ny": 1}"#,
        ];
        for input in inputs {
            let message = error(input);
            assert!(!message.contains('\n'), "{message:?}");
        }
    }
}
