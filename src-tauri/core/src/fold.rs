//! How Japanese text is compared when someone searches for it or reads it from a spreadsheet.
//!
//! A Japanese office types the same name in several ways: 全角 or 半角 letters and digits
//! (ＡＢＣ１２３ / ABC123), half-width katakana from old systems (ｶﾀｶﾅ), hiragana or katakana
//! for a reading (やまだ / ヤマダ), and phone numbers with or without hyphens. [`fold`] maps each
//! of these variants to one form, so a search or a column heading matches however it was typed.
//! It is a small, explicit table rather than full Unicode normalisation (no ICU dependency): the
//! differences it erases are exactly the ones listed above, plus letter case.

/// Half-width katakana U+FF66..=U+FF9D, in order, as their full-width forms.
const HALF_WIDTH_KATAKANA: &str =
    "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/// Half-width punctuation U+FF61..=U+FF65 as full-width.
const HALF_WIDTH_PUNCTUATION: &str = "。「」、・";

/// The comparable form of `text`: full-width ASCII as ASCII, the ideographic space as a space,
/// half-width katakana as full-width (voiced marks joined to their kana), katakana as hiragana,
/// and letters in lower case.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = widen_or_narrow(c);
        match c {
            // Voiced (dakuten) and semi-voiced (handakuten) marks, combining or spacing, join the
            // kana before them when it has a voiced form.
            '\u{3099}' | '\u{309B}' | '\u{FF9E}' | '\u{309A}' | '\u{309C}' | '\u{FF9F}' => {
                let semi = matches!(c, '\u{309A}' | '\u{309C}' | '\u{FF9F}');
                match out.pop().map(|prev| (prev, voiced(prev, semi))) {
                    Some((_, Some(joined))) => out.push(to_hiragana(joined)),
                    Some((prev, None)) => {
                        out.push(prev);
                        out.push(if semi { '\u{309C}' } else { '\u{309B}' });
                    }
                    None => out.push(if semi { '\u{309C}' } else { '\u{309B}' }),
                }
            }
            _ => {
                let c = to_hiragana(c);
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
    out
}

/// Only the ASCII digits of `text` after width folding: how phone numbers are compared
/// ("03-1234-5678", "(03)1234 5678" and "０３１２３４５６７８" are all "0312345678").
pub fn digits(text: &str) -> String {
    text.chars().map(widen_or_narrow).filter(char::is_ascii_digit).collect()
}

/// Full-width ASCII to ASCII, the ideographic space to a space, half-width katakana and
/// punctuation to full-width. Every other character is returned as it is.
pub fn widen_or_narrow(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{FF61}'..='\u{FF65}' => HALF_WIDTH_PUNCTUATION.chars().nth(c as usize - 0xFF61).unwrap_or(c),
        '\u{FF66}'..='\u{FF9D}' => HALF_WIDTH_KATAKANA.chars().nth(c as usize - 0xFF66).unwrap_or(c),
        _ => c,
    }
}

/// Katakana to hiragana where a hiragana exists (ァ..ヶ); anything else unchanged.
fn to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// The voiced (or, with `semi`, semi-voiced) form of a kana, if it has one: カ+゛=ガ, ハ+゜=パ, ウ+゛=ヴ.
fn voiced(kana: char, semi: bool) -> Option<char> {
    let katakana = match kana {
        '\u{3041}'..='\u{3096}' => char::from_u32(kana as u32 + 0x60)?,
        _ => kana,
    };
    if semi {
        "ハヒフヘホ".contains(katakana).then(|| char::from_u32(katakana as u32 + 2))?
    } else if katakana == 'ウ' {
        Some('ヴ')
    } else {
        "カキクケコサシスセソタチツテトハヒフヘホ".contains(katakana).then(|| char::from_u32(katakana as u32 + 1))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_and_case_are_erased() {
        assert_eq!(fold("ＡＢＣ１２３"), fold("abc123"));
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("Ｙａｍａｄａ　Taro"), "yamada taro");
        assert_eq!(fold("＠ｅｘａｍｐｌｅ．ｊｐ"), "@example.jp");
    }

    #[test]
    fn half_width_katakana_becomes_full_width_with_voiced_marks_joined() {
        assert_eq!(fold("ｶﾀｶﾅ"), fold("カタカナ"));
        assert_eq!(fold("ﾔﾏﾀﾞ ﾀﾛｳ"), fold("ヤマダ タロウ"));
        assert_eq!(fold("ﾊﾟｿｺﾝ"), fold("パソコン"));
        assert_eq!(fold("ｳﾞｨ"), fold("ヴィ"));
        assert_eq!(fold("ｶﾌﾞｼｷｶﾞｲｼｬ｢ﾃｽﾄ｣"), fold("カブシキガイシャ「テスト」"));
        // A mark that has nothing to join stays visible rather than vanishing.
        assert_eq!(fold("ｱﾞ"), "あ゛");
        assert_eq!(fold("ﾞ"), "゛");
    }

    #[test]
    fn decomposed_voiced_marks_are_joined() {
        // As macOS writes file names: カ + U+3099.
        assert_eq!(fold("カ\u{3099}イシャ"), fold("ガイシャ"));
        assert_eq!(fold("ハ\u{309A}"), fold("パ"));
    }

    #[test]
    fn hiragana_and_katakana_are_the_same() {
        assert_eq!(fold("やまだ"), fold("ヤマダ"));
        assert_eq!(fold("ヤマダ"), "やまだ");
        assert_eq!(fold("ヴ"), "ゔ");
        // Kanji and other scripts are left alone.
        assert_eq!(fold("山田　総務部"), "山田 総務部");
    }

    #[test]
    fn phone_digits_ignore_separators_and_width() {
        assert_eq!(digits("03-1234-5678"), "0312345678");
        assert_eq!(digits("(03) 1234 5678"), "0312345678");
        assert_eq!(digits("０３－１２３４－５６７８"), "0312345678");
        assert_eq!(digits("内線なし"), "");
    }
}
