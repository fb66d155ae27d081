//! What the server tests share: a database of their own on the test server.

use sonae_server::ServerAddress;

pub const NEEDS_SERVER: &str = "set SONAE_TEST_SERVER to a PostgreSQL superuser's URL (make test-server and make test-e2e do)";

/// A database of its own on the test server, dropped when the test ends.
pub struct TestDatabase {
    /// The test server's superuser, connected to its own database (this one may refuse
    /// connections while a test has taken it away).
    pub admin: ServerAddress,
    pub address: ServerAddress,
}

impl TestDatabase {
    pub fn new(name: &str) -> TestDatabase {
        let admin =
            ServerAddress::parse(&std::env::var("SONAE_TEST_SERVER").expect(NEEDS_SERVER)).expect("the test server's URL");
        let database = format!("sonae_test_{name}_{}", std::process::id());
        let mut client = admin.connect().expect("the test server");
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {database}")).unwrap();
        client.batch_execute(&format!("CREATE DATABASE {database}")).unwrap();
        TestDatabase { address: admin.with_database(&database), admin }
    }

    #[allow(dead_code)]
    pub fn client(&self) -> postgres::Client {
        self.address.connect().unwrap()
    }

    /// This database's address signed in as `user` with `password`.
    #[allow(dead_code)]
    pub fn signed_in_as(&self, user: &str, password: &str) -> ServerAddress {
        let mut url = url::Url::parse(&std::env::var("SONAE_TEST_SERVER").expect(NEEDS_SERVER)).unwrap();
        url.set_username(user).unwrap();
        url.set_password(Some(password)).unwrap();
        url.set_path(self.address.database());
        ServerAddress::parse(url.as_str()).unwrap()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = self.admin.connect() {
            let database = self.address.database();
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"));
            // The company's groups and the people's sign-ins belong to the whole server: tests
            // name their people after the database, so that they go with it.
            let roles = client
                .query("SELECT rolname::text FROM pg_roles WHERE starts_with(rolname, $1)", &[&database])
                .unwrap_or_default();
            for role in roles {
                let role: String = role.get(0);
                let _ = client.batch_execute(&format!("DROP ROLE IF EXISTS \"{role}\""));
            }
        }
    }
}
