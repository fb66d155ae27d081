//! One string form for each value of the domain's enums.
//!
//! A case, a status, a contact tag, an addressee, a document… is stored in the company file, sent
//! to the UI, and used in wording keys under one key. strum derives that key from the variant name
//! with the same naming rule as serde (`IntoStaticStr`, `EnumString`, `VariantArray`), and the
//! list below gives each enum the rest, once:
//!
//! - `key()` and `from_key()`, which refuses an unknown key instead of falling back to some
//!   default (a renamed key is an error, not a different answer);
//! - its conversions for the company file (`ToSql`, `FromSql`), so a read of a value the code
//!   does not know fails with the enum's name and the key;
//! - its full list of values in the TypeScript bindings ([`value_lists`]), so the UI iterates the
//!   generated list and a `Record<Enum, …>` of labels is complete or does not compile.
//!
//! A test checks every listed enum's key against its serde name, so the wire, the file and the
//! wording keys can never disagree.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use ts_rs::{Config, TS};

/// A key the code does not know, read from the company file or given by a caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{key}`")]
pub struct UnknownKey {
    /// The enum's name.
    pub kind: &'static str,
    pub key: String,
}

macro_rules! keyed {
    ($($ty:ty),* $(,)?) => {
        $(
            impl $ty {
                /// Every value, in declaration order.
                pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

                /// The value's one key: in the company file, on the wire and in wording keys.
                pub fn key(self) -> &'static str {
                    self.into()
                }

                /// The value stored under `key`; an unknown key is an error.
                pub fn from_key(key: &str) -> Result<Self, UnknownKey> {
                    key.parse().map_err(|_| UnknownKey { kind: stringify!($ty), key: key.to_owned() })
                }
            }

            impl ToSql for $ty {
                fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                    Ok(ToSqlOutput::from(self.key()))
                }
            }

            impl FromSql for $ty {
                fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                    <$ty>::from_key(value.as_str()?).map_err(|e| FromSqlError::Other(Box::new(e)))
                }
            }
        )*

        /// Each keyed enum's TypeScript name and keys, in declaration order.
        pub fn value_lists(cfg: &Config) -> Vec<(String, Vec<&'static str>)> {
            vec![$((<$ty as TS>::name(cfg), <$ty as strum::VariantArray>::VARIANTS.iter().map(|v| v.key()).collect()),)*]
        }

        /// Each keyed enum's values as serde writes them beside their keys, for the test that
        /// the two agree.
        #[cfg(test)]
        fn serde_and_keys() -> Vec<(String, &'static str)> {
            let mut pairs = Vec::new();
            $(
                for value in <$ty as strum::VariantArray>::VARIANTS {
                    let serde = serde_json::to_value(value).expect("serializable");
                    pairs.push((serde.as_str().expect("a string").to_owned(), value.key()));
                }
            )*
            pairs
        }
    };
}

use crate::client_overview::DeadlineUrgency;
use crate::contacts::csv::{CsvEncoding, CsvField};
use crate::contacts::{ContactKind, ContactTag};
use crate::exercise::scenario::ExerciseStep;
use crate::incident::affected_data::{DataItem, DataSubjectGroup, Harm};
use crate::incident::draft::{MyNumberAnswer, Ownership};
use crate::incident::wizard::{CaseKind, Happened};
use crate::incident::{CallOutcome, IncidentStatus, ObligationStatus, TaskSource};
use crate::jigyokei::MeasureKind;
use crate::language::DateStyle;
use crate::readiness::{ReadinessState, ReadinessTask};
use crate::render::{Document, ReportStage};
use crate::rules::{Authority, DeadlineStage, Delegate, Duty, IncidentCategory, IncidentStage, Sector};
use crate::store::history::{ChangeAction, ChangedEntity};

keyed!(
    Sector,
    DateStyle,
    IncidentStage,
    IncidentStatus,
    IncidentCategory,
    CaseKind,
    Happened,
    Ownership,
    MyNumberAnswer,
    DataItem,
    DataSubjectGroup,
    Harm,
    CallOutcome,
    TaskSource,
    ObligationStatus,
    Authority,
    Delegate,
    Duty,
    DeadlineStage,
    Document,
    ReportStage,
    ContactKind,
    ContactTag,
    CsvEncoding,
    CsvField,
    ExerciseStep,
    ReadinessTask,
    ReadinessState,
    DeadlineUrgency,
    MeasureKind,
    ChangeAction,
    ChangedEntity,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_the_serde_name() {
        let pairs = serde_and_keys();
        assert!(pairs.len() > 100, "{} values", pairs.len());
        for (serde, key) in pairs {
            assert_eq!(serde, key);
        }
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_kind() {
        assert_eq!(CaseKind::from_key("ransomware"), Ok(CaseKind::Ransomware));
        let refused = CaseKind::from_key("meteor").unwrap_err();
        assert_eq!(refused.to_string(), "unknown CaseKind `meteor`");
        assert_eq!(ObligationStatus::from_key(""), Err(UnknownKey { kind: "ObligationStatus", key: String::new() }));
    }

    #[test]
    fn the_company_file_refuses_a_value_it_does_not_know() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        let stored: CaseKind = db.query_row("SELECT ?1", [CaseKind::LostDevice], |r| r.get(0)).unwrap();
        assert_eq!(stored, CaseKind::LostDevice);
        let unknown = db.query_row("SELECT 'meteor'", [], |r| r.get::<_, CaseKind>(0)).unwrap_err();
        assert!(unknown.to_string().contains("unknown CaseKind `meteor`"), "{unknown}");
    }
}
