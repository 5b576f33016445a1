//! 公示: the month's figures come from the ledgers (a payment, an award, a
//! swap handed over, goods arriving and a repair closed each move them by
//! exactly their amount), publish once as a notice of category 公示 that
//! names no household, and are read by the community only.

use serde_json::{Value, json};

use crate::helpers::{MANAGER, OTHER_MANAGER, RESIDENT, TestApp, User, assert_error};
use crate::points::{rule, today, user_id};

on_both_backends!(
    the_month_is_disclosed_from_the_ledgers,
    a_month_is_published_once_and_read_by_its_community,
);

/// This month in Shanghai: "2026-12".
fn this_month() -> String {
    today()[..7].to_owned()
}

async fn draft(manager: &User, month: &str) -> Value {
    let (status, list) = manager
        .get(&format!("/api/v1/disclosures?draft={month}"))
        .await;
    assert_eq!(status, 200, "{list}");
    list["draft"].clone()
}

fn building<'a>(figures: &'a Value, name: &str) -> &'a Value {
    figures["fee_buildings"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["name"] == name))
        .unwrap_or_else(|| panic!("{name} in {figures}"))
}

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("a number: {v}"))
}

async fn the_month_is_disclosed_from_the_ledgers(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let community = app.community("轻机南院").await;
    let month = this_month();
    let before = draft(&manager, &month).await;
    assert_eq!(before["month"], month.as_str());

    // A payment of 123.45 元 for 3号楼 201.
    let (_, list) = father.get("/api/v1/fees/bills").await;
    let bill = list["bills"][0]["id"].as_i64().expect("bill");
    let (status, paid) = manager
        .post(
            &format!("/api/v1/fees/bills/{bill}/payments"),
            json!({"amount_fen": 12_345, "method": "cash", "paid_on": today()}),
        )
        .await;
    assert_eq!(status, 201, "{paid}");
    // A patrol award of 5 points to two people.
    let patrol = rule(&manager, "治安巡逻").await;
    let people = [
        user_id(&app, RESIDENT).await,
        user_id(&app, "13900000101").await,
    ];
    let (status, awarded) = manager
        .post(
            "/api/v1/points/awards",
            json!({"rule_id": patrol["id"], "date": today(), "quantity": 1, "user_ids": people}),
        )
        .await;
    assert_eq!(status, 201, "{awarded}");
    // Ten bars of soap arrive; one is swapped and handed over.
    let (status, soap) = manager
        .post(
            "/api/v1/shop/items",
            json!({"community_id": community, "name": "公示肥皂", "price": 3, "stock": 10}),
        )
        .await;
    assert_eq!(status, 201, "{soap}");
    let (status, swap) = father
        .post("/api/v1/shop/redemptions", json!({"item_id": soap["id"]}))
        .await;
    assert_eq!(status, 201, "{swap}");
    let (status, handed) = manager
        .post(
            &format!("/api/v1/shop/redemptions/{}/fulfil", swap["id"]),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{handed}");

    let after = draft(&manager, &month).await;
    let moved = |path: &[&str]| {
        let get = |v: &Value| path.iter().fold(v.clone(), |v, k| v[*k].clone());
        n(&get(&after)) - n(&get(&before))
    };
    assert_eq!(moved(&["fee_total", "collected_fen"]), 12_345);
    assert_eq!(moved(&["fee_total", "collected_to_date_fen"]), 12_345);
    assert_eq!(
        n(&building(&after, "3号楼")["collected_fen"])
            - n(&building(&before, "3号楼")["collected_fen"]),
        12_345
    );
    assert_eq!(moved(&["shop", "points_swapped"]), 3);
    assert_eq!(moved(&["shop", "stock_in"]), 10);
    assert_eq!(moved(&["shop", "stock_out"]), 1);
    let patrol_line = |f: &Value| {
        f["points"]
            .as_array()
            .and_then(|p| p.iter().find(|p| p["rule"] == "治安巡逻"))
            .map_or((0, 0), |p| (n(&p["times"]), n(&p["points"])))
    };
    let (t0, p0) = patrol_line(&before);
    assert_eq!(patrol_line(&after), (t0 + 2, p0 + 10));

    // Published: the figures as they were, and a notice of category 公示.
    let (status, published) = manager
        .post(
            "/api/v1/disclosures",
            json!({"community_id": community, "month": month, "note": "楼道灯已全部换新。"}),
        )
        .await;
    assert_eq!(status, 201, "{published}");
    assert_eq!(published["figures"], after);
    let (status, notice) = father
        .get(&format!("/api/v1/notices/{}", published["notice_id"]))
        .await;
    assert_eq!(status, 200, "{notice}");
    assert_eq!(notice["category"], "disclosure");
    let body = notice["body"].as_str().expect("body");
    assert!(
        notice["title"]
            .as_str()
            .is_some_and(|t| t.ends_with("收支与服务公示"))
    );
    assert!(body.contains("3号楼："), "{body}");
    assert!(body.contains("说明：楼道灯已全部换新。"), "{body}");
    for never in ["张建国", "201", "13800000003"] {
        assert!(!body.contains(never), "{never} in {body}");
    }
    // It is among the notices everyone sees.
    let (_, notices) = father.get("/api/v1/notices").await;
    assert!(
        notices["items"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|n| n["id"] == published["notice_id"]),
        "{notices}"
    );
}

async fn a_month_is_published_once_and_read_by_its_community(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let community = app.community("轻机南院").await;
    let notices = || app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM notices");
    let before = notices().await;
    let new = json!({"community_id": community, "month": "2026-10"});
    let second = app.login(MANAGER).await;
    let (a, b) = tokio::join!(
        manager.post("/api/v1/disclosures", new.clone()),
        second.post("/api/v1/disclosures", new.clone())
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409], "{} {}", a.1, b.1);
    let lost = if a.0 == 409 { &a.1 } else { &b.1 };
    assert_error(lost, "already_published");
    assert_eq!(notices().await, before + 1, "the loser's notice went too");
    let id = if a.0 == 201 { &a.1["id"] } else { &b.1["id"] };

    let (status, list) = father.get("/api/v1/disclosures").await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"][0]["id"], *id);
    assert_eq!(list["draft"], Value::Null);
    let (status, one) = father.get(&format!("/api/v1/disclosures/{id}")).await;
    assert_eq!(status, 200, "{one}");
    assert_eq!(one["month"], "2026-10");
    let other = app.login(OTHER_MANAGER).await;
    let (status, body) = other.get(&format!("/api/v1/disclosures/{id}")).await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");

    // Drafts are the office's; months that have not begun, or are no month,
    // are refused; nothing is written.
    let (status, body) = father.get("/api/v1/disclosures?draft=2026-10").await;
    assert_eq!(status, 403, "{body}");
    for month in ["2999-01", "2026-13", "2026-1", "十月"] {
        let (status, body) = manager
            .get(&format!("/api/v1/disclosures?draft={}", urlencoding(month)))
            .await;
        assert_eq!(status, 400, "{month}: {body}");
        assert_error(&body, "invalid_month");
        let (status, body) = manager
            .post(
                "/api/v1/disclosures",
                json!({"community_id": community, "month": month}),
            )
            .await;
        assert_eq!(status, 400, "{month}: {body}");
    }
    let (status, body) = manager
        .post(
            "/api/v1/disclosures",
            json!({"community_id": community, "month": "2026-09", "note": "长".repeat(1001)}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(notices().await, before + 1);
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM disclosures")
            .await,
        1
    );
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
