//! Paying from afar: the office's collection codes, 我已付款 by the daughter
//! with a screenshot, the office confirming once (even twice at once) or
//! declining with a reason; and everyone who may not claim, refused.

use serde_json::{Value, json};

use crate::helpers::{
    HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, assert_error, png,
};

on_both_backends!(
    the_daughter_pays_from_afar_and_the_office_confirms_once,
    a_declined_claim_says_why_and_a_new_one_may_follow,
    claims_nobody_may_make_change_nothing,
);

async fn daughter(app: &TestApp) -> User {
    let mut daughter = app.login(HELPER).await;
    daughter.acting_for = Some(app.zhang_household().await);
    daughter
}

async fn upload(user: &User) -> String {
    let (status, photo) = user
        .post_bytes("/api/v1/uploads", "image/png", png(600, 600))
        .await;
    assert_eq!(status, 201, "{photo}");
    photo["id"].as_str().expect("id").to_owned()
}

/// 张建国's 2026 bill: (id, owed).
async fn the_bill(father: &User) -> (i64, i64) {
    let (status, list) = father.get("/api/v1/fees/bills").await;
    assert_eq!(status, 200, "{list}");
    let bill = &list["bills"][0];
    (
        bill["id"].as_i64().expect("id"),
        bill["owed_fen"].as_i64().expect("owed"),
    )
}

fn by_wechat(amount_fen: i64) -> Value {
    json!({"amount_fen": amount_fen, "method": "wechat", "paid_on": "2026-12-05"})
}

async fn payments(app: &TestApp) -> i64 {
    app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_payments")
        .await
}

async fn the_daughter_pays_from_afar_and_the_office_confirms_once(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let community = app.community("轻机南院").await;
    // The office puts up its WeChat code and bank details.
    let code = upload(&manager).await;
    let (status, settings) = manager
        .put(
            "/api/v1/fees/settings",
            json!({"community_id": community, "wechat_upload_id": code, "alipay_upload_id": null,
                   "bank_details": "工商银行 轻机南院物业 6222 0000 1234"}),
        )
        .await;
    assert_eq!(status, 200, "{settings}");
    let (status, seen) = father.get("/api/v1/fees/settings").await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["bank_details"], "工商银行 轻机南院物业 6222 0000 1234");
    assert_eq!(seen["alipay"], Value::Null);
    let qr = seen["wechat"]["url"].as_str().expect("wechat").to_owned();
    assert_eq!(father.get_bytes(&qr).await.0, 200, "residents see the code");

    // The daughter sends the money and says so, with a screenshot.
    let daughter = daughter(&app).await;
    let (bill, owed) = the_bill(&father).await;
    let shot = upload(&daughter).await;
    let mut claim = by_wechat(owed);
    claim["upload_id"] = json!(shot);
    claim["note"] = json!("女儿张丽从上海转的");
    let path = format!("/api/v1/fees/bills/{bill}/claims");
    let (status, made) = daughter.post(&path, claim.clone()).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["status"], "pending");
    assert_eq!(made["claimed_by"], "张丽");
    assert_eq!(made["address"], "3号楼 201");
    let id = made["id"].as_i64().expect("id");
    // Once is enough: a second claim waits for the first answer.
    let (status, body) = father.post(&path, by_wechat(100)).await;
    assert_eq!(status, 409);
    assert_error(&body, "claim_waiting");

    // The household sees it waiting; the screenshot is theirs and the office's.
    let (_, mine) = father.get("/api/v1/fees/claims").await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1), "{mine}");
    let shot_url = made["photo"]["url"].as_str().expect("photo").to_owned();
    assert_eq!(father.get_bytes(&shot_url).await.0, 200);
    assert_eq!(manager.get_bytes(&shot_url).await.0, 200);
    let other = app.login(OTHER_MANAGER).await;
    assert_eq!(other.get_bytes(&shot_url).await.0, 404);
    let (_, queue) = manager.get("/api/v1/fees/claims?status=pending").await;
    assert_eq!(queue[0]["id"], id, "{queue}");

    // Two confirmations at once: one payment, one receipt.
    let before = payments(&app).await;
    let confirm = format!("/api/v1/fees/claims/{id}/confirm");
    let second = app.login(MANAGER).await;
    let (a, b) = tokio::join!(
        manager.post(&confirm, json!({})),
        second.post(&confirm, json!({}))
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} {}", a.1, b.1);
    assert_eq!(payments(&app).await, before + 1);
    let done = if a.0 == 200 { a.1 } else { b.1 };
    assert_eq!(done["status"], "confirmed");
    assert!(
        done["receipt_no"]
            .as_str()
            .is_some_and(|r| r.starts_with("R20261205-")),
        "{done}"
    );
    let (_, list) = father.get("/api/v1/fees/bills").await;
    assert_eq!(list["bills"][0]["status"], "paid");
    // The household hears of it, the daughter as its helper.
    for who in [&father, &daughter] {
        let (_, inbox) = who.get("/api/v1/inbox").await;
        let news = &inbox["items"][0];
        assert_eq!(news["kind"], "claim_confirmed", "{inbox}");
        assert_eq!(news["amount"], owed);
        assert_eq!(news["link"], "/fees");
    }
    assert_eq!(list["bills"][0]["payments"][0]["method"], "wechat");
    let (status, body) = manager
        .post(
            &format!("/api/v1/fees/claims/{id}/decline"),
            json!({"reason": "晚了"}),
        )
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "claim_answered");
    let (_, trail) = manager.get("/api/v1/audit?limit=20").await;
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in [
        "fees.claim",
        "fees.claim_confirm",
        "fees.payment_record",
        "fees.settings",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

async fn a_declined_claim_says_why_and_a_new_one_may_follow(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let (bill, owed) = the_bill(&father).await;
    let path = format!("/api/v1/fees/bills/{bill}/claims");
    let (status, made) = father.post(&path, by_wechat(owed / 2)).await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_i64().expect("id");
    let decline = format!("/api/v1/fees/claims/{id}/decline");
    let (status, body) = manager.post(&decline, json!({"reason": " "})).await;
    assert_eq!(status, 400, "a reason is needed: {body}");
    let (status, declined) = manager
        .post(
            &decline,
            json!({"reason": "没有查到这笔转账，请打电话给物业"}),
        )
        .await;
    assert_eq!(status, 200, "{declined}");
    let (_, mine) = father.get("/api/v1/fees/claims").await;
    assert_eq!(mine[0]["status"], "declined");
    assert_eq!(mine[0]["reason"], "没有查到这笔转账，请打电话给物业");
    assert_eq!(mine[0]["decided_by"], "李合昌");
    let (_, inbox) = father.get("/api/v1/inbox").await;
    assert_eq!(inbox["items"][0]["kind"], "claim_declined", "{inbox}");
    assert_eq!(
        inbox["items"][0]["words"],
        "没有查到这笔转账，请打电话给物业"
    );
    let (_, list) = father.get("/api/v1/fees/bills").await;
    assert_eq!(list["bills"][0]["owed_fen"], owed, "nothing was paid");
    let (status, again) = father.post(&path, by_wechat(owed)).await;
    assert_eq!(status, 201, "{again}");
}

async fn claims_nobody_may_make_change_nothing(app: TestApp) {
    let father = app.login(RESIDENT).await;
    let (bill, owed) = the_bill(&father).await;
    let path = format!("/api/v1/fees/bills/{bill}/claims");
    let before = (
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_claims")
            .await,
        payments(&app).await,
    );
    // Not theirs to claim for: the office (it records payments itself),
    // staff, another community's office, a revoked helper.
    for who in [
        app.login(MANAGER).await,
        app.login(STAFF).await,
        app.login(OTHER_MANAGER).await,
        app.revoked_helper().await,
    ] {
        let (status, body) = who.post(&path, by_wechat(100)).await;
        assert!(matches!(status, 403 | 404), "{status} {body}");
    }
    // More than is owed; cash; a date that is none; nothing; someone else's screenshot.
    let (status, body) = father.post(&path, by_wechat(owed + 1)).await;
    assert_eq!(status, 409);
    assert_error(&body, "overpayment");
    let (status, body) = father
        .post(
            &path,
            json!({"amount_fen": 100, "method": "cash", "paid_on": "2026-12-05"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_error(&body, "invalid_method");
    let (status, _) = father
        .post(
            &path,
            json!({"amount_fen": 100, "method": "alipay", "paid_on": "12/05"}),
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = father.post(&path, by_wechat(0)).await;
    assert_eq!(status, 400);
    let theirs = upload(&app.login(MANAGER).await).await;
    let mut claim = by_wechat(100);
    claim["upload_id"] = json!(theirs);
    let (status, body) = father.post(&path, claim).await;
    assert_eq!(status, 400);
    assert_error(&body, "invalid_photo");
    let (status, _) = father
        .post("/api/v1/fees/bills/999999/claims", by_wechat(100))
        .await;
    assert_eq!(status, 404);
    // Residents neither answer claims nor change the codes.
    let (status, _) = father
        .put(
            "/api/v1/fees/settings",
            json!({"community_id": app.community("轻机南院").await, "wechat_upload_id": null,
                   "alipay_upload_id": null, "bank_details": "骗子的卡号"}),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        (
            app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_claims")
                .await,
            payments(&app).await,
        ),
        before
    );
}
