use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};

use crate::helpers::TestApp;

on_both_backends!(
    client_routes_fall_back_to_the_index_page,
    hashed_assets_are_served_precompressed_and_cached_for_a_year,
    a_missing_asset_is_not_cached_for_a_year,
);

async fn client_routes_fall_back_to_the_index_page(app: TestApp) {
    for path in ["/", "/repairs", "/notices/42"] {
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
