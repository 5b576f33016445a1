use crate::helpers::{Seed, TestApp, assert_error};

on_both_backends!(
    anyone_can_list_communities_with_their_office_phones,
    the_list_pages_by_limit_and_offset,
    a_limit_outside_one_to_a_hundred_is_a_400_envelope,
    an_unknown_query_parameter_is_a_400_envelope,
);

async fn anyone_can_list_communities_with_their_office_phones(app: TestApp) {
    let (status, body) = app.get_json("/api/v1/communities").await;
    assert_eq!(status, 200);
    let items = body["items"].as_array().expect("items");
    let names: Vec<_> = items
        .iter()
        .map(|c| c["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["轻机南院", "纱厂东院"]);
    assert_eq!(items[0]["office_phone"], "0372-3169690");
    assert!(body["next_offset"].is_null());
}

async fn the_list_pages_by_limit_and_offset(app: TestApp) {
    let (_, first) = app.get_json("/api/v1/communities?limit=1").await;
    assert_eq!(first["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(first["next_offset"], 1);
    let (_, second) = app.get_json("/api/v1/communities?limit=1&offset=1").await;
    assert_eq!(second["items"][0]["name"], "纱厂东院");
    assert!(second["next_offset"].is_null());
}

async fn a_limit_outside_one_to_a_hundred_is_a_400_envelope(app: TestApp) {
    for bad in ["0", "101", "-1", "many"] {
        let (status, body) = app
            .get_json(&format!("/api/v1/communities?limit={bad}"))
            .await;
        assert_eq!(status, 400, "limit={bad}");
        assert!(body["error"]["code"].is_string(), "limit={bad}: {body}");
    }
}

async fn an_unknown_query_parameter_is_a_400_envelope(app: TestApp) {
    let (status, body) = app.get_json("/api/v1/communities?sort=name").await;
    assert_eq!(status, 400);
    assert_error(&body, "invalid_query");
}

#[tokio::test]
async fn a_fresh_database_lists_no_communities() {
    let app = TestApp::sqlite_with(Seed::Empty).await;
    let (status, body) = app.get_json("/api/v1/communities").await;
    assert_eq!(status, 200);
    assert_eq!(body["items"], serde_json::json!([]));
    if let Some(app) = TestApp::postgres_with(Seed::Empty).await {
        let (_, body) = app.get_json("/api/v1/communities").await;
        assert_eq!(body["items"], serde_json::json!([]));
    }
}
