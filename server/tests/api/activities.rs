//! Activities: a patrol from publishing to points (a resident on the phone,
//! the daughter for her father's household, the office for a member without
//! a phone; the code, the scan and the list), the waiting list, 100 sign-ups
//! at once for 10 places, closing twice at once, an hourly roster rounded
//! to half hours, and bad input that changes nothing.

use serde_json::{Value, json};

use crate::helpers::{HELPER, MANAGER, RESIDENT, STAFF, TestApp, User, assert_error};
use server::db::{HOUR, MINUTE, now_millis, rfc3339};

on_both_backends!(
    a_patrol_from_publishing_to_points,
    a_withdrawal_moves_the_waiting_list_up,
    a_hundred_sign_ups_at_once_fill_ten_places_in_order,
    closing_twice_at_once_awards_once,
    an_hourly_roster_pays_half_hours_rounded_down,
    bad_activities_and_sign_ups_change_nothing,
    a_member_without_a_phone_registers_and_keeps_the_points,
    wrong_codes_for_the_kept_list_are_throttled,
    the_day_before_those_going_are_reminded_once,
);

/// The kinds of the inbox items a person has.
async fn news(user: &User) -> Vec<String> {
    let (status, inbox) = user.get("/api/v1/inbox?limit=100").await;
    assert_eq!(status, 200, "{inbox}");
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["kind"].as_str().map(str::to_owned))
        .collect()
}

async fn rule(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM point_rules WHERE name = $1")
        .bind(name.to_owned())
        .fetch_one(app.db.reader())
        .await
        .expect("rule")
}

/// A patrol from `from` to `to` minutes from now, with `places`.
async fn patrol(manager: &User, app: &TestApp, from: i64, to: i64, places: Option<i64>) -> Value {
    let now = now_millis();
    let (status, made) = manager
        .post(
            "/api/v1/activities",
            json!({
                "title": "周末治安巡逻", "kind": "patrol", "place": "大门口集合",
                "details": "戴好红袖标", "rule_id": rule(app, "治安巡逻").await,
                "capacity": places,
                "starts_at": rfc3339(now + from * MINUTE), "ends_at": rfc3339(now + to * MINUTE),
            }),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    made
}

async fn member(manager: &User, household: i64, name: &str) -> i64 {
    let (status, m) = manager
        .post(
            &format!("/api/v1/households/{household}/members"),
            json!({ "name": name }),
        )
        .await;
    assert_eq!(status, 201, "{m}");
    assert_eq!(m["phone"], Value::Null);
    m["user_id"].as_i64().expect("id")
}

async fn user_id(app: &TestApp, phone: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone.to_owned())
        .fetch_one(app.db.reader())
        .await
        .expect("user")
}

async fn balance(app: &TestApp, user: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(balance), 0) AS BIGINT) FROM point_accounts WHERE user_id = $1",
    )
    .bind(user)
    .fetch_one(app.db.reader())
    .await
    .expect("balance")
}

async fn a_patrol_from_publishing_to_points(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let mut daughter = app.login(HELPER).await;
    let household = app.zhang_household().await;
    daughter.acting_for = Some(household);
    let neighbour = app.neighbour().await;
    let grandma = member(&manager, household, "王秀英").await;
    let made = patrol(&manager, &app, 30, 90, Some(10)).await;
    let id = made["id"].as_i64().expect("id");
    assert_eq!(made["can_run"], true);
    assert_eq!(made["schedule"].as_array().map(Vec::len), Some(1));

    // The resident on the phone, the daughter for the household's member
    // without a phone, the office for the neighbour.
    let path = format!("/api/v1/activities/{id}/signups");
    let (status, own) = father.post(&path, json!({})).await;
    assert_eq!((status, own["status"].as_str()), (201, Some("in")), "{own}");
    let (status, again) = father.post(&path, json!({})).await;
    assert_eq!(status, 409);
    assert_error(&again, "already_signed_up");
    let (status, hers) = daughter.post(&path, json!({"user_id": grandma})).await;
    assert_eq!(
        (status, hers["status"].as_str()),
        (201, Some("in")),
        "{hers}"
    );
    assert!(hers["signed_by"].as_str().is_some(), "{hers}");
    let neighbour_id = user_id(&app, "13700000002").await;
    let (status, _) = daughter.post(&path, json!({"user_id": neighbour_id})).await;
    assert_eq!(status, 404, "a helper signs up only her own household");
    let (status, theirs) = manager.post(&path, json!({"user_id": neighbour_id})).await;
    assert_eq!(status, 201, "{theirs}");
    // 首页's list: the household sees both its sign-ups.
    let (status, list) = daughter.get("/api/v1/activities").await;
    assert_eq!(status, 200, "{list}");
    let shown = list["items"]
        .as_array()
        .and_then(|i| i.iter().find(|a| a["id"] == id))
        .expect("listed")
        .clone();
    assert_eq!(shown["mine"].as_array().map(Vec::len), Some(2), "{shown}");
    assert_eq!(shown["next"]["taken"], 3);

    // Check-in: the resident types the organiser's code; the organiser
    // scans the neighbour's personal code; the member is ticked on the list.
    let attendance = format!("/api/v1/activities/{id}/attendance");
    let (status, sheet) = manager.get(&attendance).await;
    assert_eq!(status, 200, "{sheet}");
    let code = sheet["code"].as_str().expect("code").to_owned();
    let (status, _) = father.get(&attendance).await;
    assert_eq!(status, 403, "residents do not see the code");
    let checkins = format!("/api/v1/activities/{id}/checkins");
    let (status, wrong) = father.post(&checkins, json!({"code": "000000x"})).await;
    assert_eq!(status, 400);
    assert_error(&wrong, "code_expired");
    let (status, done) = father.post(&checkins, json!({"code": code})).await;
    assert_eq!(status, 201, "{done}");
    assert_eq!(done["names"], json!(["张建国"]));
    let (status, card) = neighbour.get("/api/v1/activities/person-code").await;
    assert_eq!(status, 200, "{card}");
    let (status, _) = father
        .post(&checkins, json!({"person_code": card["code"]}))
        .await;
    assert_eq!(status, 403, "only the organiser or the office scans others");
    let (status, done) = manager
        .post(&checkins, json!({"person_code": card["code"]}))
        .await;
    assert_eq!((status, done["names"].clone()), (201, json!(["邻居"])));
    let (status, done) = manager
        .post(&checkins, json!({"user_ids": [grandma]}))
        .await;
    assert_eq!((status, done["names"].clone()), (201, json!(["王秀英"])));
    let (_, sheet) = manager.get(&attendance).await;
    let methods: Vec<&str> = sheet["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter_map(|l| l["method"].as_str())
        .collect();
    assert_eq!(methods.len(), 3, "{sheet}");
    for m in ["code", "scan", "list"] {
        assert!(methods.contains(&m), "{sheet}");
    }

    // Closing: +5 each, once; the ledger says which activity.
    let before = [
        balance(&app, user_id(&app, RESIDENT).await).await,
        balance(&app, grandma).await,
        balance(&app, neighbour_id).await,
    ];
    let close = format!("/api/v1/activities/{id}/close");
    let (status, _) = father.post(&close, json!({})).await;
    assert_eq!(status, 403);
    let (status, closed) = manager.post(&close, json!({})).await;
    assert_eq!(status, 201, "{closed}");
    assert_eq!(
        (closed["awarded"].as_i64(), closed["points"].as_i64()),
        (Some(3), Some(15))
    );
    let (_, again) = manager.post(&close, json!({})).await;
    assert_eq!(
        (again["awarded"].as_i64(), again["already_closed"].as_bool()),
        (Some(0), Some(true))
    );
    let after = [
        balance(&app, user_id(&app, RESIDENT).await).await,
        balance(&app, grandma).await,
        balance(&app, neighbour_id).await,
    ];
    assert_eq!(
        after
            .iter()
            .zip(before)
            .map(|(a, b)| a - b)
            .collect::<Vec<_>>(),
        [5, 5, 5]
    );
    let (status, members) = daughter
        .get(&format!("/api/v1/households/{household}/members"))
        .await;
    assert_eq!(status, 200, "{members}");
    assert!(
        members
            .as_array()
            .expect("members")
            .iter()
            .any(|m| m["name"] == "王秀英" && m["balance"] == 5 && m["phone"].is_null()),
        "{members}"
    );
    let (status, _) = neighbour
        .get(&format!("/api/v1/households/{household}/members"))
        .await;
    assert_eq!(status, 404);
    let (_, late) = father.post(&path, json!({})).await;
    assert_error(&late, "activity_closed");

    // The red board names the activity beside the earners.
    let (_, board) = father.get("/api/v1/points/leaderboard").await;
    assert!(
        board["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .any(|l| l["name"] == "张某" && l["activities"][0] == "周末治安巡逻"),
        "{board}"
    );

    // The office's month: who came, the points, and the CSV of it all.
    let (status, month) = manager.get("/api/v1/activities/turnout").await;
    assert_eq!(status, 200, "{month}");
    let line = month["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["activity_id"] == id))
        .expect("turnout line")
        .clone();
    assert_eq!(
        (
            line["signed_up"].as_i64(),
            line["attended"].as_i64(),
            line["points"].as_i64()
        ),
        (Some(3), Some(3), Some(15))
    );
    let (status, csv) = manager
        .get_text("/api/v1/activities/export.csv")
        .await_text()
        .await;
    assert_eq!(status, 200);
    let grandma_row = csv
        .lines()
        .find(|l| l.contains("王秀英") && l.contains("周末治安巡逻"))
        .expect("row");
    assert!(
        grandma_row.contains(",list,") && grandma_row.ends_with(",5"),
        "{grandma_row}"
    );
    let (status, bad) = manager
        .get("/api/v1/activities/turnout?month=2026-13")
        .await;
    assert_eq!(status, 400);
    assert_error(&bad, "invalid_month");
}

async fn a_withdrawal_moves_the_waiting_list_up(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let neighbour = app.neighbour().await;
    let household = app.zhang_household().await;
    let grandma = member(&manager, household, "王秀英").await;
    let made = patrol(&manager, &app, 120, 180, Some(1)).await;
    let id = made["id"].as_i64().expect("id");
    let path = format!("/api/v1/activities/{id}/signups");
    let (_, first) = father.post(&path, json!({})).await;
    let (_, second) = neighbour.post(&path, json!({})).await;
    let (_, third) = manager.post(&path, json!({"user_id": grandma})).await;
    assert_eq!(first["status"], "in");
    assert_eq!(
        (second["status"].as_str(), second["position"].as_i64()),
        (Some("waiting"), Some(1))
    );
    assert_eq!(third["position"], 2);
    // Someone else cannot withdraw the father; he can, in one tap.
    let mine = format!("{path}/{}", first["id"]);
    let (status, _) = neighbour.delete(&mine).await;
    assert_eq!(status, 404);
    let (status, gone) = father.delete(&mine).await;
    assert_eq!(
        (status, gone["status"].as_str()),
        (200, Some("cancelled")),
        "{gone}"
    );
    let (status, again) = father.delete(&mine).await;
    assert_eq!(status, 409);
    assert_error(&again, "already_cancelled");
    let (_, detail) = neighbour.get(&format!("/api/v1/activities/{id}")).await;
    assert_eq!(detail["mine"][0]["status"], "in", "{detail}");
    assert!(
        news(&neighbour).await.contains(&"activity_in".to_owned()),
        "the neighbour is told"
    );
    assert_eq!(detail["next"]["taken"], 1);
    assert_eq!(detail["next"]["waiting"], 1);
    let (_, grandma_now) = manager
        .get(&format!("/api/v1/activities/{id}/attendance"))
        .await;
    let line = grandma_now["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["user_id"] == grandma))
        .expect("line")
        .clone();
    assert_eq!(line["signup"], "waiting");
}

async fn a_hundred_sign_ups_at_once_fill_ten_places_in_order(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let household = app.zhang_household().await;
    let mut people = Vec::new();
    for i in 0..100 {
        people.push(member(&manager, household, &format!("居民{i}")).await);
    }
    let made = patrol(&manager, &app, 60, 120, Some(10)).await;
    let id = made["id"].as_i64().expect("id");
    let path = format!("/api/v1/activities/{id}/signups");
    let answers = futures_util::future::join_all(
        people
            .iter()
            .map(|p| manager.post(&path, json!({"user_id": p}))),
    )
    .await;
    assert!(answers.iter().all(|(s, _)| *s == 201), "{answers:?}");
    let mut waiting: Vec<(i64, i64)> = answers
        .iter()
        .filter(|(_, s)| s["status"] == "waiting")
        .map(|(_, s)| {
            (
                s["id"].as_i64().unwrap_or(0),
                s["position"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    let ins = answers.iter().filter(|(_, s)| s["status"] == "in").count();
    assert_eq!((ins, waiting.len()), (10, 90));
    // Arrival order: positions follow the order the sign-ups were taken.
    waiting.sort_unstable();
    let positions: Vec<i64> = waiting.iter().map(|(_, p)| *p).collect();
    assert_eq!(positions, (1..=90).collect::<Vec<_>>());
    let taken: i64 =
        sqlx::query_scalar("SELECT taken FROM activity_sessions WHERE activity_id = $1")
            .bind(id)
            .fetch_one(app.db.reader())
            .await
            .expect("taken");
    assert_eq!(taken, 10);
}

async fn closing_twice_at_once_awards_once(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let made = patrol(&manager, &app, 10, 70, None).await;
    let id = made["id"].as_i64().expect("id");
    let me = user_id(&app, RESIDENT).await;
    let (status, _) = manager
        .post(
            &format!("/api/v1/activities/{id}/checkins"),
            json!({"user_ids": [me]}),
        )
        .await;
    assert_eq!(status, 201);
    let close = format!("/api/v1/activities/{id}/close");
    let (a, b) = tokio::join!(
        manager.post(&close, json!({})),
        father.post(&close, json!({}))
    );
    assert_eq!(a.0, 201, "{}", a.1);
    assert_eq!(b.0, 403);
    let second = app.login(MANAGER).await;
    let (c, d) = tokio::join!(
        manager.post(&close, json!({})),
        second.post(&close, json!({}))
    );
    assert_eq!((c.0, d.0), (201, 201));
    let awards: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM point_entries e JOIN activity_sessions s
         ON s.id = e.session_id WHERE s.activity_id = $1",
    )
    .bind(id)
    .fetch_one(app.db.reader())
    .await
    .expect("awards");
    assert_eq!(awards, 1);
    assert_eq!(a.1["awarded"], 1);
}

async fn an_hourly_roster_pays_half_hours_rounded_down(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let now = now_millis();
    let (start, end) = (now - 3 * HOUR, now - HOUR);
    let (status, made) = manager
        .post(
            "/api/v1/activities",
            json!({
                "title": "门岗值守", "kind": "duty", "place": "北门岗亭",
                "rule_id": rule(&app, "疫情防控值守").await, "capacity": 2,
                "starts_at": rfc3339(start), "ends_at": rfc3339(end),
                "roster": {"weekdays": [1, 2, 3, 4, 5, 6, 7], "weeks": 1},
            }),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let schedule = made["schedule"].as_array().expect("schedule");
    assert_eq!(schedule.len(), 7);
    assert_eq!(made["weekdays"], json!([1, 2, 3, 4, 5, 6, 7]));
    let id = made["id"].as_i64().expect("id");
    let first = schedule[0]["id"].as_i64().expect("session");
    let me = user_id(&app, RESIDENT).await;
    let checkins = format!("/api/v1/activities/{id}/checkins");
    let (status, _) = manager
        .post(&checkins, json!({"session_id": first, "user_ids": [me]}))
        .await;
    assert_eq!(status, 201);
    let (status, out) = manager
        .post(
            &checkins,
            json!({"session_id": first, "user_ids": [me], "check_out": true}),
        )
        .await;
    assert_eq!(status, 201, "{out}");
    // Arrived at the start, left 1 h 35 min later: 1.5 hours, 3 points.
    sqlx::query(
        "UPDATE activity_attendance SET checked_in_at = $2, checked_out_at = $3 WHERE session_id = $1",
    )
    .bind(first)
    .bind(start)
    .bind(start + 95 * MINUTE)
    .execute(app.db.writer())
    .await
    .expect("times");
    let (status, closed) = manager
        .post(
            &format!("/api/v1/activities/{id}/close"),
            json!({"session_id": first}),
        )
        .await;
    assert_eq!(status, 201, "{closed}");
    assert_eq!(closed["points"], 3);
    let neighbour_checkout = manager
        .post(
            &checkins,
            json!({"session_id": schedule[1]["id"], "user_ids": [me], "check_out": true}),
        )
        .await;
    assert_eq!(neighbour_checkout.0, 409, "{}", neighbour_checkout.1);
    assert_error(&neighbour_checkout.1, "checkin_not_open");
}

async fn bad_activities_and_sign_ups_change_nothing(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let staff = app.login(STAFF).await;
    let now = now_millis();
    let patrol_rule = rule(&app, "治安巡逻").await;
    let good = json!({
        "title": "巡逻", "kind": "patrol", "place": "大门", "rule_id": patrol_rule,
        "starts_at": rfc3339(now + HOUR), "ends_at": rfc3339(now + 2 * HOUR),
    });
    let with = |key: &str, value: Value| {
        let mut body = good.clone();
        body[key] = value;
        body
    };
    let counts = || async {
        [
            app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM activities")
                .await,
            app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM activity_sessions")
                .await,
            app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM activity_signups")
                .await,
        ]
    };
    let before = counts().await;
    let cases = [
        (with("ends_at", json!(rfc3339(now))), 400, "invalid_times"),
        (
            with("ends_at", json!(rfc3339(now + 14 * HOUR))),
            400,
            "invalid_times",
        ),
        (with("starts_at", json!("tomorrow")), 400, "invalid_times"),
        (with("capacity", json!(0)), 400, "invalid_capacity"),
        (
            with("building_ids", json!([999_999])),
            400,
            "invalid_buildings",
        ),
        (
            with("organiser_id", json!(999_999)),
            400,
            "invalid_organiser",
        ),
        (
            with("roster", json!({"weekdays": [9], "weeks": 1})),
            400,
            "invalid_roster",
        ),
        (
            with("roster", json!({"weekdays": [1], "weeks": 0})),
            400,
            "invalid_roster",
        ),
        (with("title", json!("")), 400, "invalid_title"),
        (with("kind", json!("party")), 422, "invalid_fields"),
        (with("rule_id", json!(999_999)), 404, "not_found"),
    ];
    for (body, status, code) in cases {
        let (got, answer) = manager.post("/api/v1/activities", body.clone()).await;
        assert_eq!(got, status, "{body} → {answer}");
        assert_error(&answer, code);
    }
    let (status, _) = staff.post("/api/v1/activities", good.clone()).await;
    assert_eq!(status, 404, "staff do not publish");
    assert_eq!(counts().await, before);

    // A member's name must be a name; nothing is added otherwise.
    let household = app.zhang_household().await;
    let users = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
        .await;
    let (status, answer) = manager
        .post(
            &format!("/api/v1/households/{household}/members"),
            json!({"name": " "}),
        )
        .await;
    assert_eq!(status, 400, "{answer}");
    let (status, _) = staff
        .post(
            &format!("/api/v1/households/{household}/members"),
            json!({"name": "王秀英"}),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
            .await,
        users
    );

    // Sign-ups: a calling-off stops them; nothing half-written.
    let (_, made) = manager.post("/api/v1/activities", good).await;
    let id = made["id"].as_i64().expect("id");
    let (status, off) = manager
        .patch(
            &format!("/api/v1/activities/{id}"),
            json!({"cancelled": true}),
        )
        .await;
    assert_eq!(
        (status, off["cancelled"].as_bool()),
        (200, Some(true)),
        "{off}"
    );
    let father = app.login(RESIDENT).await;
    let (status, refused) = father
        .post(&format!("/api/v1/activities/{id}/signups"), json!({}))
        .await;
    assert_eq!(status, 409);
    assert_error(&refused, "activity_cancelled");
    let (status, _) = father
        .post(
            &format!("/api/v1/activities/{id}/signups"),
            json!({"session_id": 999_999}),
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(counts().await[2], before[2]);
    let (status, _) = father
        .patch(&format!("/api/v1/activities/{id}"), json!({"title": "改"}))
        .await;
    assert_eq!(status, 403);
}

async fn a_member_without_a_phone_registers_and_keeps_the_points(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let household = app.zhang_household().await;
    let community = app.community("轻机南院").await;
    let grandma = member(&manager, household, "王秀英").await;
    let (status, _) = manager
        .post(
            "/api/v1/points/adjustments",
            json!({"community_id": community, "user_id": grandma, "amount": 30, "reason": "补记打扫"}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, sheet) = manager
        .get(&format!(
            "/api/v1/admin/households/codes?community_id={community}"
        ))
        .await;
    let code = sheet["slips"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["household_id"] == household))
        .map(|s| s["code"].clone())
        .expect("slip");
    // The code opens the list of those the office keeps: she chooses herself.
    let grandpa = member(&manager, household, "张老根").await;
    let her = app.anonymous();
    let (status, kept) = her
        .post("/api/v1/auth/kept-members", json!({"code": code}))
        .await;
    assert_eq!(status, 200, "{kept}");
    assert_eq!(
        kept,
        json!([{"user_id": grandma, "name": "王秀英"}, {"user_id": grandpa, "name": "张老根"}]),
        "in the order the office added them, and nobody who has a phone"
    );
    let (status, body) = her
        .post("/api/v1/auth/kept-members", json!({"code": "WRONG123"}))
        .await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (400, json!("invalid_code"))
    );
    let users = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
        .await;
    // Someone else's record (a member with a phone, or of another
    // household) is refused and nothing changes.
    let father = user_id(&app, RESIDENT).await;
    for other in [father, 999_999] {
        let (status, body) = her
            .post(
                "/api/v1/auth/register",
                json!({"phone": "13700000077", "name": "王秀英", "password": "grandma-1949", "code": code, "member_id": other}),
            )
            .await;
        assert_eq!(
            (status, body["error"]["code"].clone()),
            (400, json!("invalid_member")),
            "{body}"
        );
    }
    let (status, me) = her
        .post(
            "/api/v1/auth/register",
            json!({"phone": "13700000077", "name": "王秀英", "password": "grandma-1949", "code": code, "member_id": grandma}),
        )
        .await;
    assert_eq!(status, 201, "{me}");
    assert_eq!(me["id"], grandma, "the same record, not a new one");
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
            .await,
        users
    );
    let (_, summary) = her.get("/api/v1/points/summary").await;
    assert_eq!(summary["balance"], 30, "{summary}");
    // She is off the list now; the grandfather, of the same name typed
    // without choosing, takes over his record too (clients that predate the list).
    let (_, kept) = app
        .anonymous()
        .post("/api/v1/auth/kept-members", json!({"code": code}))
        .await;
    assert_eq!(kept, json!([{"user_id": grandpa, "name": "张老根"}]));
    let (status, him) = app
        .anonymous()
        .post(
            "/api/v1/auth/register",
            json!({"phone": "13700000079", "name": "张老根", "password": "grandpa-1940", "code": code}),
        )
        .await;
    assert_eq!((status, him["id"].clone()), (201, json!(grandpa)), "{him}");
    // Someone of another name is a new person, as before.
    let (status, other) = app
        .anonymous()
        .post(
            "/api/v1/auth/register",
            json!({"phone": "13700000078", "name": "张小宝", "password": "grandson-2010", "code": code}),
        )
        .await;
    assert_eq!(status, 201, "{other}");
    assert_ne!(other["id"], grandma);
}

/// Guessing codes through the list is throttled like logins, per address.
async fn wrong_codes_for_the_kept_list_are_throttled(app: TestApp) {
    let someone = app.anonymous();
    for n in 0..50 {
        let (status, _) = someone
            .post(
                "/api/v1/auth/kept-members",
                json!({"code": format!("WRONG{n:03}")}),
            )
            .await;
        assert_eq!(status, 400);
    }
    let (status, body) = someone
        .post("/api/v1/auth/kept-members", json!({"code": "WRONG999"}))
        .await;
    assert_eq!(status, 429, "{body}");
}

async fn the_day_before_those_going_are_reminded_once(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let mut daughter = app.login(HELPER).await;
    daughter.acting_for = Some(app.zhang_household().await);
    // Published more than a day ahead: reminded the day before.
    let made = patrol(&manager, &app, 30 * 60, 31 * 60, None).await;
    let id = made["id"].as_i64().expect("id");
    let (status, _) = father
        .post(&format!("/api/v1/activities/{id}/signups"), json!({}))
        .await;
    assert_eq!(status, 201);
    let sweep = |at: i64| server::inbox::sweep::run_once(&app.db, at);
    let now = now_millis();
    assert_eq!(sweep(now).await.expect("sweep").reminders, 0, "too early");
    assert_eq!(sweep(now + 7 * HOUR).await.expect("sweep").reminders, 1);
    assert_eq!(
        sweep(now + 8 * HOUR).await.expect("sweep").reminders,
        0,
        "once"
    );
    for who in [&father, &daughter] {
        assert!(news(who).await.contains(&"activity_tomorrow".to_owned()));
    }
}
