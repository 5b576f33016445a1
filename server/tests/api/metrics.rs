//! `/metrics`: Prometheus text for the addresses `--metrics-from` allows,
//! the API's 404 for everyone else; the figures are the database's.

use serde_json::json;

use crate::helpers::{RESIDENT, Seed, TestApp, assert_error};
use crate::points::item;

/// `GET /metrics`, as forwarded for `forwarded_for` when given.
async fn scrape(app: &TestApp, forwarded_for: Option<&str>) -> (u16, String, String) {
    let mut request = reqwest::Client::new().get(app.url("/metrics"));
    if let Some(ip) = forwarded_for {
        request = request.header("X-Forwarded-For", ip);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (status, kind, response.text().await.expect("body"))
}

/// The value of the one sample whose line starts with `series`.
fn sample(text: &str, series: &str) -> i64 {
    let line = text
        .lines()
        .find(|line| line.starts_with(series))
        .unwrap_or_else(|| panic!("no {series} in\n{text}"));
    let value = line.rsplit(' ').next().expect("a value");
    value
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {line}"))
}

async fn the_figures_are_the_databases(app: TestApp) {
    let community = app.community("轻机南院").await;
    let labels = format!("{{community=\"轻机南院\",community_id=\"{community}\"}}");
    let (status, kind, before) = scrape(&app, None).await;
    assert_eq!(status, 200, "{before}");
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");

    // A ticket, a swap and a read; the dashboard moves by exactly those.
    let father = app.login(RESIDENT).await;
    let (status, _) = father
        .post("/api/v1/repairs", json!({"category": "water"}))
        .await;
    assert_eq!(status, 201);
    let cloth = item(&father, "洗碗巾").await;
    let (status, body) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": cloth["id"]}))
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(father.get("/api/v1/repairs").await.0, 200);
    assert_eq!(father.get("/api/v1/repairs/999999").await.0, 404);

    let (_, _, after) = scrape(&app, None).await;
    let open = format!("courtyard_open_tickets{labels}");
    assert_eq!(sample(&after, &open), sample(&before, &open) + 1);
    let open_in_db = app
        .count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets t JOIN communities c
             ON c.id = t.community_id WHERE c.name = '轻机南院'
             AND t.status IN ('submitted', 'assigned', 'in_progress')",
        )
        .await;
    assert_eq!(sample(&after, &open), open_in_db);
    let overdue = format!("courtyard_overdue_tickets{labels}");
    assert!(sample(&after, &overdue) <= open_in_db);
    let swaps = format!("courtyard_redemptions_today{labels}");
    assert_eq!(sample(&after, &swaps), sample(&before, &swaps) + 1);
    let photo_bytes = app
        .count("SELECT CAST(COALESCE(SUM(bytes), 0) AS BIGINT) FROM uploads")
        .await;
    assert_eq!(sample(&after, "courtyard_photo_bytes "), photo_bytes);

    // Requests under their route's pattern, never a raw path.
    for series in [
        "courtyard_http_requests_total{method=\"GET\",route=\"/api/v1/repairs\",status=\"200\"}",
        "courtyard_http_requests_total{method=\"POST\",route=\"/api/v1/repairs\",status=\"201\"}",
        "courtyard_http_requests_total{method=\"GET\",route=\"/api/v1/repairs/{id}\",status=\"404\"}",
        "courtyard_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/repairs\"}",
    ] {
        assert!(sample(&after, series) >= 1, "{series}");
    }
    assert!(!after.contains("999999"), "no raw paths in the labels");
    // The pools, busy and idle.
    let pools: &[&str] = match app.db.backend {
        server::db::Backend::Sqlite => &["read", "write"],
        server::db::Backend::Postgres => &["shared"],
    };
    for pool in pools {
        let idle = format!("courtyard_db_connections{{pool=\"{pool}\",state=\"idle\"}}");
        assert!(sample(&after, &idle) >= 1, "{idle}");
        let busy = format!("courtyard_db_connections{{pool=\"{pool}\",state=\"in_use\"}}");
        assert!(sample(&after, &busy) >= 0, "{busy}");
    }
}

fn allow_loopback(config: &mut server::config::Config) {
    config.metrics_from = vec!["127.0.0.1".parse().expect("range")];
}

mod figures {
    #[tokio::test]
    async fn sqlite() {
        let app =
            crate::helpers::TestApp::sqlite_configured(super::Seed::Demo, super::allow_loopback)
                .await;
        super::the_figures_are_the_databases(app).await;
    }
    #[tokio::test]
    async fn postgres() {
        if let Some(app) =
            crate::helpers::TestApp::postgres_configured(super::Seed::Demo, super::allow_loopback)
                .await
        {
            super::the_figures_are_the_databases(app).await;
        }
    }
}

#[tokio::test]
async fn nobody_reads_them_unless_allowed() {
    // By default: nobody, not even this machine.
    let app = TestApp::sqlite_with(Seed::Empty).await;
    let (status, _, body) = scrape(&app, None).await;
    assert_eq!(status, 404);
    assert_error(&serde_json::from_str(&body).expect("envelope"), "not_found");

    // The monitoring network, reached through a trusted proxy.
    let app = TestApp::sqlite_configured(Seed::Empty, |config| {
        config.metrics_from = vec!["10.0.0.0/8".parse().expect("range")];
        config.trusted_proxies = vec!["127.0.0.1".parse().expect("range")];
    })
    .await;
    assert_eq!(scrape(&app, Some("10.1.2.3")).await.0, 200);
    assert_eq!(scrape(&app, Some("203.0.113.1")).await.0, 404);
    assert_eq!(scrape(&app, None).await.0, 404, "the proxy itself is not");

    // Without a trusted proxy, naming an allowed address gets nowhere.
    let app = TestApp::sqlite_configured(Seed::Empty, |config| {
        config.metrics_from = vec!["10.0.0.0/8".parse().expect("range")];
    })
    .await;
    assert_eq!(scrape(&app, Some("10.1.2.3")).await.0, 404);
}
