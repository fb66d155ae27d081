//! The two languages of the product and the two ways of writing a date in Japanese: every part of
//! the core speaks of them, so they live apart from any one concept.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How Japanese documents write dates: 西暦 (2026年12月25日) or 和暦 (令和8年12月25日).
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
pub enum DateStyle {
    #[default]
    Western,
    Japanese,
}

crate::keys::keyed!(DateStyle);

/// The two languages of the product, for the window, a company file's texts and the documents
/// alike (`"ja"` / `"en"` on the wire and in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Ja,
    En,
}

impl Language {
    /// The code written in files and on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Language::Ja => "ja",
            Language::En => "en",
        }
    }

    /// Exactly `"ja"` or `"en"`, as a company file or a template stores it.
    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "ja" => Some(Language::Ja),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// A language tag as a person or a system may write it: "en", "en-US", "en_GB" are English,
    /// anything else reads as Japanese (the default).
    pub fn from_tag(tag: &str) -> Language {
        let tag = tag.trim();
        let english = tag.eq_ignore_ascii_case("en")
            || tag.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("en-") || p.eq_ignore_ascii_case("en_"));
        if english {
            Language::En
        } else {
            Language::Ja
        }
    }

    /// Of a text given in both languages, the one in this language.
    pub fn pick<T>(self, (ja, en): (T, T)) -> T {
        match self {
            Language::Ja => ja,
            Language::En => en,
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Stored as its code, `ja` or `en`.
impl rusqlite::ToSql for Language {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

/// Read leniently: anything but English reads as Japanese, the default (the schema allows only
/// the two codes anyway).
impl rusqlite::types::FromSql for Language {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        value.as_str().map(Language::from_tag)
    }
}
