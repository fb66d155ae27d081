//! The facts of an incident that the assessment looks at, and how they are read from JSON.
//!
//! The shape is the contract of `sonae-cli assess` (DOMAIN.md §4): only `discovered_at` is
//! required; a missing or `null` field means false, 0 or the general case. Facts are read field by
//! field instead of through a plain derive so that every mistake is reported in one line naming
//! the field ("personal_data.subjects must not be negative (got -3)"), whether the facts come from
//! a file on the command line or from the app's UI.
//!
//! Unknown fields are rejected: a misspelt key ("subject" for "subjects") would otherwise be
//! dropped silently and could hide a reporting duty. Keys starting with `_` or `$` are ignored, so
//! a facts file may carry comments (`"_note": "..."`) or a `$schema` link.

use chrono::{DateTime, FixedOffset};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::deadline;
use super::rule_set::RuleSet;
pub use crate::model::Sector;

/// What the assessment knows about one incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(try_from = "serde_json::Value")]
pub struct Facts {
    /// 知った日時 — when the company came to know of the incident (RFC 3339, any offset). Its date
    /// in Japan (UTC+09:00) is day 1 of every report deadline.
    #[ts(type = "string")]
    pub discovered_at: DateTime<FixedOffset>,
    pub category: IncidentCategory,
    /// 不正アクセス — unauthorized access, or attempts at it.
    pub unauthorized_access: bool,
    /// マルウェア — malware found or an infection, whatever the category.
    pub malware: bool,
    /// A crime is suspected: theft, extortion, insider take-out.
    pub crime_suspected: bool,
    pub personal_data: PersonalData,
    pub organization: Organization,
}

/// The incident categories of the company's procedures (IPA model rules, seed 003).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
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

/// The personal data that was (or may have been) leaked, lost or damaged — 漏えい等.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PersonalData {
    /// 本人の数 — how many people the data is about.
    pub subjects: u64,
    /// 要配慮個人情報 — includes special-care-required data (medical, criminal record, ...).
    pub sensitive: bool,
    /// 財産的被害のおそれ — could cause financial loss (card numbers, banking credentials).
    pub financial_damage_risk: bool,
    /// 不正の目的のおそれ — may have been done with an unlawful purpose.
    pub unlawful_purpose: bool,
    /// 高度な暗号化 — strongly encrypted, with the key kept safe.
    pub high_level_encryption: bool,
    /// Everything was recovered before any third party viewed it.
    pub recovered_unviewed: bool,
    /// People whose My Number (特定個人情報) is included.
    pub my_number_subjects: u64,
    /// People living in the EU/EEA.
    pub eu_subjects: u64,
    /// The company handles the data for a client (委託先) and has told the client (委託元).
    pub entrusted_by_client_notified: bool,
}

/// Who the company is, as far as reporting duties go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Organization {
    /// プライバシーマーク付与事業者
    pub privacy_mark: bool,
    /// ISMS (ISO/IEC 27001) certified; its certification body's reporting terms are per contract.
    pub isms_certified: bool,
    pub sector: Sector,
}

impl Default for Organization {
    fn default() -> Self {
        Organization { privacy_mark: false, isms_certified: false, sector: Sector::General }
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
    #[error("discovered_at is not an RFC 3339 date-time: {value} ({reason})")]
    BadDiscoveredAt { value: String, reason: String },
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
}

/// Reads a facts document (the JSON of DOMAIN.md §4).
pub fn parse_facts(json: &str) -> Result<Facts, FactsError> {
    let value: Value = serde_json::from_str(json).map_err(|e| FactsError::Json(e.to_string()))?;
    Facts::try_from(value)
}

impl TryFrom<Value> for Facts {
    type Error = FactsError;

    fn try_from(value: Value) -> Result<Self, FactsError> {
        let mut top = Section::new(Some(&value), "facts", "")?;
        let facts = Facts {
            discovered_at: discovered_at(top.take("discovered_at"))?,
            category: top.choice("category", IncidentCategory::Other)?,
            unauthorized_access: top.flag("unauthorized_access")?,
            malware: top.flag("malware")?,
            crime_suspected: top.flag("crime_suspected")?,
            personal_data: PersonalData::read(top.take("personal_data"))?,
            organization: Organization::read(top.take("organization"))?,
        };
        top.finish()?;
        facts.check()?;
        Ok(facts)
    }
}

impl Facts {
    /// The checks that need more than one field.
    fn check(&self) -> Result<(), FactsError> {
        let known_on = deadline::day_of_knowing(self.discovered_at);
        if RuleSet::in_force_on(known_on).is_none() {
            return Err(FactsError::BeforeReportingDuty {
                value: self.discovered_at.to_rfc3339(),
                day: known_on.to_string(),
                first: RuleSet::earliest().effective.to_string(),
            });
        }
        Ok(())
    }
}

impl PersonalData {
    fn read(value: Option<&Value>) -> Result<Self, FactsError> {
        let mut section = Section::new(value, "personal_data", "personal_data.")?;
        let data = PersonalData {
            subjects: section.count("subjects")?,
            sensitive: section.flag("sensitive")?,
            financial_damage_risk: section.flag("financial_damage_risk")?,
            unlawful_purpose: section.flag("unlawful_purpose")?,
            high_level_encryption: section.flag("high_level_encryption")?,
            recovered_unviewed: section.flag("recovered_unviewed")?,
            my_number_subjects: section.count("my_number_subjects")?,
            eu_subjects: section.count("eu_subjects")?,
            entrusted_by_client_notified: section.flag("entrusted_by_client_notified")?,
        };
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
            sector: section.choice("sector", Sector::General)?,
        };
        section.finish()?;
        Ok(organization)
    }
}

fn discovered_at(value: Option<&Value>) -> Result<DateTime<FixedOffset>, FactsError> {
    let value = value.ok_or(FactsError::MissingDiscoveredAt)?;
    let bad = |reason: &str| FactsError::BadDiscoveredAt { value: value.to_string(), reason: reason.to_owned() };
    let text = value.as_str().ok_or_else(|| bad("expected a string such as \"2026-04-06T15:30:00+09:00\""))?;
    DateTime::parse_from_rfc3339(text).map_err(|e| bad(&e.to_string()))
}

/// A closed set of snake_case values (category, sector), named by their serde form.
trait Choice: Copy + Serialize + DeserializeOwned + 'static {
    const ALL: &'static [Self];
}

impl Choice for IncidentCategory {
    const ALL: &'static [Self] = &[Self::Leak, Self::Tampering, Self::Outage, Self::Malware, Self::Other];
}

impl Choice for Sector {
    const ALL: &'static [Self] = &[Self::General, Self::Finance, Self::Medical, Self::Telecom];
}

/// "a, b, c or d" from the serde names of a choice's values.
fn expected_choices<T: Choice>() -> String {
    let names: Vec<String> =
        T::ALL.iter().filter_map(|v| serde_json::to_value(v).ok()?.as_str().map(str::to_owned)).collect();
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

    fn flag(&mut self, key: &'static str) -> Result<bool, FactsError> {
        match self.take(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(FactsError::NotAFlag { field: self.path(key), value: other.to_string() }),
        }
    }

    fn count(&mut self, key: &'static str) -> Result<u64, FactsError> {
        let Some(value) = self.take(key) else { return Ok(0) };
        let number = value.as_number();
        if let Some(n) = number.and_then(|n| n.as_u64()) {
            return Ok(n);
        }
        let float = number.and_then(|n| n.as_f64());
        if float.is_some_and(|f| f < 0.0) {
            return Err(FactsError::NegativeCount { field: self.path(key), value: value.to_string() });
        }
        match float {
            // A whole number written with a fraction part, e.g. 1000.0.
            Some(f) if f.fract() == 0.0 && f <= u64::MAX as f64 => Ok(f as u64),
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

    #[test]
    fn reads_every_field_of_the_contract() {
        let facts = parse_facts(
            r#"{
                "discovered_at": "2026-04-06T15:30:00+09:00", "category": "leak",
                "unauthorized_access": true, "malware": true, "crime_suspected": true,
                "personal_data": {
                    "subjects": 12, "sensitive": true, "financial_damage_risk": true, "unlawful_purpose": true,
                    "high_level_encryption": true, "recovered_unviewed": true,
                    "my_number_subjects": 3, "eu_subjects": 2, "entrusted_by_client_notified": true
                },
                "organization": { "privacy_mark": true, "isms_certified": true, "sector": "finance" }
            }"#,
        )
        .unwrap();
        let round_trip = parse_facts(&serde_json::to_string(&facts).unwrap()).unwrap();
        assert_eq!(round_trip, facts);
        assert_eq!(facts.personal_data.subjects, 12);
        assert_eq!(facts.personal_data.eu_subjects, 2);
        assert!(facts.personal_data.entrusted_by_client_notified);
        assert_eq!(facts.organization.sector, Sector::Finance);
        assert!(facts.organization.isms_certified);
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
        assert_eq!(facts.personal_data.subjects, 30);
    }

    #[test]
    fn whole_numbers_written_as_floats_are_counts() {
        let facts =
            parse_facts(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subjects": 1000.0}}"#)
                .unwrap();
        assert_eq!(facts.personal_data.subjects, 1000);
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
        for field in ["subjects", "my_number_subjects", "eu_subjects"] {
            assert_eq!(
                error(&format!(
                    r#"{{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {{"{field}": -1}}}}"#
                )),
                format!("personal_data.{field} must not be negative (got -1)")
            );
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
    fn flags_must_be_booleans() {
        assert_eq!(
            error(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "malware": "yes"}"#),
            r#"malware must be true or false (got "yes")"#
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
        let err = serde_json::from_str::<Facts>(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "category": "x"}"#)
            .unwrap_err();
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
