//! Points and the shop: awards, the ledger, redemptions handed over or
//! cancelled exactly once, the red board; who may do what; bad input.

use serde_json::{Value, json};

use crate::helpers::{
    HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, assert_error,
};

on_both_backends!(
    a_patrol_for_three_then_a_dishcloth_handed_over_with_its_code,
    the_daughter_spends_her_fathers_points_and_cancels,
    bad_awards_items_and_redemptions_change_nothing,
    strangers_may_not_see_or_spend_anyones_points,
    corrections_are_entries_and_a_reversal_happens_once,
);

const ENTRIES: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM point_entries";
const REDEMPTIONS: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_redemptions";

pub async fn user_id(app: &TestApp, phone: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone.to_owned())
        .fetch_one(app.db.reader())
        .await
        .expect("user")
}

pub async fn rule(manager: &User, name: &str) -> Value {
    let (_, rules) = manager.get("/api/v1/points/rules").await;
    rules
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("rule {name}: {rules}"))
}

pub async fn item(user: &User, name: &str) -> Value {
    let (_, items) = user.get("/api/v1/shop/items?all=true").await;
    items
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("item {name}: {items}"))
}

pub fn today() -> String {
    server::points::day_of(server::db::now_millis())
}

async fn balance(user: &User) -> i64 {
    let (status, ledger) = user.get("/api/v1/points/ledger").await;
    assert_eq!(status, 200, "{ledger}");
    ledger["balance"].as_i64().expect("balance")
}

async fn a_patrol_for_three_then_a_dishcloth_handed_over_with_its_code(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let before = balance(&father).await;
    assert_eq!(
        before, 14,
        "the demo: a patrol, a clean-up, two hours of duty"
    );
    let patrol = rule(&manager, "治安巡逻").await;
    assert_eq!(patrol["points"], 5);
    let people = [
        user_id(&app, RESIDENT).await,
        user_id(&app, "13900000101").await,
        user_id(&app, "13900000103").await,
    ];
    let (status, result) = manager
        .post("/api/v1/points/awards", json!({"rule_id": patrol["id"], "date": today(), "quantity": 1, "user_ids": people, "note": "西门夜巡"}))
        .await;
    assert_eq!(status, 201, "{result}");
    assert_eq!(
        result,
        json!({"residents": 3, "points_each": 5, "total": 15})
    );
    let (_, ledger) = father.get("/api/v1/points/ledger").await;
    assert_eq!(ledger["balance"], before + 5);
    assert_eq!(ledger["entries"][0]["what"], "治安巡逻（西门夜巡）");
    assert_eq!(ledger["entries"][0]["amount"], 5);
    assert_eq!(ledger["entries"][0]["recorded_by"], "李合昌");

    // 张建国 swaps 5 points for a dishcloth.
    let cloth = item(&father, "洗碗巾").await;
    let (status, redemption) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": cloth["id"]}))
        .await;
    assert_eq!(status, 201, "{redemption}");
    assert_eq!(redemption["status"], "reserved");
    assert_eq!(redemption["points"], 5);
    assert_eq!(redemption["address"], "3号楼 201");
    let code = redemption["pickup_code"].as_str().expect("code").to_owned();
    assert_eq!(code.len(), 6);
    assert_eq!(balance(&father).await, before);
    assert_eq!(
        item(&father, "洗碗巾").await["stock"],
        cloth["stock"].as_i64().expect("stock") - 1
    );
    assert_eq!(
        manager.get("/api/v1/points/summary").await.1["to_hand_over"],
        1
    );

    // The office types the code, finds it, hands it over; only once.
    let (_, found) = manager
        .get(&format!("/api/v1/shop/redemptions?code={code}"))
        .await;
    assert_eq!(found[0]["id"], redemption["id"]);
    let id = &redemption["id"];
    let (status, done) = manager
        .post(&format!("/api/v1/shop/redemptions/{id}/fulfil"), json!({}))
        .await;
    assert_eq!((status, done["status"].clone()), (200, json!("fulfilled")));
    let (status, again) = manager
        .post(&format!("/api/v1/shop/redemptions/{id}/fulfil"), json!({}))
        .await;
    assert_eq!(status, 409);
    assert_error(&again, "already_fulfilled");
    let (status, _) = father
        .post(&format!("/api/v1/shop/redemptions/{id}/cancel"), json!({}))
        .await;
    assert_eq!(status, 409, "a handed-over dishcloth cannot be cancelled");
    assert_eq!(balance(&father).await, before);

    // The red board: earned, not spent; names as the community chooses.
    let (_, board) = father.get("/api/v1/points/leaderboard").await;
    let line = board["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["name"] == "张某"))
        .cloned()
        .unwrap_or_else(|| panic!("{board}"));
    assert!(line["points"].as_i64().expect("points") >= 5);
    assert_eq!(line["building"], "3号楼");
    let community = app.community("轻机南院").await;
    let (status, _) = manager
        .patch(
            "/api/v1/points/settings",
            json!({"community_id": community, "board_full_names": true}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, board) = father.get("/api/v1/points/leaderboard").await;
    assert!(
        board["lines"]
            .as_array()
            .is_some_and(|l| l.iter().any(|l| l["name"] == "张建国")),
        "{board}"
    );
    assert_eq!(
        father
            .get("/api/v1/points/leaderboard?month=2020-01")
            .await
            .1["lines"],
        json!([])
    );
    assert_eq!(
        father
            .get("/api/v1/points/leaderboard?month=2026-13")
            .await
            .0,
        400
    );
}

async fn the_daughter_spends_her_fathers_points_and_cancels(app: TestApp) {
    let mut daughter = app.login(HELPER).await;
    daughter.acting_for = Some(app.zhang_household().await);
    let (status, ledger) = daughter.get("/api/v1/points/ledger").await;
    assert_eq!(status, 200, "{ledger}");
    assert_eq!(ledger["name"], "张建国");
    let soap = item(&daughter, "香皂").await;
    let (status, r) = daughter
        .post("/api/v1/shop/redemptions", json!({"item_id": soap["id"]}))
        .await;
    assert_eq!(status, 201, "{r}");
    let father = app.login(RESIDENT).await;
    let (_, ledger) = father.get("/api/v1/points/ledger").await;
    assert_eq!(ledger["balance"], 4);
    assert_eq!(ledger["entries"][0]["what"], "香皂 ×1");
    assert_eq!(ledger["entries"][0]["by_helper"], "张丽");
    let (_, mine) = father.get("/api/v1/shop/redemptions").await;
    assert_eq!(mine[0]["pickup_code"], r["pickup_code"]);
    // She changes her mind: points and soap come back, exactly once.
    let id = &r["id"];
    let (status, cancelled) = daughter
        .post(
            &format!("/api/v1/shop/redemptions/{id}/cancel"),
            json!({"reason": "买重了"}),
        )
        .await;
    assert_eq!(
        (status, cancelled["status"].clone()),
        (200, json!("cancelled"))
    );
    let (status, _) = daughter
        .post(&format!("/api/v1/shop/redemptions/{id}/cancel"), json!({}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(balance(&father).await, 14);
    assert_eq!(item(&father, "香皂").await["stock"], soap["stock"]);
    // Once revoked, she can no longer see or spend them.
    let revoked = app.revoked_helper().await;
    let (status, _) = revoked.get("/api/v1/points/ledger").await;
    assert!(matches!(status, 403 | 404), "{status}");
    let (status, _) = revoked
        .post("/api/v1/shop/redemptions", json!({"item_id": soap["id"]}))
        .await;
    assert!(matches!(status, 403 | 404), "{status}");
}

async fn bad_awards_items_and_redemptions_change_nothing(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let community = app.community("轻机南院").await;
    let patrol = rule(&manager, "治安巡逻").await;
    let duty = rule(&manager, "疫情防控值守").await;
    let zhang = user_id(&app, RESIDENT).await;
    let (entries, redemptions) = (app.count(ENTRIES).await, app.count(REDEMPTIONS).await);
    // A resident of the other compound.
    let other_community = app.community("纱厂东院").await;
    let outsider = user_id(&app, OTHER_MANAGER).await;
    let award = |rule: &Value, quantity: Value, users: Value, date: String| json!({"rule_id": rule["id"], "date": date, "quantity": quantity, "user_ids": users});
    let cases = vec![
        (
            award(&patrol, json!(0), json!([zhang]), today()),
            400,
            "invalid_quantity",
        ),
        (
            award(&patrol, json!(-1), json!([zhang]), today()),
            400,
            "invalid_quantity",
        ),
        (
            award(&patrol, json!(1.5), json!([zhang]), today()),
            400,
            "invalid_quantity",
        ),
        (
            award(&duty, json!(0.25), json!([zhang]), today()),
            400,
            "invalid_quantity",
        ),
        (
            award(&patrol, json!(1), json!([]), today()),
            400,
            "invalid_residents",
        ),
        (
            award(&patrol, json!(1), json!([zhang, zhang]), today()),
            400,
            "invalid_residents",
        ),
        (
            award(&patrol, json!(1), json!([zhang, outsider]), today()),
            400,
            "unknown_resident",
        ),
        (
            award(&patrol, json!(1), json!([zhang]), "2099-01-01".into()),
            400,
            "invalid_date",
        ),
        (
            award(&patrol, json!(1), json!([zhang]), "2026-02-30".into()),
            400,
            "invalid_date",
        ),
        (
            json!({"rule_id": 999_999, "date": today(), "quantity": 1, "user_ids": [zhang]}),
            404,
            "not_found",
        ),
        (
            json!({"rule_id": patrol["id"], "date": today(), "quantity": "one", "user_ids": [zhang]}),
            422,
            "invalid_fields",
        ),
    ];
    for (body, status, code) in cases {
        let (got, answer) = manager.post("/api/v1/points/awards", body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    let items = vec![
        (
            json!({"community_id": community, "name": "肥皂", "price": 0, "stock": 1}),
            400,
            "invalid_price",
        ),
        (
            json!({"community_id": community, "name": "肥皂", "price": 5, "stock": -1}),
            400,
            "invalid_stock",
        ),
        (
            json!({"community_id": community, "name": "", "price": 5, "stock": 1}),
            400,
            "invalid_name",
        ),
        (
            json!({"community_id": community, "name": "洗碗巾", "price": 5, "stock": 1}),
            409,
            "name_taken",
        ),
        (
            json!({"community_id": community, "name": "肥皂", "price": 5, "stock": 1, "photo_id": "0123456789abcdef0123456789abcdef"}),
            400,
            "invalid_photo",
        ),
        (
            json!({"community_id": other_community, "name": "肥皂", "price": 5, "stock": 1}),
            403,
            "forbidden",
        ),
    ];
    for (body, status, code) in items {
        let (got, answer) = manager.post("/api/v1/shop/items", body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    // Redemptions: more than the balance, sold out, off the shelf, the limit.
    let rice = item(&father, "大米").await;
    let (status, body) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": rice["id"]}))
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "insufficient_points");
    let towel = item(&father, "毛巾").await;
    let (status, _) = manager
        .patch(
            &format!("/api/v1/shop/items/{}", towel["id"]),
            json!({"stock": 0}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": towel["id"]}))
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "sold_out");
    let (status, _) = manager
        .patch(
            &format!("/api/v1/shop/items/{}", towel["id"]),
            json!({"stock": 5, "active": false}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": towel["id"]}))
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "item_inactive");
    for q in [0, 21, -3] {
        let (status, _) = father
            .post(
                "/api/v1/shop/redemptions",
                json!({"item_id": towel["id"], "quantity": q}),
            )
            .await;
        assert_eq!(status, 400, "quantity {q}");
    }
    let (status, _) = manager
        .patch(
            &format!("/api/v1/shop/items/{}", towel["id"]),
            json!({"stock": -4}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(app.count(ENTRIES).await, entries);
    assert_eq!(app.count(REDEMPTIONS).await, redemptions);
    assert_eq!(balance(&father).await, 14);
    // The monthly limit: one bag of rice a month.
    let (status, _) = manager
        .post("/api/v1/points/adjustments", json!({"community_id": community, "user_id": zhang, "amount": 200, "reason": "测试：多发以换大米"}))
        .await;
    assert_eq!(status, 201);
    let (status, _) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": rice["id"]}))
        .await;
    assert_eq!(status, 201);
    let (status, body) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": rice["id"]}))
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "monthly_limit");
    assert_eq!(balance(&father).await, 14 + 200 - 60);
}

async fn strangers_may_not_see_or_spend_anyones_points(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let zhang = user_id(&app, RESIDENT).await;
    let community = app.community("轻机南院").await;
    let cloth = item(&father, "洗碗巾").await;
    let (_, r) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": cloth["id"]}))
        .await;
    let id = r["id"].clone();
    let neighbour = app.neighbour().await;
    let staff = app.login(STAFF).await;
    let other = app.login(OTHER_MANAGER).await;
    let anonymous = app.anonymous();
    assert_eq!(anonymous.get("/api/v1/points/ledger").await.0, 401);
    assert_eq!(anonymous.get("/api/v1/shop/items").await.0, 401);
    assert_eq!(anonymous.get("/api/v1/points/leaderboard").await.0, 401);
    // Another household: not his ledger, not his redemption.
    assert_eq!(
        neighbour
            .get(&format!("/api/v1/points/ledger?user_id={zhang}"))
            .await
            .0,
        404
    );
    assert_eq!(
        neighbour
            .post(&format!("/api/v1/shop/redemptions/{id}/cancel"), json!({}))
            .await
            .0,
        404
    );
    assert_eq!(
        neighbour
            .post(
                "/api/v1/shop/redemptions",
                json!({"item_id": cloth["id"], "user_id": zhang})
            )
            .await
            .0,
        404
    );
    assert_eq!(
        neighbour
            .post(&format!("/api/v1/shop/redemptions/{id}/fulfil"), json!({}))
            .await
            .0,
        404
    );
    // Another community's manager sees nothing of ours.
    assert_eq!(
        other
            .get(&format!("/api/v1/points/ledger?user_id={zhang}"))
            .await
            .0,
        404
    );
    assert_eq!(
        other
            .post(&format!("/api/v1/shop/redemptions/{id}/fulfil"), json!({}))
            .await
            .0,
        404
    );
    assert_eq!(
        other
            .get(&format!("/api/v1/shop/items?community_id={community}"))
            .await
            .0,
        403
    );
    let patrol = rule(&manager, "治安巡逻").await;
    let (status, _) = other
        .post(
            "/api/v1/points/awards",
            json!({"rule_id": patrol["id"], "date": today(), "quantity": 1, "user_ids": [zhang]}),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = other
        .patch(
            &format!("/api/v1/shop/items/{}", cloth["id"]),
            json!({"price": 1}),
        )
        .await;
    assert_eq!(status, 404);
    // Residents and staff do not run the shop.
    for user in [&father, &staff] {
        let (status, _) = user
            .post(
                "/api/v1/shop/items",
                json!({"community_id": community, "name": "新东西", "price": 5, "stock": 1}),
            )
            .await;
        assert_eq!(status, 403);
        let (status, _) = user
            .post("/api/v1/points/awards", json!({"rule_id": patrol["id"], "date": today(), "quantity": 1, "user_ids": [zhang]}))
            .await;
        assert_eq!(status, 404);
        // The owner is told the office hands it over; staff learn nothing.
        let owner = std::ptr::eq(user, &father);
        assert_eq!(
            user.post(&format!("/api/v1/shop/redemptions/{id}/fulfil"), json!({}))
                .await
                .0,
            if owner { 403 } else { 404 }
        );
        assert_eq!(user.get("/api/v1/points/residents").await.0, 403);
    }
    let (status, body) = staff.get("/api/v1/points/ledger").await;
    assert_eq!(status, 403);
    assert_error(&body, "no_points_account");
    assert_eq!(
        staff.get("/api/v1/shop/items").await.0,
        200,
        "staff may look at the shelf"
    );
    // The manager sees any resident's ledger and the residents list.
    assert_eq!(
        manager
            .get(&format!("/api/v1/points/ledger?user_id={zhang}"))
            .await
            .0,
        200
    );
    let (_, people) = manager.get("/api/v1/points/residents").await;
    assert!(people.as_array().is_some_and(|p| {
        p.iter()
            .any(|p| p["name"] == "张建国" && p["flat_label"] == "201")
    }));
    // Rules and the board's name setting are the office's.
    let settings = json!({"community_id": community, "board_full_names": true});
    let new_rule = json!({"community_id": community, "name": "扫雪", "points": 3, "unit": "time"});
    for user in [&father, &staff, &other] {
        assert_eq!(
            user.patch("/api/v1/points/settings", settings.clone())
                .await
                .0,
            403
        );
        assert_eq!(
            user.post("/api/v1/points/rules", new_rule.clone()).await.0,
            403
        );
        let rule_path = format!("/api/v1/points/rules/{}", patrol["id"]);
        assert_eq!(user.patch(&rule_path, json!({"points": 1})).await.0, 404);
    }
    assert_eq!(father.get("/api/v1/points/settings").await.0, 403);
    assert_eq!(anonymous.get("/api/v1/points/settings").await.0, 401);
    for (body, code) in [
        (
            json!({"community_id": community, "name": "扫雪", "points": 0, "unit": "time"}),
            "invalid_points",
        ),
        (
            json!({"community_id": community, "name": "", "points": 3, "unit": "time"}),
            "invalid_name",
        ),
        (
            json!({"community_id": community, "name": "治安巡逻", "points": 3, "unit": "time"}),
            "name_taken",
        ),
    ] {
        let (status, answer) = manager.post("/api/v1/points/rules", body).await;
        assert!(matches!(status, 400 | 409), "{answer}");
        assert_error(&answer, code);
    }
    let (status, _) = manager
        .patch(
            &format!("/api/v1/points/rules/{}", patrol["id"]),
            json!({"points": 5000}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        rule(&manager, "治安巡逻").await["points"],
        5,
        "nothing changed"
    );
    // Nothing moved.
    assert_eq!(app.count(REDEMPTIONS).await, 1);
}

async fn corrections_are_entries_and_a_reversal_happens_once(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let zhang = user_id(&app, RESIDENT).await;
    let community = app.community("轻机南院").await;
    let adjust = |amount: i64, reason: &str| json!({"community_id": community, "user_id": zhang, "amount": amount, "reason": reason});
    let (status, ledger) = manager
        .post("/api/v1/points/adjustments", adjust(10, "补记三月的巡逻"))
        .await;
    assert_eq!(status, 201, "{ledger}");
    assert_eq!(ledger["balance"], 24);
    for (body, status, code) in [
        (adjust(-1000, "扣分"), 409, "insufficient_points"),
        (adjust(0, "零"), 400, "invalid_amount"),
        (adjust(5, "  "), 400, "invalid_reason"),
        (adjust(5, &"长".repeat(201)), 400, "invalid_reason"),
    ] {
        let (got, answer) = manager.post("/api/v1/points/adjustments", body).await;
        assert_eq!(got, status, "{answer}");
        assert_error(&answer, code);
    }
    // Reverse the mistaken adjustment: an opposite entry, once.
    let entry = ledger["entries"][0]["id"].clone();
    let (status, after) = manager
        .post(
            &format!("/api/v1/points/entries/{entry}/reverse"),
            json!({"reason": "记错人了"}),
        )
        .await;
    assert_eq!(status, 201, "{after}");
    assert_eq!(after["balance"], 14);
    assert_eq!(after["entries"][1]["reversed"], true);
    let (status, body) = manager
        .post(
            &format!("/api/v1/points/entries/{entry}/reverse"),
            json!({"reason": "再来"}),
        )
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "already_reversed");
    assert_eq!(
        father
            .post(
                &format!("/api/v1/points/entries/{entry}/reverse"),
                json!({"reason": "x"})
            )
            .await
            .0,
        404
    );
    // A redemption's entry is not reversed by hand (cancel it instead).
    let cloth = item(&father, "洗碗巾").await;
    father
        .post("/api/v1/shop/redemptions", json!({"item_id": cloth["id"]}))
        .await;
    let (_, ledger) = father.get("/api/v1/points/ledger").await;
    let spent = ledger["entries"][0]["id"].clone();
    let (status, body) = manager
        .post(
            &format!("/api/v1/points/entries/{spent}/reverse"),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "not_reversible");
    // Every balance equals the sum of its ledger.
    let mismatched = app
        .count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM point_accounts a WHERE a.balance <>
               (SELECT COALESCE(SUM(e.amount), 0) FROM point_entries e
                WHERE e.user_id = a.user_id AND e.community_id = a.community_id)",
        )
        .await;
    assert_eq!(mismatched, 0);
}
