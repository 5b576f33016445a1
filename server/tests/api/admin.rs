//! The deployment admin: communities and their managers, nothing private.

use serde_json::json;

use crate::helpers::{MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, assert_error};
use crate::points::{rule, today, user_id};

on_both_backends!(
    an_admin_adds_a_community_and_its_first_manager,
    only_admins_run_the_deployment,
    bad_communities_are_refused_and_store_nothing,
    a_manager_of_one_compound_takes_on_another_and_gives_it_up,
    bad_manager_requests_change_nothing,
    the_overview_counts_what_the_ledgers_hold,
);

async fn an_admin_adds_a_community_and_its_first_manager(app: TestApp) {
    let admin = app.admin().await;
    let (status, created) = admin
        .post(
            "/api/v1/admin/communities",
            json!({"name": "红旗渠家属院", "office_phone": "0372-5550001"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let (status, body) = admin
        .post(
            &format!("/api/v1/admin/communities/{id}/managers"),
            json!({"phone": "13500000002", "name": "周主任", "password": "zhou-zhuren-1"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (_, me) = app
        .login_with("13500000002", "zhou-zhuren-1")
        .await
        .get("/api/v1/me")
        .await;
    assert_eq!(me["communities"][0]["community_name"], "红旗渠家属院");
    assert_eq!(me["communities"][0]["role"], "manager");
    let (status, list) = admin.get("/api/v1/admin/communities").await;
    assert_eq!(status, 200);
    let names: Vec<_> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(
        names,
        [json!("轻机南院"), json!("纱厂东院"), json!("红旗渠家属院")]
    );
    assert_eq!(list[0]["households"], 327);
    // Counts only: nothing about any household's people.
    let text = list.to_string();
    assert!(!text.contains("张建国") && !text.contains(RESIDENT));
    let (status, _) = admin
        .post(
            "/api/v1/admin/communities/999999/managers",
            json!({"phone": "13500000003", "name": "某", "password": "zhou-zhuren-1"}),
        )
        .await;
    assert_eq!(status, 404);
}

async fn only_admins_run_the_deployment(app: TestApp) {
    assert_eq!(
        app.anonymous().get("/api/v1/admin/communities").await.0,
        401
    );
    for phone in [RESIDENT, STAFF, MANAGER] {
        let user = app.login(phone).await;
        assert_eq!(
            user.get("/api/v1/admin/communities").await.0,
            403,
            "{phone}"
        );
        let (status, _) = user
            .post(
                "/api/v1/admin/communities",
                json!({"name": "假小区", "office_phone": "0372-5550002"}),
            )
            .await;
        assert_eq!(status, 403, "{phone}");
    }
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM communities")
            .await,
        2
    );
}

async fn bad_communities_are_refused_and_store_nothing(app: TestApp) {
    let admin = app.admin().await;
    for (body, status, code) in [
        (
            json!({"name": "轻机南院", "office_phone": "0372-5550003"}),
            409,
            "name_taken",
        ),
        (
            json!({"name": "", "office_phone": "0372-5550003"}),
            400,
            "invalid_name",
        ),
        (
            json!({"name": "x".repeat(101), "office_phone": "0372-5550003"}),
            400,
            "invalid_name",
        ),
        (
            json!({"name": "新院", "office_phone": "call us"}),
            400,
            "invalid_phone",
        ),
        (
            json!({"name": "新院", "office_phone": "0372-5550003", "secret": 1}),
            422,
            "invalid_fields",
        ),
        (json!({"name": "新院"}), 422, "invalid_fields"),
    ] {
        let (got, answer) = admin.post("/api/v1/admin/communities", body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM communities")
            .await,
        2
    );
}

/// The number of live manager roles and audit lines, to show a refusal
/// wrote neither.
async fn managers_and_audit(app: &TestApp) -> (i64, i64) {
    (
        app.count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships
             WHERE role = 'manager' AND revoked_at IS NULL",
        )
        .await,
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log")
            .await,
    )
}

async fn a_manager_of_one_compound_takes_on_another_and_gives_it_up(app: TestApp) {
    let admin = app.admin().await;
    let south = app.community("轻机南院").await;
    let east = app.community("纱厂东院").await;
    let path = format!("/api/v1/admin/communities/{south}/managers");
    let (status, list) = admin.get(&path).await;
    assert_eq!(status, 200, "{list}");
    // 李合昌, and 周文斌 of the street office, who keeps 纱厂东院 too.
    let who = |list: &serde_json::Value| -> Vec<(String, serde_json::Value)> {
        list.as_array()
            .expect("list")
            .iter()
            .map(|m| {
                (
                    m["phone"].as_str().unwrap_or_default().to_owned(),
                    m["also_manages"].clone(),
                )
            })
            .collect()
    };
    let at_first = who(&list);
    assert_eq!(
        at_first,
        [
            ("13800000006".to_owned(), json!(["纱厂东院"])),
            (MANAGER.to_owned(), json!([])),
        ]
    );

    // 赵桂兰 runs 纱厂东院; with her phone alone she runs 轻机南院 too.
    let zhao = app.login(OTHER_MANAGER).await;
    let register = format!("/api/v1/admin/households?community_id={south}");
    assert_eq!(zhao.get(&register).await.0, 403);
    let (status, added) = admin.post(&path, json!({"phone": OTHER_MANAGER})).await;
    assert_eq!(status, 201, "{added}");
    let zhao_id = user_id(&app, OTHER_MANAGER).await;
    assert_eq!(added["id"], zhao_id);
    assert_eq!(zhao.get(&register).await.0, 200, "the very next request");
    let (_, list) = admin.get(&path).await;
    let row = list
        .as_array()
        .expect("list")
        .iter()
        .find(|m| m["user_id"] == zhao_id)
        .expect("listed")
        .clone();
    assert_eq!(row["name"], "赵桂兰");
    assert_eq!(row["also_manages"], json!(["纱厂东院"]));
    let (status, again) = admin.post(&path, json!({"phone": OTHER_MANAGER})).await;
    assert_eq!(status, 409, "{again}");
    assert_error(&again, "already_linked");

    // She gives it up: her account and 纱厂东院 stay hers.
    let remove = format!("{path}/{zhao_id}");
    assert_eq!(admin.delete(&remove).await.0, 204);
    assert_eq!(zhao.get(&register).await.0, 403, "the very next request");
    assert_eq!(
        zhao.get(&format!("/api/v1/admin/households?community_id={east}"))
            .await
            .0,
        200
    );
    let (status, gone) = admin.delete(&remove).await;
    assert_eq!(status, 404, "{gone}");
    assert_error(&gone, "not_found");
    let (_, list) = admin.get(&path).await;
    assert_eq!(who(&list), at_first);

    let (_, audit) = app
        .login(MANAGER)
        .await
        .get(&format!("/api/v1/audit?community_id={south}"))
        .await;
    let actions: Vec<_> = audit["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        actions.contains(&"admin.manager_add".to_owned())
            && actions.contains(&"admin.manager_remove".to_owned()),
        "{actions:?}"
    );
}

async fn bad_manager_requests_change_nothing(app: TestApp) {
    let admin = app.admin().await;
    let south = app.community("轻机南院").await;
    let path = format!("/api/v1/admin/communities/{south}/managers");
    let before = managers_and_audit(&app).await;
    for (body, status, code) in [
        // Nobody has this phone: a new account needs a name and a password.
        (json!({"phone": "13500000077"}), 400, "invalid_fields"),
        // One of the two.
        (
            json!({"phone": "13500000077", "name": "某"}),
            400,
            "invalid_fields",
        ),
        (
            json!({"phone": "13500000077", "password": "zhou-zhuren-1"}),
            400,
            "invalid_fields",
        ),
        // A new account on a phone someone has.
        (
            json!({"phone": RESIDENT, "name": "张建国", "password": "zhou-zhuren-1"}),
            409,
            "phone_taken",
        ),
        (json!({"phone": "12345"}), 400, "invalid_phone"),
        (json!({"phone": MANAGER}), 409, "already_linked"),
        (
            json!({"phone": OTHER_MANAGER, "role": "admin"}),
            422,
            "invalid_fields",
        ),
    ] {
        let (got, answer) = admin.post(&path, body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    for path in [
        "/api/v1/admin/communities/999999/managers".to_owned(),
        format!("{path}/999999"),
        // 张建国 lives here but does not run the office.
        format!("{path}/{}", user_id(&app, RESIDENT).await),
    ] {
        let (status, body) = if path.ends_with("/managers") {
            admin.post(&path, json!({"phone": OTHER_MANAGER})).await
        } else {
            admin.delete(&path).await
        };
        assert_eq!(status, 404, "{path}: {body}");
    }
    assert_eq!(managers_and_audit(&app).await, before);
}

async fn the_overview_counts_what_the_ledgers_hold(app: TestApp) {
    let admin = app.admin().await;
    let south = app.community("轻机南院").await;
    let row = |list: &serde_json::Value| {
        list.as_array()
            .expect("list")
            .iter()
            .find(|c| c["id"] == south)
            .expect("轻机南院")
            .clone()
    };
    let (status, list) = admin.get("/api/v1/admin/communities").await;
    assert_eq!(status, 200, "{list}");
    let before = row(&list);

    // A ticket, a payment and a patrol's points.
    let father = app.login(RESIDENT).await;
    assert_eq!(
        father
            .post("/api/v1/repairs", json!({"category": "water"}))
            .await
            .0,
        201
    );
    let manager = app.login(MANAGER).await;
    let (_, bills) = father.get("/api/v1/fees/bills").await;
    let bill = bills["bills"]
        .as_array()
        .expect("bills")
        .iter()
        .find(|b| b["paid_fen"].as_i64() < b["amount_fen"].as_i64())
        .expect("a bill with something owed")
        .clone();
    let (status, paid) = manager
        .post(
            &format!("/api/v1/fees/bills/{}/payments", bill["id"]),
            json!({"amount_fen": 1000, "method": "cash", "paid_on": "2026-11-20"}),
        )
        .await;
    assert_eq!(status, 201, "{paid}");
    let patrol = rule(&manager, "治安巡逻").await;
    let (status, awarded) = manager
        .post(
            "/api/v1/points/awards",
            json!({"rule_id": patrol["id"], "date": today(), "quantity": 1,
                   "user_ids": [user_id(&app, RESIDENT).await], "note": "西门夜巡"}),
        )
        .await;
    assert_eq!(status, 201, "{awarded}");

    let (_, list) = admin.get("/api/v1/admin/communities").await;
    let after = row(&list);
    let moved =
        |field: &str| after[field].as_i64().expect(field) - before[field].as_i64().expect(field);
    assert_eq!(moved("open_tickets"), 1);
    assert_eq!(moved("paid_fen"), 1000);
    assert_eq!(moved("billed_fen"), 0);
    assert_eq!(moved("points_this_month"), 5);
    assert_eq!(moved("households"), 0);

    // Each figure is the database's own count.
    for (field, sql) in [
        (
            "people",
            "SELECT CAST(COUNT(DISTINCT m.user_id) AS BIGINT) FROM memberships m
             JOIN communities c ON c.id = m.community_id
             WHERE c.name = '轻机南院' AND m.role IN ('resident', 'helper') AND m.revoked_at IS NULL",
        ),
        (
            "billed_fen",
            "SELECT CAST(SUM(f.amount_fen) AS BIGINT) FROM fee_bills f
             JOIN communities c ON c.id = f.community_id WHERE c.name = '轻机南院'",
        ),
        (
            "paid_fen",
            "SELECT CAST(SUM(f.paid_fen) AS BIGINT) FROM fee_bills f
             JOIN communities c ON c.id = f.community_id WHERE c.name = '轻机南院'",
        ),
        (
            "open_tickets",
            "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets t
             JOIN communities c ON c.id = t.community_id
             WHERE c.name = '轻机南院' AND t.status IN ('submitted', 'assigned', 'in_progress')",
        ),
    ] {
        assert_eq!(after[field], app.count(sql).await, "{field}");
    }
    assert!(after["overdue_tickets"].as_i64() <= after["open_tickets"].as_i64());
    assert_eq!(after["people"].as_i64().map(|p| p > 0), Some(true));
    // Totals only: no household's people or phones.
    let text = list.to_string();
    for private in ["张建国", RESIDENT] {
        assert!(!text.contains(private), "{private} in {text}");
    }
}
