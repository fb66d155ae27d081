//! The company's schema in a server database: created from the migrations of a company file
//! (through [`crate::dialect`]), with its version in the table `sonae_schema`, so that a server
//! database and a company file of the same version hold the same tables and columns.

use postgres::GenericClient;
use sonae_core::company_file::{migrate::MIGRATIONS, SCHEMA_VERSION};

use crate::people::{self, NewPerson};
use crate::{dialect, watch};
use crate::{Result, ServerError};

/// The lock two Sonae processes take before creating or upgrading the same database's schema, so
/// that one waits for the other instead of both building it.
const SCHEMA_LOCK: i64 = 0x736f_6e61_6501;

/// The database's schema version; `None` for a database without tables (a new one). A database
/// holding other tables is refused.
pub fn version(db: &mut impl GenericClient, server: &str) -> Result<Option<i32>> {
    let tables: i64 =
        db.query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", &[])?.get(0);
    if tables == 0 {
        return Ok(None);
    }
    let ours: bool = db.query_one("SELECT to_regclass('sonae_schema') IS NOT NULL", &[])?.get(0);
    if !ours {
        return Err(ServerError::ForeignDatabase { server: server.to_owned() });
    }
    Ok(Some(db.query_one("SELECT version FROM sonae_schema", &[])?.get(0)))
}

/// Brings the database's schema to this version inside `tx`: creates it in a new database,
/// upgrades an older one, refuses a newer one. Answers the version it had (`None`: created).
pub fn ensure(tx: &mut postgres::Transaction<'_>, server: &str) -> Result<Option<i32>> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
    let found = version(tx, server)?;
    upgrade_to(tx, server, found, SCHEMA_VERSION)?;
    Ok(found)
}

/// Connects to `server`, brings its schema to this version ([`ensure`]) and its people and rights
/// up to date, and registers `first_administrator` when given, all committed together: what
/// `sonae-cli server init` does. Answers the version it had (`None`: created).
pub fn init(server: &crate::ServerAddress, first_administrator: Option<&NewPerson>) -> Result<Option<i32>> {
    let mut client = server.connect()?;
    let mut tx = client.transaction()?;
    let found = ensure(&mut tx, &server.to_string())?;
    if found == Some(SCHEMA_VERSION) {
        // Nothing was upgraded, so the rights and the change notices were not set again: a
        // database set up before they existed gets them here.
        people::set_up(&mut tx)?;
        watch::set_up(&mut tx)?;
    }
    if let Some(person) = first_administrator {
        people::add_first_administrator(&mut tx, person)?;
    }
    tx.commit()?;
    Ok(found)
}

/// Takes the schema from `found` (`None`: nothing) to `to`, in `tx`.
fn upgrade_to(tx: &mut postgres::Transaction<'_>, server: &str, found: Option<i32>, to: i32) -> Result<()> {
    let from = found.unwrap_or(0);
    if from > SCHEMA_VERSION {
        return Err(ServerError::NewerVersion { server: server.to_owned(), found: from, supported: SCHEMA_VERSION });
    }
    let pending: Vec<_> = MIGRATIONS.iter().filter(|m| m.version > from && m.version <= to).collect();
    if pending.is_empty() {
        return Ok(());
    }
    // An `after` step is core code run on the data (assessing incidents again): it needs the
    // company's data through the core, which runs on company files only so far. A new database
    // has no data, so the steps have nothing to do there.
    if found.is_some() && pending.iter().any(|m| m.after.is_some()) {
        return Err(ServerError::UpgradeNotPossible { server: server.to_owned(), found: from, to });
    }
    if found.is_none() {
        tx.batch_execute(dialect::FUNCTIONS)?;
        tx.batch_execute("CREATE TABLE sonae_schema (version integer NOT NULL); INSERT INTO sonae_schema VALUES (0);")?;
    }
    for migration in pending {
        tx.batch_execute(&dialect::postgres(migration.sql))?;
    }
    tx.batch_execute(dialect::APPEND_ONLY_GUARDS)?;
    people::set_up(tx)?;
    watch::set_up(tx)?;
    tx.execute("UPDATE sonae_schema SET version = $1", &[&to])?;
    Ok(())
}

/// A database with the schema of an older version, to test upgrades with.
#[doc(hidden)]
pub fn create_at(tx: &mut postgres::Transaction<'_>, server: &str, version: i32) -> Result<()> {
    upgrade_to(tx, server, None, version)
}
