//! What the server tests share: a database of their own on the test server.

use sonae_server::ServerAddress;

pub const NEEDS_SERVER: &str = "set SONAE_TEST_SERVER to a PostgreSQL superuser's URL (make test-server does)";

/// A database of its own on the test server, dropped when the test ends.
pub struct TestDatabase {
    admin: ServerAddress,
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
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = self.admin.connect() {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.address.database()));
        }
    }
}
