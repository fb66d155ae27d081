//! Reaching a server: the address a person gives (a `postgres://` URL), and a connection that is
//! always encrypted and checks that the server is the one its CA certificate vouches for.
//!
//! Sonae never talks to a server in the clear and never trusts a certificate it cannot check:
//! the URL names the CA certificate file (`sslrootcert`) the server's administrator hands out,
//! and the only TLS mode is `verify-full` (the certificate chains to that CA and names the host).

use std::path::PathBuf;
use std::time::Duration;

use openssl::ssl::{SslConnector, SslMethod};
use postgres_openssl::MakeTlsConnector;

use crate::ServerError;

/// The environment variable holding the password when the URL has none, as PostgreSQL's own
/// tools read it.
pub const PASSWORD_VAR: &str = "PGPASSWORD";

/// How long to wait for a server that does not answer before saying so.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// PostgreSQL's port when an address names none.
pub const DEFAULT_PORT: u16 = 5432;

/// A server database as a person names it:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?sslrootcert=CA-FILE[&sslmode=verify-full]`.
#[derive(Clone)]
pub struct ServerAddress {
    config: postgres::Config,
    ca_file: PathBuf,
    shown: String,
}

impl std::fmt::Debug for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl std::fmt::Display for ServerAddress {
    /// `user@host:port/database`: never the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl ServerAddress {
    /// Reads a server URL; the password comes from the URL or, when it has none, from
    /// `PGPASSWORD`.
    pub fn parse(text: &str) -> Result<ServerAddress, ServerError> {
        Self::parse_with_password(text, std::env::var(PASSWORD_VAR).ok())
    }

    fn parse_with_password(text: &str, password_from_env: Option<String>) -> Result<ServerAddress, ServerError> {
        let invalid = |why: &str| ServerError::InvalidAddress(why.to_owned());
        let url = url::Url::parse(text).map_err(|e| invalid(&format!("not a URL ({e})")))?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(invalid("it must start with postgres://"));
        }
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(|| invalid("it names no server (host)"))?;
        let user = url.username();
        if user.is_empty() {
            return Err(invalid("it names no user (postgres://USER@HOST/DATABASE)"));
        }
        let database = url.path().trim_start_matches('/');
        if database.is_empty() || database.contains('/') {
            return Err(invalid("it names no database (postgres://USER@HOST/DATABASE)"));
        }
        let mut ca_file = None;
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "sslrootcert" => ca_file = Some(PathBuf::from(value.as_ref())),
                "sslmode" if value == "verify-full" => {}
                "sslmode" => {
                    return Err(invalid(
                        "Sonae connects only with TLS and checks the server's certificate: leave sslmode out or write sslmode=verify-full",
                    ))
                }
                other => return Err(invalid(&format!("it has a setting Sonae does not use: {other}"))),
            }
        }
        let ca_file = ca_file.ok_or_else(|| {
            invalid(
                "it names no CA certificate: add ?sslrootcert=FILE with the CA certificate the server's administrator gave you",
            )
        })?;
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|text| text.into_owned())
                .map_err(|_| invalid("it has a name that is not valid text"))
        };
        let user = decode(user)?;
        let database = decode(database)?;
        let password = match url.password() {
            Some(password) => Some(decode(password)?),
            None => password_from_env,
        };

        let port = url.port().unwrap_or(DEFAULT_PORT);
        Ok(ServerAddress::from_fields(host, port, &user, &database, ca_file, password))
    }

    /// The address the 「サーバーに接続」 dialog's fields give. The host may be written with the
    /// brackets of an IPv6 URL or without them.
    pub fn from_fields(
        host: &str,
        port: u16,
        user: &str,
        database: &str,
        ca_file: PathBuf,
        password: Option<String>,
    ) -> ServerAddress {
        let mut config = postgres::Config::new();
        config
            .host(host.trim_start_matches('[').trim_end_matches(']'))
            .port(port)
            .user(user)
            .dbname(database)
            .ssl_mode(postgres::config::SslMode::Require)
            .connect_timeout(CONNECT_TIMEOUT)
            .application_name("sonae");
        if let Some(password) = password {
            config.password(password);
        }
        let shown = sonae_core::workspace::server_name(user, host, port, database);
        ServerAddress { config, ca_file, shown }
    }

    /// The database's name.
    pub fn database(&self) -> &str {
        self.config.get_dbname().unwrap_or_default()
    }

    /// The same server and sign-in, another database on it.
    pub fn with_database(&self, database: &str) -> ServerAddress {
        let mut other = self.clone();
        other.config.dbname(database);
        other.shown = format!("{}/{database}", self.shown.rsplit_once('/').map_or(self.shown.as_str(), |(server, _)| server));
        other
    }

    /// Opens an encrypted, verified connection.
    pub fn connect(&self) -> Result<postgres::Client, ServerError> {
        let mut tls = SslConnector::builder(SslMethod::tls_client()).map_err(|e| self.tls_error(e.to_string()))?;
        tls.set_ca_file(&self.ca_file).map_err(|e| {
            ServerError::InvalidAddress(format!("its CA certificate {} cannot be read ({e})", self.ca_file.display()))
        })?;
        let connector = MakeTlsConnector::new(tls.build());
        self.config.connect(connector).map_err(|e| ServerError::Connect { server: self.shown.clone(), detail: plain(&e) })
    }

    fn tls_error(&self, detail: String) -> ServerError {
        ServerError::Connect { server: self.shown.clone(), detail }
    }
}

/// A connection error in the words of its cause (the outer one says only "error connecting").
fn plain(error: &postgres::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ServerAddress, ServerError> {
        ServerAddress::parse_with_password(text, None)
    }

    #[test]
    fn a_full_url_names_server_user_database_and_ca_and_never_shows_the_password() {
        let address =
            parse("postgres://somu:s%40c+ret@office-nas.local:5433/%E5%82%99%E3%81%88?sslrootcert=C%3A%5Cca%20files%5Cca.crt")
                .unwrap();
        assert_eq!(address.to_string(), "somu@office-nas.local:5433/備え");
        assert_eq!(address.database(), "備え");
        assert_eq!(address.config.get_password(), Some(&b"s@c+ret"[..]));
        assert_eq!(address.ca_file, PathBuf::from(r"C:\ca files\ca.crt"));
        assert!(!format!("{address:?}").contains("ret"));
        assert_eq!(address.with_database("client_2").to_string(), "somu@office-nas.local:5433/client_2");
    }

    #[test]
    fn the_password_comes_from_the_environment_when_the_url_has_none() {
        let address = ServerAddress::parse_with_password("postgres://a@h/d?sslrootcert=ca.crt", Some("pw".into())).unwrap();
        assert_eq!(address.config.get_password(), Some(&b"pw"[..]));
        assert_eq!(address.config.get_ports(), [5432]);
    }

    #[test]
    fn unencrypted_unchecked_or_incomplete_addresses_are_refused_with_the_reason() {
        for (url, reason) in [
            ("postgres://a@h/d?sslrootcert=ca.crt&sslmode=disable", "only with TLS"),
            ("postgres://a@h/d?sslrootcert=ca.crt&sslmode=require", "only with TLS"),
            ("postgres://a@h/d", "no CA certificate"),
            ("postgres://h/d?sslrootcert=ca.crt", "no user"),
            ("postgres://a@h/?sslrootcert=ca.crt", "no database"),
            ("mysql://a@h/d?sslrootcert=ca.crt", "postgres://"),
            ("postgres://a@h/d?sslrootcert=ca.crt&options=x", "does not use: options"),
            ("office-nas", "not a URL"),
        ] {
            let error = parse(url).unwrap_err().to_string();
            assert!(error.contains(reason), "{url}: {error}");
        }
    }
}
