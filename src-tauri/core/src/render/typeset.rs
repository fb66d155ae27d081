//! Puts text and tables on A4 pages: the layer between a document's content and printpdf's
//! drawing operations.
//!
//! A document is written top to bottom (headings, paragraphs, bordered tables); the typesetter
//! keeps the cursor, starts a new page when the next line or row does not fit, and repeats a
//! table's header row at the top of every page the table continues on. Running heads (title,
//! company, date, "page x / y") are added when the page count is known, in [`Typesetter::finish`].
//!
//! Every line is drawn as real text with the embedded font, so the PDF can be searched and
//! copied and `pdftotext` reads it back in order.

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, Rgb, TextItem, TextRenderingMode,
};

use super::font::{ipaex_gothic, Typeface};
use super::linebreak::break_lines;

/// A4 portrait, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_LEFT: f32 = 50.0;
const MARGIN_RIGHT: f32 = 50.0;
/// The body starts below the running head and ends above the running foot.
const BODY_TOP: f32 = 64.0;
const BODY_BOTTOM: f32 = PAGE_HEIGHT - 56.0;
const BODY_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

pub const BODY_SIZE: f32 = 9.5;
const TABLE_SIZE: f32 = 8.5;
const CELL_PADDING: f32 = 3.5;
const LINE_SPACING: f32 = 1.45;
const RULE_WIDTH: f32 = 0.5;

/// How a run of text is set.
#[derive(Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub indent: f32,
    pub grey: bool,
}

impl Style {
    pub const BODY: Style = Style { size: BODY_SIZE, bold: false, indent: 0.0, grey: false };
    pub const LABEL: Style = Style { size: BODY_SIZE, bold: true, indent: 0.0, grey: false };
    pub const NOTE: Style = Style { size: 8.0, bold: false, indent: 0.0, grey: true };

    pub fn sized(size: f32, bold: bool) -> Style {
        Style { size, bold, indent: 0.0, grey: false }
    }

    pub fn indented(self, indent: f32) -> Style {
        Style { indent, ..self }
    }
}

/// A table column: its heading and its share of the body width.
pub struct Column<'a> {
    pub title: &'a str,
    pub share: f32,
}

/// What goes around every page: the document's title, the company, the date of issue and the
/// words for "page x / y".
pub struct RunningHeads {
    pub title: String,
    pub company: String,
    pub date: String,
    /// With `{page}` and `{pages}` in it.
    pub page_of: String,
}

pub struct Typesetter {
    face: &'static Typeface,
    font: FontId,
    pages: Vec<Vec<Op>>,
    /// Distance of the cursor from the top of the page, in points.
    y: f32,
}

impl Typesetter {
    pub fn new(font: FontId) -> Self {
        Typesetter { face: ipaex_gothic(), font, pages: vec![Vec::new()], y: BODY_TOP }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = BODY_TOP;
    }

    /// Starts a new page unless `height` points still fit on this one.
    pub fn keep(&mut self, height: f32) {
        if self.y + height > BODY_BOTTOM && self.y > BODY_TOP {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y = (self.y + height).min(BODY_BOTTOM);
    }

    /// A heading: level 1 is the document's title, 2 a section, 3 a subsection. A heading is
    /// kept on the same page as the first lines after it.
    pub fn heading(&mut self, text: &str, level: u8) {
        let (size, before, after) = match level {
            1 => (16.0, 0.0, 8.0),
            2 => (12.5, 10.0, 5.0),
            _ => (10.5, 6.0, 3.0),
        };
        if self.y > BODY_TOP {
            self.space(before);
        }
        // Keep the heading with what follows it: a few lines, or a table's header and first row.
        self.keep(size * LINE_SPACING + if level == 1 { 40.0 } else { 90.0 });
        self.paragraph(text, Style::sized(size, true));
        if level <= 2 {
            let y = self.y + 1.0;
            self.rule(y, if level == 1 { 1.0 } else { RULE_WIDTH });
        }
        self.space(after);
    }

    /// A paragraph, wrapped to the body width; `\n` starts a new line.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        let width = BODY_WIDTH - style.indent;
        let line_height = style.size * LINE_SPACING;
        for line in self.wrap(text, width, style.size) {
            self.keep(line_height);
            let y = self.y;
            self.text(MARGIN_LEFT + style.indent, y, &line, style);
            self.y += line_height;
        }
    }

    /// Lines set flush right, each wrapped to the body width (a letter's date and sender).
    pub fn right(&mut self, text: &str, style: Style) {
        self.aligned(text, style, 1.0);
    }

    /// Lines centred on the body (a letter's title).
    pub fn centered(&mut self, text: &str, style: Style) {
        self.aligned(text, style, 0.5);
    }

    /// Lines placed `share` of the free width from the left margin: 0.5 centres, 1.0 sets flush
    /// right.
    fn aligned(&mut self, text: &str, style: Style, share: f32) {
        let line_height = style.size * LINE_SPACING;
        for line in self.wrap(text, BODY_WIDTH, style.size) {
            self.keep(line_height);
            let free = (BODY_WIDTH - self.face.width(line.trim_end(), style.size)).max(0.0);
            let y = self.y;
            self.text(MARGIN_LEFT + free * share, y, &line, style);
            self.y += line_height;
        }
    }

    /// A label and its text, as on a form: the label on its own line, the text indented below.
    pub fn field(&mut self, label: &str, text: &str) {
        self.keep(BODY_SIZE * LINE_SPACING * 3.0);
        self.paragraph(label, Style::LABEL);
        self.paragraph(text, Style::BODY.indented(12.0));
        self.space(4.0);
    }

    /// A bordered table. The header row (when `columns` have titles) is repeated at the top of
    /// every page the table continues on; a row taller than a page is split between pages.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let total: f32 = columns.iter().map(|c| c.share).sum();
        let widths: Vec<f32> = columns.iter().map(|c| BODY_WIDTH * c.share / total).collect();
        let line_height = TABLE_SIZE * LINE_SPACING;
        let header: Vec<Vec<String>> =
            columns.iter().zip(&widths).map(|(c, w)| self.wrap(c.title, w - 2.0 * CELL_PADDING, TABLE_SIZE)).collect();
        let has_header = columns.iter().any(|c| !c.title.is_empty());
        let header_height = if has_header { row_height(&header, line_height) } else { 0.0 };

        let cells: Vec<Vec<Vec<String>>> = rows
            .iter()
            .map(|row| row.iter().zip(&widths).map(|(text, w)| self.wrap(text, w - 2.0 * CELL_PADDING, TABLE_SIZE)).collect())
            .collect();
        // Keep the header with at least the first lines of the first row.
        let first = cells.first().map_or(0.0, |c| row_height(c, line_height).min(4.0 * line_height));
        self.keep(header_height + first);
        if has_header {
            self.row(&widths, &header, 0, usize::MAX, line_height, true);
        }
        for row in &cells {
            let lines = row.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut from = 0;
            while from < lines {
                let room = ((BODY_BOTTOM - self.y - 2.0 * CELL_PADDING) / line_height).floor().max(0.0) as usize;
                let rest = lines - from;
                let fits_on_fresh_page = header_height + row_height(row, line_height) <= BODY_BOTTOM - BODY_TOP;
                if rest <= room {
                    self.row(&widths, row, from, lines, line_height, false);
                    break;
                }
                if room > 0 && !(from == 0 && fits_on_fresh_page) {
                    self.row(&widths, row, from, from + room, line_height, false);
                    from += room;
                }
                self.new_page();
                if has_header {
                    self.row(&widths, &header, 0, usize::MAX, line_height, true);
                }
            }
        }
        self.space(6.0);
    }

    /// Bordered boxes side by side, `columns` to a row, each a stack of differently set lines (a
    /// name, then a phone number in large type). A row of boxes is never split between pages.
    pub fn boxes(&mut self, columns: usize, boxes: &[Vec<(String, Style)>]) {
        let gap = 8.0;
        let width = (BODY_WIDTH - gap * (columns as f32 - 1.0)) / columns as f32;
        let wrapped: Vec<Vec<(String, Style)>> = boxes
            .iter()
            .map(|lines| {
                lines
                    .iter()
                    .flat_map(|(text, style)| {
                        self.wrap(text, width - 2.0 * CELL_PADDING - style.indent, style.size)
                            .into_iter()
                            .map(move |line| (line, *style))
                    })
                    .collect()
            })
            .collect();
        let height_of =
            |lines: &[(String, Style)]| lines.iter().map(|(_, s)| s.size * LINE_SPACING).sum::<f32>() + 2.0 * CELL_PADDING;
        for row in wrapped.chunks(columns) {
            let height = row.iter().map(|b| height_of(b)).fold(0.0, f32::max);
            self.keep(height);
            let top = self.y;
            for (i, lines) in row.iter().enumerate() {
                let x = MARGIN_LEFT + i as f32 * (width + gap);
                let ops = self.pages.last_mut().expect("a page");
                ops.push(Op::SetOutlineThickness { pt: Pt(RULE_WIDTH) });
                ops.push(Op::SetOutlineColor { col: grey(0.35) });
                ops.push(Op::DrawRectangle { rectangle: rect(x, top, width, height, PaintMode::Stroke) });
                let mut y = top + CELL_PADDING;
                for (line, style) in lines {
                    self.text(x + CELL_PADDING + style.indent, y, line, *style);
                    y += style.size * LINE_SPACING;
                }
            }
            self.y = top + height + gap;
        }
    }

    /// Draws lines `from..to` of each cell of a row at the cursor, with borders.
    fn row(&mut self, widths: &[f32], cells: &[Vec<String>], from: usize, to: usize, line_height: f32, header: bool) {
        let lines = cells.iter().map(|c| c.len().min(to).saturating_sub(from)).max().unwrap_or(0).max(1);
        let height = lines as f32 * line_height + 2.0 * CELL_PADDING;
        let top = self.y;
        let mut x = MARGIN_LEFT;
        let ops = self.pages.last_mut().expect("a page");
        if header {
            ops.push(Op::SetFillColor { col: grey(0.9) });
            ops.push(Op::DrawRectangle { rectangle: rect(x, top, widths.iter().sum(), height, PaintMode::Fill) });
            ops.push(Op::SetFillColor { col: grey(0.0) });
        }
        ops.push(Op::SetOutlineThickness { pt: Pt(RULE_WIDTH) });
        ops.push(Op::SetOutlineColor { col: grey(0.35) });
        for width in widths {
            ops.push(Op::DrawRectangle { rectangle: rect(x, top, *width, height, PaintMode::Stroke) });
            x += width;
        }
        let style = Style::sized(TABLE_SIZE, header);
        let mut x = MARGIN_LEFT;
        for (cell, width) in cells.iter().zip(widths) {
            let end = cell.len().min(to);
            for (i, line) in cell.iter().enumerate().take(end).skip(from) {
                let y = top + CELL_PADDING + (i - from) as f32 * line_height;
                self.text(x + CELL_PADDING, y, line, style);
            }
            x += width;
        }
        self.y = top + height;
    }

    fn wrap(&self, text: &str, width: f32, size: f32) -> Vec<String> {
        let face = self.face;
        text.split('\n').flat_map(|paragraph| break_lines(paragraph, width, |c| face.advance(c) * size)).collect()
    }

    /// Draws one line of text whose line box starts `top` points below the top of the page.
    fn text(&mut self, x: f32, top: f32, text: &str, style: Style) {
        let text = text.trim_end();
        if text.is_empty() {
            return;
        }
        let baseline = top + style.size * (LINE_SPACING - 1.0) / 2.0 + style.size * self.face.ascent;
        let font = self.font.clone();
        let ops = self.pages.last_mut().expect("a page");
        draw_text(ops, self.face, font, x, baseline, text, style);
    }

    /// A horizontal rule across the body at `y` points from the top.
    fn rule(&mut self, y: f32, thickness: f32) {
        let ops = self.pages.last_mut().expect("a page");
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::SetOutlineColor { col: grey(0.2) });
        ops.push(Op::DrawLine {
            line: Line { points: vec![point(MARGIN_LEFT, y), point(MARGIN_LEFT + BODY_WIDTH, y)], is_closed: false },
        });
    }

    /// Adds the running heads to every page and writes the PDF.
    pub fn finish(mut self, mut document: PdfDocument, heads: &RunningHeads) -> Vec<u8> {
        let pages = self.pages.len();
        let face = self.face;
        let small = Style { size: 7.5, bold: false, indent: 0.0, grey: true };
        let right = |text: &str| PAGE_WIDTH - MARGIN_RIGHT - face.width(text, small.size);
        let head_baseline = 36.0;
        let foot_baseline = PAGE_HEIGHT - 30.0;
        for (index, ops) in self.pages.iter_mut().enumerate() {
            let page_of = heads.page_of.replace("{page}", &(index + 1).to_string()).replace("{pages}", &pages.to_string());
            // The title may not run into the company name.
            let title_room = BODY_WIDTH - face.width(&heads.company, small.size) - 20.0;
            let title = fit(face, &heads.title, title_room, small.size);
            // A letter has no running head: only its page numbers.
            if !(heads.title.is_empty() && heads.company.is_empty()) {
                draw_text(ops, face, self.font.clone(), MARGIN_LEFT, head_baseline, &title, small);
                draw_text(ops, face, self.font.clone(), right(&heads.company), head_baseline, &heads.company, small);
                ops.push(Op::SetOutlineThickness { pt: Pt(0.3) });
                ops.push(Op::SetOutlineColor { col: grey(0.6) });
                let y = head_baseline + 5.0;
                ops.push(Op::DrawLine {
                    line: Line { points: vec![point(MARGIN_LEFT, y), point(PAGE_WIDTH - MARGIN_RIGHT, y)], is_closed: false },
                });
            }
            draw_text(ops, face, self.font.clone(), MARGIN_LEFT, foot_baseline, &heads.date, small);
            draw_text(ops, face, self.font.clone(), right(&page_of), foot_baseline, &page_of, small);
        }
        let pages: Vec<PdfPage> = self.pages.into_iter().map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops)).collect();
        let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
        document.with_pages(pages).save(&options, &mut Vec::new())
    }
}

/// Cuts `text` with an ellipsis so that it is at most `width` points wide.
fn fit(face: &Typeface, text: &str, width: f32, size: f32) -> String {
    if face.width(text, size) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if face.width(&out, size) + face.advance(c) * size + face.advance('…') * size > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn row_height(cells: &[Vec<String>], line_height: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * line_height + 2.0 * CELL_PADDING
}

/// One line of text as glyph ids of the embedded font, each carrying its character so the PDF's
/// text can be extracted. (Glyph ids are given rather than text so that printpdf does not search
/// the font's character map again for every character.)
fn draw_text(ops: &mut Vec<Op>, face: &Typeface, font: FontId, x: f32, baseline: f32, text: &str, style: Style) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(style.size) });
    if style.grey {
        ops.push(Op::SetFillColor { col: grey(0.35) });
    }
    if style.bold {
        // The font has one weight; a thin outline around the glyphs reads as bold.
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
        ops.push(Op::SetOutlineThickness { pt: Pt(style.size * 0.035) });
        ops.push(Op::SetOutlineColor { col: grey(0.0) });
    }
    ops.push(Op::SetTextCursor { pos: point(x, baseline).p });
    let glyphs = text.chars().map(|c| Codepoint { gid: face.glyph(c).0, offset: 0.0, cid: Some(c.to_string()) }).collect();
    ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
    if style.bold {
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
    }
    if style.grey {
        ops.push(Op::SetFillColor { col: grey(0.0) });
    }
    ops.push(Op::EndTextSection);
}

/// A point `top` points below the top edge of the page.
fn point(x: f32, top: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(PAGE_HEIGHT - top) }, bezier: false }
}

fn rect(x: f32, top: f32, width: f32, height: f32, mode: PaintMode) -> Rect {
    Rect { mode: Some(mode), ..Rect::from_xywh(Pt(x), Pt(PAGE_HEIGHT - top - height), Pt(width), Pt(height)) }
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb { r: level, g: level, b: level, icc_profile: None })
}
