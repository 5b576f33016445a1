//! The inbox and the badges' counts: each event tells the right people (a
//! helper's copy names the household), nobody else, and nobody of their own
//! doing; the counts follow; bad input changes nothing.

use serde_json::{Value, json};

use crate::helpers::{
    HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, assert_error,
};
use crate::notices::{post_outage, resident_of_building_5};
use crate::points::{item, rule, today, user_id};

on_both_backends!(
    the_fathers_repair_news_reaches_him_and_his_daughter_and_nobody_else,
    an_urgent_notice_reaches_every_member_of_its_buildings_in_one_go,
    points_and_swaps_tell_the_resident_and_the_helpers,
    bills_tell_the_household_when_issued_and_once_when_overdue,
    marking_read_and_bad_requests,
    news_is_written_in_the_transaction_of_its_event,
);

/// Lets the start-up sweep finish (and does its work if it has not run),
/// so counts taken after this move only with the test's own events.
async fn settle(app: &TestApp) {
    server::inbox::sweep::run_once(&app.db, server::db::now_millis())
        .await
        .expect("sweep");
}

async fn daughter(app: &TestApp) -> User {
    let mut d = app.login(HELPER).await;
    d.acting_for = Some(app.zhang_household().await);
    d
}

/// My items of one kind, newest first.
async fn of_kind(user: &User, kind: &str) -> Vec<Value> {
    let (status, inbox) = user.get("/api/v1/inbox?limit=100").await;
    assert_eq!(status, 200, "{inbox}");
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == kind)
        .cloned()
        .collect()
}

async fn counts(user: &User) -> Value {
    let (status, counts) = user.get("/api/v1/counts").await;
    assert_eq!(status, 200, "{counts}");
    counts
}

async fn the_fathers_repair_news_reaches_him_and_his_daughter_and_nobody_else(app: TestApp) {
    settle(&app).await;
    let household = app.zhang_household().await;
    let (father, daughter) = (app.login(RESIDENT).await, daughter(&app).await);
    let (manager, staff) = (app.login(MANAGER).await, app.login(STAFF).await);
    let other_manager = app.login(OTHER_MANAGER).await;
    let neighbour = app.neighbour().await;
    let revoked = app.revoked_helper().await;
    let revoked_plain = {
        let mut r = app.login_with("13700000001", "former-helper-1").await;
        r.acting_for = None;
        r
    };
    let before = counts(&father).await["inbox"].as_i64().expect("inbox");

    let (status, ticket) = daughter
        .post(
            "/api/v1/repairs",
            json!({"category": "water", "description": "厨房水龙头漏水", "urgent": false}),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    let id = ticket["id"].as_i64().expect("id");
    let worker = user_id(&app, STAFF).await;
    let events = format!("/api/v1/repairs/{id}/events");
    let (s, b) = manager
        .post(&events, json!({"kind": "assign", "assignee_id": worker}))
        .await;
    assert_eq!(s, 201, "{b}");

    // The worker hears the ticket is theirs; the household that it was assigned.
    let given = of_kind(&staff, "ticket_given").await;
    assert_eq!(given.len(), 1);
    assert_eq!(given[0]["subject_id"], id);
    assert_eq!(given[0]["link"], format!("/repairs/{id}"));
    assert_eq!(given[0]["words"], "厨房水龙头漏水");
    let to_father = of_kind(&father, "ticket_assigned").await;
    assert_eq!(to_father.len(), 1);
    assert_eq!(to_father[0]["for_household_id"], Value::Null);
    assert_eq!(to_father[0]["read"], false);
    let to_daughter = of_kind(&daughter, "ticket_assigned").await;
    assert_eq!(to_daughter.len(), 1);
    assert_eq!(
        to_daughter[0]["for_household_id"], household,
        "marked whose news it is"
    );

    // Started, then fixed: both hear; the worker, who did it, does not.
    for status in ["in_progress", "resolved"] {
        let (s, b) = staff
            .post(&events, json!({"kind": "status", "status": status}))
            .await;
        assert_eq!(s, 201, "{b}");
    }
    for person in [&father, &daughter] {
        assert_eq!(of_kind(person, "ticket_started").await.len(), 1);
        assert_eq!(of_kind(person, "ticket_resolved").await.len(), 1);
    }
    assert_eq!(of_kind(&staff, "ticket_resolved").await.len(), 0);

    // The daughter comments: her father and the worker hear, she does not.
    let (s, b) = daughter
        .post(&events, json!({"kind": "comment", "note": "谢谢师傅"}))
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(of_kind(&father, "ticket_comment").await.len(), 1);
    assert_eq!(of_kind(&staff, "ticket_comment").await.len(), 1);
    assert_eq!(of_kind(&daughter, "ticket_comment").await.len(), 0);

    assert_eq!(counts(&father).await["inbox"], before + 4);
    // Nobody else heard anything of it.
    for stranger in [&manager, &other_manager, &neighbour, &revoked_plain] {
        let (status, inbox) = stranger.get("/api/v1/inbox").await;
        assert_eq!(status, 200, "{inbox}");
        assert!(
            inbox["items"]
                .as_array()
                .expect("items")
                .iter()
                .all(|i| i["subject_id"] != id
                    || !i["kind"].as_str().unwrap_or("").starts_with("ticket")),
            "{inbox}"
        );
    }
    // The revoked helper, naming the household, is refused.
    assert_eq!(revoked.get("/api/v1/inbox").await.0, 403);
}

async fn an_urgent_notice_reaches_every_member_of_its_buildings_in_one_go(app: TestApp) {
    settle(&app).await;
    let elsewhere = resident_of_building_5(&app).await;
    let (father, daughter) = (app.login(RESIDENT).await, daughter(&app).await);
    let members: i64 = app
        .count(
            "SELECT CAST(COUNT(DISTINCT m.user_id || '-' || m.household_id) AS BIGINT)
             FROM memberships m JOIN households h ON h.id = m.household_id
             JOIN buildings b ON b.id = h.building_id
             WHERE m.revoked_at IS NULL AND m.role IN ('resident', 'helper')
               AND b.name IN ('3号楼', '4号楼')
               AND h.community_id = (SELECT id FROM communities WHERE name = '轻机南院')",
        )
        .await;
    let id = post_outage(&app).await;
    let told = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items WHERE kind = 'urgent_notice'")
        .await;
    assert!(members >= 2, "the demo has people in 3号楼");
    assert_eq!(
        told, members,
        "one item per member of each household it is for"
    );
    for person in [&father, &daughter] {
        let items = of_kind(person, "urgent_notice").await;
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["words"], "停水通知");
        assert_eq!(items[0]["link"], format!("/notices/{id}"));
    }
    assert!(of_kind(&elsewhere, "urgent_notice").await.is_empty());
    assert_eq!(counts(&elsewhere).await["inbox"], 0);

    // An ordinary notice is news only on the 通知 tab.
    let community = app.community("轻机南院").await;
    let (status, _) = app
        .login(MANAGER)
        .await
        .post("/api/v1/notices", json!({"community_id": community, "title": "周五扫楼道", "body": "", "category": "activity"}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items WHERE kind = 'urgent_notice'")
            .await,
        told
    );
    assert_eq!(counts(&elsewhere).await["notices"], 1);
}

async fn points_and_swaps_tell_the_resident_and_the_helpers(app: TestApp) {
    settle(&app).await;
    let (father, daughter) = (app.login(RESIDENT).await, daughter(&app).await);
    let manager = app.login(MANAGER).await;
    let neighbour = app.neighbour().await;
    let patrol = rule(&manager, "治安巡逻").await;
    let zhang = user_id(&app, RESIDENT).await;
    let (status, _) = manager
        .post("/api/v1/points/awards", json!({"rule_id": patrol["id"], "date": today(), "quantity": 1, "user_ids": [zhang], "note": "西门夜巡"}))
        .await;
    assert_eq!(status, 201);
    for person in [&father, &daughter] {
        let items = of_kind(person, "points_awarded").await;
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(
            (items[0]["amount"].as_i64(), items[0]["words"].as_str()),
            (Some(5), Some("治安巡逻"))
        );
    }
    assert!(of_kind(&neighbour, "points_awarded").await.is_empty());
    assert!(of_kind(&manager, "points_awarded").await.is_empty());

    // Taken back: both hear.
    let entry = of_kind(&father, "points_awarded").await[0]["subject_id"].clone();
    let (status, b) = manager
        .post(
            &format!("/api/v1/points/entries/{entry}/reverse"),
            json!({"reason": "记错了人"}),
        )
        .await;
    assert_eq!(status, 201, "{b}");
    assert_eq!(of_kind(&daughter, "points_reversed").await.len(), 1);

    // The daughter swaps for her father: he hears it is ready, she (who did it) does not.
    let cloth = item(&father, "洗碗巾").await;
    let (status, swap) = daughter
        .post("/api/v1/shop/redemptions", json!({"item_id": cloth["id"]}))
        .await;
    assert_eq!(status, 201, "{swap}");
    let ready = of_kind(&father, "swap_ready").await;
    assert_eq!(ready.len(), 1);
    assert_eq!(ready[0]["words"], "洗碗巾");
    assert!(of_kind(&daughter, "swap_ready").await.is_empty());
    let (status, _) = manager
        .post(
            &format!("/api/v1/shop/redemptions/{}/fulfil", swap["id"]),
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    for person in [&father, &daughter] {
        assert_eq!(of_kind(person, "swap_handed_over").await.len(), 1);
    }

    // He swaps again; the office calls it off: both hear, points and all.
    let (status, swap) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": cloth["id"]}))
        .await;
    assert_eq!(status, 201, "{swap}");
    let (status, _) = manager
        .post(
            &format!("/api/v1/shop/redemptions/{}/cancel", swap["id"]),
            json!({"reason": "货没到"}),
        )
        .await;
    assert_eq!(status, 200);
    for person in [&father, &daughter] {
        let cancelled = of_kind(person, "swap_cancelled").await;
        assert_eq!(cancelled.len(), 1, "{cancelled:?}");
        assert_eq!(cancelled[0]["amount"], 5);
    }
    assert!(of_kind(&neighbour, "swap_cancelled").await.is_empty());
}

async fn bills_tell_the_household_when_issued_and_once_when_overdue(app: TestApp) {
    settle(&app).await;
    let (father, daughter) = (app.login(RESIDENT).await, daughter(&app).await);
    let community = app.community("轻机南院").await;
    let manager = app.login(MANAGER).await;
    let (status, schedule) = manager
        .post("/api/v1/fees/schedules", json!({"community_id": community, "name": "垃圾清运费", "basis": "fixed", "rate_fen": 500, "period": "month", "due_days": 10}))
        .await;
    assert_eq!(status, 201, "{schedule}");
    let before = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items WHERE kind = 'bill_issued'")
        .await;
    let (status, made) = manager
        .post(
            "/api/v1/fees/bills/generate",
            json!({"schedule_id": schedule["id"], "period": "2026-12"}),
        )
        .await;
    assert_eq!(status, 200, "{made}");
    let told = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items WHERE kind = 'bill_issued'")
        .await;
    let members = app
        .count(
            "SELECT CAST(COUNT(DISTINCT m.user_id || '-' || m.household_id) AS BIGINT)
             FROM memberships m JOIN households h ON h.id = m.household_id
             WHERE m.revoked_at IS NULL AND m.role IN ('resident', 'helper')
               AND h.community_id = (SELECT id FROM communities WHERE name = '轻机南院')",
        )
        .await;
    assert_eq!(
        told - before,
        members,
        "every member of every billed household"
    );
    for person in [&father, &daughter] {
        let issued: Vec<Value> = of_kind(person, "bill_issued")
            .await
            .into_iter()
            .filter(|i| i["words"] == "2026-12")
            .collect();
        assert_eq!(issued.len(), 1, "{issued:?}");
        assert_eq!(
            (issued[0]["words"].as_str(), issued[0]["amount"].as_i64()),
            (Some("2026-12"), Some(500))
        );
        assert_eq!(issued[0]["link"], "/fees");
    }
    let bill = of_kind(&father, "bill_issued").await[0]["subject_id"]
        .as_i64()
        .expect("bill");

    // Generating again makes no bill and no news.
    manager
        .post(
            "/api/v1/fees/bills/generate",
            json!({"schedule_id": schedule["id"], "period": "2026-12"}),
        )
        .await;
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items WHERE kind = 'bill_issued'")
            .await,
        told
    );

    // Past its due date it is overdue: told once, however often the sweep runs.
    let due: i64 = sqlx::query_scalar("SELECT due_at FROM fee_bills WHERE id = $1")
        .bind(bill)
        .fetch_one(app.db.reader())
        .await
        .expect("due");
    for _ in 0..2 {
        server::inbox::sweep::run_once(&app.db, due + 1)
            .await
            .expect("sweep");
    }
    let overdue = of_kind(&father, "bill_overdue").await;
    assert_eq!(
        overdue.iter().filter(|i| i["subject_id"] == bill).count(),
        1
    );
    assert_eq!(
        of_kind(&daughter, "bill_overdue")
            .await
            .iter()
            .filter(|i| i["subject_id"] == bill)
            .count(),
        1
    );

    // A paid bill is not overdue news; 90 days on, old news is gone.
    let swept = server::inbox::sweep::run_once(&app.db, due + 91 * server::db::DAY)
        .await
        .expect("sweep");
    assert!(swept.pruned > 0);
    assert!(of_kind(&father, "bill_issued").await.is_empty());
}

async fn marking_read_and_bad_requests(app: TestApp) {
    settle(&app).await;
    post_outage(&app).await;
    let (father, daughter) = (app.login(RESIDENT).await, daughter(&app).await);
    let start = counts(&father).await;
    assert!(start["inbox"].as_i64() >= Some(1));
    let mine = of_kind(&father, "urgent_notice").await[0]["id"].clone();
    let hers = of_kind(&daughter, "urgent_notice").await[0]["id"].clone();

    // Refused, and nothing changes.
    let unread = || async {
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items WHERE read_at IS NULL")
            .await
    };
    let before = unread().await;
    let too_many: Vec<i64> = (1..=201).collect();
    for (body, code) in [
        (json!({}), "invalid_fields"),
        (json!({"ids": [mine], "all": true}), "invalid_fields"),
        (json!({"ids": too_many}), "invalid_fields"),
    ] {
        let (status, answer) = father.post("/api/v1/inbox/read", body).await;
        assert_eq!(status, 400, "{answer}");
        assert_error(&answer, code);
    }
    let (status, answer) = father
        .post("/api/v1/inbox/read", json!({"ids": "all"}))
        .await;
    assert_eq!(status, 422, "{answer}");
    for query in ["limit=0", "limit=101", "cursor=zzz", "offset=3", "nope=1"] {
        let (status, answer) = father.get(&format!("/api/v1/inbox?{query}")).await;
        assert_eq!(status, 400, "{query}: {answer}");
    }
    assert_eq!(unread().await, before);

    // Someone else's item is not mine to mark.
    let (status, _) = father
        .post("/api/v1/inbox/read", json!({"ids": [hers]}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(unread().await, before);

    // One read; then all.
    let (status, after) = father
        .post("/api/v1/inbox/read", json!({"ids": [mine]}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(after["inbox"], start["inbox"].as_i64().expect("n") - 1);
    assert_eq!(of_kind(&father, "urgent_notice").await[0]["read"], true);
    let (_, after) = father
        .post("/api/v1/inbox/read", json!({"all": true}))
        .await;
    assert_eq!(after["inbox"], 0);
    assert_eq!(counts(&father).await["inbox"], 0);
    assert!(
        counts(&daughter).await["inbox"].as_i64() >= Some(1),
        "hers are hers"
    );

    // Paging by cursor walks every item once.
    let (_, first) = daughter.get("/api/v1/inbox?limit=1").await;
    let cursor = first["next_cursor"].as_str().map(str::to_owned);
    if let Some(cursor) = cursor {
        let (status, second) = daughter
            .get(&format!("/api/v1/inbox?limit=1&cursor={cursor}"))
            .await;
        assert_eq!(status, 200);
        assert!(second["items"][0]["id"].as_i64() < first["items"][0]["id"].as_i64());
    }
}

async fn news_is_written_in_the_transaction_of_its_event(app: TestApp) {
    use server::inbox::{News, To, deliver};
    let household = app.zhang_household().await;
    let items = "SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items WHERE kind = 'ticket_comment'";
    let before = app.count(items).await;
    let news = News {
        kind: app::model::InboxKind::TicketComment,
        subject: 1,
        words: "这条不会留下",
        amount: None,
        at: server::db::now_millis(),
    };
    {
        let mut tx = app.db.writer().begin().await.expect("tx");
        let n = deliver(
            &mut tx,
            &news,
            To::Household {
                household,
                except: 0,
            },
        )
        .await
        .expect("deliver");
        assert!(n >= 2, "the father and his daughter");
        // Dropped without commit: the event failed.
    }
    assert_eq!(app.count(items).await, before);
    let mut tx = app.db.writer().begin().await.expect("tx");
    deliver(
        &mut tx,
        &news,
        To::Household {
            household,
            except: 0,
        },
    )
    .await
    .expect("deliver");
    tx.commit().await.expect("commit");
    assert!(app.count(items).await >= before + 2);
}
