//! Starting a fresh server per test, on either backend.

use std::path::Path;

use server::{Application, Config};
use tempfile::TempDir;

/// Generates, for each named `async fn(TestApp)`, one test per backend:
/// `name::sqlite` and `name::postgres`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(crate::helpers::TestApp::sqlite().await).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(app) = crate::helpers::TestApp::postgres().await {
                    super::$name(app).await;
                }
            }
        }
    )*};
}

/// Which data a test starts with.
#[derive(Clone, Copy)]
pub enum Seed {
    Empty,
    Demo,
}

/// A running server and a client for it.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: server::db::Db,
    /// Holds the data and site directories until the test ends.
    _dir: TempDir,
}

impl TestApp {
    /// A server on a fresh SQLite file with the demo data.
    pub async fn sqlite() -> Self {
        Self::sqlite_with(Seed::Demo).await
    }

    pub async fn sqlite_with(seed: Seed) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        Self::start(dir, url, seed).await
    }

    /// A server on a fresh PostgreSQL database, or `None` (skipped) when no
    /// test server is configured. `cargo xtask test` always configures one and
    /// sets COURTYARD_REQUIRE_POSTGRES, which turns a skip into a failure.
    pub async fn postgres() -> Option<Self> {
        Self::postgres_with(Seed::Demo).await
    }

    pub async fn postgres_with(seed: Seed) -> Option<Self> {
        let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") else {
            assert!(
                std::env::var_os("COURTYARD_REQUIRE_POSTGRES").is_none(),
                "TEST_POSTGRES_URL is not set but PostgreSQL tests are required"
            );
            eprintln!(
                "skipped: set TEST_POSTGRES_URL (cargo xtask test does) to run on PostgreSQL"
            );
            return None;
        };
        let name = format!("courtyard_test_{:016x}", rand::random::<u64>());
        create_database(&admin_url, &name).await;
        let (base, _) = admin_url
            .rsplit_once('/')
            .expect("URL with a database name");
        let dir = tempfile::tempdir().expect("temp dir");
        Some(Self::start(dir, format!("{base}/{name}"), seed).await)
    }

    async fn start(dir: TempDir, database_url: String, seed: Seed) -> Self {
        write_site(&dir.path().join("site"));
        let config = Config {
            addr: "127.0.0.1:0".parse().expect("address"),
            data_dir: dir.path().join("data"),
            database_url: Some(database_url),
            demo: matches!(seed, Seed::Demo),
            site_dir: dir.path().join("site"),
        };
        let app = Application::build(config).await.expect("server starts");
        let addr = app.local_addr().expect("bound");
        let db = app.db.clone();
        tokio::spawn(app.run_until_stopped(std::future::pending()));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        Self {
            base: format!("http://{addr}"),
            client,
            db,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET a path; returns status and parsed JSON body.
    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        let body = response.json().await.expect("JSON body");
        (status, body)
    }
}

async fn create_database(admin_url: &str, name: &str) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(admin_url)
        .await
        .expect("connect to the PostgreSQL test server");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .expect("create test database");
}

/// A stand-in for the built app: an index page and one hashed asset with its
/// precompressed twin.
fn write_site(site: &Path) {
    let assets = site.join("assets").join("0123abcd");
    std::fs::create_dir_all(&assets).expect("site dir");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>院里</title>",
    )
    .expect("index");
    std::fs::write(assets.join("app.js"), "console.log('plain')").expect("asset");
    std::fs::write(assets.join("app.js.br"), "pretend-brotli").expect("asset.br");
}

/// Asserts the body is the error envelope with this code.
pub fn assert_error(body: &serde_json::Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "body: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "message missing: {body}"
    );
}
