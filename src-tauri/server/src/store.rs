//! A company on a server, read and written by the same core as a company file: the core's
//! statements run on PostgreSQL through [`sonae_core::store::Db`], with their SQL rewritten by
//! [`crate::dialect::statement`] and their values carried as SQLite's five types.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use postgres::types::{FromSql, IsNull, ToSql, Type};
use postgres::GenericClient;
use rusqlite::types::Value;
use sonae_core::company_file::SCHEMA_VERSION;
use sonae_core::error_code::ErrorCode;
use sonae_core::store::{Db, Row, StoreError};

use crate::watch::ChangeWatcher;
use crate::{dialect, schema, Result, ServerAddress, ServerError};

/// What [`check`] found: the database holds a company of a version this Sonae reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerCheck {
    pub schema_version: i32,
    pub company_name: String,
}

/// Checks, without changing anything, that the database at `address` holds a company this
/// version of Sonae can open (`sonae-cli check` on a URL).
pub fn check(address: &ServerAddress) -> Result<ServerCheck> {
    checked(&mut address.connect()?, &address.to_string())
}

/// [`check`] on a connection already made.
fn checked(client: &mut postgres::Client, shown: &str) -> Result<ServerCheck> {
    let shown = shown.to_owned();
    let Some(schema_version) = schema::version(client, &shown)? else {
        return Err(ServerError::NoCompany { server: shown });
    };
    if schema_version > SCHEMA_VERSION {
        return Err(ServerError::NewerVersion { server: shown, found: schema_version, supported: SCHEMA_VERSION });
    }
    match client.query_opt("SELECT name FROM company", &[])? {
        Some(row) => Ok(ServerCheck { schema_version, company_name: row.get(0) }),
        None => Err(ServerError::NoCompany { server: shown }),
    }
}

/// A company kept in a server database, open for the core to read and write.
pub struct ServerCompany {
    /// Always there until the company is dropped (see `Drop`).
    tables: Option<OnServer<postgres::Client>>,
    address: ServerAddress,
    /// The server process serving `tables`, whose changes a [`ChangeWatcher`] leaves out.
    backend: Arc<AtomicI32>,
}

impl ServerCompany {
    /// Connects to the database at `address` and checks that it holds a company of this
    /// version's schema (an older schema is brought up to date first, as a file's is).
    pub fn open(address: &ServerAddress) -> Result<ServerCompany> {
        let mut client = address.connect()?;
        let shown = address.to_string();
        if checked(&mut client, &shown)?.schema_version < SCHEMA_VERSION {
            let mut tx = client.transaction()?;
            schema::ensure(&mut tx, &shown)?;
            tx.commit()?;
        }
        let backend = Arc::new(AtomicI32::new(backend_of(&mut client)?));
        Ok(ServerCompany { tables: Some(OnServer::new(client, Arc::default())), address: address.clone(), backend })
    }

    /// Starts telling the changes other PCs make to this company (not those made here).
    pub fn watch_changes(&self) -> ChangeWatcher {
        ChangeWatcher::start(self.address.clone(), Arc::clone(&self.backend))
    }

    /// Connects again when the server ended the connection (restarted, or the network went and
    /// came back), so that the next action after 「接続が切れました」 works without opening the
    /// company again; a server still away is refused as `server_unreachable`. Nothing is retried:
    /// the action that met the lost connection stays refused.
    pub fn reconnect_if_lost(&mut self) -> sonae_core::store::Result<()> {
        if !self.tables().client.borrow().is_closed() {
            return Ok(());
        }
        let unreachable = |e: &dyn std::fmt::Display| StoreError::Refused {
            code: ErrorCode::ServerUnreachable,
            detail: format!("the connection to the server was lost and cannot be made again: {e}"),
        };
        let mut client = self.address.connect().map_err(|e| unreachable(&e))?;
        self.backend.store(backend_of(&mut client).map_err(|e| unreachable(&e))?, Ordering::Relaxed);
        self.tables = Some(OnServer::new(client, Arc::default()));
        Ok(())
    }

    pub fn address(&self) -> &ServerAddress {
        &self.address
    }

    /// The person signed in, when they are one of the company's people.
    pub fn signed_in(&self) -> Result<Option<sonae_core::workspace::ServerPerson>> {
        self.with_client(crate::people::signed_in)
    }

    /// Runs `work` on this company's connection, for what is not the core's (its people): see
    /// [`crate::people`].
    pub fn with_client<T>(&self, work: impl FnOnce(&mut postgres::Client) -> Result<T>) -> Result<T> {
        work(&mut self.tables().client.borrow_mut())
    }

    /// The company's tables, to read (each statement sees what was last committed).
    pub fn connection(&self) -> &dyn Db {
        self.tables()
    }

    /// Runs `work` on one snapshot of the company: each of its statements sees the company as it
    /// was when the first one ran, whatever other PCs commit meanwhile, so that what a screen or a
    /// document reads in several statements fits together. Nothing can be written in it.
    pub fn read<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&dyn Db) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.in_transaction(true, work)
    }

    /// Runs `work` in one transaction: it is committed whole or not at all.
    pub fn write<T>(
        &mut self,
        work: impl FnOnce(&sonae_core::store::Transaction) -> sonae_core::store::Result<T>,
    ) -> sonae_core::store::Result<T> {
        self.in_transaction(false, work)
    }

    /// Runs `work` in one `REPEATABLE READ` transaction and commits it. For a write, a row another
    /// person changed since this one read it is refused rather than overwritten: no update is lost.
    fn in_transaction<T, E: From<StoreError>>(
        &self,
        read_only: bool,
        work: impl FnOnce(&dyn Db) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let open = self.tables();
        let mut client = open.client.borrow_mut();
        let tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(read_only)
            .start()
            .map_err(|e| refused(&e, "BEGIN"))?;
        let tables = OnServer::new(tx, Arc::clone(&open.statements));
        let value = work(&tables)?;
        tables.client.into_inner().commit().map_err(|e| refused(&e, "COMMIT"))?;
        Ok(value)
    }
}

/// The server process serving `client`.
fn backend_of(client: &mut postgres::Client) -> Result<i32> {
    Ok(client.query_one("SELECT pg_backend_pid()", &[])?.get(0))
}

impl ServerCompany {
    fn tables(&self) -> &OnServer<postgres::Client> {
        self.tables.as_ref().expect("a server company's connection is there until it is dropped")
    }
}

/// Closing the connection waits for the server (and, when it is gone, for the network to say so).
/// It is done on a thread of its own, so that letting go of a server company never holds up the
/// window, and never runs the client's own small runtime on an async runtime's thread, which
/// refuses it.
impl Drop for ServerCompany {
    fn drop(&mut self) {
        if let Some(tables) = self.tables.take() {
            let _ = std::thread::Builder::new().name("sonae-server-close".into()).spawn(move || drop(tables));
        }
    }
}

/// Statements already prepared on the connection, by their SQL as the core wrote it. Shared (and
/// `Send`) so that the window's session can hold a server company as it holds a file.
type Prepared = Arc<Mutex<HashMap<String, postgres::Statement>>>;

/// The core's view of a server connection, or of a transaction on it.
struct OnServer<C> {
    client: RefCell<C>,
    statements: Prepared,
}

impl<C: GenericClient> OnServer<C> {
    fn new(client: C, statements: Prepared) -> OnServer<C> {
        OnServer { client: RefCell::new(client), statements }
    }

    /// Runs `run` with the prepared form of `sql` and its parameters.
    fn with_statement<T>(
        &self,
        sql: &str,
        params: &[Value],
        run: impl FnOnce(&mut C, &postgres::Statement, &[&(dyn ToSql + Sync)]) -> std::result::Result<T, postgres::Error>,
    ) -> sonae_core::store::Result<T> {
        let params: Vec<Param> = params.iter().map(Param).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        let client = &mut *self.client.borrow_mut();
        let cached = self.statements.lock().unwrap_or_else(PoisonError::into_inner).get(sql).cloned();
        let statement = match cached {
            Some(statement) => statement,
            None => {
                let rewritten = dialect::statement(sql);
                let statement = client.prepare(&rewritten).map_err(|e| refused(&e, sql))?;
                self.statements.lock().unwrap_or_else(PoisonError::into_inner).insert(sql.to_owned(), statement.clone());
                statement
            }
        };
        run(client, &statement, &refs).map_err(|e| refused(&e, sql))
    }
}

impl<C: GenericClient> Db for OnServer<C> {
    fn execute_values(&self, sql: &str, params: &[Value]) -> sonae_core::store::Result<usize> {
        let changed = self.with_statement(sql, params, |client, statement, params| client.execute(statement, params))?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    fn for_each_row(
        &self,
        sql: &str,
        params: &[Value],
        each: &mut dyn FnMut(&Row<'_>) -> sonae_core::store::Result<()>,
    ) -> sonae_core::store::Result<()> {
        let rows = self.with_statement(sql, params, |client, statement, params| client.query(statement, params))?;
        let mut values = Vec::new();
        for row in rows {
            values.clear();
            for index in 0..row.len() {
                let Cell(value) = row.try_get(index).map_err(|e| refused(&e, sql))?;
                values.push(value);
            }
            each(&Row::from_values(&values))?;
        }
        Ok(())
    }

    fn last_insert_rowid(&self) -> sonae_core::store::Result<i64> {
        let row = self.client.borrow_mut().query_one("SELECT lastval()", &[]).map_err(|e| refused(&e, "SELECT lastval()"))?;
        Ok(row.get(0))
    }
}

/// The server's refusal of `sql`, in its own words; a change that met another person's change
/// to the same rows is refused as such (nothing of it was written).
fn refused(error: &postgres::Error, sql: &str) -> StoreError {
    use postgres::error::SqlState;
    let code = error.code();
    if code == Some(&SqlState::T_R_SERIALIZATION_FAILURE) || code == Some(&SqlState::T_R_DEADLOCK_DETECTED) {
        return StoreError::Refused {
            code: ErrorCode::ChangedElsewhere,
            detail: "someone else changed the same thing meanwhile; this change was not saved".to_owned(),
        };
    }
    // The server's administrator gave this user no right to change it (a 閲覧 account): the server
    // refused the write, whatever the app would have allowed.
    if code == Some(&SqlState::INSUFFICIENT_PRIVILEGE) {
        let reason = error.as_db_error().map_or_else(|| error.to_string(), |db| db.message().to_owned());
        return StoreError::Refused {
            code: ErrorCode::NotPermitted,
            detail: format!("the server does not let this user do it ({reason}); this change was not saved"),
        };
    }
    // The server went away (stopped, restarted, or the network between): whatever was being
    // written was not committed, so nothing of it is there.
    let gone = [SqlState::ADMIN_SHUTDOWN, SqlState::CRASH_SHUTDOWN, SqlState::CANNOT_CONNECT_NOW];
    let io = std::error::Error::source(error).is_some_and(|cause| cause.is::<std::io::Error>());
    if error.is_closed() || io || code.is_some_and(|c| gone.contains(c)) {
        return StoreError::Refused {
            code: ErrorCode::ServerUnreachable,
            detail: format!("the connection to the server was lost ({error}); this change was not saved"),
        };
    }
    let detail = match error.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => error.to_string(),
    };
    StoreError::Server { detail, statement: sql.split_whitespace().collect::<Vec<_>>().join(" ") }
}

/// A value of the core going to the server, converted to the type the statement needs there as
/// SQLite would convert it for a column of that type.
#[derive(Debug)]
struct Param<'a>(&'a Value);

type Boxed = Box<dyn Error + Sync + Send>;

fn is_text(ty: &Type) -> bool {
    [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME, Type::UNKNOWN].contains(ty)
}

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, Boxed> {
        let mismatch = || -> Boxed { format!("a value {:?} cannot be stored as {ty}", self.0).into() };
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::BOOL => (*n != 0).to_sql(ty, out),
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT8 => (*n as f64).to_sql(ty, out),
                _ if is_text(ty) => n.to_string().to_sql(ty, out),
                _ => Err(mismatch()),
            },
            Value::Real(x) => match *ty {
                Type::FLOAT8 => x.to_sql(ty, out),
                _ if is_text(ty) => x.to_string().to_sql(ty, out),
                _ => Err(mismatch()),
            },
            Value::Text(text) => match *ty {
                _ if is_text(ty) => text.to_sql(ty, out),
                Type::JSON => {
                    out.extend_from_slice(text.as_bytes());
                    Ok(IsNull::No)
                }
                Type::INT8 => text.trim().parse::<i64>().map_err(|_| mismatch())?.to_sql(ty, out),
                _ => Err(mismatch()),
            },
            Value::Blob(bytes) => match *ty {
                Type::BYTEA => bytes.to_sql(ty, out),
                _ => Err(mismatch()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A value from the server, as the SQLite type the core reads it as.
struct Cell(Value);

impl<'a> FromSql<'a> for Cell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Cell, Boxed> {
        Ok(Cell(match *ty {
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            Type::BOOL => Value::Integer(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::JSON => Value::Text(std::str::from_utf8(raw)?.to_owned()),
            Type::BYTEA => Value::Blob(raw.to_vec()),
            _ if is_text(ty) => Value::Text(String::from_sql(ty, raw)?),
            _ => return Err(format!("a value of type {ty} has no SQLite type").into()),
        }))
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Cell, Boxed> {
        Ok(Cell(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A `numeric` (what `sum` of integers gives) in its binary form: an integer when it has no
/// fraction digits, as SQLite's `sum` of integers is.
fn numeric(raw: &[u8]) -> std::result::Result<Value, Boxed> {
    let word = |at: usize| -> std::result::Result<u16, Boxed> {
        Ok(u16::from_be_bytes(raw.get(at..at + 2).ok_or("a numeric value is cut short")?.try_into()?))
    };
    let digits = usize::from(word(0)?);
    let weight = i32::from(word(2)? as i16);
    let sign = word(4)?;
    let scale = word(6)?;
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let mut whole: i64 = 0;
    let mut real = 0.0_f64;
    for i in 0..digits {
        let digit = word(8 + 2 * i)?;
        let power = weight - i32::try_from(i)?;
        real += f64::from(digit) * 10_000_f64.powi(power);
        if let Ok(power) = u32::try_from(power) {
            let place = 10_000_i64.checked_pow(power).and_then(|p| p.checked_mul(i64::from(digit)));
            whole = place.and_then(|p| whole.checked_add(p)).ok_or("a numeric value is too large for an integer")?;
        }
    }
    let negative = sign == 0x4000;
    Ok(if scale == 0 {
        Value::Integer(if negative { -whole } else { whole })
    } else {
        Value::Real(if negative { -real } else { real })
    })
}
