//! Notices: who sees what, read receipts, reach, edits and bad input.

use serde_json::{Value, json};

use crate::helpers::{
    HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, assert_error,
};

on_both_backends!(
    an_urgent_outage_for_two_buildings_reaches_only_them,
    reading_records_one_receipt_and_a_helper_reads_for_the_household,
    the_reach_lists_exactly_the_households_nobody_has_read_it_for,
    only_the_community_manager_publishes_edits_and_sees_reach,
    bad_notices_are_refused_and_store_nothing,
    edits_keep_the_history_and_archived_or_expired_notices_move_to_the_archive,
    markup_is_stored_as_typed,
    a_notices_buildings_change_after_publishing_and_the_reach_follows,
);

/// Buildings of 轻机南院 by name.
async fn building(app: &TestApp, name: &str) -> i64 {
    let community = app.community("轻机南院").await;
    let (_, list) = app
        .anonymous()
        .get(&format!("/api/v1/communities/{community}/buildings"))
        .await;
    list.as_array()
        .and_then(|l| l.iter().find(|b| b["name"] == name))
        .and_then(|b| b["id"].as_i64())
        .expect("building")
}

/// The manager posts the water outage for 3号楼 and 4号楼.
pub async fn post_outage(app: &TestApp) -> i64 {
    let community = app.community("轻机南院").await;
    let (b3, b4) = (building(app, "3号楼").await, building(app, "4号楼").await);
    let (status, notice) = app
        .login(MANAGER)
        .await
        .post(
            "/api/v1/notices",
            json!({
                "community_id": community,
                "title": "停水通知",
                "body": "周四 8:00–14:00 停水，请提前储水。\n\n详情见 https://example.cn/water",
                "category": "water",
                "urgent": true,
                "building_ids": [b3, b4, b3]
            }),
        )
        .await;
    assert_eq!(status, 201, "{notice}");
    assert_eq!(notice["buildings"], json!(["3号楼", "4号楼"]));
    notice["id"].as_i64().expect("id")
}

/// A registered resident of another building (5号楼).
pub async fn resident_of_building_5(app: &TestApp) -> User {
    let community = app.community("轻机南院").await;
    let (_, sheet) = app
        .login(MANAGER)
        .await
        .get(&format!(
            "/api/v1/admin/households/codes?community_id={community}"
        ))
        .await;
    let slip = sheet["slips"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["building"] == "5号楼"))
        .expect("slip")
        .clone();
    let user = app.anonymous();
    let (status, _) = user
        .post("/api/v1/auth/register", json!({"phone": "13700000005", "name": "五号楼住户", "password": "building-five-5", "code": slip["code"]}))
        .await;
    assert_eq!(status, 201);
    user
}

async fn an_urgent_outage_for_two_buildings_reaches_only_them(app: TestApp) {
    let id = post_outage(&app).await;
    let resident = app.login(RESIDENT).await;
    let (status, list) = resident.get("/api/v1/notices").await;
    assert_eq!(status, 200);
    assert_eq!(list["items"][0]["title"], "停水通知");
    assert_eq!(list["items"][0]["read"], false);
    assert_eq!(list["unread"], 1);
    assert_eq!(list["unread_urgent"][0]["id"], id);

    let elsewhere = resident_of_building_5(&app).await;
    let (_, list) = elsewhere.get("/api/v1/notices").await;
    assert_eq!(list["items"], json!([]));
    assert_eq!(elsewhere.get(&format!("/api/v1/notices/{id}")).await.0, 404);
    // Another community never sees it.
    assert_eq!(
        app.login(OTHER_MANAGER)
            .await
            .get(&format!("/api/v1/notices/{id}"))
            .await
            .0,
        404
    );
    let (_, theirs) = app.login(OTHER_MANAGER).await.get("/api/v1/notices").await;
    assert_eq!(theirs["items"], json!([]));
    // Staff of the community read it without a receipt.
    let (status, notice) = app
        .login(STAFF)
        .await
        .get(&format!("/api/v1/notices/{id}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(notice["community_name"], "轻机南院");
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM notice_reads")
            .await,
        0
    );
    assert_eq!(app.anonymous().get("/api/v1/notices").await.0, 401);
}

async fn reading_records_one_receipt_and_a_helper_reads_for_the_household(app: TestApp) {
    let id = post_outage(&app).await;
    let resident = app.login(RESIDENT).await;
    for _ in 0..2 {
        let (status, notice) = resident.get(&format!("/api/v1/notices/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(notice["read"], true);
        assert!(notice["body"].as_str().is_some_and(|b| b.contains("储水")));
    }
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM notice_reads")
            .await,
        1
    );
    let (_, list) = resident.get("/api/v1/notices").await;
    assert_eq!(
        (list["unread"].as_i64(), list["items"][0]["read"].as_bool()),
        (Some(0), Some(true))
    );

    let mut helper = app.login(HELPER).await;
    helper.acting_for = Some(app.zhang_household().await);
    let (status, _) = helper.get(&format!("/api/v1/notices/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM notice_reads WHERE as_helper = 1")
            .await,
        1,
        "her read is marked as a helper's"
    );
}

async fn the_reach_lists_exactly_the_households_nobody_has_read_it_for(app: TestApp) {
    let id = post_outage(&app).await;
    let manager = app.login(MANAGER).await;
    let (status, reach) = manager.get(&format!("/api/v1/notices/{id}/reads")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            reach["households"].as_i64(),
            reach["households_read"].as_i64()
        ),
        (Some(50), Some(0))
    );
    assert_eq!(reach["unreached"].as_array().map(Vec::len), Some(50));

    app.login(RESIDENT)
        .await
        .get(&format!("/api/v1/notices/{id}"))
        .await;
    let (_, reach) = manager.get(&format!("/api/v1/notices/{id}/reads")).await;
    assert_eq!(reach["households_read"], 1);
    // 张建国, his daughter, and the demo volunteer 陈玉兰 of 4号楼.
    assert_eq!(
        (reach["people"].as_i64(), reach["people_read"].as_i64()),
        (Some(3), Some(1))
    );
    let unreached: Vec<String> = reach["unreached"]
        .as_array()
        .expect("list")
        .iter()
        .map(|h| {
            format!(
                "{} {}",
                h["building"].as_str().unwrap_or(""),
                h["flat_label"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(unreached.len(), 49);
    assert!(!unreached.contains(&"3号楼 201".to_owned()));
    assert!(
        unreached
            .iter()
            .all(|h| h.starts_with("3号楼") || h.starts_with("4号楼"))
    );
    assert_eq!(
        unreached.first().map(String::as_str),
        Some("3号楼 101"),
        "by building then flat"
    );
}

async fn only_the_community_manager_publishes_edits_and_sees_reach(app: TestApp) {
    let id = post_outage(&app).await;
    let community = app.community("轻机南院").await;
    let new =
        json!({"community_id": community, "title": "开会", "body": "", "category": "activity"});
    assert_eq!(
        app.anonymous().post("/api/v1/notices", new.clone()).await.0,
        401
    );
    for phone in [RESIDENT, HELPER, STAFF, OTHER_MANAGER] {
        let user = app.login(phone).await;
        assert_eq!(
            user.post("/api/v1/notices", new.clone()).await.0,
            403,
            "publish as {phone}"
        );
        let (status, _) = user
            .patch(&format!("/api/v1/notices/{id}"), json!({"pinned": true}))
            .await;
        let (reach, _) = user.get(&format!("/api/v1/notices/{id}/reads")).await;
        let expected = if phone == OTHER_MANAGER { 404 } else { 403 };
        assert_eq!(
            (status, reach),
            (expected, expected),
            "edit and reach as {phone}"
        );
    }
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM notices")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM notices WHERE pinned = 1")
            .await,
        0
    );
}

async fn bad_notices_are_refused_and_store_nothing(app: TestApp) {
    let community = app.community("轻机南院").await;
    let foreign = {
        let other = app.community("纱厂东院").await;
        let (_, b) = app
            .anonymous()
            .get(&format!("/api/v1/communities/{other}/buildings"))
            .await;
        b[0]["id"].as_i64().expect("id")
    };
    let manager = app.login(MANAGER).await;
    let base = |extra: Value| {
        let mut body = json!({"community_id": community, "title": "通知", "body": "内容", "category": "general"});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        body
    };
    let cases = [
        (base(json!({"title": "  "})), 400, "invalid_title"),
        (
            base(json!({"body": "字".repeat(20_001)})),
            400,
            "invalid_body",
        ),
        (
            base(json!({"expires_at": "2020-01-01T00:00:00Z"})),
            400,
            "expiry_in_past",
        ),
        (
            base(json!({"expires_at": "next Thursday"})),
            400,
            "invalid_expiry",
        ),
        (
            base(json!({"building_ids": [foreign]})),
            400,
            "invalid_buildings",
        ),
        (
            base(json!({"building_ids": [987654]})),
            400,
            "invalid_buildings",
        ),
        (base(json!({"category": "gossip"})), 422, "invalid_fields"),
        (base(json!({"author": 1})), 422, "invalid_fields"),
        (
            json!({"community_id": community, "title": "x"}),
            422,
            "invalid_fields",
        ),
    ];
    for (body, status, code) in cases {
        let (got, answer) = manager.post("/api/v1/notices", body).await;
        assert_eq!(got, status, "{answer}");
        assert_error(&answer, code);
    }
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM notices")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM notice_targets")
            .await,
        0
    );
    assert_eq!(manager.get("/api/v1/notices/1/reads").await.0, 404);
    assert_eq!(manager.get("/api/v1/notices?limit=0").await.0, 400);
    assert_eq!(
        manager.get("/api/v1/communities/999999/buildings").await.0,
        404
    );
    assert_eq!(
        manager.get("/api/v1/communities/abc/buildings").await.0,
        400
    );
}

async fn edits_keep_the_history_and_archived_or_expired_notices_move_to_the_archive(app: TestApp) {
    let id = post_outage(&app).await;
    let manager = app.login(MANAGER).await;
    let (status, edited) = manager
        .patch(
            &format!("/api/v1/notices/{id}"),
            json!({"title": "停水通知（改为周五）"}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert!(edited["updated_at"].is_string(), "shows 已更新");
    assert_eq!(edited["revisions"], 1);
    let old: String = sqlx::query_scalar("SELECT title FROM notice_revisions")
        .fetch_one(app.db.reader())
        .await
        .expect("revision");
    assert_eq!(old, "停水通知");
    let (status, _) = manager
        .patch(
            &format!("/api/v1/notices/{id}"),
            json!({"expires_at": "2001-01-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(status, 400);

    let resident = app.login(RESIDENT).await;
    manager
        .patch(&format!("/api/v1/notices/{id}"), json!({"archived": true}))
        .await;
    let (_, current) = resident.get("/api/v1/notices").await;
    assert_eq!(current["items"], json!([]));
    let (_, archive) = resident.get("/api/v1/notices?archived=true").await;
    assert_eq!(archive["items"][0]["id"], id);
    manager
        .patch(&format!("/api/v1/notices/{id}"), json!({"archived": false}))
        .await;
    // An expiry that has passed moves it to the archive as well.
    sqlx::query("UPDATE notices SET expires_at = 1")
        .execute(app.db.writer())
        .await
        .expect("expire");
    let (_, current) = resident.get("/api/v1/notices").await;
    assert_eq!(current["unread"], 0);
    let (_, archive) = resident.get("/api/v1/notices?archived=true").await;
    assert_eq!(archive["items"].as_array().map(Vec::len), Some(1));
}

async fn markup_is_stored_as_typed(app: TestApp) {
    let community = app.community("轻机南院").await;
    let title = "<script>alert(1)</script><b>停电</b>";
    let (status, notice) = app
        .login(MANAGER)
        .await
        .post("/api/v1/notices", json!({"community_id": community, "title": title, "body": "<img src=x onerror=alert(1)>", "category": "power"}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        notice["title"], title,
        "not stripped, not escaped: the client shows text"
    );
}

/// The office widens an urgent outage to 5号楼 after publishing: the reach
/// list counts 5号楼, its residents get the urgent news once (those already
/// told are not told again), and 5号楼 reads it; a building of another
/// community is refused and changes nothing.
async fn a_notices_buildings_change_after_publishing_and_the_reach_follows(app: TestApp) {
    let id = post_outage(&app).await;
    let manager = app.login(MANAGER).await;
    let path = format!("/api/v1/notices/{id}");
    let reads = format!("{path}/reads");
    let told = || {
        let db = app.db.clone();
        async move {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT CAST(COUNT(*) AS BIGINT), CAST(COUNT(DISTINCT user_id) AS BIGINT)
                 FROM inbox_items WHERE kind = 'urgent_notice' AND subject_id = $1",
            )
            .bind(id)
            .fetch_one(db.reader())
            .await
            .expect("inbox")
        }
    };
    let before = manager.get(&reads).await.1["households"].clone();
    let (told_before, _) = told().await;
    let fifth = resident_of_building_5(&app).await;
    assert_eq!(fifth.get(&path).await.0, 404, "not for 5号楼 yet");

    let (b3, b4, b5) = (
        building(&app, "3号楼").await,
        building(&app, "4号楼").await,
        building(&app, "5号楼").await,
    );
    let (status, edited) = manager
        .patch(&path, json!({"building_ids": [b3, b4, b5]}))
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["buildings"], json!(["3号楼", "4号楼", "5号楼"]));
    let after = manager.get(&reads).await.1["households"].clone();
    assert!(after.as_i64() > before.as_i64(), "{before} → {after}");
    let (told_after, distinct) = told().await;
    assert!(told_after > told_before);
    assert_eq!(told_after, distinct, "nobody told twice");
    assert_eq!(fifth.get(&path).await.0, 200, "5号楼 reads it now");

    // The same buildings again: nobody hears twice.
    let (status, _) = manager
        .patch(&path, json!({"building_ids": [b5, b4, b3]}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(told().await.0, told_after);

    // Another community's building: refused, nothing changed.
    let other: i64 = sqlx::query_scalar(
        "SELECT MIN(b.id) FROM buildings b JOIN communities c ON c.id = b.community_id
         WHERE c.name <> '轻机南院'",
    )
    .fetch_one(app.db.reader())
    .await
    .expect("another community's building");
    let (status, body) = manager
        .patch(&path, json!({"building_ids": [b3, other]}))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_error(&body, "invalid_buildings");
    assert_eq!(manager.get(&reads).await.1["households"], after);

    // Empty: the whole community.
    let (status, whole) = manager.patch(&path, json!({"building_ids": []})).await;
    assert_eq!(status, 200, "{whole}");
    assert_eq!(whole["buildings"], json!([]));
    let households = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM households h JOIN communities c ON c.id = h.community_id WHERE c.name = '轻机南院'")
        .await;
    assert_eq!(manager.get(&reads).await.1["households"], households);
}
