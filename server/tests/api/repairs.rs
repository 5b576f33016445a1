//! Repairs: the daughter reports for her father, the office assigns, the
//! worker resolves, the father confirms; who may see and do what; bad input.

use serde_json::{Value, json};

use crate::helpers::{
    HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, assert_error, png,
};

on_both_backends!(
    the_demo_queue_has_work_in_every_state,
    a_leak_reported_by_the_daughter_goes_round_to_five_stars,
    photos_are_reencoded_and_shown_only_to_those_who_may_see_the_ticket,
    strangers_see_nothing_and_may_do_nothing,
    bad_reports_and_illegal_moves_are_refused_and_change_nothing,
    the_office_files_phone_ins_and_public_places,
    cancelling_reopening_and_closing_by_itself,
    the_queue_filters_counts_and_exports,
    comments_written_at_once_all_land,
);

const TICKETS: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets";
const EVENTS: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_events";

pub async fn daughter(app: &TestApp) -> User {
    let mut d = app.login(HELPER).await;
    d.acting_for = Some(app.zhang_household().await);
    d
}

/// Files a plain water ticket for 张建国's flat as `user`; returns it.
pub async fn report(user: &User, urgent: bool) -> Value {
    let (status, ticket) = user
        .post(
            "/api/v1/repairs",
            json!({"category": "water", "description": "厨房水龙头漏水", "urgent": urgent}),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    ticket
}

async fn staff_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(STAFF)
        .fetch_one(app.db.reader())
        .await
        .expect("staff")
}

async fn act(user: &User, id: &Value, body: Value) -> (u16, Value) {
    user.post(&format!("/api/v1/repairs/{id}/events"), body)
        .await
}

/// Assigns to 王师傅, who resolves it.
async fn assign_and_resolve(app: &TestApp, id: &Value) {
    let manager = app.login(MANAGER).await;
    let worker = staff_id(app).await;
    let (s, b) = act(
        &manager,
        id,
        json!({"kind": "assign", "assignee_id": worker}),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    let staff = app.login(STAFF).await;
    let (s, b) = act(
        &staff,
        id,
        json!({"kind": "status", "status": "resolved", "note": "换了阀芯"}),
    )
    .await;
    assert_eq!(s, 201, "{b}");
}

async fn the_demo_queue_has_work_in_every_state(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let (_, queue) = manager.get("/api/v1/repairs?scope=queue").await;
    let items = queue["items"].as_array().expect("items");
    assert_eq!(items.len(), 3, "{queue}");
    assert_eq!(items[0]["urgent"], true);
    assert_eq!(items[0]["overdue"], true, "the stairwell light is 26 h old");
    let (_, figures) = manager.get("/api/v1/repairs/summary").await;
    assert_eq!(figures["office"]["new"], 2);
    assert_eq!(figures["office"]["overdue"], 1);
    let worker = staff_id(&app).await;
    let (_, theirs) = manager
        .get(&format!("/api/v1/repairs?scope=queue&assignee_id={worker}"))
        .await;
    assert_eq!(
        theirs["items"].as_array().map(Vec::len),
        Some(1),
        "{theirs}"
    );
    let (_, mine) = app
        .login(STAFF)
        .await
        .get("/api/v1/repairs?scope=assigned")
        .await;
    assert_eq!(mine["items"][0]["status"], "in_progress");
    let (_, other) = app
        .login(OTHER_MANAGER)
        .await
        .get("/api/v1/repairs?scope=queue")
        .await;
    assert_eq!(other["items"], json!([]));
}

async fn a_leak_reported_by_the_daughter_goes_round_to_five_stars(app: TestApp) {
    app.clear_repairs().await;
    let daughter = daughter(&app).await;
    let ticket = report(&daughter, false).await;
    let id = ticket["id"].clone();
    assert_eq!(ticket["status"], "submitted");
    assert_eq!(ticket["channel"], "helper");
    assert_eq!(ticket["address"], "3号楼 201");
    assert!(
        ticket["number"]
            .as_str()
            .is_some_and(|n| n.starts_with("BX-"))
    );
    assert_eq!(
        ticket["contact_phone"], HELPER,
        "defaults to the reporter's phone"
    );
    assert_eq!(
        ticket["changed"], false,
        "the reporter has seen her own report"
    );

    // The father sees it as changed; opening it clears the badge.
    let father = app.login(RESIDENT).await;
    let (_, summary) = father.get("/api/v1/repairs/summary").await;
    assert_eq!(summary["changed"], 1);
    assert_eq!(summary["open"][0]["id"], id);
    let (status, detail) = father.get(&format!("/api/v1/repairs/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(detail["events"][0]["actor_role"], "helper");
    assert_eq!(detail["events"][0]["for_household"], "3号楼 201");
    assert_eq!(detail["allowed"], json!(["cancel", "comment"]));
    assert_eq!(father.get("/api/v1/repairs/summary").await.1["changed"], 0);

    // The office: a new submission, assigned to 王师傅.
    let manager = app.login(MANAGER).await;
    let (_, figures) = manager.get("/api/v1/repairs/summary").await;
    assert_eq!(figures["office"]["new"], 1);
    let (_, queue) = manager.get("/api/v1/repairs?scope=queue").await;
    assert_eq!(queue["items"][0]["id"], id);
    let (_, workers) = manager.get("/api/v1/repairs/workers").await;
    let worker = staff_id(&app).await;
    assert_eq!(workers[0]["user_id"], worker, "staff first");
    let (status, after) = act(
        &manager,
        &id,
        json!({"kind": "assign", "assignee_id": worker, "note": "下午去"}),
    )
    .await;
    assert_eq!(status, 201, "{after}");
    assert_eq!(after["status"], "assigned");
    assert_eq!(after["assignee_name"], "王师傅");

    // The worker sees it among his, with the phone, and does the job.
    let staff = app.login(STAFF).await;
    let (_, mine) = staff.get("/api/v1/repairs?scope=assigned").await;
    assert_eq!(mine["items"][0]["contact_phone"], HELPER);
    assert_eq!(
        staff.get("/api/v1/repairs/summary").await.1["assigned_to_me"],
        1
    );
    let (s, _) = act(
        &staff,
        &id,
        json!({"kind": "status", "status": "in_progress"}),
    )
    .await;
    assert_eq!(s, 201);
    let (s, resolved) = act(
        &staff,
        &id,
        json!({"kind": "status", "status": "resolved", "note": "换了阀芯"}),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(resolved["status"], "resolved");
    assert!(resolved["resolved_at"].is_string());

    // The father's badge lights up again; he confirms with five stars.
    assert_eq!(father.get("/api/v1/repairs/summary").await.1["changed"], 1);
    let (_, detail) = father.get(&format!("/api/v1/repairs/{id}")).await;
    assert_eq!(detail["allowed"], json!(["rate", "reopen", "comment"]));
    let (s, closed) = act(
        &father,
        &id,
        json!({"kind": "rating", "stars": 5, "note": "王师傅辛苦了"}),
    )
    .await;
    assert_eq!(s, 201, "{closed}");
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["rating"], 5);
    let kinds: Vec<&str> = closed["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["submitted", "assign", "status", "status", "rating"]);
    assert_eq!(closed["events"][1]["actor_role"], "manager");
    assert_eq!(closed["events"][3]["actor_role"], "staff");
    assert_eq!(closed["events"][4]["actor_name"], "张建国");
    let (_, figures) = manager.get("/api/v1/repairs/summary").await;
    assert_eq!(figures["office"]["average_rating"], 5.0);
    assert_eq!(figures["office"]["open"], 0);
    assert!(figures["office"]["median_resolve_minutes"].is_i64());
}

pub async fn photos_are_reencoded_and_shown_only_to_those_who_may_see_the_ticket(app: TestApp) {
    app.clear_repairs().await;
    let daughter = daughter(&app).await;
    let (status, upload) = daughter
        .post_bytes("/api/v1/uploads", "image/png", png(2400, 1200))
        .await;
    assert_eq!(status, 201, "{upload}");
    assert_eq!(
        (upload["width"].clone(), upload["height"].clone()),
        (json!(1600), json!(800))
    );
    let url = upload["url"].as_str().expect("url").to_owned();
    let thumb = upload["thumb_url"].as_str().expect("thumb").to_owned();
    // Before it is on a ticket, only the uploader sees it.
    assert_eq!(app.login(RESIDENT).await.get_bytes(&url).await.0, 404);
    let (status, ticket) = daughter
        .post(
            "/api/v1/repairs",
            json!({"category": "water", "photo_ids": [upload["id"]]}),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    assert_eq!(ticket["photos"][0]["id"], upload["id"]);
    let (status, kind, nosniff, body) = app.login(RESIDENT).await.get_bytes(&url).await;
    assert_eq!((status, kind.as_str(), nosniff), (200, "image/jpeg", true));
    assert!(body.starts_with(&[0xFF, 0xD8, 0xFF]));
    let small = image::load_from_memory(&app.login(RESIDENT).await.get_bytes(&thumb).await.3)
        .expect("thumbnail");
    assert_eq!(small.width(), 320);
    // A photo is used once: not again on another ticket.
    let (status, body) = daughter
        .post(
            "/api/v1/repairs",
            json!({"category": "gas", "photo_ids": [upload["id"]]}),
        )
        .await;
    assert_eq!(status, 400);
    assert_error(&body, "invalid_photo");
    // Strangers: nothing.
    for user in [
        app.anonymous(),
        app.neighbour().await,
        app.login(OTHER_MANAGER).await,
        app.login(STAFF).await,
    ] {
        let (status, _, _, _) = user.get_bytes(&url).await;
        assert!(matches!(status, 401 | 404), "{status}");
    }
    assert_eq!(app.login(MANAGER).await.get_bytes(&url).await.0, 200);
    assert_eq!(daughter.get_bytes(&format!("{url}?size=huge")).await.0, 400);
    assert_eq!(
        daughter
            .get_bytes("/api/v1/uploads/..%2F..%2Fcourtyard.db")
            .await
            .0,
        404
    );
}

async fn strangers_see_nothing_and_may_do_nothing(app: TestApp) {
    app.clear_repairs().await;
    let father = app.login(RESIDENT).await;
    let ticket = report(&father, true).await;
    let id = ticket["id"].clone();
    let path = format!("/api/v1/repairs/{id}");
    let revoked = app.revoked_helper().await;
    let neighbour = app.neighbour().await;
    let staff = app.login(STAFF).await;
    let other = app.login(OTHER_MANAGER).await;
    let comment = json!({"kind": "comment", "note": "我来看看"});
    assert_eq!(app.anonymous().get(&path).await.0, 401);
    assert_eq!(act(&app.anonymous(), &id, comment.clone()).await.0, 401);
    for (who, user) in [
        ("revoked helper", &revoked),
        ("neighbour", &neighbour),
        ("staff not assigned", &staff),
        ("other community", &other),
    ] {
        // 404; the revoked helper's stale X-Acting-For header is refused first (403).
        let refused = |s: u16| s == 404 || (who == "revoked helper" && s == 403);
        let got = user.get(&path).await.0;
        assert!(refused(got), "{who}: {got}");
        let got = act(user, &id, comment.clone()).await.0;
        assert!(refused(got), "{who}: {got}");
        let (_, list) = user.get("/api/v1/repairs").await;
        assert!(
            list["items"]
                .as_array()
                .is_none_or(|i| i.iter().all(|t| t["id"] != id)),
            "{who} lists it"
        );
    }
    assert_eq!(
        other.get("/api/v1/repairs?scope=queue").await.1["items"],
        json!([])
    );
    assert_eq!(father.get("/api/v1/repairs?scope=queue").await.0, 403);
    assert_eq!(
        neighbour
            .get("/api/v1/repairs/export.csv?from=2026-01-01&to=2026-12-31")
            .await
            .0,
        403
    );
    assert_eq!(staff.get("/api/v1/repairs/workers").await.0, 403);
    // The household may not assign or resolve its own ticket.
    let worker = staff_id(&app).await;
    assert_eq!(
        act(
            &father,
            &id,
            json!({"kind": "assign", "assignee_id": worker})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        act(
            &father,
            &id,
            json!({"kind": "status", "status": "resolved", "note": "好了"})
        )
        .await
        .0,
        403
    );
    // Nor may a helper report for a household she no longer helps.
    let (status, _) = revoked
        .post(
            "/api/v1/repairs",
            json!({"household_id": app.zhang_household().await, "category": "gas"}),
        )
        .await;
    assert!(matches!(status, 403 | 404), "{status}");
    assert_eq!(app.count(TICKETS).await, 1);
    assert_eq!(app.count(EVENTS).await, 1);
}

async fn bad_reports_and_illegal_moves_are_refused_and_change_nothing(app: TestApp) {
    app.clear_repairs().await;
    let father = app.login(RESIDENT).await;
    let ticket = report(&father, false).await;
    let id = ticket["id"].clone();
    let (tickets, events) = (app.count(TICKETS).await, app.count(EVENTS).await);
    let other_household = app.zhang_household().await + 1;
    let too_long = "漏".repeat(10_000);
    let cases: Vec<(Value, u16, &str)> = vec![
        (json!({"description": "没写类别"}), 422, "invalid_fields"),
        (json!({"category": "plumbing"}), 422, "invalid_fields"),
        (
            json!({"category": "water", "household_id": 999_999}),
            404,
            "not_found",
        ),
        (
            json!({"category": "water", "household_id": other_household}),
            404,
            "not_found",
        ),
        (
            json!({"category": "water", "photo_ids": ["a", "b", "c", "d", "e"]}),
            400,
            "too_many_photos",
        ),
        (
            json!({"category": "water", "photo_ids": ["0123456789abcdef0123456789abcdef"]}),
            400,
            "invalid_photo",
        ),
        (
            json!({"category": "water", "description": too_long}),
            400,
            "description_too_long",
        ),
        (
            json!({"category": "water", "contact_phone": "打我电话"}),
            400,
            "invalid_phone",
        ),
        (
            json!({"category": "water", "place": ""}),
            400,
            "invalid_place",
        ),
        (
            json!({"category": "water", "owner": "me"}),
            422,
            "invalid_fields",
        ),
    ];
    for (body, status, code) in cases {
        let (got, answer) = father.post("/api/v1/repairs", body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    // Uploads: not an image, a PNG header on text, too large, wrong type.
    let (s, b) = father
        .post_bytes("/api/v1/uploads", "image/png", b"hello, world".to_vec())
        .await;
    assert_eq!(s, 400);
    assert_error(&b, "not_an_image");
    let mut fake = b"\x89PNG\r\n\x1a\n".to_vec();
    fake.extend_from_slice(&[b'x'; 500]);
    let (s, b) = father
        .post_bytes("/api/v1/uploads", "image/png", fake)
        .await;
    assert_eq!(s, 400);
    assert_error(&b, "unreadable_image");
    let (s, _) = father
        .post_bytes("/api/v1/uploads", "image/jpeg", vec![0xFF; 9 * 1024 * 1024])
        .await;
    assert_eq!(s, 413);
    let (s, _) = father
        .post_bytes("/api/v1/uploads", "text/plain", png(4, 4))
        .await;
    assert_eq!(s, 415);
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM uploads")
            .await,
        0
    );

    // Moves: too long, missing reasons, wrong states, bad stars.
    let manager = app.login(MANAGER).await;
    let moves: Vec<(&User, Value, u16, &str)> = vec![
        (
            &father,
            json!({"kind": "comment", "note": too_long}),
            400,
            "note_too_long",
        ),
        (
            &father,
            json!({"kind": "comment", "note": "  "}),
            400,
            "note_required",
        ),
        (
            &father,
            json!({"kind": "rating", "stars": 5}),
            409,
            "invalid_transition",
        ),
        (
            &father,
            json!({"kind": "rating", "stars": 6}),
            400,
            "invalid_stars",
        ),
        (
            &father,
            json!({"kind": "reopen", "note": "又漏了"}),
            409,
            "invalid_transition",
        ),
        (
            &manager,
            json!({"kind": "status", "status": "rejected"}),
            400,
            "note_required",
        ),
        (
            &manager,
            json!({"kind": "status", "status": "in_progress"}),
            409,
            "invalid_transition",
        ),
        (
            &manager,
            json!({"kind": "status", "status": "assigned"}),
            400,
            "invalid_status",
        ),
        (
            &manager,
            json!({"kind": "assign", "assignee_id": 999_999}),
            400,
            "invalid_assignee",
        ),
        (&manager, json!({"kind": "explode"}), 422, "invalid_fields"),
    ];
    for (user, body, status, code) in moves {
        let (got, answer) = act(user, &id, body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    // The other community's manager is no assignee here.
    let other_manager: i64 = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(OTHER_MANAGER)
        .fetch_one(app.db.reader())
        .await
        .expect("id");
    let (s, b) = act(
        &manager,
        &id,
        json!({"kind": "assign", "assignee_id": other_manager}),
    )
    .await;
    assert_eq!(s, 400, "{b}");
    assert_eq!(app.count(TICKETS).await, tickets);
    assert_eq!(app.count(EVENTS).await, events);
    assert_eq!(
        father.get(&format!("/api/v1/repairs/{id}")).await.1["status"],
        "submitted"
    );
    assert_eq!(father.get("/api/v1/repairs/not-a-number").await.0, 400);
    assert_eq!(father.get("/api/v1/repairs?limit=101").await.0, 400);
    assert_eq!(
        manager
            .get("/api/v1/repairs?scope=queue&status=lost")
            .await
            .0,
        400
    );
}

async fn the_office_files_phone_ins_and_public_places(app: TestApp) {
    app.clear_repairs().await;
    let manager = app.login(MANAGER).await;
    let household = app.zhang_household().await;
    let (status, ticket) = manager
        .post(
            "/api/v1/repairs",
            json!({"household_id": household, "category": "heating", "contact_phone": "0372-5551234", "urgent": true}),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    assert_eq!(ticket["channel"], "office");
    assert_eq!(ticket["contact_phone"], "0372-5551234");
    // The household sees it, with a changed mark: the office filed it for them.
    let father = app.login(RESIDENT).await;
    let (_, list) = father.get("/api/v1/repairs").await;
    assert_eq!(list["items"][0]["id"], ticket["id"]);
    assert_eq!(list["items"][0]["changed"], true);
    // A public place the office noticed itself needs the place.
    let (status, body) = manager
        .post("/api/v1/repairs", json!({"category": "public_area"}))
        .await;
    assert_eq!(status, 400);
    assert_error(&body, "place_required");
    let (status, public) = manager
        .post("/api/v1/repairs", json!({"category": "public_area", "place": "5号楼 二楼楼道灯", "contact_phone": "0372-5550000"}))
        .await;
    assert_eq!(status, 201, "{public}");
    assert_eq!(public["address"], "5号楼 二楼楼道灯");
    assert_eq!(public["household_id"], Value::Null);
    // A resident's public-place report stays with their household.
    let (status, hall) = father
        .post(
            "/api/v1/repairs",
            json!({"category": "electricity", "place": "3号楼 楼道灯不亮"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(hall["channel"], "resident");
    assert_eq!(hall["address"], "3号楼 楼道灯不亮");
    // Another community's manager may not file for this household.
    let (status, _) = app
        .login(OTHER_MANAGER)
        .await
        .post(
            "/api/v1/repairs",
            json!({"household_id": household, "category": "gas", "contact_phone": "0372-5550000"}),
        )
        .await;
    assert_eq!(status, 404);
    let (_, queue) = manager.get("/api/v1/repairs?scope=queue").await;
    assert_eq!(queue["items"][0]["id"], ticket["id"], "urgent first");
    assert_eq!(queue["items"].as_array().map(Vec::len), Some(3));
}

async fn cancelling_reopening_and_closing_by_itself(app: TestApp) {
    app.clear_repairs().await;
    let father = app.login(RESIDENT).await;
    // Cancelled before work starts; not after.
    let first = report(&father, false).await;
    let (s, b) = act(
        &father,
        &first["id"],
        json!({"kind": "status", "status": "cancelled"}),
    )
    .await;
    assert_eq!((s, b["status"].clone()), (201, json!("cancelled")));
    let second = report(&father, false).await;
    let id = second["id"].clone();
    assign_and_resolve(&app, &id).await;
    let (s, _) = act(
        &father,
        &id,
        json!({"kind": "status", "status": "cancelled"}),
    )
    .await;
    assert_eq!(s, 409);
    // Reopened within 7 days: back to the worker with a fresh clock.
    let (s, reopened) = act(
        &father,
        &id,
        json!({"kind": "reopen", "note": "又开始滴水了"}),
    )
    .await;
    assert_eq!(s, 201, "{reopened}");
    assert_eq!(reopened["status"], "assigned");
    assert_eq!(reopened["resolved_at"], Value::Null);
    // Resolved again, then nobody confirms for 8 days: the sweep closes it.
    let staff = app.login(STAFF).await;
    let (s, _) = act(
        &staff,
        &id,
        json!({"kind": "status", "status": "resolved", "note": "再修"}),
    )
    .await;
    assert_eq!(s, 201);
    let now = server::db::now_millis();
    assert_eq!(
        server::repairs::sweep::close_unconfirmed(&app.db, now)
            .await
            .expect("sweep"),
        0
    );
    let later = now + 8 * server::db::DAY;
    assert_eq!(
        server::repairs::sweep::close_unconfirmed(&app.db, later)
            .await
            .expect("sweep"),
        1
    );
    let (_, closed) = father.get(&format!("/api/v1/repairs/{id}")).await;
    assert_eq!(closed["status"], "closed");
    let last = closed["events"]
        .as_array()
        .and_then(|e| e.last())
        .expect("event")
        .clone();
    assert_eq!(last["actor_name"], Value::Null, "the system closed it");
    // Reopening more than 7 days after resolution is refused.
    sqlx::query("UPDATE repair_tickets SET resolved_at = resolved_at - $1 WHERE id = $2")
        .bind(8 * server::db::DAY)
        .bind(id.as_i64())
        .execute(app.db.writer())
        .await
        .expect("age the ticket");
    let (s, b) = act(&father, &id, json!({"kind": "reopen", "note": "又漏了"})).await;
    assert_eq!(s, 409);
    assert_error(&b, "reopen_too_late");
    // A manager closes with a resolution note, or rejects with a reason.
    let manager = app.login(MANAGER).await;
    let third = report(&father, false).await;
    let (s, b) = act(
        &manager,
        &third["id"],
        json!({"kind": "status", "status": "closed", "note": "电话里指导关了总阀，已好"}),
    )
    .await;
    assert_eq!((s, b["status"].clone()), (201, json!("closed")));
    let fourth = report(&father, false).await;
    let (s, b) = act(
        &manager,
        &fourth["id"],
        json!({"kind": "status", "status": "rejected", "note": "属于自来水公司管"}),
    )
    .await;
    assert_eq!((s, b["status"].clone()), (201, json!("rejected")));
}

async fn the_queue_filters_counts_and_exports(app: TestApp) {
    app.clear_repairs().await;
    let father = app.login(RESIDENT).await;
    let manager = app.login(MANAGER).await;
    let urgent = report(&father, true).await;
    let normal = report(&father, false).await;
    // The urgent one is 25 hours old: overdue.
    sqlx::query("UPDATE repair_tickets SET created_at = created_at - $1, due_at = due_at - $1 WHERE id = $2")
        .bind(25 * server::db::HOUR)
        .bind(urgent["id"].as_i64())
        .execute(app.db.writer())
        .await
        .expect("age");
    let (_, overdue) = manager
        .get("/api/v1/repairs?scope=queue&overdue=true")
        .await;
    assert_eq!(overdue["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(overdue["items"][0]["overdue"], true);
    let (_, figures) = manager.get("/api/v1/repairs/summary").await;
    assert_eq!(
        (
            figures["office"]["new"].clone(),
            figures["office"]["open"].clone(),
            figures["office"]["overdue"].clone()
        ),
        (json!(2), json!(2), json!(1))
    );
    let building: i64 = sqlx::query_scalar("SELECT building_id FROM households WHERE id = $1")
        .bind(app.zhang_household().await)
        .fetch_one(app.db.reader())
        .await
        .expect("building");
    let (_, by_building) = manager
        .get(&format!(
            "/api/v1/repairs?scope=queue&building_id={building}&category=water&status=submitted"
        ))
        .await;
    assert_eq!(by_building["items"].as_array().map(Vec::len), Some(2));
    let (_, other) = manager
        .get("/api/v1/repairs?scope=queue&category=gas")
        .await;
    assert_eq!(other["items"], json!([]));
    let (_, paged) = manager.get("/api/v1/repairs?scope=queue&limit=1").await;
    assert_eq!(paged["next_offset"], 1);
    assert_eq!(paged["items"][0]["id"], urgent["id"]);
    // CSV for this year holds both ticket numbers; bad dates are refused.
    let (status, csv) = manager
        .get_text("/api/v1/repairs/export.csv?from=2020-01-01&to=2020-12-31")
        .await_text()
        .await;
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 1, "only the header in 2020");
    let today = server::points::day_of(server::db::now_millis());
    let (status, csv) = manager
        .get_text(&format!(
            "/api/v1/repairs/export.csv?from=2026-01-01&to={today}"
        ))
        .await_text()
        .await;
    assert_eq!(status, 200);
    for t in [&urgent, &normal] {
        assert!(csv.contains(t["number"].as_str().expect("number")), "{csv}");
    }
    let (status, _) = manager
        .get("/api/v1/repairs/export.csv?from=2026-13-01&to=2026-12-31")
        .await;
    assert_eq!(status, 400);
    let (status, _) = manager
        .get("/api/v1/repairs/export.csv?from=2026-12-31&to=2026-01-01")
        .await;
    assert_eq!(status, 400);
}

/// Father, daughter and the office comment on one ticket at the same moment
/// (two server processes on PostgreSQL race like this): every comment is
/// kept, none is refused as "changed meanwhile".
async fn comments_written_at_once_all_land(app: TestApp) {
    let father = app.login(RESIDENT).await;
    let ticket = report(&father, false).await;
    let path = format!("/api/v1/repairs/{}/events", ticket["id"]);
    let people = [father, daughter(&app).await, app.login(MANAGER).await];
    let before = app.count(EVENTS).await;
    let mut set = tokio::task::JoinSet::new();
    for user in people.map(std::sync::Arc::new) {
        for i in 0..8 {
            let (user, path) = (std::sync::Arc::clone(&user), path.clone());
            set.spawn(async move {
                user.post(
                    &path,
                    json!({"kind": "comment", "note": format!("第{i}句")}),
                )
                .await
                .0
            });
        }
    }
    let statuses: Vec<u16> = set.join_all().await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    assert_eq!(app.count(EVENTS).await, before + 24);
}
