use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};

use crate::helpers::TestApp;

on_both_backends!(
    client_routes_fall_back_to_the_index_page,
    hashed_assets_are_served_precompressed_and_cached_for_a_year,
    a_missing_asset_is_not_cached_for_a_year,
    every_response_carries_the_security_headers,
);

async fn every_response_carries_the_security_headers(app: TestApp) {
    for path in [
        "/",
        "/api/health",
        "/api/v1/me",
        "/api/v1/nowhere",
        "/assets/0123abcd/app.js",
    ] {
        let response = app.client.get(app.url(path)).send().await.expect("request");
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().expect("csp");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
    }
}

#[tokio::test]
async fn the_demo_refuses_to_listen_beyond_this_machine() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let site = dir.path().join("site");
    let config = <server::config::Config as clap::Parser>::try_parse_from([
        "server",
        "--addr",
        "0.0.0.0:0",
        "--data",
        data.to_str().expect("utf-8 path"),
        "--site",
        site.to_str().expect("utf-8 path"),
        "--demo",
    ])
    .expect("flags parse");
    let refused = server::startup::Application::build(config)
        .await
        .err()
        .expect("refused");
    assert!(refused.to_string().contains("--demo"), "{refused}");
    assert!(
        !dir.path().join("data").exists(),
        "refused before touching the data"
    );
}

async fn client_routes_fall_back_to_the_index_page(app: TestApp) {
    for path in ["/repairs", "/notices/42", "/index.html"] {
        let response = app.client.get(app.url(path)).send().await.expect("request");
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()[CACHE_CONTROL], "no-cache");
        let text = response.text().await.expect("body");
        assert!(text.contains("<title>院里</title>"), "{path}: {text}");
    }
}

async fn hashed_assets_are_served_precompressed_and_cached_for_a_year(app: TestApp) {
    let response = app
        .client
        .get(app.url("/assets/0123abcd/app.js"))
        .header(ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    assert!(
        response.headers()[CACHE_CONTROL]
            .to_str()
            .is_ok_and(|v| v.contains("immutable"))
    );
    let plain = app
        .client
        .get(app.url("/assets/0123abcd/app.js"))
        .send()
        .await
        .expect("request");
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(plain.text().await.expect("body"), "console.log('plain')");
}

async fn a_missing_asset_is_not_cached_for_a_year(app: TestApp) {
    let response = app
        .client
        .get(app.url("/assets/ffff/app.js"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn without_a_built_app_only_the_api_is_served() {
    let app = crate::helpers::TestApp::sqlite_configured(crate::helpers::Seed::Empty, |config| {
        config.site_dir = Some("/nonexistent".into());
    })
    .await;
    assert_eq!(app.get_json("/api/health").await.0, 200);
    let page = app
        .client
        .get(app.url("/login"))
        .send()
        .await
        .expect("request");
    assert_eq!(page.status(), 404);
}
