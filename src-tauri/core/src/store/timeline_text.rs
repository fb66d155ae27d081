//! The sentences Sonae writes into an incident's timeline, in the company file's language.
//!
//! Timeline entries are evidence: they are written once, in the language of the company's policy,
//! and read later by auditors and in exported reports, whatever language the reader's screen is
//! in. The wording lives in `assets/timeline/{ja,en}.json`; this module only fills in the blanks.

use std::collections::HashMap;
use std::sync::OnceLock;

type Catalogue = HashMap<String, String>;

fn catalogue(language: &str) -> &'static Catalogue {
    static JA: OnceLock<Catalogue> = OnceLock::new();
    static EN: OnceLock<Catalogue> = OnceLock::new();
    let (cell, source) = match language {
        "en" => (&EN, include_str!("../../../../assets/timeline/en.json")),
        _ => (&JA, include_str!("../../../../assets/timeline/ja.json")),
    };
    cell.get_or_init(|| serde_json::from_str(source).expect("the timeline catalogue is valid JSON (tested)"))
}

/// The sentence `key` in `language`, with each `{name}` replaced by its value.
pub(super) fn phrase(language: &str, key: &str, values: &[(&str, &str)]) -> String {
    let template = catalogue(language).get(key).map(String::as_str).unwrap_or(key);
    // One pass over the template, so a value containing "{…}" (typed by a user) stays as typed.
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if values.iter().any(|(n, _)| *n == name) => {
                text.push_str(values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).unwrap_or_default());
                rest = &after[close + 1..];
            }
            _ => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// Items joined the way the language lists them, or its word for "none".
pub(super) fn list(language: &str, items: &[String]) -> String {
    if items.is_empty() {
        phrase(language, "none", &[])
    } else {
        items.join(&phrase(language, "list_separator", &[]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_sentences() {
        let mut ja: Vec<_> = catalogue("ja").keys().collect();
        let mut en: Vec<_> = catalogue("en").keys().collect();
        ja.sort();
        en.sort();
        assert_eq!(ja, en);
    }

    #[test]
    fn blanks_are_filled_and_text_is_kept_verbatim() {
        let text = phrase("ja", "task_done", &[("text", "<b>LAN を抜く</b> {name}")]);
        assert_eq!(text, "済：<b>LAN を抜く</b> {name}");
        let call = phrase("en", "call_reached", &[("name", "{role}"), ("role", "chief")]);
        assert_eq!(call, "Reached {role} (chief)");
        assert_eq!(list("en", &[]), "none");
        assert_eq!(list("ja", &["A".into(), "B".into()]), "A、B");
    }
}
