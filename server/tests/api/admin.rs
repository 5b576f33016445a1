//! The deployment admin: communities and their managers, nothing private.

use serde_json::json;

use crate::helpers::{MANAGER, RESIDENT, STAFF, TestApp, assert_error};

on_both_backends!(
    an_admin_adds_a_community_and_its_first_manager,
    only_admins_run_the_deployment,
    bad_communities_are_refused_and_store_nothing,
);

async fn an_admin_adds_a_community_and_its_first_manager(app: TestApp) {
    let admin = app.admin().await;
    let (status, created) = admin
        .post(
            "/api/v1/admin/communities",
            json!({"name": "红旗渠家属院", "office_phone": "0372-5550001"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let (status, body) = admin
        .post(
            &format!("/api/v1/admin/communities/{id}/managers"),
            json!({"phone": "13500000002", "name": "周主任", "password": "zhou-zhuren-1"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (_, me) = app
        .login_with("13500000002", "zhou-zhuren-1")
        .await
        .get("/api/v1/me")
        .await;
    assert_eq!(me["communities"][0]["community_name"], "红旗渠家属院");
    assert_eq!(me["communities"][0]["role"], "manager");
    let (status, list) = admin.get("/api/v1/admin/communities").await;
    assert_eq!(status, 200);
    let names: Vec<_> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(
        names,
        [json!("轻机南院"), json!("纱厂东院"), json!("红旗渠家属院")]
    );
    assert_eq!(list[0]["households"], 327);
    // Counts only: nothing about any household's people.
    let text = list.to_string();
    assert!(!text.contains("张建国") && !text.contains(RESIDENT));
    let (status, _) = admin
        .post(
            "/api/v1/admin/communities/999999/managers",
            json!({"phone": "13500000003", "name": "某", "password": "zhou-zhuren-1"}),
        )
        .await;
    assert_eq!(status, 404);
}

async fn only_admins_run_the_deployment(app: TestApp) {
    assert_eq!(
        app.anonymous().get("/api/v1/admin/communities").await.0,
        401
    );
    for phone in [RESIDENT, STAFF, MANAGER] {
        let user = app.login(phone).await;
        assert_eq!(
            user.get("/api/v1/admin/communities").await.0,
            403,
            "{phone}"
        );
        let (status, _) = user
            .post(
                "/api/v1/admin/communities",
                json!({"name": "假小区", "office_phone": "0372-5550002"}),
            )
            .await;
        assert_eq!(status, 403, "{phone}");
    }
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM communities")
            .await,
        2
    );
}

async fn bad_communities_are_refused_and_store_nothing(app: TestApp) {
    let admin = app.admin().await;
    for (body, status, code) in [
        (
            json!({"name": "轻机南院", "office_phone": "0372-5550003"}),
            409,
            "name_taken",
        ),
        (
            json!({"name": "", "office_phone": "0372-5550003"}),
            400,
            "invalid_name",
        ),
        (
            json!({"name": "x".repeat(101), "office_phone": "0372-5550003"}),
            400,
            "invalid_name",
        ),
        (
            json!({"name": "新院", "office_phone": "call us"}),
            400,
            "invalid_phone",
        ),
        (
            json!({"name": "新院", "office_phone": "0372-5550003", "secret": 1}),
            422,
            "invalid_fields",
        ),
        (json!({"name": "新院"}), 422, "invalid_fields"),
    ] {
        let (got, answer) = admin.post("/api/v1/admin/communities", body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM communities")
            .await,
        2
    );
}
