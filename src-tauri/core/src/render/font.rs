//! The one typeface of every document: IPAex Gothic (IPAexゴシック), shipped in `assets/fonts`
//! with its licence (IPA Font License v1.0) and compiled into the binary, so a PDF looks the
//! same on every machine and needs no font installed. Only the glyphs a document uses are
//! embedded (a subset), which keeps files small.
//!
//! The font is parsed once per process; measuring a character's advance is a table lookup,
//! cached per character, because line breaking measures every character of every document.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use printpdf::ParsedFont;

/// IPAex Gothic 00401 from Debian's fonts-ipaexfont-gothic.
const IPAEX_GOTHIC: &[u8] = include_bytes!("../../../../assets/fonts/ipaexg.ttf");

/// The parsed face and its advance widths.
pub struct Typeface {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Glyph and advance (in ems) of each character used so far. The font's own character map
    /// is slow to search, so each character is looked up once per process.
    glyphs: Mutex<HashMap<char, (u16, f32)>>,
    /// Distance from the top of a line box to the baseline, in ems.
    pub ascent: f32,
}

/// The embedded typeface, parsed on first use.
pub fn ipaex_gothic() -> &'static Typeface {
    static FACE: OnceLock<Typeface> = OnceLock::new();
    FACE.get_or_init(|| {
        let parsed = ParsedFont::from_bytes(IPAEX_GOTHIC, 0, &mut Vec::new()).expect("the embedded IPAex Gothic font parses");
        let metrics = parsed.pdf_font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let ascent = f32::from(metrics.ascender) / units_per_em;
        Typeface { parsed, units_per_em, glyphs: Mutex::new(HashMap::new()), ascent }
    })
}

impl Typeface {
    /// The glyph drawing `c` (0, the empty box, when the font lacks it) and its advance in ems.
    pub fn glyph(&self, c: char) -> (u16, f32) {
        let mut glyphs = self.glyphs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *glyphs.entry(c).or_insert_with(|| match self.parsed.lookup_glyph_index(c as u32) {
            Some(glyph) => (glyph, f32::from(self.parsed.get_horizontal_advance(glyph)) / self.units_per_em),
            None => (0, 0.0),
        })
    }

    /// Advance width of `c` in ems (0 for a character the font lacks).
    pub fn advance(&self, c: char) -> f32 {
        self.glyph(c).1
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    #[cfg(test)]
    /// Whether the font can draw `c`; anything else would print as an empty box (tofu).
    pub fn has_glyph(&self, c: char) -> bool {
        c.is_whitespace() || self.parsed.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }
}
