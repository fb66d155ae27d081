//! Moving a company between a company file and a server database, every row of every table (the
//! history and the incident timelines included), each way in one transaction: a copy is whole or
//! not there at all.
//!
//! - `push`: a company file into a server database (the database's schema is created in the same
//!   transaction when it is new). The file is only read; an older file is read through an
//!   upgraded copy in memory, as `sonae-cli export` does.
//! - `pull`: a server database into a new company file, read in one snapshot of the server, and
//!   written beside the file's place and moved there whole, like every new company file.
//!
//! The rows go as they are: ids are kept, so the links between rows stay, and a push then a pull
//! gives the same rows (`tests/server.rs`).

use std::path::Path;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use rusqlite::types::Value;
use sonae_core::company_file::{CompanyFile, Passphrase, SCHEMA_VERSION};
use sonae_core::store::StoreError;

use crate::schema;
use crate::{Result, ServerAddress, ServerError};

/// What a copy moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub company: String,
    pub tables: usize,
    pub rows: u64,
}

/// A column's type, the same in both stores (INTEGER is BIGINT on the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    Real,
    Text,
    Blob,
}

impl Kind {
    fn of_sqlite(declared: &str) -> Option<Kind> {
        match declared.to_ascii_uppercase().as_str() {
            "INTEGER" => Some(Kind::Integer),
            "REAL" => Some(Kind::Real),
            "TEXT" => Some(Kind::Text),
            "BLOB" => Some(Kind::Blob),
            _ => None,
        }
    }

    fn of_postgres(name: &str) -> Option<Kind> {
        match name {
            "bigint" => Some(Kind::Integer),
            "double precision" => Some(Kind::Real),
            "text" => Some(Kind::Text),
            "bytea" => Some(Kind::Blob),
            _ => None,
        }
    }

    fn postgres_type(self) -> Type {
        match self {
            Kind::Integer => Type::INT8,
            Kind::Real => Type::FLOAT8,
            Kind::Text => Type::TEXT,
            Kind::Blob => Type::BYTEA,
        }
    }
}

/// A table of the company and its columns, in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Table {
    name: String,
    columns: Vec<(String, Kind)>,
}

impl Table {
    fn column_list(&self) -> String {
        self.columns.iter().map(|(name, _)| format!("\"{name}\"")).collect::<Vec<_>>().join(", ")
    }
}

/// The tables of a company file, in the order they were created.
fn file_tables(conn: &rusqlite::Connection) -> Result<Vec<Table>> {
    let mut names =
        conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")?;
    let names = names.query_map([], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut info = conn.prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let mut columns = Vec::new();
        for column in info.query_map([&name], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))? {
            let (column, declared) = column?;
            let kind = Kind::of_sqlite(&declared).ok_or_else(|| {
                StoreError::Invalid(format!("{name}.{column} has the type {declared}, which a server cannot hold"))
            })?;
            columns.push((column, kind));
        }
        tables.push(Table { name, columns });
    }
    Ok(tables)
}

/// The tables of a server database holding the company, not those of the server edition itself
/// (its version, its people).
fn server_tables(db: &mut impl postgres::GenericClient) -> Result<Vec<Table>> {
    let rows = db.query(
        "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name NOT LIKE 'sonae\\_%'
          ORDER BY table_name, ordinal_position",
        &[],
    )?;
    let mut tables: Vec<Table> = Vec::new();
    for row in rows {
        let (table, column, data_type): (String, String, String) = (row.get(0), row.get(1), row.get(2));
        // Names go into the statements that copy the rows: only those a company file's schema
        // could have are taken.
        if ![&table, &column].iter().all(|name| is_plain_name(name)) {
            return Err(ServerError::Database(format!("the table {table:?} or its column {column:?} is not one of Sonae's")));
        }
        let kind = Kind::of_postgres(&data_type).ok_or_else(|| {
            ServerError::Database(format!("{table}.{column} has the type {data_type}, which Sonae does not write"))
        })?;
        match tables.last_mut() {
            Some(last) if last.name == table => last.columns.push((column, kind)),
            _ => tables.push(Table { name: table, columns: vec![(column, kind)] }),
        }
    }
    Ok(tables)
}

/// Whether `name` is written only with what Sonae's table and column names use.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Copies the company file at `file` into the server database at `server`, which must hold no
/// company yet. The file is not changed.
pub fn push(file: &Path, passphrase: Option<&Passphrase>, server: &ServerAddress) -> Result<Copied> {
    let company = CompanyFile::open_to_read_with_passphrase(file, passphrase)?;
    let conn = company.sqlite();
    let name: String = conn.query_row("SELECT name FROM company", [], |row| row.get(0))?;
    let tables = file_tables(conn)?;

    let mut client = server.connect()?;
    let shown = server.to_string();
    let mut tx = client.transaction()?;
    schema::ensure(&mut tx, &shown)?;
    if let Some(row) = tx.query_opt("SELECT name FROM company", &[])? {
        return Err(ServerError::AlreadyHoldsCompany { server: shown, company: row.get(0) });
    }
    // Rows may point at rows of tables copied later (the company at its insurer's contact):
    // the links are checked once everything is in.
    tx.batch_execute("SET CONSTRAINTS ALL DEFERRED")?;
    let mut rows = 0;
    for table in &tables {
        rows += push_table(conn, &mut tx, table)?;
    }
    restart_ids(&mut tx)?;
    tx.commit()?;
    Ok(Copied { company: name, tables: tables.len(), rows })
}

fn push_table(conn: &rusqlite::Connection, tx: &mut postgres::Transaction<'_>, table: &Table) -> Result<u64> {
    let types: Vec<Type> = table.columns.iter().map(|(_, kind)| kind.postgres_type()).collect();
    let sink = tx.copy_in(&format!("COPY \"{}\" ({}) FROM STDIN BINARY", table.name, table.column_list()))?;
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let mut select = conn.prepare(&format!("SELECT {} FROM \"{}\"", table.column_list(), table.name))?;
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        let values = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, (column, kind))| server_value(*kind, row.get::<_, Value>(i)?, &table.name, column))
            .collect::<Result<Vec<_>>>()?;
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref() as &(dyn ToSql + Sync)).collect();
        writer.write(&refs)?;
    }
    Ok(writer.finish()?)
}

/// A value of a company file as the server takes it, in its column's type.
fn server_value(kind: Kind, value: Value, table: &str, column: &str) -> Result<Box<dyn ToSql + Sync>> {
    Ok(match (kind, value) {
        (Kind::Integer, Value::Integer(n)) => Box::new(Some(n)),
        (Kind::Integer, Value::Null) => Box::new(None::<i64>),
        (Kind::Real, Value::Real(x)) => Box::new(Some(x)),
        (Kind::Real, Value::Null) => Box::new(None::<f64>),
        (Kind::Text, Value::Text(text)) => Box::new(Some(text)),
        (Kind::Text, Value::Null) => Box::new(None::<String>),
        (Kind::Blob, Value::Blob(bytes)) => Box::new(Some(bytes)),
        (Kind::Blob, Value::Null) => Box::new(None::<Vec<u8>>),
        (kind, value) => {
            return Err(StoreError::Corrupt {
                path: table.into(),
                detail: format!("{table}.{column} holds {:?} where {kind:?} belongs", value.data_type()),
            }
            .into())
        }
    })
}

/// Sets every id column to hand out ids after the copied ones.
fn restart_ids(tx: &mut postgres::Transaction<'_>) -> Result<()> {
    let identities = tx.query(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
          WHERE table_schema = current_schema() AND is_identity = 'YES'",
        &[],
    )?;
    for row in identities {
        let (table, column): (String, String) = (row.get(0), row.get(1));
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), coalesce(max(\"{column}\"), 0) + 1, false) FROM \"{table}\""
            ),
            &[],
        )?;
    }
    Ok(())
}

/// Makes a new company file at `out` from the company in the server database at `server`. The
/// server is only read; `out` must not exist.
pub fn pull(server: &ServerAddress, out: &Path) -> Result<Copied> {
    let (copied, contents) = read_company(server)?;
    CompanyFile::create_filled(out, |file| insert_rows(file, &contents))?;
    Ok(copied)
}

/// Writes the company in the server database at `server` to `out`, protected by `key` from the
/// first page written, replacing an earlier copy there: the copy a PC keeps to read the essentials
/// from while the server cannot be reached (DEVELOPMENT.md, "The server goes away").
pub fn keep_copy(server: &ServerAddress, out: &Path, key: &Passphrase) -> Result<Copied> {
    let (copied, contents) = read_company(server)?;
    CompanyFile::write_protected_copy(out, key, |file| insert_rows(file, &contents))?;
    Ok(copied)
}

/// Each table of a company with its rows.
type Contents = Vec<(Table, Vec<Vec<Value>>)>;

/// The rows of every table of the company at `server`, read in one snapshot.
fn read_company(server: &ServerAddress) -> Result<(Copied, Contents)> {
    let mut client = server.connect()?;
    let shown = server.to_string();
    // One snapshot: rows written by others meanwhile are all in it or all out of it.
    let mut tx = client.build_transaction().read_only(true).isolation_level(postgres::IsolationLevel::RepeatableRead).start()?;
    match schema::version(&mut tx, &shown)? {
        None => return Err(ServerError::NoCompany { server: shown }),
        Some(found) if found > SCHEMA_VERSION => {
            return Err(ServerError::NewerVersion { server: shown, found, supported: SCHEMA_VERSION })
        }
        Some(found) if found < SCHEMA_VERSION => {
            return Err(ServerError::UpgradeNotPossible { server: shown, found, to: SCHEMA_VERSION })
        }
        Some(_) => {}
    }
    let Some(company) = tx.query_opt("SELECT name FROM company", &[])? else {
        return Err(ServerError::NoCompany { server: shown });
    };
    let name: String = company.get(0);
    let tables = server_tables(&mut tx)?;
    let mut contents = Vec::with_capacity(tables.len());
    for table in tables {
        let rows = pull_table(&mut tx, &table)?;
        contents.push((table, rows));
    }
    tx.commit()?;
    let rows = contents.iter().map(|(_, rows)| rows.len() as u64).sum();
    Ok((Copied { company: name, tables: contents.len(), rows }, contents))
}

/// Writes `contents` into a new company file's tables.
fn insert_rows(file: &rusqlite::Transaction, contents: &Contents) -> sonae_core::store::Result<()> {
    for (table, rows) in contents {
        let marks = (1..=table.columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let mut insert = file.prepare(&format!("INSERT INTO \"{}\" ({}) VALUES ({marks})", table.name, table.column_list()))?;
        for row in rows {
            insert.execute(rusqlite::params_from_iter(row))?;
        }
    }
    Ok(())
}

fn pull_table(tx: &mut postgres::Transaction<'_>, table: &Table) -> Result<Vec<Vec<Value>>> {
    let rows = tx.query(&format!("SELECT {} FROM \"{}\"", table.column_list(), table.name), &[])?;
    rows.iter()
        .map(|row| {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(i, (_, kind))| {
                    Ok(match kind {
                        Kind::Integer => row.try_get::<_, Option<i64>>(i)?.map_or(Value::Null, Value::Integer),
                        Kind::Real => row.try_get::<_, Option<f64>>(i)?.map_or(Value::Null, Value::Real),
                        Kind::Text => row.try_get::<_, Option<String>>(i)?.map_or(Value::Null, Value::Text),
                        Kind::Blob => row.try_get::<_, Option<Vec<u8>>>(i)?.map_or(Value::Null, Value::Blob),
                    })
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_of_a_company_file_has_a_type_a_server_holds() {
        let company =
            CompanyFile::in_memory("テスト", &sonae_core::template::builtin_policy(sonae_core::language::Language::Ja).unwrap())
                .unwrap();
        let tables = file_tables(company.sqlite()).unwrap();
        assert!(tables.iter().any(|t| t.name == "timeline_entry"));
        assert!(tables.iter().all(|t| !t.columns.is_empty()));
        // What a pull accepts from a server is what the file's own schema uses.
        assert!(tables.iter().all(|t| is_plain_name(&t.name) && t.columns.iter().all(|(c, _)| is_plain_name(c))));
        for odd in ["", "Contact", "contact\" (id) VALUES (1); --", "連絡先"] {
            assert!(!is_plain_name(odd), "{odd}");
        }
    }
}
