use crate::helpers::{TestApp, assert_error};

on_both_backends!(
    an_unknown_api_path_is_a_404_envelope_not_the_app,
    a_wrong_method_is_a_405_envelope,
    the_openapi_document_describes_every_route,
);

async fn an_unknown_api_path_is_a_404_envelope_not_the_app(app: TestApp) {
    for path in [
        "/api/v1/nothing-here",
        "/api",
        "/api/",
        "/api/v2/communities",
    ] {
        let response = app.client.get(app.url(path)).send().await.expect("request");
        assert_eq!(response.status(), 404, "{path}");
        let body: serde_json::Value = response.json().await.expect("JSON, not index.html");
        assert_error(&body, "not_found");
    }
}

async fn a_wrong_method_is_a_405_envelope(app: TestApp) {
    let response = app
        .client
        .delete(app.url("/api/v1/communities"))
        .header("X-Requested-With", "courtyard")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 405);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_error(&body, "method_not_allowed");
}

async fn the_openapi_document_describes_every_route(app: TestApp) {
    let (status, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for path in ["/health", "/v1/communities"] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}
