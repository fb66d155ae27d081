//! The English the GDPR notices are written in, as the office wrote it.
//!
//! A notice to an EU supervisory authority (art. 33) and to the people in the EU (art. 34) goes
//! out in English, while the record is kept in Japanese. Sonae composes an English narrative from
//! the record's facts; the office can write its own for each narrative field instead, with the
//! Japanese record beside it on screen. A notification made after the 72 hours must give the
//! reasons for the delay (art. 33(1)), which only the office can write.

use crate::store::Transaction;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{append, ensure_open, touch};
use super::timeline_text::phrase;
use crate::store::limits::{limit_chars, MAX_TEXT_CHARS};
use crate::store::{Result, StoreError};

/// The narrative fields of the GDPR notices in the office's own English; an empty field is
/// composed from the record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GdprTexts {
    /// The nature of the breach: what happened, how it was found (art. 33(3)(a), 34(2)).
    pub nature: String,
    /// The likely consequences for the people (art. 33(3)(c)).
    pub consequences: String,
    /// The measures taken or proposed, and to mitigate its effects (art. 33(3)(d)).
    pub measures: String,
    /// Why the notification comes after the 72 hours (art. 33(1)).
    pub delay_reasons: String,
}

impl GdprTexts {
    /// The text of a field with the surrounding blanks trimmed, or `None` when nothing is written.
    pub fn given(text: &str) -> Option<&str> {
        Some(text.trim()).filter(|t| !t.is_empty())
    }
}

/// Keeps the office's English for the GDPR notices of an open incident; the timeline records it.
pub fn save(tx: &Transaction, incident_id: i64, texts: &GdprTexts, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    for (what, text) in [
        ("the nature of the breach", &texts.nature),
        ("the likely consequences", &texts.consequences),
        ("the measures", &texts.measures),
        ("the reasons for the delay", &texts.delay_reasons),
    ] {
        limit_chars(what, text, MAX_TEXT_CHARS)?;
    }
    let trimmed = GdprTexts {
        nature: texts.nature.trim().to_owned(),
        consequences: texts.consequences.trim().to_owned(),
        measures: texts.measures.trim().to_owned(),
        delay_reasons: texts.delay_reasons.trim().to_owned(),
    };
    let json = serde_json::to_string(&trimmed).map_err(|e| StoreError::Invalid(e.to_string()))?;
    tx.execute("UPDATE incident SET gdpr_english = ?2 WHERE id = ?1", params![incident_id, json])?;
    let language = crate::store::file_language(tx)?;
    append(tx, incident_id, author, "gdpr_texts", &phrase(language, "gdpr_texts", &[]), serde_json::json!({}))?;
    touch(tx, incident_id)
}
