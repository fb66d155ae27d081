//! 連絡先CSV — contact lists as Japanese offices keep them in Excel, read and written.
//!
//! An office that starts using Sonae already has its contacts in a spreadsheet: saved by Excel as
//! Shift_JIS (CP932) or as UTF-8 with a BOM, with headings in Japanese or English, dates typed as
//! 2025/4/1, numbers with and without hyphens. This module reads such a file into contact inputs
//! and says, row by row and with the file's own line numbers, what is wrong with it — before
//! anything is written, so an import is all or nothing ([`crate::contacts::import_contacts`]). It also
//! writes the contact table back out with the same headings, so an export imports unchanged.
//!
//! Nothing here touches the company file: the contacts already in it are passed in to spot
//! duplicates.

use crate::error_code::ErrorCode;
use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{check_input, normalize_email, normalize_phone, ContactDetails, ContactInput, ContactKind, ContactTag};
use super::{Email, Phone};
use crate::fold::{digits, fold, widen_or_narrow};
use crate::language::Language;

/// Files larger than this are refused (10 MB: far more than any office's contact list).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Files with more data rows than this are refused.
pub const MAX_ROWS: usize = 20_000;

/// How the file's bytes were read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark (Excel's 「CSV UTF-8」).
    Utf8Bom,
    Utf8,
    /// Shift_JIS as Windows writes it (CP932; Excel's plain 「CSV」 on a Japanese PC).
    ShiftJis,
}

crate::keys::keyed!(CsvEncoding);

/// What a column of the file was read as.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CsvField {
    Name,
    NameKana,
    Organization,
    /// 部署
    Department,
    Title,
    Kind,
    Phone,
    /// A phone column whose heading says 緊急 / emergency.
    EmergencyPhone,
    Email,
    Tags,
    CallOrder,
    LastConfirmed,
    Notes,
}

crate::keys::keyed!(CsvField);

impl CsvField {
    /// Whether the file may have several columns of this field.
    fn repeats(self) -> bool {
        matches!(self, CsvField::Phone | CsvField::EmergencyPhone | CsvField::Email)
    }
}

/// A column of the file: its heading as written and what it was read as (null: ignored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CsvColumn {
    pub header: String,
    pub field: Option<CsvField>,
}

/// Something wrong or worth knowing about the file, a column or a row. `code` is stable for the
/// UI to translate; `column` is the heading concerned, as written in the file.
///
/// File errors: `file_too_large`, `too_many_rows`, `unreadable_encoding`, `malformed_csv`,
/// `empty_file`, `no_name_column`. Column warnings: `unknown_column`, `duplicate_column`.
/// Row errors: `name_missing`, `unknown_kind`, `invalid_phone`, `invalid_email`, `unknown_tag`,
/// `invalid_call_order`, `invalid_date`, `too_many_columns`. Row warnings (the row is skipped):
/// `duplicate_existing`, `duplicate_in_file` (same folded name and a phone or email in common, or
/// neither with any phone or email).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CsvProblem {
    pub code: String,
    pub column: Option<String>,
    /// English.
    pub message: String,
}

impl CsvProblem {
    fn new(code: &'static str, column: Option<&str>, message: String) -> CsvProblem {
        CsvProblem { code: code.to_owned(), column: column.map(str::to_owned), message }
    }
}

/// One data row of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CsvRow {
    /// The line of the file where the row starts (1-based; a quoted cell may span lines).
    pub line: u64,
    /// The contact the row describes (as it will be stored, when the row has no error).
    pub contact: ContactInput,
    pub errors: Vec<CsvProblem>,
    pub warnings: Vec<CsvProblem>,
    /// Left out on import: a duplicate (see the warnings).
    pub skipped: bool,
}

/// What importing a file would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CsvPreview {
    /// Null when the bytes could not be read as text at all.
    pub encoding: Option<CsvEncoding>,
    pub columns: Vec<CsvColumn>,
    pub rows: Vec<CsvRow>,
    /// Problems with the file as a whole; none of it can be imported while there is one.
    pub file_errors: Vec<CsvProblem>,
    pub column_warnings: Vec<CsvProblem>,
    /// No file error and no row error: importing would succeed.
    pub importable: bool,
    /// Rows that would be imported and rows that would be skipped as duplicates.
    pub to_import: u32,
    pub to_skip: u32,
}

/// A contact already in the company file, as far as duplicate detection needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownContact {
    pub id: i64,
    pub name: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

/// The error code of a file error, for a store refusal.
pub(crate) fn file_error_code(code: &str) -> ErrorCode {
    match code {
        "file_too_large" => ErrorCode::FileTooLarge,
        "too_many_rows" => ErrorCode::TooManyRows,
        "unreadable_encoding" => ErrorCode::UnreadableEncoding,
        "empty_file" => ErrorCode::EmptyFile,
        "no_name_column" => ErrorCode::NoNameColumn,
        _ => ErrorCode::MalformedCsv,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads a contacts CSV and says what importing it would do. Never fails: whatever is wrong is in
/// the preview's errors.
pub fn preview_contacts_csv(bytes: &[u8], existing: &[KnownContact]) -> CsvPreview {
    preview_contacts_csv_mapped(bytes, existing, None)
}

/// [`preview_contacts_csv`] with the columns read as `mapping` says (one field or none per
/// heading, in order), as the user set them before the import; without one, or with one that does
/// not fit the heading row, the columns are guessed.
pub fn preview_contacts_csv_mapped(bytes: &[u8], existing: &[KnownContact], mapping: Option<&[Option<CsvField>]>) -> CsvPreview {
    let mut preview = CsvPreview {
        encoding: None,
        columns: Vec::new(),
        rows: Vec::new(),
        file_errors: Vec::new(),
        column_warnings: Vec::new(),
        importable: false,
        to_import: 0,
        to_skip: 0,
    };
    if bytes.len() > MAX_BYTES {
        preview.file_errors.push(CsvProblem::new(
            "file_too_large",
            None,
            format!("the file is {:.1} MB; files over {} MB are not read", bytes.len() as f64 / 1e6, MAX_BYTES / (1024 * 1024)),
        ));
        return preview;
    }
    let (encoding, text) = match decode(bytes) {
        Ok(decoded) => decoded,
        Err(problem) => {
            preview.file_errors.push(problem);
            return preview;
        }
    };
    preview.encoding = Some(encoding);
    read_rows(&text, &mut preview, mapping);
    if preview.file_errors.is_empty() {
        mark_duplicates(&mut preview.rows, existing);
    } else {
        preview.rows.clear();
    }
    preview.to_skip = preview.rows.iter().filter(|r| r.skipped).count() as u32;
    preview.to_import = preview.rows.len() as u32 - preview.to_skip;
    preview.importable = preview.file_errors.is_empty() && preview.rows.iter().all(|r| r.errors.is_empty());
    preview
}

/// The text of the file: UTF-8 after a BOM, UTF-8 when it is valid UTF-8, else CP932.
fn decode(bytes: &[u8]) -> Result<(CsvEncoding, Cow<'_, str>), CsvProblem> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((CsvEncoding::Utf8Bom, Cow::Borrowed(text))),
            Err(e) => {
                let line = 1 + rest[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
                Err(CsvProblem::new(
                    "unreadable_encoding",
                    None,
                    format!("the file is marked as UTF-8 but line {line} is not UTF-8; save it again as \"CSV UTF-8\""),
                ))
            }
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((CsvEncoding::Utf8, Cow::Borrowed(text)));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        let line = text.split('\u{FFFD}').next().map_or(1, |before| 1 + before.matches('\n').count());
        return Err(CsvProblem::new(
            "unreadable_encoding",
            None,
            format!("the file is neither UTF-8 nor Shift_JIS (line {line} cannot be read); save it from Excel as \"CSV UTF-8\""),
        ));
    }
    Ok((CsvEncoding::ShiftJis, Cow::Owned(text.into_owned())))
}

/// A column heading reduced to letters and digits, width, case and kana folded.
fn header_key(header: &str) -> String {
    fold(header).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// What a heading names, if Sonae knows it.
fn field_of(header: &str) -> Option<CsvField> {
    let key = header_key(header);
    let single = match key.as_str() {
        "氏名" | "名前" | "名称" | "氏名名称" | "name" | "fullname" => Some(CsvField::Name),
        "ふりがな" | "よみがな" | "よみ" | "かな" | "氏名ふりがな" | "kana" | "furigana" | "reading" | "namekana" => {
            Some(CsvField::NameKana)
        }
        "会社名" | "会社" | "所属" | "組織" | "組織名" | "勤務先" | "organization" | "organisation" | "company" => {
            Some(CsvField::Organization)
        }
        "部署" | "部署名" | "部門" | "所属部署" | "課" | "department" | "dept" | "division" => {
            Some(CsvField::Department)
        }
        "役職" | "肩書" | "肩書き" | "title" | "position" => Some(CsvField::Title),
        "区分" | "種別" | "kind" | "type" => Some(CsvField::Kind),
        "たぐ" | "分類" | "tags" | "tag" => Some(CsvField::Tags),
        "めも" | "備考" | "notes" | "note" | "memo" | "remarks" => Some(CsvField::Notes),
        "連絡網順" | "連絡順" | "連絡網" | "callorder" => Some(CsvField::CallOrder),
        "最終確認日" | "確認日" | "lastconfirmed" | "lastconfirmedon" | "confirmedon" => Some(CsvField::LastConfirmed),
        _ => None,
    };
    if single.is_some() {
        return single;
    }
    let base = key.trim_end_matches(|c: char| c.is_ascii_digit());
    let emergency = base.contains("緊急") || base.contains("emergency");
    let base = base.replace("緊急", "").replace("emergency", "");
    match base.as_str() {
        "電話"
        | "電話番号"
        | "携帯"
        | "携帯電話"
        | "携帯番号"
        | "連絡先"
        | "連絡先電話"
        | "連絡先電話番号"
        | "tel"
        | "telephone"
        | "phone"
        | "phonenumber"
        | "mobile"
        | "cell" => Some(if emergency { CsvField::EmergencyPhone } else { CsvField::Phone }),
        "めーる" | "めーるあどれす" | "eめーる" | "email" | "mail" | "emailaddress" | "mailaddress" if !emergency => {
            Some(CsvField::Email)
        }
        _ => None,
    }
}

/// The label a phone column gives its numbers when the cell has none: 携帯 / mobile columns say so.
fn column_label(header: &str) -> String {
    let key = header_key(header);
    if ["携帯", "mobile", "cell"].iter().any(|word| key.contains(word)) {
        header.trim().trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace()).to_owned()
    } else {
        String::new()
    }
}

/// Undoes the exporter's formula defusing: a leading apostrophe before = + - @ is removed (only
/// that one apostrophe).
fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

fn read_rows(text: &str, preview: &mut CsvPreview, mapping: Option<&[Option<CsvField>]>) {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut heading: Option<csv::StringRecord> = None;
    let mut records: Vec<(u64, csv::StringRecord)> = Vec::new();
    let mut lines = LineCounter { text, offset: 0, line: 1 };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |p| p.byte() as usize));
                preview.file_errors.push(CsvProblem::new(
                    "malformed_csv",
                    None,
                    format!("line {line}: the file is not readable as CSV ({e})"),
                ));
                return;
            }
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = lines.line_at(record.position().map_or(0, |p| p.byte() as usize));
        if heading.is_none() {
            heading = Some(record.clone());
            continue;
        }
        if records.len() >= MAX_ROWS {
            preview.file_errors.push(CsvProblem::new(
                "too_many_rows",
                None,
                format!("the file has more than {MAX_ROWS} rows; split it into smaller files"),
            ));
            return;
        }
        records.push((line, record.clone()));
    }
    let Some(heading) = heading else {
        preview.file_errors.push(CsvProblem::new("empty_file", None, "the file has no heading row and no contacts".into()));
        return;
    };
    let columns = read_header(&heading, &records, mapping, preview);
    if !preview.file_errors.is_empty() {
        return;
    }
    for (line, record) in &records {
        preview.rows.push(read_row(*line, record, &columns));
    }
}

/// The line number of a byte offset, counted forward through the text (records come in order).
///
/// The csv crate's own line count does not count line breaks inside quoted cells or blank lines,
/// so the number is taken from the record's byte offset instead. A record is reported from the
/// end of the previous one, so line breaks before its first cell are passed over first.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: usize) -> u64 {
        let bytes = self.text.as_bytes();
        let mut start = offset.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.offset {
            // A line ends with LF, CRLF or (old Mac files) a lone CR, as the csv reader sees it.
            let passed = &bytes[self.offset..start];
            let line_feeds = passed.iter().filter(|&&b| b == b'\n').count();
            let lone_returns = if passed.contains(&b'\r') {
                let next = |i: usize| bytes.get(self.offset + i + 1);
                passed.iter().enumerate().filter(|&(i, &b)| b == b'\r' && next(i) != Some(&b'\n')).count()
            } else {
                0
            };
            self.line += (line_feeds + lone_returns) as u64;
            self.offset = start;
        }
        self.line
    }
}

/// What a column holds, guessed from its heading and then from its values: a 区分 column whose
/// cells are 社内 / 取引先 / 保険 … holds tags (offices use 区分 for the category), one whose cells
/// are 個人 / 組織 holds the kind; a column with an unknown heading whose cells are all kinds or
/// all tags is read as such.
fn guess_field(header: &str, values: &[&str]) -> Option<CsvField> {
    let by_heading = field_of(header);
    let words = |cell: &str| -> Vec<String> {
        cell.split(['、', ',', '，', ';', '；', '/', '／', ' ', '　', '\n', '\t'])
            .filter(|w| !w.trim().is_empty())
            .map(str::to_owned)
            .collect()
    };
    let filled: Vec<&str> = values.iter().copied().filter(|v| !v.trim().is_empty()).collect();
    if filled.is_empty() {
        return by_heading;
    }
    let all_kinds = filled.iter().all(|v| kind_of(v).is_some());
    let all_tags = filled.iter().all(|v| words(v).iter().all(|w| tag_of(w).is_some()));
    match by_heading {
        Some(CsvField::Kind) if !all_kinds && all_tags => Some(CsvField::Tags),
        Some(CsvField::Tags) if all_kinds && !all_tags => Some(CsvField::Kind),
        None if all_kinds => Some(CsvField::Kind),
        None if all_tags => Some(CsvField::Tags),
        other => other,
    }
}

/// The columns as they will be read: the user's `mapping` when it has one entry per heading,
/// else the guess of [`guess_field`]. A field that cannot repeat, chosen twice, is read once.
fn read_header(
    record: &csv::StringRecord,
    records: &[(u64, csv::StringRecord)],
    mapping: Option<&[Option<CsvField>]>,
    preview: &mut CsvPreview,
) -> Vec<(String, Option<CsvField>)> {
    let mapping = mapping.filter(|m| m.len() == record.len());
    let mut columns = Vec::new();
    let mut seen = Vec::new();
    for (index, cell) in record.iter().enumerate() {
        let header = undefuse(cell).trim().to_owned();
        let mut field = match mapping {
            Some(mapping) => mapping[index],
            None => {
                let values: Vec<&str> = records.iter().filter_map(|(_, r)| r.get(index)).map(|v| undefuse(v).trim()).collect();
                guess_field(&header, &values)
            }
        };
        match field {
            None if !header.is_empty() => preview.column_warnings.push(CsvProblem::new(
                "unknown_column",
                Some(&header),
                format!("the column \"{header}\" is not a contact field and is ignored"),
            )),
            Some(f) if !f.repeats() && seen.contains(&f) => {
                preview.column_warnings.push(CsvProblem::new(
                    "duplicate_column",
                    Some(&header),
                    format!("the column \"{header}\" repeats an earlier column and is ignored"),
                ));
                field = None;
            }
            Some(f) => seen.push(f),
            None => {}
        }
        preview.columns.push(CsvColumn { header: header.clone(), field });
        columns.push((header, field));
    }
    if !seen.contains(&CsvField::Name) {
        preview.file_errors.push(CsvProblem::new(
            "no_name_column",
            None,
            "the heading row has no name column (氏名 / 名前 / name)".into(),
        ));
    }
    columns
}

/// Splits "携帯: 090-…" into its label and value; a cell without one is all value.
fn split_label(cell: &str) -> (Option<&str>, &str) {
    for separator in [": ", "："] {
        if let Some((label, value)) = cell.split_once(separator) {
            return (Some(label.trim()).filter(|l| !l.is_empty()), value.trim());
        }
    }
    if let Some((label, value)) = cell.split_once(':') {
        if !label.chars().any(|c| c.is_ascii_digit() || widen_or_narrow(c).is_ascii_digit()) && !label.contains('@') {
            return (Some(label.trim()).filter(|l| !l.is_empty()), value.trim());
        }
    }
    (None, cell)
}

fn read_row(line: u64, record: &csv::StringRecord, columns: &[(String, Option<CsvField>)]) -> CsvRow {
    let mut contact = ContactInput::default();
    let mut errors = Vec::new();
    let mut name_column = None;
    let mut error = |code, column: Option<&str>, message: String| errors.push(CsvProblem::new(code, column, message));
    for (index, raw) in record.iter().enumerate() {
        let cell = undefuse(raw).trim();
        let Some((header, field)) = columns.get(index) else {
            if !cell.is_empty() {
                error(
                    "too_many_columns",
                    None,
                    format!("line {line}: the row has {} cells but the heading row only {}", record.len(), columns.len()),
                );
                break;
            }
            continue;
        };
        if *field == Some(CsvField::Name) {
            name_column = Some(header.as_str());
        }
        if cell.is_empty() {
            continue;
        }
        match field {
            None => {}
            Some(CsvField::Name) => contact.name = cell.to_owned(),
            Some(CsvField::NameKana) => contact.name_kana = cell.to_owned(),
            Some(CsvField::Organization) => contact.organization = cell.to_owned(),
            Some(CsvField::Department) => contact.department = cell.to_owned(),
            Some(CsvField::Title) => contact.title = cell.to_owned(),
            Some(CsvField::Notes) => contact.notes = cell.to_owned(),
            Some(CsvField::Kind) => match kind_of(cell) {
                Some(kind) => contact.kind = kind,
                None => error(
                    "unknown_kind",
                    Some(header),
                    format!("line {line}, {header}: \"{cell}\" is neither 個人/person nor 組織/organization"),
                ),
            },
            Some(CsvField::Phone | CsvField::EmergencyPhone) => {
                let (label, number) = split_label(cell);
                match normalize_phone(number) {
                    Some(number) => contact.phones.push(Phone {
                        label: label.map_or_else(|| column_label(header), str::to_owned),
                        number,
                        emergency: *field == Some(CsvField::EmergencyPhone),
                    }),
                    None => error("invalid_phone", Some(header), format!("line {line}, {header}: \"{cell}\" has no digits")),
                }
            }
            Some(CsvField::Email) => {
                let (label, address) = split_label(cell);
                match normalize_email(address) {
                    Some(address) => contact.emails.push(Email { label: label.unwrap_or_default().to_owned(), address }),
                    None => {
                        error("invalid_email", Some(header), format!("line {line}, {header}: \"{cell}\" is not an email address"))
                    }
                }
            }
            Some(CsvField::Tags) => {
                for word in
                    cell.split(['、', ',', '，', ';', '；', '/', '／', ' ', '　', '\n', '\t']).filter(|w| !w.trim().is_empty())
                {
                    match tag_of(word) {
                        Some(tag) => contact.tags.push(tag),
                        None => error(
                            "unknown_tag",
                            Some(header),
                            format!(
                                "line {line}, {header}: \"{word}\" is not a tag (社内, 当局, 取引先・委託先, 顧客, 保険, その他)"
                            ),
                        ),
                    }
                }
            }
            Some(CsvField::CallOrder) => {
                let number: String = cell.chars().map(widen_or_narrow).collect();
                match number.parse::<i64>() {
                    Ok(n) if n >= 1 => contact.call_order = Some(n),
                    _ => error(
                        "invalid_call_order",
                        Some(header),
                        format!("line {line}, {header}: \"{cell}\" is not a position (1 or more)"),
                    ),
                }
            }
            Some(CsvField::LastConfirmed) => match date_of(cell) {
                Some(date) => contact.last_confirmed_on = Some(date),
                None => error(
                    "invalid_date",
                    Some(header),
                    format!("line {line}, {header}: \"{cell}\" is not a date (YYYY-MM-DD or YYYY/M/D)"),
                ),
            },
        }
    }
    if contact.name.trim().is_empty() {
        let column = name_column.unwrap_or("");
        errors.insert(0, CsvProblem::new("name_missing", Some(column), format!("line {line}: the name ({column}) is empty")));
    }
    if errors.is_empty() {
        match check_input(&contact) {
            Ok(stored) => contact = stored,
            Err(problems) => errors.extend(
                problems.into_iter().map(|p| CsvProblem::new(p.code.as_str(), None, format!("line {line}: {}", p.message))),
            ),
        }
    }
    CsvRow { line, contact, errors, warnings: Vec::new(), skipped: false }
}

fn kind_of(cell: &str) -> Option<ContactKind> {
    match header_key(cell).as_str() {
        "個人" | "人" | "person" | "individual" => Some(ContactKind::Person),
        "組織" | "法人" | "団体" | "会社" | "organization" | "organisation" | "org" | "company" => {
            Some(ContactKind::Organization)
        }
        _ => None,
    }
}

fn tag_of(word: &str) -> Option<ContactTag> {
    let word = word.trim();
    // The names the exporter writes, without folding.
    let exact = ContactTag::ALL.iter().copied().find(|tag| tag_name(*tag, Language::Ja) == word || tag.key() == word);
    if exact.is_some() {
        return exact;
    }
    let key = header_key(word);
    if let Ok(tag) = ContactTag::from_key(&key) {
        return Some(tag);
    }
    match key.as_str() {
        "社内" | "社員" => Some(ContactTag::Internal),
        "当局" | "行政" | "官公庁" => Some(ContactTag::Authority),
        "取引先委託先" | "取引先" | "委託先" | "業者" => Some(ContactTag::Vendor),
        "顧客" | "お客様" => Some(ContactTag::Customer),
        "保険" | "保険会社" => Some(ContactTag::Insurer),
        "その他" => Some(ContactTag::Other),
        _ => None,
    }
}

/// A date as offices type it: 2025-04-01, 2025/4/1, 2025.4.1 or 2025年4月1日.
fn date_of(cell: &str) -> Option<String> {
    let mut parts = [0u32; 3];
    let mut part = 0;
    let mut digits_seen = false;
    let mut ended = false;
    for c in cell.trim().chars().map(widen_or_narrow) {
        if ended {
            return None;
        }
        match c {
            '0'..='9' => {
                parts[part] = parts[part].checked_mul(10)?.checked_add(c as u32 - '0' as u32)?;
                digits_seen = true;
            }
            '-' | '/' | '.' | '年' | '月' if digits_seen && part < 2 => {
                part += 1;
                digits_seen = false;
            }
            '日' if digits_seen && part == 2 => ended = true,
            _ => return None,
        }
    }
    if part != 2 || !digits_seen {
        return None;
    }
    let [year, month, day] = parts;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(year as i32, month, day)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Marks rows that repeat a contact already in the file, or an earlier row: same name (folded,
/// spaces ignored) and at least one phone number or email address in common — or neither has any
/// number or address (a desk known only by its name).
fn mark_duplicates(rows: &mut [CsvRow], existing: &[KnownContact]) {
    struct Key {
        phones: Vec<String>,
        emails: Vec<String>,
    }
    fn key(phones: &[String], emails: &[String]) -> Key {
        Key {
            phones: phones.iter().map(|p| digits(p)).filter(|d| !d.is_empty()).collect(),
            emails: emails.iter().map(|e| fold(e.trim())).collect(),
        }
    }
    fn shares(a: &Key, b: &Key) -> bool {
        let bare = |k: &Key| k.phones.is_empty() && k.emails.is_empty();
        a.phones.iter().any(|p| b.phones.contains(p)) || a.emails.iter().any(|e| b.emails.contains(e)) || (bare(a) && bare(b))
    }
    fn name_key(name: &str) -> String {
        fold(name).chars().filter(|c| !c.is_whitespace()).collect()
    }
    /// Where a name was seen first: a contact of the file (its id) or an earlier row (its line).
    type Source = Result<i64, u64>;
    let mut known: HashMap<String, Vec<(Key, Source)>> = HashMap::new();
    for contact in existing {
        known.entry(name_key(&contact.name)).or_default().push((key(&contact.phones, &contact.emails), Ok(contact.id)));
    }
    for row in rows.iter_mut().filter(|r| r.errors.is_empty()) {
        let phones: Vec<String> = row.contact.phones.iter().map(|p| p.number.clone()).collect();
        let emails: Vec<String> = row.contact.emails.iter().map(|e| e.address.clone()).collect();
        let this = key(&phones, &emails);
        let same_name = known.entry(name_key(&row.contact.name)).or_default();
        match same_name.iter().find(|(other, _)| shares(&this, other)).map(|(_, source)| *source) {
            Some(Ok(id)) => {
                row.skipped = true;
                row.warnings.push(CsvProblem::new(
                    "duplicate_existing",
                    None,
                    format!(
                        "line {}: {} is already in the contact table as contact {id} (same name and phone or email); the row will be skipped",
                        row.line, row.contact.name
                    ),
                ));
            }
            Some(Err(first_line)) => {
                row.skipped = true;
                row.warnings.push(CsvProblem::new(
                    "duplicate_in_file",
                    None,
                    format!(
                        "line {}: repeats line {first_line} (same name and phone or email); the row will be skipped",
                        row.line
                    ),
                ));
            }
            None => same_name.push((this, Err(row.line))),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The headings the exporter writes (and the importer reads), per language.
struct Headings {
    kind: &'static str,
    name: &'static str,
    kana: &'static str,
    organization: &'static str,
    department: &'static str,
    title: &'static str,
    emergency_phone: &'static str,
    phone: &'static str,
    email: &'static str,
    tags: &'static str,
    call_order: &'static str,
    last_confirmed: &'static str,
    notes: &'static str,
}

const JA: Headings = Headings {
    kind: "区分",
    name: "氏名",
    kana: "ふりがな",
    organization: "会社名",
    department: "部署",
    title: "役職",
    emergency_phone: "緊急電話",
    phone: "電話",
    email: "メール",
    tags: "タグ",
    call_order: "連絡網順",
    last_confirmed: "最終確認日",
    notes: "メモ",
};

const EN: Headings = Headings {
    kind: "kind",
    name: "name",
    kana: "kana",
    organization: "organization",
    department: "department",
    title: "title",
    emergency_phone: "emergency phone",
    phone: "phone",
    email: "email",
    tags: "tags",
    call_order: "call_order",
    last_confirmed: "last_confirmed",
    notes: "notes",
};

/// A tag as written in a CSV of the language.
fn tag_name(tag: ContactTag, language: Language) -> &'static str {
    match (language, tag) {
        (Language::En, tag) => tag.key(),
        (Language::Ja, ContactTag::Internal) => "社内",
        (Language::Ja, ContactTag::Authority) => "当局",
        (Language::Ja, ContactTag::Vendor) => "取引先・委託先",
        (Language::Ja, ContactTag::Customer) => "顧客",
        (Language::Ja, ContactTag::Insurer) => "保険",
        (Language::Ja, ContactTag::Other) => "その他",
    }
}

fn labelled(label: &str, value: &str) -> String {
    if label.is_empty() {
        value.to_owned()
    } else {
        format!("{label}: {value}")
    }
}

/// The contacts as CSV for Excel: UTF-8 with a BOM, CRLF line ends, headings in `language`,
/// cells that a spreadsheet would run as formulas defused with a leading apostrophe. Emergency
/// numbers come first, in 緊急電話 columns; each phone or email cell reads "label: value".
pub fn write_contacts_csv(contacts: &[ContactDetails], language: Language) -> Vec<u8> {
    let h = match language {
        Language::Ja => &JA,
        Language::En => &EN,
    };
    let count = |f: &dyn Fn(&ContactDetails) -> usize| contacts.iter().map(f).max().unwrap_or(0).max(1);
    let emergency_columns = count(&|c| c.phones.iter().filter(|p| p.emergency).count());
    let phone_columns = count(&|c| c.phones.iter().filter(|p| !p.emergency).count());
    let email_columns = count(&|c| c.emails.len());

    let mut header: Vec<String> = [h.kind, h.name, h.kana, h.organization, h.department, h.title].map(str::to_owned).to_vec();
    header.extend((1..=emergency_columns).map(|n| format!("{}{n}", h.emergency_phone)));
    header.extend((1..=phone_columns).map(|n| format!("{}{n}", h.phone)));
    header.extend((1..=email_columns).map(|n| format!("{}{n}", h.email)));
    header.extend([h.tags, h.call_order, h.last_confirmed, h.notes].map(str::to_owned));

    let mut out = String::from("\u{feff}");
    let mut push_line = |cells: &[String]| {
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    push_line(&header);
    for c in contacts {
        let mut cells = vec![
            match (language, c.kind) {
                (Language::Ja, ContactKind::Person) => "個人".to_owned(),
                (Language::Ja, ContactKind::Organization) => "組織".to_owned(),
                (Language::En, kind) => kind.key().to_owned(),
            },
            c.name.clone(),
            c.name_kana.clone(),
            c.organization.clone(),
            c.department.clone(),
            c.title.clone(),
        ];
        let mut column = |values: Vec<String>, width: usize| {
            let filled = values.len();
            cells.extend(values);
            cells.extend(std::iter::repeat_n(String::new(), width - filled));
        };
        column(c.phones.iter().filter(|p| p.emergency).map(|p| labelled(&p.label, &p.number)).collect(), emergency_columns);
        column(c.phones.iter().filter(|p| !p.emergency).map(|p| labelled(&p.label, &p.number)).collect(), phone_columns);
        column(c.emails.iter().map(|e| labelled(&e.label, &e.address)).collect(), email_columns);
        let separator = if language == Language::Ja { "、" } else { ", " };
        cells.push(c.tags.iter().map(|t| tag_name(*t, language)).collect::<Vec<_>>().join(separator));
        cells.push(c.call_order.map(|n| n.to_string()).unwrap_or_default());
        cells.push(c.last_confirmed_on.map(|on| on.to_string()).unwrap_or_default());
        cells.push(c.notes.clone());
        push_line(&cells);
    }
    out.into_bytes()
}

/// One CSV field, quoted when it holds a comma, quote or line break. A leading =, +, - or @ is
/// prefixed with an apostrophe so a spreadsheet shows it as text instead of running a formula.
pub(crate) fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview(text: &str) -> CsvPreview {
        preview_contacts_csv(text.as_bytes(), &[])
    }

    #[test]
    fn headings_in_either_language_and_width() {
        for (header, field) in [
            ("氏名", CsvField::Name),
            (" 名前 ", CsvField::Name),
            ("Name", CsvField::Name),
            ("ﾌﾘｶﾞﾅ", CsvField::NameKana),
            ("フリガナ", CsvField::NameKana),
            ("よみがな", CsvField::NameKana),
            ("所属", CsvField::Organization),
            ("ＯＲＧＡＮＩＺＡＴＩＯＮ", CsvField::Organization),
            ("種別", CsvField::Kind),
            ("電話番号", CsvField::Phone),
            ("電話2", CsvField::Phone),
            ("携帯", CsvField::Phone),
            ("phone2", CsvField::Phone),
            ("Mobile", CsvField::Phone),
            ("緊急連絡先電話", CsvField::EmergencyPhone),
            ("緊急電話１", CsvField::EmergencyPhone),
            ("Emergency Phone 1", CsvField::EmergencyPhone),
            ("メールアドレス", CsvField::Email),
            ("e-mail", CsvField::Email),
            ("email2", CsvField::Email),
            ("分類", CsvField::Tags),
            ("備考", CsvField::Notes),
            ("連絡網順", CsvField::CallOrder),
            ("call_order", CsvField::CallOrder),
            ("確認日", CsvField::LastConfirmed),
            ("last_confirmed", CsvField::LastConfirmed),
        ] {
            assert_eq!(field_of(header), Some(field), "{header}");
        }
        assert_eq!(field_of("FAX"), None);
        assert_eq!(field_of("誕生日"), None);
    }

    #[test]
    fn dates_as_offices_type_them() {
        assert_eq!(date_of("2025/4/1").as_deref(), Some("2025-04-01"));
        assert_eq!(date_of("2025-04-01").as_deref(), Some("2025-04-01"));
        assert_eq!(date_of("２０２５／４／１").as_deref(), Some("2025-04-01"));
        assert_eq!(date_of("2025年4月1日").as_deref(), Some("2025-04-01"));
        assert_eq!(date_of("2025/13/40"), None);
        assert_eq!(date_of("2025/2/29"), None);
        assert_eq!(date_of("4/1"), None);
        assert_eq!(date_of("25/4/1"), None);
        assert_eq!(date_of("2025/4/1日5"), None);
        assert_eq!(date_of("2025//1"), None);
        assert_eq!(date_of("2025/4/1/2"), None);
    }

    #[test]
    fn a_heading_row_without_a_name_column_is_a_file_error() {
        let p = preview("会社名,電話\r\n株式会社テスト,03-1234-5678\r\n");
        assert_eq!(p.file_errors[0].code, "no_name_column");
        assert!(!p.importable);
        assert!(p.rows.is_empty());
        assert_eq!(preview("").file_errors[0].code, "empty_file");
        assert_eq!(preview("\r\n,,\r\n").file_errors[0].code, "empty_file");
    }

    #[test]
    fn unknown_columns_are_warned_about_and_ignored() {
        let p = preview("氏名,FAX,誕生日,,氏名\r\n山田 太郎,03-0000-0000,1980/1/1,,別名\r\n");
        let warnings: Vec<_> = p.column_warnings.iter().map(|w| (w.code.as_str(), w.column.as_deref())).collect();
        assert_eq!(
            warnings,
            [("unknown_column", Some("FAX")), ("unknown_column", Some("誕生日")), ("duplicate_column", Some("氏名"))]
        );
        assert!(p.importable);
        assert_eq!(p.rows[0].contact.name, "山田 太郎");
        assert!(p.rows[0].contact.phones.is_empty());
    }

    #[test]
    fn cells_are_read_into_fields() {
        let p = preview(
            "区分,氏名,フリガナ,会社名,役職,緊急電話,電話,携帯,メール,タグ,連絡網順,確認日,備考\r\n\
             組織,株式会社ミナト,ﾐﾅﾄ,,,保守: 03-1111-2222,０３－１１１１－３３３３,090-1111-4444,support@minato.example.jp,取引先・委託先、保険,,2025/4/1,'=SUM(A1)\r\n",
        );
        assert!(p.importable, "{:?}", p.rows[0].errors);
        let c = &p.rows[0].contact;
        assert_eq!(c.kind, ContactKind::Organization);
        assert_eq!(c.name_kana, "ﾐﾅﾄ");
        assert_eq!(
            c.phones,
            [
                Phone { label: "保守".into(), number: "03-1111-2222".into(), emergency: true },
                Phone { label: String::new(), number: "03-1111-3333".into(), emergency: false },
                Phone { label: "携帯".into(), number: "090-1111-4444".into(), emergency: false },
            ]
        );
        assert_eq!(c.emails[0].address, "support@minato.example.jp");
        assert_eq!(c.tags, [ContactTag::Vendor, ContactTag::Insurer]);
        assert_eq!(c.last_confirmed_on.as_deref(), Some("2025-04-01"));
        assert_eq!(c.notes, "=SUM(A1)", "exactly the exporter's apostrophe is removed");
    }

    #[test]
    fn row_errors_name_code_column_and_the_line_the_row_starts_on() {
        let text = "氏名,メモ,確認日,メール,電話,タグ,区分,連絡網順\r\n\
                    山田 太郎,\"一行目\r\n二行目, まだメモ\",2025/4/1\r\n\
                    \r\n\
                    佐藤 花子,\"\"\"引用\"\"\",2025/13/40,hanako@,なし,友人,ロボット,0\r\n\
                    ,メモだけ\r\n\
                    鈴木 一郎,,,,,,,,余分\r\n";
        let p = preview(text);
        assert!(!p.importable);
        let lines: Vec<u64> = p.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5, 6, 7]);
        assert!(p.rows[0].errors.is_empty());
        assert_eq!(p.rows[0].contact.notes, "一行目\r\n二行目, まだメモ");
        let codes = |i: usize| -> Vec<(String, Option<String>)> {
            p.rows[i].errors.iter().map(|e| (e.code.clone(), e.column.clone())).collect()
        };
        let s = |code: &str, column: &str| (code.to_owned(), Some(column.to_owned()));
        assert_eq!(
            codes(1),
            [
                s("invalid_date", "確認日"),
                s("invalid_email", "メール"),
                s("invalid_phone", "電話"),
                s("unknown_tag", "タグ"),
                s("unknown_kind", "区分"),
                s("invalid_call_order", "連絡網順"),
            ]
        );
        assert_eq!(codes(2), [s("name_missing", "氏名")]);
        assert_eq!(codes(3)[0].0, "too_many_columns");
        assert!(p.rows[1].errors[0].message.starts_with("line 5, 確認日:"), "{}", p.rows[1].errors[0].message);
    }

    #[test]
    fn lines_end_with_lf_crlf_or_a_lone_cr() {
        let p = preview("氏名\r山田\n佐藤\r\n\"鈴\r\n木\"\r高橋\r\n");
        let lines: Vec<u64> = p.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 6]);
    }

    #[test]
    fn encodings_are_detected() {
        let text = "氏名,ふりがな\r\n高橋 健太,たかはし けんた\r\n";
        let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!bad);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        for (bytes, encoding) in [
            (text.as_bytes().to_vec(), CsvEncoding::Utf8),
            (bom, CsvEncoding::Utf8Bom),
            (sjis.into_owned(), CsvEncoding::ShiftJis),
        ] {
            let p = preview_contacts_csv(&bytes, &[]);
            assert_eq!(p.encoding, Some(encoding));
            assert!(p.importable, "{encoding:?}: {:?}", p.file_errors);
            assert_eq!(p.rows[0].contact.name, "高橋 健太");
            assert_eq!(p.rows[0].contact.name_kana, "たかはし けんた");
        }
        // Not UTF-8, and 0x82 0xFF is no CP932 character either.
        let p = preview_contacts_csv(b"\x8e\x81\x96\xbc\r\nabc\r\n\x82\xff\r\n", &[]);
        assert_eq!(p.file_errors[0].code, "unreadable_encoding");
        assert!(p.file_errors[0].message.contains("line 3"), "{}", p.file_errors[0].message);
        let p = preview_contacts_csv(b"\xEF\xBB\xBF\x8e\x81\x96\xbc", &[]);
        assert_eq!(p.file_errors[0].code, "unreadable_encoding");
    }

    #[test]
    fn the_input_is_capped() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(preview_contacts_csv(&big, &[]).file_errors[0].code, "file_too_large");
        let mut many = String::from("氏名\n");
        for n in 0..=MAX_ROWS {
            many.push_str(&format!("人{n}\n"));
        }
        let p = preview(&many);
        assert_eq!(p.file_errors[0].code, "too_many_rows");
        assert!(p.rows.is_empty());
        assert!(!p.importable);
    }

    #[test]
    fn duplicates_of_the_file_and_within_the_csv_are_skipped() {
        let existing =
            [KnownContact { id: 7, name: "山田 太郎".into(), phones: vec!["090-1234-5678".into()], emails: vec![] }];
        let text = "氏名,電話,メール\r\n\
                    山田太郎,09012345678,\r\n\
                    山田 太郎,03-0000-0000,taro@example.jp\r\n\
                    佐藤 花子,03-1111-1111,hanako@example.jp\r\n\
                    ｻﾄｳ,03-1111-1111,\r\n\
                    佐藤　花子,,HANAKO@example.jp\r\n\
                    警視庁,,\r\n\
                    警視庁,,\r\n";
        let p = preview_contacts_csv(text.as_bytes(), &existing);
        let warned: Vec<(u64, &str)> =
            p.rows.iter().flat_map(|r| r.warnings.iter().map(move |w| (r.line, w.code.as_str()))).collect();
        assert_eq!(warned, [(2, "duplicate_existing"), (6, "duplicate_in_file"), (8, "duplicate_in_file")]);
        assert!(p.rows[4].warnings[0].message.contains("line 4"));
        assert_eq!((p.to_import, p.to_skip), (4, 3));
        assert!(p.importable, "duplicates are warnings, not errors");
    }

    #[test]
    fn written_csv_reads_back() {
        let contact = ContactDetails {
            id: 1,
            kind: ContactKind::Organization,
            name: "=HYPERLINK(\"x\")".into(),
            name_kana: "はいぱー".into(),
            organization: "株式会社, \"引用\"".into(),
            department: "総務部".into(),
            title: "-".into(),
            notes: "二行\r\nのメモ".into(),
            call_order: Some(3),
            last_confirmed_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5),
            phones: vec![
                Phone { label: "受付".into(), number: "+81-3-0000-0000".into(), emergency: true },
                Phone { label: String::new(), number: "03-0000-0001".into(), emergency: false },
            ],
            emails: vec![Email { label: "代表".into(), address: "@x@example.jp".into() }],
            tags: vec![ContactTag::Vendor, ContactTag::Other],
            stale: false,
            updated_at: chrono::DateTime::UNIX_EPOCH.fixed_offset(),
            last_change_id: None,
        };
        for language in [Language::Ja, Language::En] {
            let bytes = write_contacts_csv(std::slice::from_ref(&contact), language);
            assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
            let text = std::str::from_utf8(&bytes).unwrap();
            assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
            assert!(text.ends_with("\r\n"));
            let p = preview_contacts_csv(&bytes, &[]);
            assert!(p.column_warnings.is_empty(), "{:?}", p.column_warnings);
            let row = &p.rows[0];
            // The email is invalid on purpose (it starts with @): the reader reports it, the rest reads back.
            assert_eq!(row.errors.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(), ["invalid_email"]);
            assert_eq!(row.contact.name, contact.name);
            assert_eq!(row.contact.title, "-");
            assert_eq!(row.contact.organization, contact.organization);
            assert_eq!(row.contact.notes, contact.notes);
            assert_eq!(row.contact.phones, contact.phones);
            assert_eq!(row.contact.tags, contact.tags);
            assert_eq!(row.contact.kind, ContactKind::Organization);
            assert_eq!(row.contact.call_order, Some(3));
            assert_eq!(row.contact.last_confirmed_on.as_deref(), Some("2026-01-05"));
        }
    }
}

#[cfg(test)]
mod office_list_tests {
    use super::*;

    fn office_list() -> Vec<u8> {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/contacts-office-cp932.csv"))
            .expect("fixture")
    }

    #[test]
    fn an_office_spreadsheet_with_its_own_kubun_imports_every_row_as_suggested() {
        let preview = preview_contacts_csv(&office_list(), &[]);
        assert_eq!(preview.encoding, Some(CsvEncoding::ShiftJis));
        let fields: Vec<Option<CsvField>> = preview.columns.iter().map(|c| c.field).collect();
        use CsvField::*;
        assert_eq!(
            fields,
            [
                Some(Name),
                Some(NameKana),
                Some(Organization),
                Some(Department),
                Some(Title),
                Some(Phone),
                Some(Phone),
                Some(Email),
                Some(Tags),
                Some(Notes)
            ],
            "区分 holding 社内 / 取引先 / 保険 is read as tags"
        );
        assert!(
            preview.importable,
            "{:?} {:?}",
            preview.file_errors,
            preview.rows.iter().flat_map(|r| &r.errors).collect::<Vec<_>>()
        );
        assert_eq!(preview.to_import, 6);
        assert!(preview.column_warnings.is_empty(), "{:?}", preview.column_warnings);
        let ogawa = &preview.rows[0].contact;
        assert_eq!(ogawa.department, "総務部");
        assert_eq!(ogawa.tags, [ContactTag::Internal]);
        assert_eq!(ogawa.notes, "夜間は携帯へ。\n土日は不在。");
        let numbers = |row: usize| preview.rows[row].contact.phones.iter().map(|p| p.number.clone()).collect::<Vec<_>>();
        assert_eq!(numbers(0), ["03-9876-5432", "090-1111-2222"]);
        assert_eq!(numbers(1), ["03-9876-5433"]);
        assert_eq!(numbers(2), ["03-1234-5678", "080-3333-4444"]);
        assert_eq!(numbers(3), ["03-5555-6666"]);
        assert_eq!(preview.rows[2].contact.tags, [ContactTag::Vendor]);
        assert_eq!(preview.rows[3].contact.tags, [ContactTag::Insurer]);
        assert_eq!(preview.rows[0].contact.phones[1].label, "携帯電話");
    }

    #[test]
    fn the_users_mapping_wins_and_a_kind_column_stays_a_kind() {
        use CsvField::*;
        // The user ignores 備考 and reads 部署 as the title; 役職 is then ignored as a repeat.
        let mapping = [
            Some(Name),
            Some(NameKana),
            Some(Organization),
            Some(Title),
            Some(Title),
            Some(Phone),
            Some(Phone),
            Some(Email),
            Some(Tags),
            None,
        ];
        let preview = preview_contacts_csv_mapped(&office_list(), &[], Some(&mapping));
        assert!(preview.importable);
        assert_eq!(preview.rows[0].contact.title, "総務部");
        assert!(preview.rows[0].contact.notes.is_empty());
        assert!(preview.column_warnings.iter().any(|w| w.code == "duplicate_column" && w.column.as_deref() == Some("役職")));
        // A mapping that does not fit the heading row is not used.
        let short = preview_contacts_csv_mapped(&office_list(), &[], Some(&[Some(Name)]));
        assert_eq!(short.columns[3].field, Some(Department));

        let kinds = "区分,氏名\r\n個人,山田\r\n組織,株式会社ミナト\r\n".as_bytes();
        let preview = preview_contacts_csv(kinds, &[]);
        assert_eq!(preview.columns[0].field, Some(Kind));
        assert_eq!(preview.rows[1].contact.kind, ContactKind::Organization);
    }
}
