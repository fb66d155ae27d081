//! Fixed wording kept in JSON catalogues, one per language, so that translators and reviewers
//! edit text, not code: the documents' headings and sentences (`assets/render`) and the
//! timeline's entries (`assets/timeline`). Placeholders are written `{name}`.

use std::collections::HashMap;

/// The words of one language.
pub struct Catalogue {
    words: HashMap<String, String>,
}

impl Catalogue {
    /// Reads a built-in catalogue (a JSON object of key → text).
    pub fn parse(json: &str) -> Catalogue {
        Catalogue { words: serde_json::from_str(json).expect("a built-in catalogue is valid JSON (tested)") }
    }

    /// The text for `key`. A key missing from the catalogue is a programming error: tests fail on
    /// it, and a release build prints a visible "(?)" rather than nothing.
    pub fn text(&self, key: &str) -> &str {
        match self.words.get(key) {
            Some(text) => text,
            None => {
                debug_assert!(false, "the catalogue has no \"{key}\"");
                "(?)"
            }
        }
    }

    /// The text for `key` with its `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.text(key), values)
    }

    pub fn keys(&self) -> std::collections::BTreeSet<&str> {
        self.words.keys().map(String::as_str).collect()
    }

    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.words.iter().map(|(key, text)| (key.as_str(), text.as_str()))
    }
}

/// `template` with each `{name}` replaced by its value, in one pass, so a value that itself
/// contains "{…}" (a name or note someone typed) stays exactly as typed.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                text.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_are_filled_once_and_typed_braces_are_kept() {
        assert_eq!(fill("Reached {name} ({role})", &[("name", "{role}"), ("role", "chief")]), "Reached {role} (chief)");
        assert_eq!(fill("{unknown} and {name}", &[("name", "x")]), "{unknown} and x");
        assert_eq!(fill("no placeholders", &[]), "no placeholders");
    }
}
