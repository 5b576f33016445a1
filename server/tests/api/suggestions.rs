//! The suggestion box: a helper writes a complaint without her name, the
//! office sees only the building, answers, and the writer hears of it and
//! says it helped; the office's open list is oldest first and counts the
//! share answered within three days; nobody else reads or replies.

use serde_json::json;

use crate::helpers::{HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, assert_error, png};

on_both_backends!(
    an_anonymous_complaint_is_answered_and_helped,
    the_box_is_the_writers_and_the_offices_only,
);

async fn an_anonymous_complaint_is_answered_and_helped(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let mut daughter = app.login(HELPER).await;
    daughter.acting_for = Some(app.zhang_household().await);
    let (status, photo) = daughter
        .post_bytes("/api/v1/uploads", "image/png", png(400, 300))
        .await;
    assert_eq!(status, 201, "{photo}");
    let (status, made) = daughter
        .post(
            "/api/v1/suggestions",
            json!({"kind": "complaint", "body": "3号楼门口的垃圾桶三天没清了。\n夏天很臭。",
                   "photo_ids": [photo["id"]], "anonymous": true}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(
        made["summary"]["writer"], "张丽 · 3号楼 201",
        "the writer sees herself"
    );
    let id = made["summary"]["id"].as_i64().expect("id");

    // The office sees the building only, here and in its log.
    let (_, open) = manager.get("/api/v1/suggestions").await;
    let seen = &open["items"][0];
    assert_eq!(seen["id"], id, "{open}");
    assert_eq!(seen["writer"], "3号楼的一位居民");
    assert_eq!(seen["excerpt"], "3号楼门口的垃圾桶三天没清了。…");
    let (_, one) = manager.get(&format!("/api/v1/suggestions/{id}")).await;
    assert_eq!(one["summary"]["writer"], "3号楼的一位居民");
    assert!(!one.to_string().contains("张丽"), "{one}");
    let url = one["photos"][0]["url"].as_str().expect("photo").to_owned();
    assert_eq!(manager.get_bytes(&url).await.0, 200);
    assert_eq!(app.login(RESIDENT).await.get_bytes(&url).await.0, 404);
    let (_, trail) = manager.get("/api/v1/audit?limit=5").await;
    assert!(!trail.to_string().contains("张丽"), "{trail}");

    // It cannot be rated before an answer; the office answers.
    let path = format!("/api/v1/suggestions/{id}/replies");
    let (status, body) = daughter.post(&path, json!({"helpful": true})).await;
    assert_eq!(status, 409, "{body}");
    let (status, answered) = manager
        .post(&path, json!({"body": "已经让保洁每天清两次，谢谢提醒。"}))
        .await;
    assert_eq!(status, 200, "{answered}");
    assert!(answered["summary"]["answered_at"].is_string());
    assert_eq!(answered["replies"][0]["author"], "李合昌");
    let (_, inbox) = daughter.get("/api/v1/inbox").await;
    assert_eq!(inbox["items"][0]["kind"], "suggestion_answered", "{inbox}");
    assert_eq!(inbox["items"][0]["link"], format!("/suggestions/{id}"));
    let (status, rated) = daughter
        .post(
            &path,
            json!({"helpful": true, "body": "今天看到清了，谢谢！"}),
        )
        .await;
    assert_eq!(status, 200, "{rated}");
    assert_eq!(rated["summary"]["helpful"], true);
    assert_eq!(rated["replies"][1]["from_office"], false);
    let (_, box_) = manager.get("/api/v1/suggestions").await;
    assert_eq!(
        box_["answered_in_time"],
        json!({"answered": 1, "total": 1}),
        "{box_}"
    );
    let (status, body) = manager.post(&path, json!({"helpful": false})).await;
    assert_eq!(
        status, 400,
        "the office does not rate its own answer: {body}"
    );
}

async fn the_box_is_the_writers_and_the_offices_only(app: TestApp) {
    let father = app.login(RESIDENT).await;
    let (status, made) = father
        .post(
            "/api/v1/suggestions",
            json!({"kind": "suggestion", "body": "院里能不能多放几张长椅？"}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let id = &made["summary"]["id"];
    assert_eq!(made["summary"]["writer"], "张建国 · 3号楼 201");
    let older = |days: i64| {
        let app = &app;
        async move {
            sqlx::query("UPDATE suggestions SET created_at = created_at - $1")
                .bind(days * server::db::DAY)
                .execute(app.db.writer())
                .await
                .expect("older");
        }
    };
    older(4).await;
    let manager = app.login(MANAGER).await;
    let (_, box_) = manager.get("/api/v1/suggestions").await;
    assert_eq!(box_["answered_in_time"], json!({"answered": 0, "total": 1}));
    let replies = || app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM suggestion_replies");
    let path = format!("/api/v1/suggestions/{id}/replies");
    let other = app.login(OTHER_MANAGER).await;
    let neighbour = app.neighbour().await;
    for (who, body, status, code) in [
        (&other, json!({"body": "不是我们院的"}), 404, "not_found"),
        (&neighbour, json!({"body": "我也想要"}), 404, "not_found"),
        (&father, json!({}), 400, "invalid_body"),
        (&father, json!({"body": " "}), 400, "invalid_body"),
    ] {
        let (got, answer) = who.post(&path, body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    assert_eq!(replies().await, 0);
    assert_eq!(other.get(&format!("/api/v1/suggestions/{id}")).await.0, 404);
    let (_, theirs) = neighbour.get("/api/v1/suggestions").await;
    assert_eq!(theirs["items"], json!([]), "a writer sees only their own");
    // The office (staff too) answers; no household, no writing.
    let staff = app.login(STAFF).await;
    let (status, _) = staff
        .post(&path, json!({"body": "好的，下个月添两张。"}))
        .await;
    assert_eq!(status, 200);
    let (status, body) = staff
        .post(
            "/api/v1/suggestions",
            json!({"kind": "suggestion", "body": "试试"}),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert_error(&body, "no_household");
    let (status, body) = father
        .post(
            "/api/v1/suggestions",
            json!({"kind": "suggestion", "body": "照片", "photo_ids": ["0123456789abcdef0123456789abcdef"]}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM suggestions")
            .await,
        1
    );
}
