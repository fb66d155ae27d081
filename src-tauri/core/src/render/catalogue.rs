//! The fixed wording of the documents (headings, labels, the sentences of a notice) in Japanese
//! and English, kept in `assets/render/{ja,en}.json` so that translators and reviewers edit text,
//! not code. Placeholders are written `{name}`.

use std::sync::OnceLock;

use crate::language::Language;
pub use crate::wording::Catalogue;

const JA: &str = include_str!("../../../../assets/render/ja.json");
const EN: &str = include_str!("../../../../assets/render/en.json");

impl Catalogue {
    /// The documents' wording in `language`.
    pub fn of(language: Language) -> &'static Catalogue {
        static JA_WORDS: OnceLock<Catalogue> = OnceLock::new();
        static EN_WORDS: OnceLock<Catalogue> = OnceLock::new();
        match language {
            Language::Ja => JA_WORDS.get_or_init(|| Catalogue::parse(JA)),
            Language::En => EN_WORDS.get_or_init(|| Catalogue::parse(EN)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys() {
        let ja = Catalogue::of(Language::Ja).keys();
        let en = Catalogue::of(Language::En).keys();
        let only_ja: Vec<_> = ja.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&ja).collect();
        assert!(only_ja.is_empty() && only_en.is_empty(), "only in ja: {only_ja:?}; only in en: {only_en:?}");
    }

    #[test]
    fn placeholders_match_between_languages() {
        let placeholders = |text: &str| {
            let mut names: Vec<String> =
                text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(n, _)| n.to_owned())).collect();
            names.sort();
            names
        };
        let (ja, en) = (Catalogue::of(Language::Ja), Catalogue::of(Language::En));
        for key in ja.keys() {
            assert_eq!(placeholders(ja.text(key)), placeholders(en.text(key)), "placeholders of {key}");
        }
    }

    #[test]
    fn every_character_of_the_wording_is_in_the_font() {
        let face = super::super::font::ipaex_gothic();
        for language in [Language::Ja, Language::En] {
            for (key, text) in Catalogue::of(language).entries() {
                let missing: String = text.chars().filter(|c| !face.has_glyph(*c)).collect();
                assert!(missing.is_empty(), "{key}: no glyph for {missing:?}");
            }
        }
    }
}
