//! 报平安 with the test clock: on time, late, away, who is told (helpers, the
//! volunteer, the office; never a revoked helper or a stranger), once a day;
//! the office's list; bad settings change nothing.

use serde_json::{Value, json};

use crate::helpers::{HELPER, MANAGER, RESIDENT, STAFF, TestApp, User, assert_error};

on_both_backends!(
    a_missed_check_in_tells_the_watchers_once_and_i_am_fine_clears_it,
    on_time_or_away_tells_nobody,
    switched_on_after_the_time_it_starts_tomorrow,
    bad_settings_are_refused_and_change_nothing,
);

/// An instant on Beijing's calendar: `days` from today at "HH:MM".
fn at(days: i64, time: &str) -> i64 {
    let today = server::points::day_of(server::db::now_millis());
    server::db::parse_rfc3339(&format!("{today}T{time}:00+08:00")).expect("time")
        + days * server::db::DAY
}

async fn sweep(app: &TestApp, when: i64) -> usize {
    server::care::sweep::tell_watchers(&app.db, when)
        .await
        .expect("sweep")
}

async fn daughter(app: &TestApp) -> User {
    let mut d = app.login(HELPER).await;
    d.acting_for = Some(app.zhang_household().await);
    d
}

async fn missed_items(user: &User) -> Vec<Value> {
    let (status, inbox) = user.get("/api/v1/inbox?limit=100").await;
    assert_eq!(status, 200, "{inbox}");
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == "care_missed")
        .cloned()
        .collect()
}

async fn a_missed_check_in_tells_the_watchers_once_and_i_am_fine_clears_it(app: TestApp) {
    let (father, daughter) = (app.login(RESIDENT).await, daughter(&app).await);
    let (manager, staff) = (app.login(MANAGER).await, app.login(STAFF).await);
    let neighbour = app.neighbour().await;
    let revoked = app.revoked_helper().await;
    // The demo: on by 10:00, the daughter and the office watch.
    let (status, plan) = father.get("/api/v1/care/settings").await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(
        (plan["enabled"].as_bool(), plan["deadline"].as_str()),
        (Some(true), Some("10:00"))
    );
    let kinds: Vec<&str> = plan["watchers"]
        .as_array()
        .expect("watchers")
        .iter()
        .filter_map(|w| w["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["helper", "office"]);
    // Today's office list, on the real clock: past 10:00 he is on it.
    let (_, minutes) = server::care::today_and_minutes(server::db::now_millis());
    let on_list = |list: &Value| {
        list.as_array()
            .expect("list")
            .iter()
            .any(|p| p["name"] == "张建国" && p["phone"] == RESIDENT && p["building"] == "3号楼")
    };
    let (status, list) = manager.get("/api/v1/care/missed").await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(on_list(&list), minutes >= 10 * 60, "{list}");
    assert_eq!(plan["missed_today"], minutes >= 10 * 60);
    // The neighbour volunteers for the building.
    let (status, plan) = daughter
        .put("/api/v1/care/settings", json!({"enabled": true, "deadline": "10:00", "watch_office": true, "volunteer_phone": "137 0000 0002"}))
        .await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["volunteer_name"], "邻居");
    assert_eq!(plan["user_id"], father.get("/api/v1/me").await.1["id"]);

    // Today's sweep (the server's own, at start) is done: count from here.
    sweep(&app, server::db::now_millis()).await;
    let household = app.zhang_household().await;
    let watchers = [
        (&daughter, Value::from(household)),
        (&manager, Value::Null),
        (&neighbour, Value::Null),
    ];
    let mut before = Vec::new();
    for (watcher, _) in &watchers {
        before.push(missed_items(watcher).await.len());
    }
    // Tomorrow, a minute before the time: nothing. A minute after: all told, once.
    assert_eq!(sweep(&app, at(1, "09:59")).await, 0);
    assert_eq!(sweep(&app, at(1, "10:01")).await, 1);
    assert_eq!(sweep(&app, at(1, "10:30")).await, 0, "once a day");
    for ((watcher, for_household), before) in watchers.iter().zip(before) {
        let items = missed_items(watcher).await;
        assert_eq!(items.len(), before + 1, "{items:?}");
        assert_eq!(items[0]["words"], "张建国");
        assert_eq!(items[0]["phone"], RESIDENT);
        assert_eq!(&items[0]["for_household_id"], for_household);
    }
    for nobody in [&staff, &father] {
        assert!(missed_items(nobody).await.is_empty(), "not watchers");
    }
    let revoked_items = app
        .count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items i JOIN users u ON u.id = i.user_id
             WHERE u.phone = '13700000001' AND i.kind = 'care_missed'",
        )
        .await;
    assert_eq!(revoked_items, 0, "a revoked helper is told nothing");
    assert_eq!(revoked.get("/api/v1/care/settings").await.0, 403);
    // The day after, told again if again not heard from.
    assert_eq!(sweep(&app, at(2, "10:01")).await, 1);

    // 我很好: he is off the list and the office is told nothing more.
    let (status, plan) = father.post("/api/v1/care/checkins", json!({})).await;
    assert_eq!(status, 201, "{plan}");
    assert_eq!(
        (
            plan["checked_in_today"].as_bool(),
            plan["missed_today"].as_bool()
        ),
        (Some(true), Some(false))
    );
    assert!(plan["last_checkin_at"].is_string());
    let (_, list) = manager.get("/api/v1/care/missed").await;
    assert!(!on_list(&list), "{list}");
    assert_eq!(father.get("/api/v1/me").await.1["care_due"], false);
    // The daughter sees today's state and the last check-in, no history.
    let (_, seen) = daughter.get("/api/v1/care/settings").await;
    assert_eq!(seen["checked_in_today"], true);
    assert_eq!(seen["last_checkin_at"], plan["last_checkin_at"]);
}

async fn on_time_or_away_tells_nobody(app: TestApp) {
    let father = app.login(RESIDENT).await;
    assert_eq!(
        father.get("/api/v1/me").await.1["care_due"],
        true,
        "not yet today"
    );
    let (status, _) = father.post("/api/v1/care/checkins", json!({})).await;
    assert_eq!(status, 201);
    assert_eq!(sweep(&app, at(0, "22:00")).await, 0, "checked in today");

    // Away until the day after tomorrow: nobody is asked, nobody told.
    let away = server::points::day_of(at(2, "12:00"));
    let (status, plan) = father
        .put(
            "/api/v1/care/settings",
            json!({"enabled": true, "deadline": "09:00", "paused_until": away}),
        )
        .await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["paused_until"], away.as_str());
    assert_eq!(sweep(&app, at(1, "09:30")).await, 0);
    assert_eq!(sweep(&app, at(2, "09:30")).await, 0);
    assert_eq!(
        sweep(&app, at(3, "09:30")).await,
        1,
        "back, and not heard from"
    );

    // Switched off: nothing more, and no 我很好 to press.
    let (status, plan) = father
        .put("/api/v1/care/settings", json!({"enabled": false}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(plan["enabled"], false);
    assert_eq!(sweep(&app, at(4, "09:30")).await, 0);
    let (status, answer) = father.post("/api/v1/care/checkins", json!({})).await;
    assert_eq!(status, 409);
    assert_error(&answer, "not_enrolled");
}

async fn switched_on_after_the_time_it_starts_tomorrow(app: TestApp) {
    let neighbour = app.neighbour().await;
    let (status, plan) = neighbour
        .put(
            "/api/v1/care/settings",
            json!({"enabled": true, "deadline": "05:00"}),
        )
        .await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["missed_today"], false, "starts tomorrow");
    assert!(plan["watchers"].as_array().expect("watchers").is_empty());
    assert_eq!(sweep(&app, server::db::now_millis()).await, 0);
    // The demo father (10:00) is also swept tomorrow: two people.
    assert_eq!(sweep(&app, at(1, "10:01")).await, 2);
}

async fn bad_settings_are_refused_and_change_nothing(app: TestApp) {
    let father = app.login(RESIDENT).await;
    let daughter = daughter(&app).await;
    let neighbour = app.neighbour().await;
    let plans = "SELECT CAST(COUNT(*) AS BIGINT) || '-' || CAST(SUM(deadline_minutes) AS TEXT) FROM care_plans";
    let before: String = sqlx::query_scalar(plans)
        .fetch_one(app.db.reader())
        .await
        .expect("plans");
    let far = server::points::day_of(at(61, "12:00"));
    let past = server::points::day_of(at(-1, "12:00"));
    for (body, code) in [
        (
            json!({"enabled": true, "deadline": "25:00"}),
            "invalid_deadline",
        ),
        (
            json!({"enabled": true, "deadline": "4:00"}),
            "invalid_deadline",
        ),
        (
            json!({"enabled": true, "deadline": "十点"}),
            "invalid_deadline",
        ),
        (
            json!({"enabled": true, "paused_until": past}),
            "invalid_date",
        ),
        (
            json!({"enabled": true, "paused_until": far}),
            "invalid_date",
        ),
        (
            json!({"enabled": true, "paused_until": "2026-02-30"}),
            "invalid_date",
        ),
        (
            json!({"enabled": true, "volunteer_phone": "13912345678"}),
            "unknown_volunteer",
        ),
        (
            json!({"enabled": true, "volunteer_phone": RESIDENT}),
            "unknown_volunteer",
        ),
        (
            json!({"enabled": true, "volunteer_phone": "not a phone"}),
            "unknown_volunteer",
        ),
    ] {
        let (status, answer) = father.put("/api/v1/care/settings", body.clone()).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert_error(&answer, code);
    }
    let (status, _) = father
        .put("/api/v1/care/settings", json!({"deadline": "10:00"}))
        .await;
    assert_eq!(status, 422);
    // Not theirs to set or to see.
    let neighbour_id = neighbour.get("/api/v1/me").await.1["id"].clone();
    let (status, _) = father
        .put(
            "/api/v1/care/settings",
            json!({"user_id": neighbour_id, "enabled": false}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = daughter
        .get(&format!("/api/v1/care/settings?user_id={neighbour_id}"))
        .await;
    assert_eq!(status, 404);
    let (status, _) = daughter
        .post("/api/v1/care/checkins", json!({"user_id": neighbour_id}))
        .await;
    assert_eq!(status, 404);
    let (status, answer) = neighbour.post("/api/v1/care/checkins", json!({})).await;
    assert_eq!(status, 409);
    assert_error(&answer, "not_enrolled");
    for bad in ["user_id=x", "nope=1"] {
        assert_eq!(
            father.get(&format!("/api/v1/care/settings?{bad}")).await.0,
            400
        );
    }
    let after: String = sqlx::query_scalar(plans)
        .fetch_one(app.db.reader())
        .await
        .expect("plans");
    assert_eq!(after, before);
}
