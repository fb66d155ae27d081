//! The people of a server company and what each may change, enforced by the server itself
//! (DEVELOPMENT.md, "People and rights"): each person signs in as a PostgreSQL user of their own,
//! which is a member of one of the company's three groups — 管理者, 担当者, 閲覧 — and the groups
//! hold the company's tables by `GRANT`, area by area. A modified or older client therefore still
//! cannot write what its person may not; the app only explains the server's refusal.
//!
//! Adding people and changing their rights goes through functions the company's owner (who ran
//! `sonae-cli server init`) defines and the 管理者 may call: they create sign-ins and move them
//! between this company's groups only, so a 管理者 needs no right over the rest of the server. A
//! password reaches the server only as a SCRAM verifier, never as the password itself.

use postgres::GenericClient;
use sonae_core::error_code::ErrorCode;
use sonae_core::workspace::{ServerAccess, ServerPerson};

use crate::{Result, ServerError};

/// A right's Japanese name, as the office calls it.
pub fn label(access: ServerAccess) -> &'static str {
    match access {
        ServerAccess::Administrator => "管理者",
        ServerAccess::Staff => "担当者",
        ServerAccess::ReadOnly => "閲覧",
    }
}

/// Reads a right as typed on the command line: its Japanese name or its key.
pub fn parse_access(text: &str) -> Option<ServerAccess> {
    ServerAccess::ALL.iter().copied().find(|&a| label(a) == text || a.key() == text)
}

/// The area each table belongs to, which decides who may change it. A table the list does not
/// name can only be read (a test checks that every table of a company file is named).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// The policy, the BCP and the company's settings: the 管理者's.
    PolicyAndBcp,
    /// Incidents, contacts and exercises: the 担当者's too.
    Response,
    /// Records that are only ever added to: the 担当者 adds, nobody changes.
    AddedOnly,
}

pub fn area_of(table: &str) -> Option<Area> {
    Some(match table {
        "company" | "role" | "role_holder" | "level" | "category" | "procedure" | "procedure_step" | "checklist"
        | "checklist_item" | "authority" | "bcp_scenario" | "bcp_target" | "bcp_target_contact" | "jigyokei"
        | "jigyokei_measure" | "jigyokei_partner" | "jigyokei_site" => Area::PolicyAndBcp,
        "contact"
        | "contact_email"
        | "contact_phone"
        | "contact_tag"
        | "incident"
        | "incident_call"
        | "incident_task"
        | "timeline_copy"
        | "obligation"
        | "near_miss"
        | "letter"
        | "exercise_scenario"
        | "exercise_scenario_inject"
        | "exercise_run"
        | "exercise_run_call"
        | "exercise_run_inject"
        | "exercise_follow_up"
        | "bcp_exercise"
        | "bcp_exercise_confirmation" => Area::Response,
        "change_log" | "timeline_entry" => Area::AddedOnly,
        _ => return None,
    })
}

/// The company's settings a 担当者 changes while keeping the contacts (how old a confirmation may
/// get); the rest of the company's row is the 管理者's.
const STAFF_COMPANY_COLUMNS: &str = "stale_contact_months, updated_at";

/// Tables where the author of a row is the person signed in, whatever the client sent.
const AUTHORED_TABLES: [&str; 3] = ["change_log", "timeline_entry", "incident_call"];

/// The longest database name whose groups' names fit PostgreSQL's 63 bytes.
const LONGEST_DATABASE_NAME: usize = 63 - ".administrator".len();

/// The name of a company's group for `access`: `<database>.<key>`.
fn group(database: &str, access: ServerAccess) -> String {
    format!("{database}.{}", access.key())
}

/// `name` quoted as a PostgreSQL identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Creates, or brings up to date, the company's people table, groups, rights, functions and the
/// signed-in author, in `tx` (run by the owner of the company's tables; creating the groups the
/// first time needs the right to create roles). Safe to run again: `server init` does, and every
/// schema upgrade.
pub fn set_up(tx: &mut postgres::Transaction<'_>) -> Result<()> {
    let row = tx.query_one("SELECT current_database()::text, current_schema()::text", &[])?;
    let (database, schema): (String, String) = (row.get(0), row.get(1));
    if database.len() > LONGEST_DATABASE_NAME {
        return Err(ServerError::InvalidAddress(format!(
            "the database name {database:?} is longer than {LONGEST_DATABASE_NAME} bytes, too long to name its people's groups after it"
        )));
    }
    let [admin, staff, viewer] = [ServerAccess::Administrator, ServerAccess::Staff, ServerAccess::ReadOnly]
        .map(|access| quoted(&group(&database, access)));
    for &access in ServerAccess::ALL {
        let name = group(&database, access);
        let exists = tx.query_one("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", &[&name])?.get::<_, bool>(0);
        if !exists {
            tx.batch_execute(&format!("CREATE ROLE {} NOLOGIN", quoted(&name))).map_err(|e| cannot_create_groups(&e))?;
        }
    }
    let db = quoted(&database);
    let mut sql = format!(
        "CREATE TABLE IF NOT EXISTS sonae_person (
             login        text PRIMARY KEY,
             name         text NOT NULL CHECK (name <> ''),
             access       text CHECK (access IN ('administrator', 'staff', 'read_only')),
             created_here boolean NOT NULL
         );
         GRANT {viewer} TO {staff};
         GRANT {staff} TO {admin};
         REVOKE ALL ON DATABASE {db} FROM PUBLIC;
         GRANT CONNECT ON DATABASE {db} TO {viewer};
         GRANT SELECT ON ALL TABLES IN SCHEMA {schema_q} TO {viewer};
         GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema_q} TO {staff};
         GRANT UPDATE ({STAFF_COMPANY_COLUMNS}) ON company TO {staff};
        ",
        schema_q = quoted(&schema),
    );
    let tables = tx.query(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        &[],
    )?;
    for table in tables.iter().map(|row| row.get::<_, String>(0)) {
        let grant = match area_of(&table) {
            Some(Area::PolicyAndBcp) => format!("GRANT INSERT, UPDATE, DELETE ON {} TO {admin};", quoted(&table)),
            Some(Area::Response) => format!("GRANT INSERT, UPDATE, DELETE ON {} TO {staff};", quoted(&table)),
            Some(Area::AddedOnly) => format!("GRANT INSERT ON {} TO {staff};", quoted(&table)),
            None => continue,
        };
        sql.push_str(&grant);
    }
    sql.push_str(&functions(&schema, &admin));
    for table in AUTHORED_TABLES {
        sql.push_str(&format!(
            "DROP TRIGGER IF EXISTS {table}_signed_in_author ON {table};
             CREATE TRIGGER {table}_signed_in_author BEFORE INSERT ON {table}
               FOR EACH ROW EXECUTE FUNCTION sonae_signed_in_author();"
        ));
    }
    tx.batch_execute(&sql)?;
    Ok(())
}

fn cannot_create_groups(error: &postgres::Error) -> ServerError {
    ServerError::Database(format!(
        "cannot create the company's groups for 管理者, 担当者 and 閲覧 ({error}); run this as a user with the right to create roles (CREATEROLE)"
    ))
}

/// The functions the 管理者 changes people with, and the trigger that names the signed-in person
/// as the author. Those that act for the 管理者 run with the owner's rights (`SECURITY DEFINER`),
/// so their search path is fixed to the company's schema and nothing a caller creates is found
/// before it.
fn functions(schema: &str, admin: &str) -> String {
    let path = format!("SET search_path = {}, pg_temp", quoted(schema));
    format!(
        r"
CREATE OR REPLACE FUNCTION sonae_require_administrator() RETURNS void LANGUAGE plpgsql {path} AS $$
BEGIN
  IF NOT (pg_has_role(session_user, current_database() || '.administrator', 'MEMBER')
          OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'sonae_person'::regclass), 'MEMBER')) THEN
    RAISE EXCEPTION 'only a 管理者 of this company may change its people' USING ERRCODE = '42501';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION sonae_check_access(p_access text) RETURNS void LANGUAGE plpgsql {path} AS $$
BEGIN
  IF p_access IS NOT NULL AND p_access NOT IN ('administrator', 'staff', 'read_only') THEN
    RAISE EXCEPTION 'there is no right %; the rights are administrator (管理者), staff (担当者) and read_only (閲覧)', p_access USING ERRCODE = '22023';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION sonae_check_verifier(p_verifier text) RETURNS void LANGUAGE plpgsql {path} AS $$
BEGIN
  IF p_verifier IS NULL OR p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION 'a password reaches the server only as a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
  END IF;
END $$;

-- Puts the person's sign-in in the group of `p_access` and in no other of this company's groups
-- (none for NULL).
CREATE OR REPLACE FUNCTION sonae_grant_access(p_login text, p_access text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
  a text;
BEGIN
  FOREACH a IN ARRAY ARRAY['administrator', 'staff', 'read_only'] LOOP
    IF a IS DISTINCT FROM p_access THEN
      EXECUTE format('REVOKE %I FROM %I', current_database() || '.' || a, p_login);
    END IF;
  END LOOP;
  IF p_access IS NOT NULL THEN
    EXECUTE format('GRANT %I TO %I', current_database() || '.' || p_access, p_login);
  END IF;
END $$;
REVOKE ALL ON FUNCTION sonae_grant_access(text, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION sonae_add_person(p_login text, p_name text, p_access text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
BEGIN
  PERFORM sonae_require_administrator();
  PERFORM sonae_check_access(p_access);
  PERFORM sonae_check_verifier(p_verifier);
  IF p_access IS NULL THEN
    RAISE EXCEPTION 'a new person needs a right' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
    RAISE EXCEPTION 'the sign-in name % is already used on this server; choose another', p_login USING ERRCODE = '42710';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_login, p_verifier);
  INSERT INTO sonae_person (login, name, access, created_here) VALUES (p_login, p_name, p_access, true);
  PERFORM sonae_grant_access(p_login, p_access);
END $$;

-- A person's name and right; NULL leaves the name as it is, and a NULL right takes them off the
-- company (they keep their place in the history).
CREATE OR REPLACE FUNCTION sonae_change_person(p_login text, p_name text, p_access text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
  was text;
BEGIN
  PERFORM sonae_require_administrator();
  PERFORM sonae_check_access(p_access);
  SELECT access INTO was FROM sonae_person WHERE login = p_login;
  IF NOT FOUND THEN
    RAISE EXCEPTION '% is not one of this company''s people', p_login USING ERRCODE = '42704';
  END IF;
  UPDATE sonae_person SET name = coalesce(p_name, name), access = p_access WHERE login = p_login;
  IF was = 'administrator' AND NOT EXISTS (SELECT 1 FROM sonae_person WHERE access = 'administrator') THEN
    RAISE EXCEPTION 'the company would have no 管理者 left; make someone else 管理者 first' USING ERRCODE = '55000';
  END IF;
  PERFORM sonae_grant_access(p_login, p_access);
END $$;

-- A new password for a sign-in this company made; others belong to whoever made them.
CREATE OR REPLACE FUNCTION sonae_set_password(p_login text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
BEGIN
  PERFORM sonae_require_administrator();
  PERFORM sonae_check_verifier(p_verifier);
  IF NOT EXISTS (SELECT 1 FROM sonae_person WHERE login = p_login AND created_here) THEN
    RAISE EXCEPTION 'the sign-in % was not made for this company; its password is changed where it was made', p_login USING ERRCODE = '42501';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
END $$;

REVOKE ALL ON FUNCTION sonae_add_person(text, text, text, text), sonae_change_person(text, text, text),
  sonae_set_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sonae_add_person(text, text, text, text), sonae_change_person(text, text, text),
  sonae_set_password(text, text) TO {admin};

-- The history and the timeline name the person signed in, not what the client says.
CREATE OR REPLACE FUNCTION sonae_signed_in_author() RETURNS trigger LANGUAGE plpgsql {path} AS $$
DECLARE
  who text;
BEGIN
  SELECT name INTO who FROM sonae_person WHERE login = session_user AND access IS NOT NULL;
  IF FOUND THEN
    NEW.author := who;
  END IF;
  RETURN NEW;
END $$;
"
    )
}

/// A person to add: the sign-in, their name, and the password of a new sign-in.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub login: String,
    pub name: String,
    /// `None`: an existing user of the server (only for the first 管理者).
    pub password: Option<String>,
}

/// Registers the company's first 管理者 (`sonae-cli server init --admin`), run by the owner: a
/// new sign-in with a password, or, without one, an existing user of the server (the owner
/// themselves, or someone made by the server's administrator).
pub fn add_first_administrator(tx: &mut postgres::Transaction<'_>, person: &NewPerson) -> Result<()> {
    let NewPerson { login, name, password } = person;
    match password {
        Some(password) => add(tx, login, name, ServerAccess::Administrator, password),
        None => {
            let exists = tx.query_one("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", &[login])?.get::<_, bool>(0);
            if !exists {
                return Err(ServerError::Database(format!(
                    "there is no user {login} on the server; give a password to make one"
                )));
            }
            tx.execute(
                "INSERT INTO sonae_person (login, name, access, created_here) VALUES ($1, $2, 'administrator', false)
                   ON CONFLICT (login) DO UPDATE SET name = excluded.name, access = 'administrator'",
                &[login, name],
            )?;
            tx.execute("SELECT sonae_grant_access($1, 'administrator')", &[login])?;
            Ok(())
        }
    }
}

/// Adds a person with a sign-in of their own (a 管理者's act; the server refuses anyone else).
pub fn add(db: &mut impl GenericClient, login: &str, name: &str, access: ServerAccess, password: &str) -> Result<()> {
    if login.trim().is_empty() || name.trim().is_empty() {
        return Err(refusal(ErrorCode::NameRequired, "a person needs a sign-in name and a name"));
    }
    let verifier = verifier(password)?;
    db.execute("SELECT sonae_add_person($1, $2, $3, $4)", &[&login.trim(), &name.trim(), &access.key(), &verifier])
        .map_err(|e| refused(&e))?;
    Ok(())
}

/// Changes a person's name (`None`: kept) and right (`None`: taken off the company).
pub fn change(db: &mut impl GenericClient, login: &str, name: Option<&str>, access: Option<ServerAccess>) -> Result<()> {
    if name.is_some_and(|n| n.trim().is_empty()) {
        return Err(refusal(ErrorCode::NameRequired, "a person needs a name"));
    }
    db.execute("SELECT sonae_change_person($1, $2, $3)", &[&login, &name.map(str::trim), &access.map(ServerAccess::key)])
        .map_err(|e| refused(&e))?;
    Ok(())
}

/// Gives a person a new password.
pub fn set_password(db: &mut impl GenericClient, login: &str, password: &str) -> Result<()> {
    let verifier = verifier(password)?;
    db.execute("SELECT sonae_set_password($1, $2)", &[&login, &verifier]).map_err(|e| refused(&e))?;
    Ok(())
}

fn refusal(code: ErrorCode, message: impl Into<String>) -> ServerError {
    ServerError::People { code, message: message.into() }
}

/// The server's refusal of a change to the people, by the SQLSTATE its functions raise.
fn refused(error: &postgres::Error) -> ServerError {
    use postgres::error::SqlState;
    let Some(db) = error.as_db_error() else { return ServerError::Database(error.to_string()) };
    let code = match db.code() {
        c if *c == SqlState::INSUFFICIENT_PRIVILEGE => ErrorCode::NotPermitted,
        c if *c == SqlState::DUPLICATE_OBJECT => ErrorCode::SignInNameTaken,
        c if *c == SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE => ErrorCode::LastAdministrator,
        c if *c == SqlState::UNDEFINED_OBJECT => ErrorCode::NotFound,
        _ => return ServerError::Database(db.message().to_owned()),
    };
    refusal(code, db.message())
}

/// The company's people, by name.
pub fn list(db: &mut impl GenericClient) -> Result<Vec<ServerPerson>> {
    let rows = db.query("SELECT login, name, access FROM sonae_person ORDER BY name, login", &[])?;
    Ok(rows.iter().map(person).collect())
}

/// The person signed in on `db`, when they are one of the company's people (the owner or a user
/// the server's administrator made may not be).
pub fn signed_in(db: &mut impl GenericClient) -> Result<Option<ServerPerson>> {
    // A database set up before people existed has no table for them.
    let known: bool = db.query_one("SELECT to_regclass('sonae_person') IS NOT NULL", &[])?.get(0);
    if !known {
        return Ok(None);
    }
    let row = db.query_opt("SELECT login, name, access FROM sonae_person WHERE login = session_user", &[])?;
    Ok(row.as_ref().map(person))
}

fn person(row: &postgres::Row) -> ServerPerson {
    let access: Option<String> = row.get(2);
    ServerPerson { login: row.get(0), name: row.get(1), access: access.as_deref().and_then(|a| ServerAccess::from_key(a).ok()) }
}

/// What the server keeps of a password: a salted SCRAM-SHA-256 verifier, made here.
fn verifier(password: &str) -> Result<String> {
    if password.chars().count() < 8 {
        return Err(refusal(ErrorCode::PasswordTooShort, "a password needs at least 8 characters"));
    }
    Ok(postgres_protocol::password::scram_sha_256(password.as_bytes()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The tables of a company file of this version.
    pub(crate) fn company_file_tables() -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let company = sonae_core::company_file::CompanyFile::create_demo(
            &dir.path().join("demo.sonae"),
            sonae_core::language::Language::Ja,
        )
        .unwrap();
        let mut statement =
            company.sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").unwrap();
        statement.query_map([], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn every_table_of_a_company_file_has_an_area() {
        let tables = company_file_tables();
        let unnamed: Vec<&String> = tables.iter().filter(|t| area_of(t).is_none()).collect();
        assert!(tables.len() > 30, "{tables:?}");
        assert!(unnamed.is_empty(), "tables no one may change on a server: {unnamed:?}");
    }

    #[test]
    fn rights_are_read_by_their_japanese_names_and_their_keys() {
        assert_eq!(parse_access("担当者"), Some(ServerAccess::Staff));
        assert_eq!(parse_access("read_only"), Some(ServerAccess::ReadOnly));
        assert_eq!(parse_access("社長"), None);
    }

    #[test]
    fn a_password_becomes_a_salted_verifier_without_the_password_in_it() {
        let one = verifier("見るだけ-2026").unwrap();
        assert!(one.starts_with("SCRAM-SHA-256$4096:"), "{one}");
        assert!(!one.contains("見るだけ"));
        assert_ne!(one, verifier("見るだけ-2026").unwrap(), "salted");
        assert!(verifier("short").is_err());
    }
}
