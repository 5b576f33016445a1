//! The district generator makes what it says, the same way from the same
//! seed, with every invariant the server keeps (balances equal ledger sums,
//! paid never above the amount), and the server serves it.

use crate::helpers::TestApp;

on_both_backends_empty!(a_small_district_is_consistent_and_served);

async fn a_small_district_is_consistent_and_served(app: TestApp) {
    let plan = server::generate::Plan {
        communities: 2,
        households_per_community: 20,
        tickets_per_household: 3,
        entries_per_volunteer: 5,
        notices_per_community: 2,
    };
    let report = server::generate::run(&app.db, plan, 7, "district-2026")
        .await
        .expect("generate");
    let count = |table: &str| {
        report
            .counts
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, n)| *n)
    };
    assert_eq!(count("households"), Some(40));
    assert_eq!(count("users"), Some(88));
    assert_eq!(count("repair_tickets"), Some(120));
    assert_eq!(
        count("point_entries"),
        Some(26 * 5),
        "every third resident volunteers"
    );
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets")
            .await,
        120
    );
    let unbalanced = app
        .count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM point_accounts a WHERE balance <> \
             (SELECT SUM(amount) FROM point_entries e WHERE e.user_id = a.user_id AND e.community_id = a.community_id)",
        )
        .await;
    assert_eq!(unbalanced, 0);
    assert!(
        server::generate::run(&app.db, plan, 7, "x").await.is_err(),
        "only into an empty database"
    );

    let resident = app.login_with("13900000001", "district-2026").await;
    for path in [
        "/api/v1/repairs",
        "/api/v1/points/ledger",
        "/api/v1/notices",
        "/api/v1/fees/bills",
    ] {
        let (status, body) = resident.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
    let (_, tickets) = resident.get("/api/v1/repairs").await;
    assert_eq!(tickets["items"].as_array().map(Vec::len), Some(3));
    // New rows get ids after the generated ones (PostgreSQL sequences moved).
    let (status, created) = resident
        .post(
            "/api/v1/repairs",
            serde_json::json!({"category": "water", "description": "漏水"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["id"], 121);
}
