//! What a contact may hold: its fields checked and put in the stored form (trimmed, numbers
//! half-width, dates as ISO), each problem named by field for the screen.

use super::{ContactInput, Email, Phone};

use crate::error_code::ErrorCode;
use crate::fold::widen_or_narrow;
use crate::store::{Result, StoreError};
use chrono::NaiveDate;

/// One thing wrong with a contact's fields: a stable code, the field (`name`, `phones[1].number`…)
/// and an English sentence naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldProblem {
    pub code: ErrorCode,
    pub field: String,
    pub message: String,
}

/// A phone number as stored: trimmed, half-width, any dash as `-`. `None` when it has no digit.
pub(crate) fn normalize_phone(number: &str) -> Option<String> {
    let number = hyphenated(number);
    if number.is_ascii() && !number.contains('\0') {
        let number = number.trim();
        return number.bytes().any(|b| b.is_ascii_digit()).then(|| number.to_owned());
    }
    let number: String = number
        .trim()
        .chars()
        .filter(|&c| c != '\0')
        .map(widen_or_narrow)
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF70}' => '-',
            c => c,
        })
        .collect();
    number.chars().any(|c| c.is_ascii_digit()).then_some(number)
}

/// A number written only with digits, brackets and spaces as offices write it — 「03(9876)5432」,
/// 「03 9876 5432」, 「(03) 9876-5432」 — with hyphens instead: 03-9876-5432. Anything else
/// (a label, an extension, letters) is left as it is.
fn hyphenated(number: &str) -> String {
    let narrow: String = number.trim().chars().map(widen_or_narrow).collect();
    let only_number = narrow.chars().all(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | ' ' | '-' | '+' | '\u{3000}'));
    if !only_number || !narrow.contains(['(', ')', ' ', '\u{3000}']) {
        return number.to_owned();
    }
    let mut out = String::new();
    for c in narrow.chars() {
        let c = if c.is_ascii_digit() || c == '+' { c } else { '-' };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_owned()
}

/// An email address as stored (trimmed, half-width), if it looks like one: one `@`, something
/// before it, a dotted domain after it, no spaces.
pub(crate) fn normalize_email(address: &str) -> Option<String> {
    let address: String =
        if address.is_ascii() { address.trim().to_owned() } else { address.trim().chars().map(widen_or_narrow).collect() };
    let (local, domain) = address.split_once('@')?;
    let looks_right = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !address.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'));
    looks_right.then_some(address)
}

/// A date typed as YYYY-MM-DD, normalised; `None` when it is not a real date.
pub(crate) fn normalize_date(text: &str) -> Option<String> {
    let text: String = text.trim().chars().map(widen_or_narrow).collect();
    let b = text.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits_at(0..4)? as i32, digits_at(5..7)?, digits_at(8..10)?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// The input as it will be stored, or everything wrong with it.
pub(crate) fn check_input(input: &ContactInput) -> Result<ContactInput, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut problem = |code, field: String, message: String| problems.push(FieldProblem { code, field, message });
    // NUL characters are dropped: SQLite counts a text's length only up to the first one.
    let clean = |text: &str| -> String { text.replace('\0', "").trim().to_owned() };
    let name = clean(&input.name);
    if name.is_empty() {
        problem(ErrorCode::NameMissing, "name".into(), "name: a contact needs a name".into());
    }
    let last_confirmed_on = match input.last_confirmed_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            let date = normalize_date(text);
            if date.is_none() {
                problem(
                    ErrorCode::InvalidDate,
                    "last_confirmed_on".into(),
                    format!("last_confirmed_on: {text:?} is not a date (YYYY-MM-DD)"),
                );
            }
            date
        }
    };
    if let Some(order) = input.call_order.filter(|&n| n < 1) {
        problem(ErrorCode::InvalidCallOrder, "call_order".into(), format!("call_order: {order} is not a position (1 or more)"));
    }
    let mut phones = Vec::new();
    for (index, phone) in input.phones.iter().enumerate() {
        if phone.number.trim().is_empty() && phone.label.trim().is_empty() {
            continue;
        }
        match normalize_phone(&phone.number) {
            Some(number) => phones.push(Phone { label: clean(&phone.label), number, emergency: phone.emergency }),
            None => problem(
                ErrorCode::InvalidPhone,
                format!("phones[{index}].number"),
                format!("phones[{index}].number: {:?} has no digits", phone.number),
            ),
        }
    }
    let mut emails = Vec::new();
    for (index, email) in input.emails.iter().enumerate() {
        if email.address.trim().is_empty() && email.label.trim().is_empty() {
            continue;
        }
        match normalize_email(&email.address) {
            Some(address) => emails.push(Email { label: clean(&email.label), address }),
            None => problem(
                ErrorCode::InvalidEmail,
                format!("emails[{index}].address"),
                format!("emails[{index}].address: {:?} is not an email address", email.address),
            ),
        }
    }
    let mut tags = input.tags.clone();
    tags.sort();
    tags.dedup();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ContactInput {
        kind: input.kind,
        name,
        name_kana: clean(&input.name_kana),
        organization: clean(&input.organization),
        department: clean(&input.department),
        title: clean(&input.title),
        notes: clean(&input.notes),
        call_order: input.call_order,
        last_confirmed_on,
        phones,
        emails,
        tags,
    })
}

pub(super) fn validated(input: &ContactInput) -> Result<ContactInput> {
    check_input(input).map_err(|problems| StoreError::Refused {
        code: problems[0].code,
        detail: problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "),
    })
}
