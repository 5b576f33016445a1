//! Logging in and out, sessions, CSRF, rate limits, preferences.

use serde_json::json;

use crate::helpers::{HELPER, MANAGER, PASSWORD, RESIDENT, TestApp, assert_error};

on_both_backends!(
    login_sets_an_httponly_lax_cookie_and_me_names_the_household,
    a_wrong_password_is_401_and_the_eleventh_attempt_is_429,
    an_unknown_phone_fails_like_a_wrong_password,
    state_changing_requests_without_the_csrf_header_are_refused,
    logout_ends_the_session_on_the_server,
    me_needs_a_session,
    preferences_change_and_persist,
    invalid_preferences_are_refused_and_change_nothing,
    an_expired_session_is_401,
    changing_the_password_ends_other_sessions,
    acting_for_a_household_not_yours_is_403,
);

async fn login_sets_an_httponly_lax_cookie_and_me_names_the_household(app: TestApp) {
    let response = app.anonymous().login_response(RESIDENT, PASSWORD).await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(cookie.starts_with("courtyard_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain http must not mark it Secure"
    );
    let token = cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_owned());
    assert_eq!(token.map(|t| t.len()), Some(64), "256 random bits, hex");

    let resident = app.login(RESIDENT).await;
    let (status, me) = resident.get("/api/v1/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["name"], "张建国");
    assert_eq!(me["households"][0]["building"], "3号楼");
    assert_eq!(me["households"][0]["flat_label"], "201");
    assert_eq!(me["households"][0]["role"], "resident");
    assert_eq!(me["language"], "zh-CN");
    assert_eq!(me["large_text"], false);
    // The session is stored hashed: the table never holds the token.
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(app.db.reader())
        .await
        .expect("sessions");
    assert!(!stored.is_empty());
}

async fn a_wrong_password_is_401_and_the_eleventh_attempt_is_429(app: TestApp) {
    let browser = app.anonymous();
    for attempt in 1..=10 {
        let (status, body) = browser
            .post(
                "/api/v1/auth/login",
                json!({"phone": RESIDENT, "password": "wrong-password"}),
            )
            .await;
        assert_eq!(status, 401, "attempt {attempt}");
        assert_error(&body, "invalid_credentials");
    }
    // Even the right password waits now.
    let (status, body) = browser
        .post(
            "/api/v1/auth/login",
            json!({"phone": RESIDENT, "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 429);
    assert_error(&body, "too_many_requests");
    // Another person is not locked out by it.
    let (status, _) = browser
        .post(
            "/api/v1/auth/login",
            json!({"phone": HELPER, "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 200);
    let failures = app
        .count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'accounts.login_fail'",
        )
        .await;
    assert_eq!(failures, 10);
    let leaked = app
        .count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE detail LIKE '%wrong-password%'",
        )
        .await;
    assert_eq!(leaked, 0, "the audit log never holds a password");
}

async fn an_unknown_phone_fails_like_a_wrong_password(app: TestApp) {
    let (status, body) = app
        .anonymous()
        .post(
            "/api/v1/auth/login",
            json!({"phone": "13999999999", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 401);
    assert_error(&body, "invalid_credentials");
}

async fn state_changing_requests_without_the_csrf_header_are_refused(app: TestApp) {
    let browser = app.anonymous();
    let (status, body) = browser
        .post_without_csrf(
            "/api/v1/auth/login",
            json!({"phone": RESIDENT, "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 403);
    assert_error(&body, "csrf_check_failed");
    let resident = app.login(RESIDENT).await;
    let (status, _) = resident
        .post_without_csrf("/api/v1/auth/logout", json!({}))
        .await;
    assert_eq!(status, 403);
    let (status, _) = resident.get("/api/v1/me").await;
    assert_eq!(status, 200, "the refused logout changed nothing");
}

async fn logout_ends_the_session_on_the_server(app: TestApp) {
    let response = app.anonymous().login_response(RESIDENT, PASSWORD).await;
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    let pair = cookie.split(';').next().expect("pair").to_owned();
    let client = reqwest::Client::new();
    let me = |c: &reqwest::Client| {
        c.get(app.url("/api/v1/me"))
            .header("cookie", pair.clone())
            .send()
    };
    assert_eq!(me(&client).await.expect("me").status(), 200);
    let out = client
        .post(app.url("/api/v1/auth/logout"))
        .header("cookie", pair.clone())
        .header("X-Requested-With", "courtyard")
        .send()
        .await
        .expect("logout");
    assert_eq!(out.status(), 204);
    // Replaying the old cookie no longer works.
    assert_eq!(me(&client).await.expect("me").status(), 401);
}

async fn me_needs_a_session(app: TestApp) {
    let (status, body) = app.anonymous().get("/api/v1/me").await;
    assert_eq!(status, 401);
    assert_error(&body, "not_logged_in");
    let (status, _) = app
        .anonymous()
        .patch("/api/v1/me", json!({"large_text": true}))
        .await;
    assert_eq!(status, 401);
}

async fn preferences_change_and_persist(app: TestApp) {
    let resident = app.login(RESIDENT).await;
    let (status, me) = resident
        .patch("/api/v1/me", json!({"language": "en", "large_text": true}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (me["language"].as_str(), me["large_text"].as_bool()),
        (Some("en"), Some(true))
    );
    let again = app.login(RESIDENT).await;
    let (_, me) = again.get("/api/v1/me").await;
    assert_eq!(
        (me["language"].as_str(), me["large_text"].as_bool()),
        (Some("en"), Some(true))
    );
    let (_, me) = again
        .patch("/api/v1/me", json!({"large_text": false}))
        .await;
    assert_eq!(
        (me["language"].as_str(), me["large_text"].as_bool()),
        (Some("en"), Some(false))
    );
}

async fn invalid_preferences_are_refused_and_change_nothing(app: TestApp) {
    let resident = app.login(RESIDENT).await;
    for bad in [
        json!({"language": "fr"}),
        json!({"large_text": "yes"}),
        json!({"large_text": true, "theme": "dark"}),
        json!([]),
    ] {
        let (status, body) = resident.patch("/api/v1/me", bad.clone()).await;
        assert_eq!(status, 422, "{bad}");
        assert!(body["error"]["code"].is_string());
    }
    let (_, me) = resident.get("/api/v1/me").await;
    assert_eq!(me["large_text"], false);
    assert_eq!(me["language"], "zh-CN");
}

async fn an_expired_session_is_401(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let (status, _) = manager.get("/api/v1/me").await;
    assert_eq!(status, 200);
    // Office sessions end 12 hours after login whatever happens: move the
    // absolute limit into the past.
    sqlx::query("UPDATE sessions SET absolute_expires_at = 1")
        .execute(app.db.writer())
        .await
        .expect("expire");
    let (status, _) = manager.get("/api/v1/me").await;
    assert_eq!(status, 401);
    let office = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM sessions")
        .await;
    assert_eq!(office, 0, "the expired session is deleted");
}

async fn changing_the_password_ends_other_sessions(app: TestApp) {
    let phone = app.login(RESIDENT).await;
    let laptop = app.login(RESIDENT).await;
    let (status, body) = phone
        .post(
            "/api/v1/auth/password",
            json!({"current_password": "not-it-at-all", "new_password": "jianguo-1949"}),
        )
        .await;
    assert_eq!(status, 401, "{body}");
    let (status, _) = phone
        .post(
            "/api/v1/auth/password",
            json!({"current_password": PASSWORD, "new_password": "12345678"}),
        )
        .await;
    assert_eq!(status, 400, "a common password is refused");
    let (status, _) = phone
        .post(
            "/api/v1/auth/password",
            json!({"current_password": PASSWORD, "new_password": "jianguo-1949"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        laptop.get("/api/v1/me").await.0,
        401,
        "the other device is logged out"
    );
    assert_eq!(
        phone.get("/api/v1/me").await.0,
        200,
        "this device got a fresh session"
    );
    let fresh = app.anonymous();
    let (status, _) = fresh
        .post(
            "/api/v1/auth/login",
            json!({"phone": RESIDENT, "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 401, "the old password is gone");
    app.login_with(RESIDENT, "jianguo-1949").await;
}

async fn acting_for_a_household_not_yours_is_403(app: TestApp) {
    let household = app.zhang_household().await;
    let mut helper = app.login(HELPER).await;
    helper.acting_for = Some(household);
    assert_eq!(helper.get("/api/v1/me").await.0, 200);
    let mut manager = app.login(MANAGER).await;
    manager.acting_for = Some(household);
    let (status, body) = manager.get("/api/v1/me").await;
    assert_eq!(status, 403);
    assert_error(&body, "not_your_household");
    helper.acting_for = Some(household + 1);
    assert_eq!(helper.get("/api/v1/me").await.0, 403);
}
