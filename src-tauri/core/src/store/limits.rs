//! How long a name or a text may be and how many entries a list may hold, and the refusals when
//! they are exceeded: the editors, the company profile and the policy template file all keep to
//! the same limits, so that whatever an editor accepts can be exported and imported again.

use super::{refused, Result};
use crate::error_code::ErrorCode;

/// Longest key (role, category, case, authority), in characters.
pub const MAX_KEY_CHARS: usize = 64;

/// Longest name or title (roles, levels, categories, checklists, authorities, scenarios,
/// targets, the company), phone number and email address, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Longest free text (descriptions, impacts, notes, steps, purposes, sources, reasons), in
/// characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Most entries in one list (roles, authorities, steps of a procedure, targets, ...).
pub const MAX_ENTRIES: usize = 500;

/// Text from a file or a company file as quoted in a one-line message: at most 40 characters,
/// control characters (line breaks included) escaped.
pub(crate) fn shown(value: &str) -> String {
    let mut shown = one_line(&value.chars().take(40).collect::<String>());
    if value.chars().nth(40).is_some() {
        shown.push('…');
    }
    shown
}

/// A message kept on one line, its control characters (line breaks included) escaped: for what a
/// parser says of a file, which may quote the file's own text.
pub(crate) fn one_line(message: &str) -> String {
    let mut line = String::new();
    for c in message.chars() {
        if c.is_control() {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line
}

/// A name: trimmed, not empty (`name_required`), at most [`MAX_NAME_CHARS`].
pub(crate) fn required_name(what: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(refused(ErrorCode::NameRequired, format!("{what} is empty")));
    }
    limit_chars(what, value, MAX_NAME_CHARS)?;
    Ok(value.to_owned())
}

/// A title: trimmed, not empty (`title_required`), at most [`MAX_NAME_CHARS`].
pub(crate) fn required_title(what: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(refused(ErrorCode::TitleRequired, format!("{what} is empty")));
    }
    limit_chars(what, value, MAX_NAME_CHARS)?;
    Ok(value.to_owned())
}

/// Free text of at most [`MAX_TEXT_CHARS`].
pub(crate) fn text(what: &str, value: &str) -> Result<()> {
    limit_chars(what, value, MAX_TEXT_CHARS)
}

pub(crate) fn limit_chars(what: &str, value: &str, limit: usize) -> Result<()> {
    if value.chars().count() > limit {
        return Err(refused(ErrorCode::TextTooLong, format!("{what} is longer than {limit} characters")));
    }
    Ok(())
}

/// Refuses (`too_many_entries`) adding to a list that already holds [`MAX_ENTRIES`].
pub(crate) fn room_for(count: i64, what: &str) -> Result<()> {
    if count >= MAX_ENTRIES as i64 {
        return Err(refused(ErrorCode::TooManyEntries, format!("at most {MAX_ENTRIES} {what} are allowed")));
    }
    Ok(())
}
