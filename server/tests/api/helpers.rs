//! Starting a fresh server per test, on either backend.

use std::path::Path;

use server::config::Config;
use server::startup::Application;
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

/// The same, on an empty database (no demo).
macro_rules! on_both_backends_empty {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                let app = crate::helpers::TestApp::sqlite_with(crate::helpers::Seed::Empty).await;
                super::$name(app).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(app) = crate::helpers::TestApp::postgres_with(crate::helpers::Seed::Empty).await {
                    super::$name(app).await;
                }
            }
        }
    )*};
}

/// The S3-protocol server the test command starts (moto) at
/// TEST_S3_ENDPOINT, or `None` (skipped; COURTYARD_REQUIRE_S3 turns a skip
/// into a failure).
pub fn s3_endpoint() -> Option<String> {
    if let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") {
        return Some(endpoint);
    }
    assert!(
        std::env::var_os("COURTYARD_REQUIRE_S3").is_none(),
        "TEST_S3_ENDPOINT is not set but the object storage tests are required"
    );
    eprintln!("skipped: set TEST_S3_ENDPOINT (cargo xtask test does) to run on S3");
    None
}

/// The bucket the tests share; each test app keeps under a prefix of its own.
pub const TEST_BUCKET: &str = "courtyard-test";

/// Photos in the test bucket under a fresh prefix (the bucket is made if
/// missing: the S3 test server takes unsigned requests).
pub async fn photos_on_s3(endpoint: &str) -> impl FnOnce(&mut Config) + use<> {
    let made = reqwest::Client::new()
        .put(format!("{endpoint}/{TEST_BUCKET}"))
        .send()
        .await
        .expect("the S3 test server answers");
    assert!(
        made.status().is_success() || made.status().as_u16() == 409,
        "create bucket: {}",
        made.status()
    );
    let prefix = format!("run-{:016x}", rand::random::<u64>());
    let endpoint = endpoint.to_owned();
    move |config: &mut Config| {
        config.uploads = Some(format!("s3://{TEST_BUCKET}/{prefix}"));
        config.s3 = server::config::S3Settings {
            endpoint: Some(endpoint),
            region: Some("us-east-1".into()),
            access_key_id: Some("courtyard-test".into()),
            secret_access_key: Some("courtyard-test-secret".parse().expect("secret")),
        };
    }
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
    /// Where its photos are kept.
    pub photos: server::uploads::storage::Photos,
    /// How it was started, for a second process beside it.
    config: Config,
    /// A server running as a process of its own, stopped with the test
    /// (held for its `Drop`).
    _process: Option<Process>,
    /// Holds the data and site directories until the test ends.
    dir: TempDir,
}

/// A child `server` process, killed when dropped.
struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl TestApp {
    /// A server on a fresh SQLite file with the demo data.
    pub async fn sqlite() -> Self {
        Self::sqlite_with(Seed::Demo).await
    }

    pub async fn sqlite_with(seed: Seed) -> Self {
        Self::sqlite_configured(seed, |_| {}).await
    }

    /// On SQLite, with some settings of its own.
    pub async fn sqlite_configured(seed: Seed, configure: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        Self::start(dir, url, seed, configure).await
    }

    /// A server on a fresh PostgreSQL database, or `None` (skipped) when no
    /// test server is configured. `cargo xtask test` always configures one and
    /// sets COURTYARD_REQUIRE_POSTGRES, which turns a skip into a failure.
    pub async fn postgres() -> Option<Self> {
        Self::postgres_with(Seed::Demo).await
    }

    pub async fn postgres_with(seed: Seed) -> Option<Self> {
        Self::postgres_configured(seed, |_| {}).await
    }

    /// On PostgreSQL, with some settings of its own.
    pub async fn postgres_configured(
        seed: Seed,
        configure: impl FnOnce(&mut Config),
    ) -> Option<Self> {
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
        Some(Self::start(dir, format!("{base}/{name}"), seed, configure).await)
    }

    async fn start(
        dir: TempDir,
        database_url: String,
        seed: Seed,
        configure: impl FnOnce(&mut Config),
    ) -> Self {
        write_site(&dir.path().join("site"));
        let mut config = Config {
            addr: "127.0.0.1:0".parse().expect("address"),
            data_dir: dir.path().join("data"),
            database_url: Some(database_url),
            demo: matches!(seed, Seed::Demo),
            public_url: None,
            command: None,
            sqlite_readers: server::db::SQLITE_READERS,
            care_clock: None,
            site_dir: Some(dir.path().join("site")),
            trusted_proxies: Vec::new(),
            metrics_from: Vec::new(),
            uploads: None,
            s3: server::config::S3Settings::default(),
        };
        configure(&mut config);
        Self::serve(dir, config).await
    }

    async fn serve(dir: TempDir, config: Config) -> Self {
        // (An in-process server; `second_process` starts the binary.)
        let app = Application::build(config.clone())
            .await
            .expect("server starts");
        let addr = app.local_addr().expect("bound");
        let db = app.db.clone();
        let photos = app.photos.clone();
        tokio::spawn(app.run_until_stopped(std::future::pending()));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        Self {
            base: format!("http://{addr}"),
            client,
            db,
            photos,
            config,
            _process: None,
            dir,
        }
    }

    /// Another server beside this one — the `server` binary in a process
    /// of its own, as a district's second machine runs it: the same
    /// database and photo store, a data directory of its own.
    pub async fn second_process(&self) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        write_site(&dir.path().join("site"));
        let config = &self.config;
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .arg("--addr")
            .arg("127.0.0.1:0")
            .arg("--data")
            .arg(dir.path().join("data"))
            .arg("--site")
            .arg(dir.path().join("site"))
            .arg("--database-url")
            .arg(config.database_url.as_deref().expect("a database URL"))
            .env_clear()
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit());
        if let Some(uploads) = &config.uploads {
            command.arg("--uploads").arg(uploads);
        }
        let s3 = &config.s3;
        for (name, value) in [
            ("AWS_ENDPOINT_URL", s3.endpoint.as_deref()),
            ("AWS_REGION", s3.region.as_deref()),
            ("AWS_ACCESS_KEY_ID", s3.access_key_id.as_deref()),
            (
                "AWS_SECRET_ACCESS_KEY",
                s3.secret_access_key
                    .as_ref()
                    .map(server::config::Secret::expose),
            ),
        ] {
            if let Some(value) = value {
                command.env(name, value);
            }
        }
        let mut child = command.spawn().expect("the server binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let process = Process(child);
        // It says where it listens once it is ready.
        let base = tokio::task::spawn_blocking(move || {
            use std::io::BufRead;
            std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .find_map(|line| {
                    line.split_once("serving ")
                        .map(|(_, url)| url.trim().to_owned())
                })
        })
        .await
        .expect("reader")
        .expect("the second process says where it listens");
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        Self {
            base,
            client,
            db: self.db.clone(),
            photos: self.photos.clone(),
            config: config.clone(),
            _process: Some(process),
            dir,
        }
    }

    /// The test's own temporary directory.
    pub fn dir(&self) -> std::path::PathBuf {
        self.dir.path().to_path_buf()
    }

    /// The server's `--data` directory (photos live under it).
    pub fn data_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
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

/// A stand-in for the built app: an index page with its loading screen, a
/// few first screens in the shape `app::first_screen` writes (markers and
/// all), and one hashed asset with its precompressed twin.
fn write_site(site: &Path) {
    let assets = site.join("assets").join("0123abcd");
    std::fs::create_dir_all(&assets).expect("site dir");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html>\n<html lang=\"zh-CN\">\n<title>院里</title><body><!--first-screen--><div id=\"boot\">正在打开</div><!--/first-screen--><script>start()</script></body></html>",
    )
    .expect("index");
    let header = "<header><h1>院里 · {{community}}</h1><a class=\"call\" href=\"tel:{{community_phone}}\">物业电话</a></header>";
    let list = "<ul class=\"communities\"><!--{{communities}}--></ul>";
    let screens = serde_json::json!({
        "screens": {
            "/ zh-CN normal nobody": format!("<header><h1>院里</h1></header><main>{list}</main>"),
            "/ zh-CN normal visitor": format!("{header}<main>{list}</main>"),
            "/ zh-CN large visitor": format!("{header}<main class=\"big\">{list}</main>"),
            "/ zh-CN large person": format!("{header}<main class=\"big\"><p class=\"welcome\">您好，{{{{person}}}}！</p></main>"),
            "/ zh-CN normal person": format!("{header}<main><!--{{{{urgent}}}}--><p class=\"welcome\">您好，{{{{person}}}}！</p><!--{{{{care}}}}--></main><nav><a href=\"/notices\">通知<!--{{{{unread}}}}--></a></nav>"),
            "/ zh-CN normal helper": format!("{header}<div class=\"acting\">代办：{{{{residents}}}} · {{{{building}}}} {{{{flat}}}}</div><main><p class=\"welcome\">您好，{{{{person}}}}！</p></main>"),
            "/login en normal nobody": "<header><h1>Courtyard</h1></header><main><form id=\"login\"></form></main>",
            "/register zh-CN normal nobody": "<header><h1>院里</h1></header><main><form id=\"register\"><input id=\"code\" value=\"{{code}}\"></form></main>",
        },
        "community_item": "<li class=\"community\"><h3>{{item}}</h3><a href=\"tel:{{item_phone}}\">{{item_phone}}</a></li>",
        "community_item_chosen": "<li class=\"community mine\"><h3>{{community}}</h3><a href=\"tel:{{community_phone}}\">{{community_phone}}</a></li>",
        "urgent_item": "<div class=\"urgent-banner\"><strong>{{urgent}}</strong><a href=\"/notices/-314159\">详情</a></div>",
        "urgent_id": "-314159",
        "urgent_marker": "<!--{{urgent}}-->",
        "unread_badge": "<span class=\"badge\">271828<span>未读</span></span>",
        "unread_count": "271828",
        "care_items": {"zh-CN": "<section class=\"care-fine\"><button>我很好</button></section>", "en": "<section class=\"care-fine\"><button>I'm fine</button></section>"},
        "care_marker": "<!--{{care}}-->",
        "unread_marker": "<!--{{unread}}-->",
        "markers": ["{{community}}", "{{community_phone}}", "{{item}}", "{{item_phone}}", "{{person}}", "{{residents}}", "{{building}}", "{{flat}}", "{{code}}", "{{urgent}}"],
        "communities_marker": "<!--{{communities}}-->",
    });
    std::fs::write(site.join("first-screens.json"), screens.to_string()).expect("screens");
    std::fs::write(assets.join("app.js"), "console.log('plain')").expect("asset");
    std::fs::write(assets.join("app.js.br"), "pretend-brotli").expect("asset.br");
}

/// Asserts the body is the error envelope with this code.
/// The server's clock.
pub fn now() -> i64 {
    server::db::now_millis()
}

pub fn assert_error(body: &serde_json::Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "body: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "message missing: {body}"
    );
}

/// A small PNG made here.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgb8(width, height)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

/// A deployment admin that tests make (the demo has none).
pub const ADMIN: &str = "13500000009";
pub const ADMIN_PASSWORD: &str = "operator-2026";

/// The demo password.
pub const PASSWORD: &str = "qingji1969";
pub const MANAGER: &str = "13800000001";
pub const STAFF: &str = "13800000002";
pub const RESIDENT: &str = "13800000003";
pub const HELPER: &str = "13800000004";
/// Manager of the second demo community, 纱厂东院.
pub const OTHER_MANAGER: &str = "13800000005";

/// One person's browser: a cookie jar, and optionally the household they act for.
pub struct User {
    base: String,
    client: reqwest::Client,
    pub acting_for: Option<i64>,
}

impl TestApp {
    /// A browser with no session.
    pub fn anonymous(&self) -> User {
        User {
            base: self.base.clone(),
            client: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .expect("client"),
            acting_for: None,
        }
    }

    /// A browser holding a session made straight in the database (no
    /// password hashing: for tests that need many people at once).
    pub async fn session_for(&self, user_id: i64) -> User {
        let (token, _) = server::accounts::session::create(self.db.writer(), user_id, false)
            .await
            .expect("session");
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::COOKIE,
            format!("{}={token}", server::accounts::session::COOKIE_NAME)
                .parse()
                .expect("cookie header"),
        );
        User {
            base: self.base.clone(),
            client: reqwest::Client::builder()
                .default_headers(headers)
                .build()
                .expect("client"),
            acting_for: None,
        }
    }

    /// A browser logged in as `phone` with the demo password.
    pub async fn login(&self, phone: &str) -> User {
        self.login_with(phone, PASSWORD).await
    }

    pub async fn login_with(&self, phone: &str, password: &str) -> User {
        let user = self.anonymous();
        let (status, body) = user
            .post(
                "/api/v1/auth/login",
                serde_json::json!({"phone": phone, "password": password}),
            )
            .await;
        assert_eq!(status, 200, "login {phone}: {body}");
        user
    }

    /// A count from the database, for "nothing was stored" checks.
    pub async fn count(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(self.db.reader())
            .await
            .expect("count")
    }

    /// The demo household 轻机南院 3号楼 201 (张建国's).
    pub async fn zhang_household(&self) -> i64 {
        sqlx::query_scalar(
            "SELECT m.household_id FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE u.phone = '13800000003' AND m.role = 'resident'",
        )
        .fetch_one(self.db.reader())
        .await
        .expect("household")
    }

    /// A helper of 张建国's household whose link was revoked: still logged
    /// in, still naming the household in `X-Acting-For`.
    pub async fn revoked_helper(&self) -> User {
        let household = self.zhang_household().await;
        let father = self.login(RESIDENT).await;
        let (_, code) = father
            .post(
                &format!("/api/v1/households/{household}/helper-codes"),
                serde_json::json!({}),
            )
            .await;
        let mut revoked = self.anonymous();
        let (status, _) = revoked
            .post("/api/v1/auth/register", serde_json::json!({"phone": "13700000001", "name": "前代办", "password": "former-helper-1", "code": code["code"], "relation": "relative"}))
            .await;
        assert_eq!(status, 201);
        let (_, helpers) = father
            .get(&format!("/api/v1/households/{household}/helpers"))
            .await;
        let link = helpers
            .as_array()
            .and_then(|h| h.iter().find(|h| h["name"] == "前代办"))
            .expect("helper")["id"]
            .clone();
        assert_eq!(
            father
                .delete(&format!("/api/v1/households/{household}/helpers/{link}"))
                .await
                .0,
            204
        );
        revoked.acting_for = Some(household);
        revoked
    }

    /// Makes the deployment admin [`ADMIN`] and logs them in.
    pub async fn admin(&self) -> User {
        let hash = server::accounts::password::hash(ADMIN_PASSWORD.into())
            .await
            .expect("hash");
        let id = server::accounts::store::insert_user(self.db.writer(), ADMIN, "运维", &hash)
            .await
            .expect("user");
        server::accounts::store::insert_membership(
            self.db.writer(),
            id,
            app::model::Role::Admin,
            server::accounts::store::Scope::Deployment,
            None,
        )
        .await
        .expect("admin");
        self.login_with(ADMIN, ADMIN_PASSWORD).await
    }

    /// A resident of another household of 轻机南院.
    pub async fn neighbour(&self) -> User {
        let household = self.zhang_household().await;
        let community = self.community("轻机南院").await;
        let (_, sheet) = self
            .login(MANAGER)
            .await
            .get(&format!(
                "/api/v1/admin/households/codes?community_id={community}"
            ))
            .await;
        let slip = sheet["slips"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["household_id"] != household))
            .expect("slip")
            .clone();
        let neighbour = self.anonymous();
        let (status, _) = neighbour
            .post("/api/v1/auth/register", serde_json::json!({"phone": "13700000002", "name": "邻居", "password": "neighbour-1958", "code": slip["code"]}))
            .await;
        assert_eq!(status, 201);
        neighbour
    }

    /// Removes the demo's tickets, for tests that count from an empty queue.
    pub async fn clear_repairs(&self) {
        for table in [
            "repair_views",
            "repair_photos",
            "repair_events",
            "repair_tickets",
        ] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
                .execute(self.db.writer())
                .await
                .expect("clear");
        }
    }

    /// A community's id by name.
    pub async fn community(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM communities WHERE name = $1")
            .bind(name.to_owned())
            .fetch_one(self.db.reader())
            .await
            .expect("community")
    }
}

impl User {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut builder = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("X-Requested-With", "courtyard");
        if let Some(h) = self.acting_for {
            builder = builder.header("X-Acting-For", h.to_string());
        }
        builder
    }

    async fn send(builder: reqwest::RequestBuilder) -> (u16, serde_json::Value) {
        let response = builder.send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let body = if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
        };
        (status, body)
    }

    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        Self::send(self.request(reqwest::Method::GET, path)).await
    }

    pub async fn post(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        Self::send(self.request(reqwest::Method::POST, path).json(&body)).await
    }

    pub async fn patch(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        Self::send(self.request(reqwest::Method::PATCH, path).json(&body)).await
    }

    pub async fn put(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        Self::send(self.request(reqwest::Method::PUT, path).json(&body)).await
    }

    pub async fn delete(&self, path: &str) -> (u16, serde_json::Value) {
        Self::send(self.request(reqwest::Method::DELETE, path)).await
    }

    /// A POST of raw CSV bytes.
    pub async fn post_csv(&self, path: &str, body: Vec<u8>) -> (u16, serde_json::Value) {
        Self::send(
            self.request(reqwest::Method::POST, path)
                .header("content-type", "text/csv")
                .body(body),
        )
        .await
    }

    /// A POST of raw bytes with a content type (uploads).
    pub async fn post_bytes(
        &self,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> (u16, serde_json::Value) {
        Self::send(
            self.request(reqwest::Method::POST, path)
                .header("content-type", content_type)
                .body(body),
        )
        .await
    }

    /// A POST (or PATCH) of raw bytes whose answer may not be JSON
    /// (then `Null`).
    pub async fn send_raw(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> (u16, serde_json::Value) {
        let request = self
            .request(method, path)
            .header("content-type", content_type)
            .body(body);
        lenient(request).await
    }

    /// A POST of raw bytes with one more header.
    pub async fn send_raw_with(
        &self,
        path: &str,
        content_type: &str,
        (name, value): (&'static str, &str),
        body: Vec<u8>,
    ) -> (u16, serde_json::Value) {
        let request = self
            .request(reqwest::Method::POST, path)
            .header("content-type", content_type)
            .header(name, value)
            .body(body);
        lenient(request).await
    }

    /// A GET answered with bytes: status, content type, nosniff, body.
    pub async fn get_bytes(&self, path: &str) -> (u16, String, bool, Vec<u8>) {
        let response = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .expect("request");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let (status, kind) = (response.status().as_u16(), header("content-type"));
        let nosniff = header("x-content-type-options") == "nosniff";
        let body = response.bytes().await.expect("body").to_vec();
        (status, kind, nosniff, body)
    }

    /// A GET's whole response, to read its headers and bytes.
    pub async fn raw_get(&self, path: &str) -> reqwest::Response {
        self.request(reqwest::Method::GET, path)
            .send()
            .await
            .expect("request")
    }

    /// A GET whose body is text (CSV), not JSON.
    pub fn get_text(&self, path: &str) -> TextRequest {
        TextRequest(self.request(reqwest::Method::GET, path))
    }

    /// A POST without the CSRF header, as a cross-site form would send it.
    pub async fn post_without_csrf(
        &self,
        path: &str,
        body: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        Self::send(self.client.post(format!("{}{path}", self.base)).json(&body)).await
    }

    /// The raw response of a login, to inspect its cookie.
    pub async fn login_response(&self, phone: &str, password: &str) -> reqwest::Response {
        self.request(reqwest::Method::POST, "/api/v1/auth/login")
            .json(&serde_json::json!({"phone": phone, "password": password}))
            .send()
            .await
            .expect("request")
    }
}

/// Status and JSON body, `Null` when the body is not JSON (or the server
/// hung up on a body too large to read).
async fn lenient(request: reqwest::RequestBuilder) -> (u16, serde_json::Value) {
    match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            let bytes = response.bytes().await.unwrap_or_default();
            (status, serde_json::from_slice(&bytes).unwrap_or_default())
        }
        Err(err) => (0, serde_json::json!({"transport": err.to_string()})),
    }
}

/// A pending GET whose answer is read as text.
pub struct TextRequest(reqwest::RequestBuilder);

impl TextRequest {
    pub async fn await_text(self) -> (u16, String) {
        let response = self.0.send().await.expect("request");
        (
            response.status().as_u16(),
            response.text().await.expect("body"),
        )
    }
}
