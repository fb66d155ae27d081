//! The sentences Sonae writes into an incident's timeline, in the company file's language.
//!
//! Timeline entries are evidence: they are written once, in the language of the company's policy,
//! and read later by auditors and in exported reports, whatever language the reader's screen is
//! in. The wording lives in `assets/timeline/{ja,en}.json`; this module only fills in the blanks.

use std::sync::OnceLock;

use crate::language::Language;
use crate::wording::Catalogue;

fn catalogue(language: Language) -> &'static Catalogue {
    static JA: OnceLock<Catalogue> = OnceLock::new();
    static EN: OnceLock<Catalogue> = OnceLock::new();
    match language {
        Language::En => EN.get_or_init(|| Catalogue::parse(include_str!("../../../../assets/timeline/en.json"))),
        Language::Ja => JA.get_or_init(|| Catalogue::parse(include_str!("../../../../assets/timeline/ja.json"))),
    }
}

/// The sentence `key` in `language`, with each `{name}` replaced by its value.
pub(super) fn phrase(language: Language, key: &str, values: &[(&str, &str)]) -> String {
    catalogue(language).fill(key, values)
}

/// Items joined the way the language lists them, or its word for "none".
pub(super) fn list(language: Language, items: &[String]) -> String {
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
        assert_eq!(catalogue(Language::Ja).keys(), catalogue(Language::En).keys());
    }

    #[test]
    fn blanks_are_filled_and_text_is_kept_verbatim() {
        let text = phrase(Language::Ja, "task_done", &[("text", "<b>LAN を抜く</b> {name}")]);
        assert_eq!(text, "済：<b>LAN を抜く</b> {name}");
        let call = phrase(Language::En, "call_reached", &[("name", "{role}"), ("role", "chief")]);
        assert_eq!(call, "Reached {role} (chief)");
        assert_eq!(list(Language::En, &[]), "none");
        assert_eq!(list(Language::Ja, &["A".into(), "B".into()]), "A、B");
    }
}
