//! Fees: bills, payments, reversals, summary, CSV, household import.

use serde_json::{Value, json};

use crate::helpers::{
    HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, assert_error,
};

on_both_backends!(
    the_father_and_his_daughter_see_the_unpaid_2026_bill,
    the_office_records_partial_then_full_payment_and_nothing_more,
    bad_payments_are_refused_and_change_nothing,
    a_mistaken_payment_is_reversed_once_never_deleted,
    generating_a_period_twice_creates_nothing_new,
    the_summary_shows_ninety_five_percent_and_the_arrears,
    bills_and_payments_export_as_csv,
    households_import_all_or_nothing_with_every_problem_named,
    receipt_numbers_are_each_offices_own_and_a_reversal_always_records,
    the_office_edits_schedules_and_previews_a_periods_bills,
);

async fn zhang_bill(user: &User) -> Value {
    let (status, list) = user.get("/api/v1/fees/bills").await;
    assert_eq!(status, 200, "{list}");
    list["bills"][0].clone()
}

async fn the_father_and_his_daughter_see_the_unpaid_2026_bill(app: TestApp) {
    let father = app.login(RESIDENT).await;
    let (_, list) = father.get("/api/v1/fees/bills").await;
    assert_eq!(list["household"]["building"], "3号楼");
    let bill = &list["bills"][0];
    assert_eq!(bill["period"], "2026");
    assert_eq!(bill["status"], "overdue", "due 2026-04-01 and unpaid");
    let area = list["household"]["area_hundredths_m2"]
        .as_i64()
        .expect("area");
    assert_eq!(
        bill["amount_fen"],
        (area * 30 * 12 + 50) / 100,
        "the stated rounding rule"
    );
    assert_eq!(bill["owed_fen"], bill["amount_fen"]);
    let mut daughter = app.login(HELPER).await;
    daughter.acting_for = Some(app.zhang_household().await);
    assert_eq!(zhang_bill(&daughter).await["id"], bill["id"]);
    // Nobody else's bills.
    let other = app.zhang_household().await + 1;
    assert_eq!(
        father
            .get(&format!("/api/v1/fees/bills?household_id={other}"))
            .await
            .0,
        404
    );
    assert_eq!(
        app.login(OTHER_MANAGER)
            .await
            .get(&format!("/api/v1/fees/bills?household_id={other}"))
            .await
            .0,
        404
    );
    assert_eq!(
        app.login(MANAGER)
            .await
            .get(&format!("/api/v1/fees/bills?household_id={other}"))
            .await
            .0,
        200
    );
    assert_eq!(app.anonymous().get("/api/v1/fees/bills").await.0, 401);
    assert_eq!(
        app.login(STAFF).await.get("/api/v1/fees/bills").await.0,
        403
    );
}

fn cash(amount: i64) -> Value {
    json!({"amount_fen": amount, "method": "cash", "paid_on": "2026-11-20"})
}

async fn the_office_records_partial_then_full_payment_and_nothing_more(app: TestApp) {
    let father = app.login(RESIDENT).await;
    let bill = zhang_bill(&father).await;
    let (id, amount) = (
        bill["id"].as_i64().expect("id"),
        bill["amount_fen"].as_i64().expect("amount"),
    );
    let manager = app.login(MANAGER).await;
    let path = format!("/api/v1/fees/bills/{id}/payments");
    let (status, list) = manager.post(&path, cash(5000)).await;
    assert_eq!(status, 201, "{list}");
    assert_eq!(list["bills"][0]["paid_fen"], 5000);
    assert!(
        list["bills"][0]["payments"][0]["receipt_no"]
            .as_str()
            .is_some_and(|r| r.starts_with("R20261120-"))
    );
    let (status, body) = manager.post(&path, cash(amount - 5000 + 1)).await;
    assert_eq!(status, 409);
    assert_error(&body, "overpayment");
    let (status, list) = manager
        .post(&path, json!({"amount_fen": amount - 5000, "method": "wechat", "paid_on": "2026-11-21", "receipt_no": "No.0001"}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(list["bills"][0]["status"], "paid");
    assert_eq!(list["bills"][0]["owed_fen"], 0);
    let (status, _) = manager.post(&path, cash(1)).await;
    assert_eq!(status, 409, "nothing more once paid");
    assert_eq!(zhang_bill(&father).await["status"], "paid");
}

async fn bad_payments_are_refused_and_change_nothing(app: TestApp) {
    let bill = zhang_bill(&app.login(RESIDENT).await).await;
    let path = format!("/api/v1/fees/bills/{}/payments", bill["id"]);
    let manager = app.login(MANAGER).await;
    let cases = [
        (cash(0), 400, "invalid_amount"),
        (cash(-100), 400, "invalid_amount"),
        (
            json!({"amount_fen": 100, "method": "cash", "paid_on": "20/11/2026"}),
            400,
            "invalid_date",
        ),
        (
            json!({"amount_fen": 100, "method": "cash", "paid_on": "2026-02-30"}),
            400,
            "invalid_date",
        ),
        (
            json!({"amount_fen": 100, "method": "bitcoin", "paid_on": "2026-11-20"}),
            422,
            "invalid_fields",
        ),
        (
            json!({"amount_fen": 1.5, "method": "cash", "paid_on": "2026-11-20"}),
            422,
            "invalid_fields",
        ),
        (
            json!({"amount_fen": 100, "method": "cash", "paid_on": "2026-11-20", "note": "x".repeat(501)}),
            400,
            "invalid_note",
        ),
        (
            json!({"amount_fen": 100, "method": "cash", "paid_on": "2026-11-20", "receipt_no": "R20260101-0001"}),
            409,
            "receipt_taken",
        ),
    ];
    for (body, status, code) in cases {
        let (got, answer) = manager.post(&path, body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    for phone in [RESIDENT, HELPER, STAFF, OTHER_MANAGER] {
        assert_eq!(
            app.login(phone).await.post(&path, cash(100)).await.0,
            404,
            "{phone}"
        );
    }
    assert_eq!(app.anonymous().post(&path, cash(100)).await.0, 401);
    assert_eq!(zhang_bill(&app.login(RESIDENT).await).await["paid_fen"], 0);
}

async fn a_mistaken_payment_is_reversed_once_never_deleted(app: TestApp) {
    let bill = zhang_bill(&app.login(RESIDENT).await).await;
    let manager = app.login(MANAGER).await;
    let (_, list) = manager
        .post(
            &format!("/api/v1/fees/bills/{}/payments", bill["id"]),
            cash(8000),
        )
        .await;
    let payment = list["bills"][0]["payments"][0]["id"]
        .as_i64()
        .expect("payment");
    let path = format!("/api/v1/fees/payments/{payment}/reverse");
    let (status, body) = manager.post(&path, json!({"reason": " "})).await;
    assert_eq!(status, 400);
    assert_error(&body, "invalid_reason");
    assert_eq!(
        app.login(OTHER_MANAGER)
            .await
            .post(&path, json!({"reason": "录错了"}))
            .await
            .0,
        404
    );
    let (status, list) = manager.post(&path, json!({"reason": "录错了户"})).await;
    assert_eq!(status, 201);
    let b = &list["bills"][0];
    assert_eq!(b["paid_fen"], 0);
    assert_eq!(
        b["payments"].as_array().map(Vec::len),
        Some(2),
        "both entries stay"
    );
    assert_eq!(b["payments"][0]["reversed"], true);
    assert_eq!(b["payments"][1]["amount_fen"], -8000);
    let (status, body) = manager.post(&path, json!({"reason": "again"})).await;
    assert_eq!(status, 409);
    assert_error(&body, "already_reversed");
    let reversal = b["payments"][1]["id"].as_i64().expect("id");
    let (status, _) = manager
        .post(
            &format!("/api/v1/fees/payments/{reversal}/reverse"),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(status, 409);
}

async fn generating_a_period_twice_creates_nothing_new(app: TestApp) {
    let community = app.community("轻机南院").await;
    let manager = app.login(MANAGER).await;
    let (status, schedule) = manager
        .post("/api/v1/fees/schedules", json!({"community_id": community, "name": "垃圾清运费", "basis": "fixed", "rate_fen": 500, "period": "month"}))
        .await;
    assert_eq!(status, 201, "{schedule}");
    let generate = json!({"schedule_id": schedule["id"], "period": "2026-11"});
    let (status, first) = manager
        .post("/api/v1/fees/bills/generate", generate.clone())
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (first["created"].as_i64(), first["existing"].as_i64()),
        (Some(327), Some(0))
    );
    let (_, second) = manager.post("/api/v1/fees/bills/generate", generate).await;
    assert_eq!(
        (second["created"].as_i64(), second["existing"].as_i64()),
        (Some(0), Some(327))
    );
    for bad in ["2026", "2026-13", "2026-Q1", "November"] {
        let (status, body) = manager
            .post(
                "/api/v1/fees/bills/generate",
                json!({"schedule_id": schedule["id"], "period": bad}),
            )
            .await;
        assert_eq!(status, 400, "{bad}");
        assert_error(&body, "invalid_period");
    }
    let (status, _) = app
        .login(OTHER_MANAGER)
        .await
        .post(
            "/api/v1/fees/bills/generate",
            json!({"schedule_id": schedule["id"], "period": "2026-12"}),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = manager
        .post("/api/v1/fees/schedules", json!({"community_id": community, "name": "x", "basis": "fixed", "rate_fen": 0, "period": "month"}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_bills WHERE period = '2026-12'")
            .await,
        0
    );
}

async fn the_summary_shows_ninety_five_percent_and_the_arrears(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let (status, summary) = manager.get("/api/v1/fees/summary").await;
    assert_eq!(status, 200);
    assert_eq!(summary["period"], "2026");
    let total = &summary["total"];
    assert_eq!(
        (
            total["billed_households"].as_i64(),
            total["paid_households"].as_i64()
        ),
        (Some(327), Some(311))
    );
    assert_eq!(summary["buildings"].as_array().map(Vec::len), Some(14));
    let arrears = summary["arrears"].as_array().expect("arrears");
    assert_eq!(arrears.len(), 16);
    let zhang = arrears
        .iter()
        .find(|a| a["building"] == "3号楼" && a["flat_label"] == "201")
        .expect("张建国 owes");
    assert_eq!(zhang["phones"], json!([RESIDENT]));
    assert!(zhang["months_overdue"].as_i64().is_some_and(|m| m >= 7));
    let owed: Vec<i64> = arrears
        .iter()
        .filter_map(|a| a["owed_fen"].as_i64())
        .collect();
    assert!(owed.windows(2).all(|w| w[0] >= w[1]), "most owed first");
    for phone in [RESIDENT, HELPER, STAFF] {
        assert_eq!(
            app.login(phone).await.get("/api/v1/fees/summary").await.0,
            403,
            "{phone}"
        );
    }
    let community = app.community("轻机南院").await;
    assert_eq!(
        app.login(OTHER_MANAGER)
            .await
            .get(&format!("/api/v1/fees/summary?community_id={community}"))
            .await
            .0,
        403
    );
    // A payment moves the rate.
    let bill = zhang_bill(&app.login(RESIDENT).await).await;
    manager
        .post(
            &format!("/api/v1/fees/bills/{}/payments", bill["id"]),
            cash(bill["amount_fen"].as_i64().unwrap_or(0)),
        )
        .await;
    let (_, after) = manager.get("/api/v1/fees/summary?period=2026").await;
    assert_eq!(after["total"]["paid_households"], 312);
}

async fn bills_and_payments_export_as_csv(app: TestApp) {
    let community = app.community("轻机南院").await;
    let manager = app.login(MANAGER).await;
    let response = app
        .client
        .get(app.url(&format!(
            "/api/v1/fees/export/bills.csv?community_id={community}&period=2026"
        )))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 401, "anonymous");
    let (status, _) = manager
        .get_text(&format!(
            "/api/v1/fees/export/bills.csv?community_id={community}"
        ))
        .await_text()
        .await;
    assert_eq!(status, 200);
    let (_, text) = manager
        .get_text(&format!(
            "/api/v1/fees/export/bills.csv?community_id={community}&period=2026"
        ))
        .await_text()
        .await;
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert_eq!(text.lines().count(), 328);
    assert!(text.lines().next().is_some_and(|h| h.contains("应收(元)")));
    let (_, payments) = manager
        .get_text(&format!(
            "/api/v1/fees/export/payments.csv?community_id={community}"
        ))
        .await_text()
        .await;
    assert_eq!(payments.lines().count(), 312);
    let (status, _) = app
        .login(RESIDENT)
        .await
        .get_text(&format!(
            "/api/v1/fees/export/bills.csv?community_id={community}"
        ))
        .await_text()
        .await;
    assert_eq!(status, 403);
}

async fn households_import_all_or_nothing_with_every_problem_named(app: TestApp) {
    let community = app.community("纱厂东院").await;
    let manager = app.login(OTHER_MANAGER).await;
    let path = |dry: bool| {
        format!("/api/v1/admin/households/import?community_id={community}&dry_run={dry}")
    };
    let households = || app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM households");
    let before = households().await;
    let bad = "楼,类型,门牌,面积,姓名,电话\n3号楼,楼房,101,55.5,李四,13912340000\n3号楼,楼房,102,五十\n1号楼,楼房,101,50\n";
    let (status, preview) = manager.post_csv(&path(true), bad.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["written"], false);
    assert!(
        preview["rows"][1]["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("第 3 行“面积”"))
    );
    // A flat already there is updated, not refused.
    assert_eq!(
        (
            preview["rows"][2]["existing"].as_bool(),
            preview["rows"][2]["problems"].as_array().map(Vec::len)
        ),
        (Some(true), Some(0))
    );
    let (status, body) = manager
        .post_csv(&path(false), bad.as_bytes().to_vec())
        .await;
    assert_eq!(status, 422);
    assert_error(&body, "import_has_problems");
    assert_eq!(households().await, before, "nothing written");

    let good = "楼,类型,门牌,面积,姓名,电话\n3号楼,筒子楼,101,25.5,李四,13912340000\n3号楼,筒子楼,102,26\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(good);
    let (status, report) = manager.post_csv(&path(false), gbk.into_owned()).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        (
            report["households_created"].as_i64(),
            report["buildings_created"].as_i64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(households().await, before + 2);

    // Again, with a name and no phone: the flat is updated and its member
    // without a phone added, once however often the list is imported.
    let again = "楼,类型,门牌,面积,姓名,电话\n3号楼,筒子楼,102,26.5,王奶奶,\n";
    for members in [1, 0] {
        let (status, report) = manager
            .post_csv(&path(false), again.as_bytes().to_vec())
            .await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(
            (
                report["households_updated"].as_i64(),
                report["members_created"].as_i64(),
                report["households_created"].as_i64()
            ),
            (Some(1), Some(members), Some(0))
        );
    }
    assert_eq!(households().await, before + 2);
    let area: i64 = sqlx::query_scalar(
        "SELECT h.area_hundredths_m2 FROM households h JOIN buildings b ON b.id = h.building_id
         WHERE b.community_id = $1 AND b.name = '3号楼' AND h.flat_label = '102'",
    )
    .bind(community)
    .fetch_one(app.db.reader())
    .await
    .expect("area");
    assert_eq!(area, 2650);
    let kept = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE name = '王奶奶' AND phone IS NULL")
        .await;
    assert_eq!(kept, 1);

    let (status, body) = manager
        .post_csv(&path(true), b"building,flat_label\nx,1\n".to_vec())
        .await;
    assert_eq!(status, 400);
    assert_error(&body, "missing_column");
    let (status, _) = manager
        .post_csv(&path(true), vec![0xff; 2 * 1024 * 1024])
        .await;
    assert_eq!(status, 413);
    let (status, body) = manager
        .post_csv(&path(true), vec![0xff, 0x00, 0x81, 0x00])
        .await;
    assert_eq!(status, 400);
    assert_error(&body, "not_text");
    let (status, _) = app
        .login(MANAGER)
        .await
        .post_csv(&path(false), good.as_bytes().to_vec())
        .await;
    assert_eq!(status, 403, "another community's manager");
    let (status, text) = manager
        .get_text(&format!(
            "/api/v1/admin/households/export.csv?community_id={community}"
        ))
        .await_text()
        .await;
    assert_eq!(status, 200);
    assert!(text.contains("3号楼,tube,101,25.50,李四,13912340000"));
}

on_both_backends!(only_the_community_manager_lists_its_households);

async fn only_the_community_manager_lists_its_households(app: TestApp) {
    let community = app.community("轻机南院").await;
    let path = format!("/api/v1/admin/households?community_id={community}");
    let (status, all) = app.login(MANAGER).await.get(&path).await;
    assert_eq!(status, 200);
    assert_eq!(all.as_array().map(Vec::len), Some(327));
    let building = all[0]["building_id"].as_i64().expect("id");
    let (_, one) = app
        .login(MANAGER)
        .await
        .get(&format!("{path}&building_id={building}"))
        .await;
    assert_eq!(one.as_array().map(Vec::len), Some(25));
    for phone in [RESIDENT, HELPER, STAFF, OTHER_MANAGER] {
        assert_eq!(app.login(phone).await.get(&path).await.0, 403, "{phone}");
    }
    assert_eq!(app.anonymous().get(&path).await.0, 401);
}

on_both_backends!(only_the_community_manager_keeps_schedules_generates_and_reverses);

async fn only_the_community_manager_keeps_schedules_generates_and_reverses(app: TestApp) {
    let community = app.community("轻机南院").await;
    let schedule = json!({"community_id": community, "name": "停车费", "basis": "fixed", "rate_fen": 3000, "period": "month"});
    let (_, schedules) = app.login(MANAGER).await.get("/api/v1/fees/schedules").await;
    let id = schedules[0]["id"].clone();
    assert_eq!(schedules[0]["name"], "物业费");
    assert_eq!(app.anonymous().get("/api/v1/fees/schedules").await.0, 401);
    for phone in [RESIDENT, HELPER, STAFF, OTHER_MANAGER] {
        let user = app.login(phone).await;
        assert_eq!(
            user.post("/api/v1/fees/schedules", schedule.clone())
                .await
                .0,
            403,
            "create as {phone}"
        );
        let (status, _) = user
            .post(
                "/api/v1/fees/bills/generate",
                json!({"schedule_id": id, "period": "2027"}),
            )
            .await;
        assert_eq!(status, 404, "generate as {phone}");
        let (status, _) = user
            .post("/api/v1/fees/payments/1/reverse", json!({"reason": "x"}))
            .await;
        assert_eq!(status, 404, "reverse as {phone}");
    }
    for phone in [RESIDENT, HELPER, STAFF] {
        assert_eq!(
            app.login(phone).await.get("/api/v1/fees/schedules").await.0,
            403,
            "list as {phone}"
        );
    }
    assert_eq!(
        app.login(OTHER_MANAGER)
            .await
            .get(&format!("/api/v1/fees/schedules?community_id={community}"))
            .await
            .0,
        403
    );
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_schedules")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_bills WHERE period = '2027'")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_payments WHERE amount_fen < 0")
            .await,
        0
    );
}

async fn receipt_numbers_are_each_offices_own_and_a_reversal_always_records(app: TestApp) {
    let bill = zhang_bill(&app.login(RESIDENT).await).await["id"].clone();
    let manager = app.login(MANAGER).await;
    let pay = |receipt: &str| json!({"amount_fen": 100, "method": "cash", "paid_on": "2026-11-20", "receipt_no": receipt});
    let path = format!("/api/v1/fees/bills/{bill}/payments");
    assert_eq!(manager.post(&path, pay("0001")).await.0, 201);

    // The other office starts its own receipt book at 0001 too.
    let other = app.login(OTHER_MANAGER).await;
    let community = app.community("纱厂东院").await;
    let (status, schedule) = other
        .post(
            "/api/v1/fees/schedules",
            json!({"community_id": community, "name": "卫生费", "basis": "fixed",
                   "rate_fen": 1000, "period": "month"}),
        )
        .await;
    assert_eq!(status, 201, "{schedule}");
    let (status, body) = other
        .post(
            "/api/v1/fees/bills/generate",
            json!({"schedule_id": schedule["id"], "period": "2026-11"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let theirs: i64 =
        sqlx::query_scalar("SELECT id FROM fee_bills WHERE community_id = $1 ORDER BY id LIMIT 1")
            .bind(community)
            .fetch_one(app.db.writer())
            .await
            .expect("a bill of the other community");
    let (status, body) = other
        .post(
            &format!("/api/v1/fees/bills/{theirs}/payments"),
            pay("0001"),
        )
        .await;
    assert_eq!(status, 201, "another community's 0001 is no clash: {body}");

    // Within one community a number is used once.
    let (status, body) = manager.post(&path, pay("0001")).await;
    assert_eq!(status, 409);
    assert_error(&body, "receipt_taken");

    // The office once typed by hand what a reversal would be called; the
    // mistaken payment can still be reversed.
    assert_eq!(manager.post(&path, pay("0002-冲销")).await.0, 201);
    let (_, list) = manager.post(&path, pay("0002")).await;
    let mistaken = list["bills"][0]["payments"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["receipt_no"] == "0002"))
        .map(|p| p["id"].clone())
        .expect("the 0002 payment");
    let (status, body) = manager
        .post(
            &format!("/api/v1/fees/payments/{mistaken}/reverse"),
            json!({"reason": "录错了户"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        app.count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_payments WHERE receipt_no = '0002-冲销'"
        )
        .await,
        2,
        "the typed one and the reversal"
    );
}

/// The schedule editor: a preview that equals what generating makes, a new
/// rate only from a period not yet billed (bills made keep theirs), and
/// retiring, after which no bill is made. Refusals change nothing.
async fn the_office_edits_schedules_and_previews_a_periods_bills(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let community = app.community("轻机南院").await;
    let households: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM households WHERE community_id = $1",
    )
    .bind(community)
    .fetch_one(app.db.reader())
    .await
    .expect("households");
    let (status, schedule) = manager
        .post(
            "/api/v1/fees/schedules",
            json!({"community_id": community, "name": "垃圾清运费", "basis": "fixed", "rate_fen": 1000, "period": "month"}),
        )
        .await;
    assert_eq!(status, 201, "{schedule}");
    let id = schedule["id"].as_i64().expect("id");
    let period = |p: &str| json!({"schedule_id": id, "period": p});
    let billed = |p: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT)
                 FROM fee_bills WHERE schedule_id = $1 AND period = $2",
            )
            .bind(id)
            .bind(p)
            .fetch_one(db.reader())
            .await
            .expect("bills")
        }
    };

    // The preview is what generating then makes.
    let (status, preview) = manager
        .post("/api/v1/fees/bills/preview", period("2027-01"))
        .await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(
        preview,
        json!({"bills": households, "total_fen": households * 1000, "existing": 0})
    );
    assert_eq!(billed("2027-01").await, (0, 0), "a preview makes nothing");
    let (status, made) = manager
        .post("/api/v1/fees/bills/generate", period("2027-01"))
        .await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["created"], households);
    assert_eq!(billed("2027-01").await, (households, households * 1000));
    let (_, again) = manager
        .post("/api/v1/fees/bills/preview", period("2027-01"))
        .await;
    assert_eq!(
        again,
        json!({"bills": 0, "total_fen": 0, "existing": households})
    );

    // A new rate cannot reach a billed period, nor a period of another kind.
    let changes = "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_rate_changes";
    let path = format!("/api/v1/fees/schedules/{id}");
    for (body, want, code) in [
        (
            json!({"rate_fen": 1200, "from_period": "2027-01"}),
            409,
            "bills_exist",
        ),
        (
            json!({"rate_fen": 1200, "from_period": "2026-12"}),
            409,
            "bills_exist",
        ),
        (
            json!({"rate_fen": 1200, "from_period": "2027"}),
            400,
            "invalid_period",
        ),
        (
            json!({"rate_fen": 0, "from_period": "2027-02"}),
            400,
            "invalid_amount",
        ),
    ] {
        let (status, answer) = manager.patch(&path, body.clone()).await;
        assert_eq!(status, want, "{body}: {answer}");
        assert_error(&answer, code);
    }
    assert_eq!(app.count(changes).await, 0);
    let (status, changed) = manager
        .patch(&path, json!({"rate_fen": 1200, "from_period": "2027-02"}))
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        changed["rate_changes"],
        json!([{"from_period": "2027-02", "rate_fen": 1200}])
    );
    assert_eq!(changed["rate_fen"], 1000, "the rate before it stays");
    let (_, preview) = manager
        .post("/api/v1/fees/bills/preview", period("2027-03"))
        .await;
    assert_eq!(preview["total_fen"], households * 1200);
    let (status, _) = manager
        .post("/api/v1/fees/bills/generate", period("2027-02"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(billed("2027-02").await, (households, households * 1200));
    assert_eq!(
        billed("2027-01").await,
        (households, households * 1000),
        "made bills keep theirs"
    );

    // Another office sees no such schedule.
    let other = app.login(OTHER_MANAGER).await;
    assert_eq!(
        other
            .patch(&path, json!({"rate_fen": 1, "from_period": "2028-01"}))
            .await
            .0,
        404
    );
    assert_eq!(
        other.post(&format!("{path}/retire"), json!({})).await.0,
        404
    );
    assert_eq!(
        other
            .post("/api/v1/fees/bills/preview", period("2028-01"))
            .await
            .0,
        404
    );

    // Retired: no more bills, no more rates; the bills made stay.
    let (status, retired) = manager.post(&format!("{path}/retire"), json!({})).await;
    assert_eq!(status, 200, "{retired}");
    assert_eq!(retired["retired"], true);
    for (call, body) in [
        ("/api/v1/fees/bills/generate", period("2027-03")),
        ("/api/v1/fees/bills/preview", period("2027-03")),
    ] {
        let (status, answer) = manager.post(call, body).await;
        assert_eq!(status, 409, "{call}: {answer}");
        assert_error(&answer, "schedule_retired");
    }
    let (status, answer) = manager
        .patch(&path, json!({"rate_fen": 1300, "from_period": "2027-04"}))
        .await;
    assert_eq!(status, 409);
    assert_error(&answer, "schedule_retired");
    assert_eq!(billed("2027-03").await, (0, 0));
    assert_eq!(billed("2027-02").await, (households, households * 1200));
    let (status, _) = manager.post(&format!("{path}/retire"), json!({})).await;
    assert_eq!(status, 200, "retiring twice changes nothing");
    let retirements = app
        .count(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'fees.schedule_retire'",
        )
        .await;
    assert_eq!(retirements, 1);
    let (_, list) = manager
        .get(&format!("/api/v1/fees/schedules?community_id={community}"))
        .await;
    let listed = list
        .as_array()
        .and_then(|l| l.iter().find(|s| s["id"] == id))
        .expect("listed");
    assert_eq!(listed["retired"], true);
}
