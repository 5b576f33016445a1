//! Staff accounts and password resets by the office.

use serde_json::json;

use crate::helpers::{HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, assert_error};

on_both_backends!(
    a_manager_creates_a_staff_account_that_can_log_in,
    only_a_manager_of_the_community_creates_staff,
    a_reset_code_read_over_the_phone_sets_a_new_password_once,
    managers_cannot_reset_outside_their_community_or_a_peer,
    a_manager_of_two_communities_switches_and_every_default_follows,
);

async fn a_manager_creates_a_staff_account_that_can_log_in(app: TestApp) {
    let community = app.community("轻机南院").await;
    let manager = app.login(MANAGER).await;
    let staff = json!({"community_id": community, "phone": "13600000001", "name": "刘师傅", "password": "liu-shifu-88"});
    let (status, body) = manager.post("/api/v1/admin/staff", staff.clone()).await;
    assert_eq!(status, 201, "{body}");
    let (_, me) = app
        .login_with("13600000001", "liu-shifu-88")
        .await
        .get("/api/v1/me")
        .await;
    assert_eq!(me["communities"][0]["role"], "staff");
    let (status, body) = manager.post("/api/v1/admin/staff", staff).await;
    assert_eq!(status, 409);
    assert_error(&body, "phone_taken");
}

async fn only_a_manager_of_the_community_creates_staff(app: TestApp) {
    let community = app.community("轻机南院").await;
    let body = json!({"community_id": community, "phone": "13600000002", "name": "孙师傅", "password": "sun-shifu-88"});
    assert_eq!(
        app.anonymous()
            .post("/api/v1/admin/staff", body.clone())
            .await
            .0,
        401
    );
    for phone in [RESIDENT, HELPER, STAFF, OTHER_MANAGER] {
        let (status, _) = app
            .login(phone)
            .await
            .post("/api/v1/admin/staff", body.clone())
            .await;
        assert_eq!(status, 403, "{phone}");
    }
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE phone = '13600000002'")
            .await,
        0
    );
}

async fn a_reset_code_read_over_the_phone_sets_a_new_password_once(app: TestApp) {
    let community = app.community("轻机南院").await;
    let manager = app.login(MANAGER).await;
    let (status, issued) = manager
        .post(
            "/api/v1/admin/password-resets",
            json!({"community_id": community, "phone": RESIDENT}),
        )
        .await;
    assert_eq!(status, 201, "{issued}");
    let code = issued["code"].as_str().expect("code").to_owned();
    let reset = |code: &str, password: &str| json!({"phone": RESIDENT, "code": code, "new_password": password});
    let (status, body) = app
        .anonymous()
        .post(
            "/api/v1/auth/reset-password",
            reset("22222222", "jianguo-new-1"),
        )
        .await;
    assert_eq!(status, 401);
    assert_error(&body, "invalid_reset_code");
    let (status, me) = app
        .anonymous()
        .post("/api/v1/auth/reset-password", reset(&code, "jianguo-new-1"))
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["name"], "张建国");
    let (status, _) = app
        .anonymous()
        .post("/api/v1/auth/reset-password", reset(&code, "jianguo-new-2"))
        .await;
    assert_eq!(status, 401, "a code works once");
    app.login_with(RESIDENT, "jianguo-new-1").await;
    let plain: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM password_resets WHERE code_hash = $1",
    )
    .bind(code.clone())
    .fetch_one(app.db.reader())
    .await
    .expect("count");
    assert_eq!(plain, 0, "only the hash of a reset code is stored");
}

async fn managers_cannot_reset_outside_their_community_or_a_peer(app: TestApp) {
    let qingji = app.community("轻机南院").await;
    let other = app.login(OTHER_MANAGER).await;
    let (status, _) = other
        .post(
            "/api/v1/admin/password-resets",
            json!({"community_id": qingji, "phone": RESIDENT}),
        )
        .await;
    assert_eq!(status, 403);
    let shachang = app.community("纱厂东院").await;
    let (status, _) = other
        .post(
            "/api/v1/admin/password-resets",
            json!({"community_id": shachang, "phone": RESIDENT}),
        )
        .await;
    assert_eq!(status, 404, "张建国 is not of 纱厂东院");
    let manager = app.login(MANAGER).await;
    let (status, _) = manager
        .post(
            "/api/v1/admin/password-resets",
            json!({"community_id": qingji, "phone": MANAGER}),
        )
        .await;
    assert_eq!(status, 404, "never a manager's account");
    let (status, _) = app
        .login(RESIDENT)
        .await
        .post(
            "/api/v1/admin/password-resets",
            json!({"community_id": qingji, "phone": HELPER}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = manager
        .post(
            "/api/v1/admin/password-resets",
            json!({"community_id": qingji, "phone": "abc"}),
        )
        .await;
    assert_eq!(status, 400);
}

/// 周文斌 manages both demo compounds: the office pages speak for the first
/// until he chooses the other, on his account (every device, every default
/// that names no community); a community he does not manage is refused.
async fn a_manager_of_two_communities_switches_and_every_default_follows(app: TestApp) {
    let (qingji, shachang) = (
        app.community("轻机南院").await,
        app.community("纱厂东院").await,
    );
    let both = app.login("13800000006").await;
    let (_, me) = both.get("/api/v1/me").await;
    assert_eq!(me["office_community_id"], serde_json::Value::Null);
    let (_, summary) = both.get("/api/v1/fees/summary").await;
    assert_eq!(summary["community_id"], qingji);

    let (status, me) = both
        .patch("/api/v1/me", json!({"office_community_id": shachang}))
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["office_community_id"], shachang);
    for path in ["/api/v1/fees/summary", "/api/v1/repairs/summary"] {
        let (status, body) = both.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
        let community = if path.contains("repairs") {
            &body["office"]["community_id"]
        } else {
            &body["community_id"]
        };
        assert_eq!(*community, json!(shachang), "{path}");
    }
    // Remembered on the account: another device sees the same.
    let (_, again) = app
        .login("13800000006")
        .await
        .get("/api/v1/fees/summary")
        .await;
    assert_eq!(again["community_id"], shachang);

    // Not his, or not an office role there: refused, nothing changed.
    let manager = app.login(MANAGER).await;
    let (status, body) = manager
        .patch("/api/v1/me", json!({"office_community_id": shachang}))
        .await;
    assert_eq!(status, 403, "{body}");
    let (_, me) = manager.get("/api/v1/me").await;
    assert_eq!(me["office_community_id"], serde_json::Value::Null);
    let (_, summary) = manager.get("/api/v1/fees/summary").await;
    assert_eq!(summary["community_id"], qingji);
    let (status, _) = app
        .login(RESIDENT)
        .await
        .patch("/api/v1/me", json!({"office_community_id": qingji}))
        .await;
    assert_eq!(status, 403);
}
