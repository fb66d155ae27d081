//! Japanese line breaking with 禁則処理 (kinsoku shori).
//!
//! Japanese has no spaces between words: a line may break between almost any two characters,
//! except that closing punctuation, the long-vowel mark and small kana must never begin a line
//! (行頭禁則) and opening brackets must never end one (行末禁則). Latin words stay whole where they
//! can; a word or URL longer than the line is cut, after a `/`, `-`, `.`, `?`, `&` or `=` when
//! there is one near the end of the line.
//!
//! The breaker is pure (a width function in, lines out) so it is tested without a PDF. Lines
//! keep every character of the input, including a space at a break, so joining the lines gives
//! the text back; the typesetter trims trailing spaces when drawing.

/// Characters that must not begin a line (行頭禁則文字).
const NO_LINE_START: &str = "、。，．,.:;：；!！?？)）]］}｝」』】〕〉》〙〗’”ー・‥…ゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ〜～‐゠–%％";

/// Characters that must not end a line (行末禁則文字).
const NO_LINE_END: &str = "(（[［{｛「『【〔〈《〘〖‘“";

/// Characters after which a long Latin word (a URL, a path) is preferably cut.
const WORD_CUT_AFTER: &str = "/-.?&=_#:@";

pub fn is_no_line_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

pub fn is_no_line_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Ideographs, kana and full-width forms: a line may break before or after each of them.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3200..=0x33FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x2010..=0x2027 | 0x25A0..=0x25FF)
}

/// Whether a line may break between `before` and `after` (kinsoku and word rules together).
fn may_break_between(before: char, after: char) -> bool {
    if is_no_line_start(after) || is_no_line_end(before) {
        return false;
    }
    if before.is_whitespace() {
        return !after.is_whitespace();
    }
    if after.is_whitespace() {
        return false;
    }
    is_cjk(before) || is_cjk(after)
}

/// Whether a line may break before `chars[at]`.
fn break_allowed(chars: &[char], at: usize) -> bool {
    may_break_between(chars[at - 1], chars[at]) && !kinsoku_forbids(chars, at)
}

/// Whether kinsoku forbids a break before `chars[at]`: the next line would start with a
/// closing character, or this one end with an opening one. Trailing spaces do not count, so
/// 「 followed by a space still may not end a line.
fn kinsoku_forbids(chars: &[char], at: usize) -> bool {
    is_no_line_start(chars[at]) || chars[..at].iter().rev().find(|c| !c.is_whitespace()).is_some_and(|c| is_no_line_end(*c))
}

/// Breaks one paragraph (no `\n` in it) into lines no wider than `max_width`, where `width`
/// gives the advance of a character. A line is only wider than `max_width` when one character
/// alone is, or when a trailing space hangs past the edge.
pub fn break_lines(text: &str, max_width: f32, width: impl Fn(char) -> f32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let end = line_end(&chars, start, max_width, &width);
        lines.push(chars[start..end].iter().collect());
        start = end;
    }
    lines
}

/// Where the line beginning at `start` ends (exclusive).
fn line_end(chars: &[char], start: usize, max_width: f32, width: &impl Fn(char) -> f32) -> usize {
    let mut used = 0.0;
    let mut last_break = None;
    for i in start..chars.len() {
        if i > start && break_allowed(chars, i) {
            last_break = Some(i);
        }
        let c = chars[i];
        // Spaces may hang past the edge; they are not drawn at the end of a line.
        if c.is_whitespace() {
            used += width(c);
            continue;
        }
        used += width(c);
        if used > max_width && i > start {
            return match last_break {
                Some(at) if at > start => at,
                _ => forced_break(chars, start, i),
            };
        }
    }
    chars.len()
}

/// A break inside a run with no allowed break (a long word or URL, or kinsoku characters all
/// the way): `overflow` is the first character that did not fit.
fn forced_break(chars: &[char], start: usize, overflow: usize) -> usize {
    // A long Latin word: cut after a URL separator in the latter part of the line if there is one.
    let earliest = start + (overflow - start) / 2;
    if let Some(at) = (earliest.max(start + 1)..overflow).rev().find(|&at| WORD_CUT_AFTER.contains(chars[at - 1])) {
        if !is_no_line_start(chars[at]) {
            return at;
        }
    }
    // Otherwise as late as possible, still keeping kinsoku: push characters to the next line
    // (追い出し) until the break is allowed.
    let mut at = overflow;
    while at > start + 1 && kinsoku_forbids(chars, at) {
        at -= 1;
    }
    if at == start + 1 && kinsoku_forbids(chars, at) {
        // The line is one character plus an unbreakable run: let the forbidden characters stay
        // on this line (ぶら下げ) rather than start the next one with them.
        let mut at = overflow;
        while at < chars.len() && kinsoku_forbids(chars, at) {
            at += 1;
        }
        return at;
    }
    at
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a Japanese reader checks, written out independently of the breaker's own tables.
    pub(in crate::render) const MUST_NOT_START: &str = "、。，．）」』】〕！？ーッャュョァィゥェォ・ぁぃぅぇぉっゃゅょ";
    pub(in crate::render) const MUST_NOT_END: &str = "「『（【";

    /// Full-width characters 1 unit wide, everything else half.
    fn width(c: char) -> f32 {
        if is_cjk(c) {
            1.0
        } else {
            0.5
        }
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // Exactly five characters fit; the sixth is 。, so the fifth goes down with it.
        let lines = break_lines("あいうえお。かきくけこ", 5.0, width);
        assert_eq!(lines, ["あいうえ", "お。かきく", "けこ"]);
    }

    #[test]
    fn opening_bracket_never_ends_a_line() {
        let lines = break_lines("あいうえ「かきくけこ」", 5.0, width);
        assert_eq!(lines[0], "あいうえ");
        assert!(lines[1].starts_with('「'));
    }

    #[test]
    fn small_kana_and_long_vowel_stay_with_the_previous_character() {
        let lines = break_lines("データのバックアップ", 4.0, width);
        for line in &lines[1..] {
            let first = line.chars().next().unwrap();
            assert!(!MUST_NOT_START.contains(first), "{lines:?}");
        }
        assert_eq!(lines.concat(), "データのバックアップ");
    }

    #[test]
    fn latin_words_are_kept_whole() {
        let lines = break_lines("call the IT administrator at once", 8.0, width);
        assert_eq!(lines, ["call the IT ", "administrator at ", "once"]);
    }

    #[test]
    fn long_url_is_cut_after_a_separator_and_kept_whole_when_joined() {
        let url = "https://www.ppc.go.jp/personalinfo/legal/leakAction/";
        let lines = break_lines(url, 12.0, width);
        assert!(lines.len() >= 2, "{lines:?}");
        for line in &lines {
            assert!(line.chars().map(width).sum::<f32>() <= 12.0, "{line} is too wide");
        }
        assert!(lines[0].ends_with('/'), "cut after a slash: {lines:?}");
        assert_eq!(lines.concat(), url);
    }

    #[test]
    fn unbreakable_run_without_separators_is_cut_at_the_edge() {
        let lines = break_lines(&"a".repeat(30), 5.0, width);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.len() == 10));
    }

    #[test]
    fn mixed_japanese_and_latin_breaks_between_scripts() {
        let lines = break_lines("社内PCをLANから切り離す", 4.0, width);
        assert_eq!(lines.concat(), "社内PCをLANから切り離す");
        assert!(lines.iter().all(|l| l.chars().map(width).sum::<f32>() <= 4.0), "{lines:?}");
    }

    fn japanese_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "あ",
            "い",
            "情",
            "報",
            "漏",
            "え",
            "い",
            "。",
            "、",
            "「",
            "」",
            "『",
            "』",
            "（",
            "）",
            "ー",
            "ッ",
            "ゃ",
            "ょ",
            "・",
            "！",
            "？",
            "PC",
            "USB",
            " ",
            "https://example.jp/a/b",
            "【",
            "】",
            "〕",
            "ァ",
        ]);
        prop::collection::vec(pieces, 1..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn no_line_starts_or_ends_with_a_forbidden_character(text in japanese_text(), max in 3.0f32..20.0) {
            let lines = break_lines(&text, max, width);
            prop_assert_eq!(lines.concat(), text.clone());
            for (i, line) in lines.iter().enumerate() {
                prop_assert!(!line.is_empty());
                if i > 0 {
                    let first = line.chars().next().unwrap();
                    prop_assert!(!MUST_NOT_START.contains(first), "line {} starts with {:?}: {:?}", i, first, lines);
                }
                if i + 1 < lines.len() {
                    let last = line.trim_end().chars().last().unwrap_or(' ');
                    prop_assert!(!MUST_NOT_END.contains(last), "line {} ends with {:?}: {:?}", i, last, lines);
                }
            }
        }

        #[test]
        fn a_line_is_wider_than_the_measure_only_when_kinsoku_allows_no_break_in_it(text in japanese_text(), max in 3.0f32..20.0) {
            for line in break_lines(&text, max, width) {
                let drawn: Vec<char> = line.trim_end().chars().collect();
                let too_wide = drawn.iter().copied().map(width).sum::<f32>() > max + 1e-3;
                let breakable = (1..drawn.len()).any(|at| break_allowed(&drawn, at));
                prop_assert!(!too_wide || !breakable, "{:?} is too wide for {} yet could break", line, max);
            }
        }
    }
}
