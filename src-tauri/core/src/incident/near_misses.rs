//! ヒヤリハット — weaknesses and near misses, and the anonymous list used for staff training.
//!
//! Seed 004 asks that near misses be shared so others learn from them, without the person
//! involved being identifiable; the training export therefore leaves out who reported it.

use crate::store::{Db, Transaction};
use rusqlite::params;

use super::timeline_text::phrase;
use crate::contacts::csv::csv_field;
use crate::error_code::ErrorCode;
use crate::incident::NearMiss;
use crate::incident::NearMissInput;
use crate::store::{now, Result, StoreError};

/// Every near miss, the most recent first.
pub fn near_misses(conn: &dyn Db) -> Result<Vec<NearMiss>> {
    let mut stmt = conn.prepare(
        "SELECT id, occurred_on, title, description, what_could_happen, measures, reported_by
           FROM near_miss ORDER BY occurred_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(NearMiss {
            id: r.get(0)?,
            occurred_on: r.get(1)?,
            title: r.get(2)?,
            description: r.get(3)?,
            what_could_happen: r.get(4)?,
            measures: r.get(5)?,
            reported_by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add_near_miss(tx: &Transaction, input: &NearMissInput) -> Result<i64> {
    if input.title.trim().is_empty() {
        return Err(StoreError::Refused { code: ErrorCode::TitleRequired, detail: "a near miss needs a short title".into() });
    }
    chrono::NaiveDate::parse_from_str(input.occurred_on.trim(), "%Y-%m-%d").map_err(|_| StoreError::Refused {
        code: ErrorCode::InvalidDate,
        detail: format!("{:?} is not a date", input.occurred_on),
    })?;
    tx.execute(
        "INSERT INTO near_miss (occurred_on, title, description, what_could_happen, measures, reported_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.occurred_on.trim(),
            input.title.trim(),
            input.description,
            input.what_could_happen,
            input.measures,
            input.reported_by.trim(),
            now()
        ],
    )?;
    tx.last_insert_rowid()
}

/// The near misses as CSV for training (UTF-8 with a BOM so Excel reads the Japanese), without
/// who reported them. Headings are in the company file's language.
pub fn near_miss_training_csv(conn: &dyn Db) -> Result<String> {
    let language = crate::store::file_language(conn)?;
    let mut out = String::from("\u{feff}");
    out.push_str(&phrase(language, "near_miss.header", &[]));
    out.push_str("\r\n");
    for near_miss in near_misses(conn)? {
        let fields = [
            near_miss.occurred_on.to_string(),
            near_miss.title,
            near_miss.description,
            near_miss.what_could_happen,
            near_miss.measures,
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::contacts::csv::csv_field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\"\nbye"), "\"say \"\"hi\"\"\nbye\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
