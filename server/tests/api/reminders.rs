//! Polite reminders (催缴): the office reminds chosen households of a
//! period's fee, or all of them; residents and helpers read it in their
//! inbox; a household hears of a period at most once a week; the office
//! sees when each was reminded. And nobody else may send one.

use serde_json::{Value, json};

use crate::helpers::{
    HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, assert_error,
};

on_both_backends!(
    the_office_reminds_politely_and_once_a_week,
    reminders_nobody_may_send_change_nothing,
);

async fn reminders_of(user: &User) -> Vec<Value> {
    let (status, inbox) = user.get("/api/v1/inbox?limit=100").await;
    assert_eq!(status, 200, "{inbox}");
    inbox["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["kind"] == "fee_reminder")
        .cloned()
        .collect()
}

/// The period's arrears as the office sees them.
async fn arrears(manager: &User, period: &str) -> Vec<Value> {
    let (status, summary) = manager
        .get(&format!("/api/v1/fees/summary?period={period}"))
        .await;
    assert_eq!(status, 200, "{summary}");
    summary["arrears"].as_array().cloned().unwrap_or_default()
}

async fn period(manager: &User) -> String {
    let (_, summary) = manager.get("/api/v1/fees/summary").await;
    summary["period"].as_str().expect("period").to_owned()
}

async fn the_office_reminds_politely_and_once_a_week(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let mut daughter = app.login(HELPER).await;
    let household = app.zhang_household().await;
    daughter.acting_for = Some(household);
    let community = app.community("轻机南院").await;
    let period = period(&manager).await;
    let owing = arrears(&manager, &period).await;
    let zhang = owing
        .iter()
        .find(|a| a["household_id"] == household)
        .expect("张建国 owes for the period")
        .clone();
    assert_eq!(zhang["reminded_at"], Value::Null);

    let (status, sent) = manager
        .post(
            "/api/v1/fees/reminders",
            json!({"community_id": community, "period": period, "household_ids": [household]}),
        )
        .await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["sent"].as_array().map(Vec::len), Some(1), "{sent}");
    assert_eq!(sent["sent"][0]["owed_fen"], zhang["owed_fen"]);
    assert_eq!(sent["sent"][0]["building"], "3号楼");
    assert_eq!(sent["too_soon"], json!([]));
    // The father and the daughter each read it, with the amount.
    for (who, names_household) in [(&father, false), (&daughter, true)] {
        let news = reminders_of(who).await;
        assert_eq!(news.len(), 1, "{news:?}");
        assert_eq!(news[0]["amount"], zhang["owed_fen"]);
        assert_eq!(news[0]["words"], period.as_str());
        assert_eq!(news[0]["link"], "/fees");
        assert_eq!(news[0]["for_household_id"].is_i64(), names_household);
    }
    // The office sees when.
    let again = arrears(&manager, &period).await;
    let seen = again
        .iter()
        .find(|a| a["household_id"] == household)
        .expect("still owing");
    assert_eq!(seen["reminded_at"], sent["sent"][0]["reminded_at"]);

    // The same week: not again, whether chosen or with everyone.
    let (status, all) = manager
        .post(
            "/api/v1/fees/reminders",
            json!({"community_id": community, "period": period}),
        )
        .await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(all["too_soon"].as_array().map(Vec::len), Some(1), "{all}");
    assert_eq!(all["too_soon"][0]["household_id"], household);
    assert_eq!(
        all["too_soon"][0]["reminded_at"],
        sent["sent"][0]["reminded_at"]
    );
    assert_eq!(
        all["sent"].as_array().map(Vec::len),
        Some(owing.len() - 1),
        "every other household of the arrears"
    );
    assert!(
        all["sent"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|r| r["household_id"] != household)
    );
    assert_eq!(reminders_of(&father).await.len(), 1);

    // A week on, it may go again.
    sqlx::query("UPDATE fee_reminders SET reminded_at = reminded_at - $1 WHERE household_id = $2")
        .bind(7 * server::db::DAY + 1)
        .bind(household)
        .execute(app.db.writer())
        .await
        .expect("a week back");
    let (status, later) = manager
        .post(
            "/api/v1/fees/reminders",
            json!({"community_id": community, "period": period, "household_ids": [household]}),
        )
        .await;
    assert_eq!(status, 200, "{later}");
    assert_eq!(later["sent"].as_array().map(Vec::len), Some(1), "{later}");
    assert_eq!(reminders_of(&father).await.len(), 2);
    assert_eq!(
        app.count("SELECT CAST(MAX(times) AS BIGINT) FROM fee_reminders")
            .await,
        2
    );
    let (_, trail) = manager.get("/api/v1/audit?limit=10").await;
    assert!(
        trail["items"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e["action"] == "fees.remind"),
        "{trail}"
    );
}

async fn reminders_nobody_may_send_change_nothing(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let community = app.community("轻机南院").await;
    let household = app.zhang_household().await;
    let period = period(&manager).await;
    let paid_up = {
        // 张建国 pays the period in full: he is out of the arrears.
        let father = app.login(RESIDENT).await;
        let (_, list) = father.get("/api/v1/fees/bills").await;
        let bill = list["bills"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|b| b["period"] == period.as_str())
            .expect("the period's bill")
            .clone();
        let (status, paid) = manager
            .post(
                &format!("/api/v1/fees/bills/{}/payments", bill["id"]),
                json!({"amount_fen": bill["owed_fen"], "method": "cash", "paid_on": "2026-12-01"}),
            )
            .await;
        assert_eq!(status, 201, "{paid}");
        household
    };
    let owing = arrears(&manager, &period).await;
    let someone = owing[0]["household_id"].as_i64().expect("an arrear");
    let reminders = || app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_reminders");
    let news = || {
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM inbox_items WHERE kind = 'fee_reminder'")
    };
    let body =
        |ids: Value| json!({"community_id": community, "period": period, "household_ids": ids});
    for (who, sent, status, code) in [
        // One paid up among the chosen: nothing goes, not even to the others.
        (
            MANAGER,
            body(json!([someone, paid_up])),
            400,
            "not_in_arrears",
        ),
        (MANAGER, body(json!([999_999])), 400, "not_in_arrears"),
        (MANAGER, body(json!([])), 400, "invalid_query"),
        (
            MANAGER,
            body(json!((1..=1001).collect::<Vec<i64>>())),
            400,
            "too_many_rows",
        ),
        (
            MANAGER,
            json!({"community_id": community, "period": ""}),
            400,
            "invalid_period",
        ),
        (STAFF, body(json!([someone])), 403, "forbidden"),
        (RESIDENT, body(json!([someone])), 403, "forbidden"),
        (OTHER_MANAGER, body(json!([someone])), 403, "forbidden"),
    ] {
        let user = app.login(who).await;
        let (got, answer) = user.post("/api/v1/fees/reminders", sent.clone()).await;
        assert_eq!(got, status, "{who} {sent}: {answer}");
        assert_error(&answer, code);
    }
    assert_eq!(reminders().await, 0);
    assert_eq!(news().await, 0);

    // Two offices pressing at once send one reminder.
    let second = app.login(MANAGER).await;
    let (a, b) = tokio::join!(
        manager.post("/api/v1/fees/reminders", body(json!([someone]))),
        second.post("/api/v1/fees/reminders", body(json!([someone])))
    );
    assert_eq!((a.0, b.0), (200, 200), "{} {}", a.1, b.1);
    let sent = |r: &Value| r["sent"].as_array().map_or(0, Vec::len);
    assert_eq!(sent(&a.1) + sent(&b.1), 1, "{} {}", a.1, b.1);
    assert_eq!(reminders().await, 1);
}
