//! The contact table to and from the Excel CSV (the format itself is [`super::csv`]): preview
//! and import against the contacts already there, and export in the list's order.

use super::csv::{CsvPreview, KnownContact};
use super::edit::create_contact;
use super::read::{list_order, read_contacts};
use super::{csv, current_cutoff, CsvImportSummary};
use crate::error_code::ErrorCode;
use crate::store::refused;
use crate::store::{today, Result};
use crate::store::{Db, Transaction};

/// Names, phones and emails of the contacts in the file, for spotting duplicates in a CSV.
pub fn known_contacts(conn: &dyn Db) -> Result<Vec<KnownContact>> {
    let cutoff = current_cutoff(conn, today())?;
    Ok(read_contacts(conn, None, cutoff)?
        .into_iter()
        .map(|c| KnownContact {
            id: c.id,
            name: c.name,
            phones: c.phones.into_iter().map(|p| p.number).collect(),
            emails: c.emails.into_iter().map(|e| e.address).collect(),
        })
        .collect())
}

/// What importing `bytes` would do to this file (see [`csv::preview_contacts_csv`]).
pub fn preview_contacts_import(conn: &dyn Db, bytes: &[u8]) -> Result<CsvPreview> {
    preview_contacts_import_mapped(conn, bytes, None)
}

/// [`preview_contacts_import`] with the columns read as the user mapped them.
pub fn preview_contacts_import_mapped(
    conn: &dyn Db,
    bytes: &[u8],
    mapping: Option<&[Option<csv::CsvField>]>,
) -> Result<CsvPreview> {
    Ok(csv::preview_contacts_csv_mapped(bytes, &known_contacts(conn)?, mapping))
}

/// Imports a contacts CSV, all or nothing: a file with any error is refused (`csv_has_errors`,
/// or the file error's own code such as `file_too_large`) and nothing is imported. Duplicates are
/// skipped. Each imported contact gets a change record.
pub fn import_contacts(tx: &Transaction, author: &str, bytes: &[u8]) -> Result<CsvImportSummary> {
    import_contacts_mapped(tx, author, bytes, None)
}

/// [`import_contacts`] with the columns read as the user mapped them.
pub fn import_contacts_mapped(
    tx: &Transaction,
    author: &str,
    bytes: &[u8],
    mapping: Option<&[Option<csv::CsvField>]>,
) -> Result<CsvImportSummary> {
    let preview = preview_contacts_import_mapped(tx, bytes, mapping)?;
    if let Some(first) = preview.file_errors.first() {
        return Err(refused(csv::file_error_code(&first.code), first.message.clone()));
    }
    let bad: Vec<String> =
        preview.rows.iter().flat_map(|row| row.errors.iter().map(move |e| format!("line {}: {}", row.line, e.message))).collect();
    if !bad.is_empty() {
        const SHOWN: usize = 5;
        let more = if bad.len() > SHOWN { format!(" (and {} more)", bad.len() - SHOWN) } else { String::new() };
        return Err(refused(
            ErrorCode::CsvHasErrors,
            format!("nothing was imported: the file has {} errors: {}{more}", bad.len(), bad[..bad.len().min(SHOWN)].join("; ")),
        ));
    }
    let mut summary = CsvImportSummary { imported: 0, skipped: 0 };
    for row in &preview.rows {
        if row.skipped {
            summary.skipped += 1;
        } else {
            create_contact(tx, author, &row.contact)?;
            summary.imported += 1;
        }
    }
    Ok(summary)
}

/// Every contact as CSV for Excel (UTF-8 with BOM, CRLF), headed in the file's language, in list
/// order. The importer reads it back unchanged.
pub fn export_contacts_csv(conn: &dyn Db) -> Result<Vec<u8>> {
    let language = crate::store::file_language(conn)?;
    let cutoff = current_cutoff(conn, today())?;
    let mut contacts = read_contacts(conn, None, cutoff)?;
    contacts.sort_by_cached_key(|c| list_order(c.call_order, &c.name, &c.name_kana, c.id));
    Ok(csv::write_contacts_csv(&contacts, language))
}
