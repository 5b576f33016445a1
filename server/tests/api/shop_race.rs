//! Many people redeeming the last items at once: stock never below zero, no
//! balance below zero, and every balance equal to its ledger's sum.

use std::sync::Arc;
use std::time::Instant;

use serde_json::json;

use crate::helpers::{MANAGER, TestApp};
use crate::points::item;

on_both_backends!(two_hundred_redemptions_race_for_ten_dishcloths);

const PEOPLE: usize = 40;
const TRIES_EACH: usize = 5;
const SCARCE_STOCK: i64 = 10;

async fn two_hundred_redemptions_race_for_ten_dishcloths(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let community = app.community("轻机南院").await;
    // 40 residents of 40 households, each with 10 points: two dishcloths' worth.
    let households: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM households WHERE community_id = $1 ORDER BY id DESC LIMIT 40",
    )
    .bind(community)
    .fetch_all(app.db.reader())
    .await
    .expect("households");
    let mut people = Vec::new();
    for (i, household) in households.iter().enumerate() {
        let id = server::accounts::store::insert_user(
            app.db.writer(),
            &format!("1370000{i:04}"),
            "抢购人",
            "not-a-login",
        )
        .await
        .expect("user");
        server::accounts::store::insert_membership(
            app.db.writer(),
            id,
            app::model::Role::Resident,
            server::accounts::store::Scope::Household {
                community_id: community,
                household_id: *household,
            },
            None,
        )
        .await
        .expect("membership");
        people.push(id);
    }
    let (_, rules) = manager.get("/api/v1/points/rules").await;
    let patrol = rules
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == "治安巡逻"))
        .expect("rule")["id"]
        .clone();
    let today = server::points::day_of(server::db::now_millis());
    let (status, _) = manager
        .post(
            "/api/v1/points/awards",
            json!({"rule_id": patrol, "date": today, "quantity": 2, "user_ids": people}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, scarce) = manager
        .post("/api/v1/shop/items", json!({"community_id": community, "name": "限量洗碗巾", "price": 5, "stock": SCARCE_STOCK}))
        .await;
    assert_eq!(status, 201);
    let plenty = item(&manager, "香皂").await;
    let plenty_stock = plenty["stock"].as_i64().expect("stock");
    let plenty_price = plenty["price"].as_i64().expect("price");
    assert_eq!(plenty_price, 10, "the demo's soap");

    // Each fires 5 at once: 3 at the scarce cloth, 2 at the soap.
    let mut set = tokio::task::JoinSet::new();
    let started = Instant::now();
    for user_id in &people {
        let user = Arc::new(app.session_for(*user_id).await);
        for t in 0..TRIES_EACH {
            let user = Arc::clone(&user);
            let item = if t % 2 == 0 {
                scarce["id"].clone()
            } else {
                plenty["id"].clone()
            };
            let scarce_id = scarce["id"].clone();
            set.spawn(async move {
                let (status, body) = user
                    .post("/api/v1/shop/redemptions", json!({"item_id": item}))
                    .await;
                (status, body, item == scarce_id)
            });
        }
    }
    let mut won = (0, 0);
    let mut attempts = 0;
    while let Some(done) = set.join_next().await {
        let (status, body, is_scarce) = done.expect("task");
        attempts += 1;
        assert!(matches!(status, 201 | 409), "{status}: {body}");
        if status == 201 {
            if is_scarce { won.0 += 1 } else { won.1 += 1 }
        } else {
            let code = body["error"]["code"].as_str().unwrap_or("");
            assert!(matches!(code, "sold_out" | "insufficient_points"), "{body}");
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "race on {:?}: {attempts} attempts, {} scarce + {} soap succeeded, {:.0} ms",
        app.db.backend,
        won.0,
        won.1,
        elapsed.as_secs_f64() * 1000.0
    );
    assert_eq!(attempts, PEOPLE * TRIES_EACH);
    assert!(won.0 <= SCARCE_STOCK, "oversold: {won:?}");

    // Stock: what is left plus what was reserved is what there was.
    let stock = |id: serde_json::Value| {
        let db = app.db.clone();
        async move {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT i.stock, CAST(COALESCE(SUM(r.quantity), 0) AS BIGINT) FROM shop_items i
                 LEFT JOIN shop_redemptions r ON r.item_id = i.id AND r.status = 'reserved'
                 WHERE i.id = $1 GROUP BY i.stock",
            )
            .bind(id.as_i64())
            .fetch_one(db.reader())
            .await
            .expect("stock")
        }
    };
    let (left, reserved) = stock(scarce["id"].clone()).await;
    assert!(left >= 0);
    assert_eq!((left + reserved, reserved), (SCARCE_STOCK, won.0));
    let (left, reserved) = stock(plenty["id"].clone()).await;
    assert_eq!((left + reserved, reserved), (plenty_stock, won.1));
    // Points: nobody below zero, nobody spent more than they had, and every
    // balance is its ledger's sum.
    let list = people
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT a.user_id, a.balance, CAST((SELECT COALESCE(SUM(e.amount), 0) FROM point_entries e
            WHERE e.user_id = a.user_id AND e.community_id = a.community_id) AS BIGINT)
         FROM point_accounts a WHERE a.user_id IN ({list})"
    )))
    .fetch_all(app.db.reader())
    .await
    .expect("balances");
    assert_eq!(rows.len(), PEOPLE);
    let mut spent = 0;
    for (user, balance, sum) in rows {
        assert!(balance >= 0, "user {user} at {balance}");
        assert_eq!(balance, sum, "user {user}: balance and ledger differ");
        spent += 10 - balance;
    }
    assert_eq!(spent, won.0 * 5 + won.1 * plenty_price);
}
