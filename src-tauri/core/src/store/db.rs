//! The one way the core reads and writes a company's tables, whichever store holds them: a
//! company file (SQLite, here) or a server database (PostgreSQL, in `sonae-server`).
//!
//! Every statement of the core is written in the SQL both engines run, with `?1`-style
//! parameters; the server's side rewrites what it must in one place. Values cross this seam as
//! SQLite's five types (NULL, integer, real, text, blob), so the core's own conversions of its
//! keys and dates work unchanged on either store. DEVELOPMENT.md, "The network edition", says why
//! this is a small trait and not a library.

use rusqlite::types::{FromSql, FromSqlError, ToSql, ToSqlOutput, Value, ValueRef};

use super::{Result, StoreError};

/// A store of one company's tables, reached through SQL.
pub trait Db {
    /// Runs one statement; returns how many rows it changed.
    fn execute_values(&self, sql: &str, params: &[Value]) -> Result<usize>;
    /// Runs one query and hands each of its rows to `each`, in order.
    fn for_each_row(&self, sql: &str, params: &[Value], each: &mut dyn FnMut(&Row<'_>) -> Result<()>) -> Result<()>;
    /// The id the last `INSERT` into a table with an `INTEGER PRIMARY KEY` gave its row.
    fn last_insert_rowid(&self) -> Result<i64>;
}

/// What every write runs in (see `CompanyFile::write`): a store inside one transaction, whose
/// changes are kept together or not at all.
pub type Transaction<'a> = dyn Db + 'a;

/// One row of a query's result.
pub struct Row<'a>(RowValues<'a>);

enum RowValues<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Values(&'a [Value]),
}

impl<'a> Row<'a> {
    /// A row read from another engine, its values already in SQLite's five types.
    pub fn from_values(values: &'a [Value]) -> Row<'a> {
        Row(RowValues::Values(values))
    }

    /// The value of column `index` (from 0) as it is stored, without copying it.
    pub fn get_ref(&self, index: usize) -> rusqlite::Result<ValueRef<'_>> {
        match &self.0 {
            RowValues::Sqlite(row) => row.get_ref(index),
            RowValues::Values(values) => values.get(index).map(ValueRef::from).ok_or(rusqlite::Error::InvalidColumnIndex(index)),
        }
    }

    /// The value of column `index` (from 0) as a `T`.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, index: I) -> rusqlite::Result<T> {
        let index = index.position();
        match &self.0 {
            RowValues::Sqlite(row) => row.get(index),
            RowValues::Values(values) => {
                let value = values.get(index).ok_or(rusqlite::Error::InvalidColumnIndex(index))?;
                T::column_result(ValueRef::from(value)).map_err(|error| {
                    if matches!(error, FromSqlError::InvalidType) {
                        rusqlite::Error::InvalidColumnType(index, String::new(), value.data_type())
                    } else {
                        rusqlite::Error::FromSqlConversionFailure(index, value.data_type(), Box::new(error))
                    }
                })
            }
        }
    }
}

/// Where a column is in a row: its position, from 0.
pub trait ColumnIndex {
    fn position(self) -> usize;
}

impl ColumnIndex for usize {
    fn position(self) -> usize {
        self
    }
}

/// The parameters of a statement: `params![…]`, `[a, b]`, `[]` or `()`.
pub trait Params {
    fn into_values(self) -> Result<Vec<Value>>;
}

fn value_of(param: &(impl ToSql + ?Sized)) -> Result<Value> {
    Ok(match param.to_sql()? {
        ToSqlOutput::Borrowed(value) => owned(value),
        ToSqlOutput::Owned(value) => value,
        other => return Err(StoreError::Invalid(format!("a value of an unsupported kind ({other:?}) was given to the store"))),
    })
}

fn owned(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::Integer(n),
        ValueRef::Real(x) => Value::Real(x),
        ValueRef::Text(text) => Value::Text(String::from_utf8_lossy(text).into_owned()),
        ValueRef::Blob(bytes) => Value::Blob(bytes.to_vec()),
    }
}

impl Params for () {
    fn into_values(self) -> Result<Vec<Value>> {
        Ok(Vec::new())
    }
}

impl Params for [&(dyn ToSql + Send + Sync); 0] {
    fn into_values(self) -> Result<Vec<Value>> {
        Ok(Vec::new())
    }
}

impl Params for &[&dyn ToSql] {
    fn into_values(self) -> Result<Vec<Value>> {
        self.iter().map(|param| value_of(*param)).collect()
    }
}

impl Params for &[Value] {
    fn into_values(self) -> Result<Vec<Value>> {
        Ok(self.to_vec())
    }
}

impl Params for Vec<Value> {
    fn into_values(self) -> Result<Vec<Value>> {
        Ok(self)
    }
}

macro_rules! params_for_arrays {
    ($($n:literal)+) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn into_values(self) -> Result<Vec<Value>> {
                self.iter().map(value_of).collect()
            }
        }
        impl<T: ToSql + ?Sized> Params for &[&T; $n] {
            fn into_values(self) -> Result<Vec<Value>> {
                self.iter().map(|param| value_of(*param)).collect()
            }
        }
    )+};
}

params_for_arrays!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

macro_rules! params_for_tuples {
    ($(($($name:ident)+))+) => {$(
        impl<$($name: ToSql),+> Params for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_values(self) -> Result<Vec<Value>> {
                let ($($name,)+) = self;
                Ok(vec![$(value_of(&$name)?),+])
            }
        }
    )+};
}

params_for_tuples!((A) (A B) (A B C) (A B C D) (A B C D E) (A B C D E F));

/// The error of a query that was to return one row and returned none.
fn no_row() -> StoreError {
    StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)
}

impl dyn Db + '_ {
    /// Runs one statement; returns how many rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        self.execute_values(sql, &params.into_values()?)
    }

    /// The first row of a query, read by `read`; an error when there is none (see
    /// [`Optional::optional`]).
    pub fn query_row<T>(&self, sql: &str, params: impl Params, read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>) -> Result<T> {
        let mut read = Some(read);
        let mut first = None;
        self.for_each_row(sql, &params.into_values()?, &mut |row| {
            if let Some(read) = read.take() {
                first = Some(read(row)?);
            }
            Ok(())
        })?;
        first.ok_or_else(no_row)
    }

    /// Every row of a query, each read by `read`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: impl Params,
        mut read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut rows = Vec::new();
        self.for_each_row(sql, &params.into_values()?, &mut |row| {
            rows.push(read(row)?);
            Ok(())
        })?;
        Ok(rows)
    }

    /// A statement to run several times (or once, to read many rows).
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement { db: self, sql: sql.to_owned() })
    }
}

/// A statement of one store, to run with different parameters.
pub struct Statement<'s> {
    db: &'s dyn Db,
    sql: String,
}

impl Statement<'_> {
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        self.db.execute(&self.sql, params)
    }

    /// Every row, each read by `read`, in the shape of `rusqlite`'s (a result per row).
    pub fn query_map<T>(
        &mut self,
        params: impl Params,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<std::vec::IntoIter<rusqlite::Result<T>>> {
        let rows = self.db.query_map(&self.sql, params, read)?;
        Ok(rows.into_iter().map(Ok).collect::<Vec<_>>().into_iter())
    }

    pub fn query_row<T>(&mut self, params: impl Params, read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>) -> Result<T> {
        self.db.query_row(&self.sql, params, read)
    }
}

/// A query's missing row as `None` instead of an error.
pub trait Optional<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> Optional<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)) => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// A write's transaction in a company file is a store too.
impl Db for rusqlite::Transaction<'_> {
    fn execute_values(&self, sql: &str, params: &[Value]) -> Result<usize> {
        (**self).execute_values(sql, params)
    }

    fn for_each_row(&self, sql: &str, params: &[Value], each: &mut dyn FnMut(&Row<'_>) -> Result<()>) -> Result<()> {
        (**self).for_each_row(sql, params, each)
    }

    fn last_insert_rowid(&self) -> Result<i64> {
        Db::last_insert_rowid(&**self)
    }
}

/// A company file's connection is a store.
impl Db for rusqlite::Connection {
    fn execute_values(&self, sql: &str, params: &[Value]) -> Result<usize> {
        Ok(self.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params))?)
    }

    fn for_each_row(&self, sql: &str, params: &[Value], each: &mut dyn FnMut(&Row<'_>) -> Result<()>) -> Result<()> {
        let mut statement = self.prepare_cached(sql)?;
        let mut rows = statement.query(rusqlite::params_from_iter(params))?;
        while let Some(row) = rows.next()? {
            each(&Row(RowValues::Sqlite(row)))?;
        }
        Ok(())
    }

    fn last_insert_rowid(&self) -> Result<i64> {
        Ok(rusqlite::Connection::last_insert_rowid(self))
    }
}
