//! Letters the office edited before sending: the text as the office left it, kept with the
//! incident, and a timeline entry each time it is saved or given up for a newly composed one.
//!
//! Sonae composes each letter from the record (`render::letters`); the office then changes what it
//! wants to say in its own words. The edit is the letter from then on — for the PDF and the text
//! alike — until the office asks for a newly composed one. The text composed when the editing
//! started is kept beside it, so the app can say when the facts have changed since.

use crate::store::{Db, Optional, Transaction};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{append, ensure_open, touch};
use super::timeline_text::phrase;
use crate::error_code::ErrorCode;
use crate::store::{now, refused, Result};

/// Longest letter the office can keep, in characters: some ten pages of text.
pub const MAX_LETTER_CHARS: usize = 50_000;

/// A letter as the office edited and saved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EditedLetter {
    pub text: String,
    /// What Sonae had composed from the record when this edit was saved.
    pub composed_from: String,
    /// RFC 3339.
    pub edited_at: String,
    pub edited_by: String,
}

/// The edit saved for the letter `document` (its export name) of an incident, if any.
pub fn edited(conn: &dyn Db, incident_id: i64, document: &str) -> Result<Option<EditedLetter>> {
    conn.query_row(
        "SELECT text, composed_from, edited_at, edited_by FROM letter WHERE incident_id = ?1 AND document = ?2",
        params![incident_id, document],
        |r| Ok(EditedLetter { text: r.get(0)?, composed_from: r.get(1)?, edited_at: r.get(2)?, edited_by: r.get(3)? }),
    )
    .optional()
}

/// Keeps `text` as the letter `document` of an open incident, edited from `composed_from`; the
/// timeline records that the letter `title` was edited and saved.
pub fn save(
    tx: &Transaction,
    incident_id: i64,
    document: &str,
    title: &str,
    text: &str,
    composed_from: &str,
    author: &str,
) -> Result<()> {
    ensure_open(tx, incident_id)?;
    if text.trim().is_empty() {
        return Err(refused(ErrorCode::TextRequired, "the letter is empty: write it, or compose it again from the record"));
    }
    crate::store::limits::limit_chars("the letter", text, MAX_LETTER_CHARS)?;
    tx.execute(
        "INSERT INTO letter (incident_id, document, text, composed_from, edited_at, edited_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (incident_id, document) DO UPDATE SET
             text = excluded.text, composed_from = excluded.composed_from,
             edited_at = excluded.edited_at, edited_by = excluded.edited_by",
        params![incident_id, document, text, composed_from, now(), author.trim()],
    )?;
    let language = crate::store::file_language(tx)?;
    let message = phrase(language, "letter_edited", &[("letter", title)]);
    append(tx, incident_id, author, "letter", &message, serde_json::json!({ "document": document }))?;
    touch(tx, incident_id)
}

/// Refuses a save or a recomposition of the letter `document` from an editor whose text was based
/// on the saved edit `as_read` (none: the composed letter), when the letter has been edited or
/// composed again since: someone else changed it meanwhile (on another PC, for a company on a
/// server), and their text is kept (`changed_elsewhere`). The whole edit is compared, not only its
/// time, which is kept to the second.
pub fn refuse_if_edited_since(tx: &Transaction, incident_id: i64, document: &str, as_read: Option<&EditedLetter>) -> Result<()> {
    let now_edited = edited(tx, incident_id, document)?;
    if now_edited.as_ref() == as_read {
        return Ok(());
    }
    let detail = match now_edited {
        Some(e) => format!(
            "{} edited the letter at {} after it was opened here; this change was not saved",
            if e.edited_by.is_empty() { "someone" } else { &e.edited_by },
            e.edited_at
        ),
        None => "the letter was composed again after it was opened here; this change was not saved".to_owned(),
    };
    Err(refused(ErrorCode::ChangedElsewhere, detail))
}

/// Gives up the edit of the letter `document`, so that it is composed from the record again; the
/// timeline says so. Nothing happens when there is no edit.
pub fn discard(tx: &Transaction, incident_id: i64, document: &str, title: &str, author: &str) -> Result<()> {
    ensure_open(tx, incident_id)?;
    let removed = tx.execute("DELETE FROM letter WHERE incident_id = ?1 AND document = ?2", params![incident_id, document])?;
    if removed == 0 {
        return Ok(());
    }
    let language = crate::store::file_language(tx)?;
    let message = phrase(language, "letter_recomposed", &[("letter", title)]);
    append(tx, incident_id, author, "letter", &message, serde_json::json!({ "document": document }))?;
    touch(tx, incident_id)
}
