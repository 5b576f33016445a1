//! The people of the matrix, one per role, and the records its rows point at.

use serde_json::json;

use crate::helpers::{HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, png};

/// Logs in one browser per role of [`super::ROLES`], building the ones the
/// demo lacks. The helper acts for 张建国's household, as in the app.
pub async fn people(app: &TestApp) -> Vec<User> {
    let father = app.login(RESIDENT).await;
    let manager = app.login(MANAGER).await;
    let mut helper = app.login(HELPER).await;
    helper.acting_for = Some(app.zhang_household().await);

    // Still naming the household in X-Acting-For after the link was revoked.
    let revoked = app.revoked_helper().await;
    let neighbour = app.neighbour().await;

    vec![
        app.anonymous(),
        father,
        helper,
        revoked,
        neighbour,
        app.login(STAFF).await,
        manager,
        app.login(OTHER_MANAGER).await,
        app.admin().await,
    ]
}

/// Ids of records in 轻机南院 the rows address.
#[derive(Clone)]
pub struct Fixture {
    pub community: i64,
    pub household: i64,
    pub zhang: i64,
    pub ticket: i64,
    pub upload: String,
    pub notice: i64,
    pub schedule: i64,
    pub bill: i64,
    pub payment: i64,
    pub rule: i64,
    pub entry: i64,
    pub item: i64,
    /// Two reserved swaps: one to hand over, one to cancel.
    pub to_fulfil: i64,
    pub to_cancel: i64,
    /// 我已付款 claims waiting for an answer: one to confirm, one to decline.
    pub claims: [i64; 2],
    /// A second helper's link, for the revoke row.
    pub spare_link: i64,
    /// A patrol open for sign-up and check-in, and one where 张建国 has
    /// signed up (to withdraw).
    pub activity: i64,
    pub signed_activity: i64,
    pub signup: i64,
    /// Members without a phone of 张建国's household: the helper signs up
    /// one, the office the other.
    pub members: [i64; 2],
    /// A published month's 公示.
    pub disclosure: i64,
    /// A decision open to the whole community, its 同意, and one to close.
    pub vote: i64,
    pub agree: i64,
    pub vote_to_close: i64,
    /// 张建国's suggestion (with his name).
    pub suggestion: i64,
    /// A fee schedule of its own, for the retire row.
    pub spare_schedule: i64,
    /// A manager of 轻机南院 the matrix's own manager is not: for the row
    /// that removes one.
    pub spare_manager: i64,
}

async fn scalar(app: &TestApp, sql: &'static str, bind: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(app.db.reader())
        .await
        .expect(sql)
}

impl Fixture {
    pub async fn build(app: &TestApp, people: &[User]) -> Self {
        let (father, manager) = (&people[1], &people[6]);
        let community = app.community("轻机南院").await;
        let household = app.zhang_household().await;
        let zhang = crate::points::user_id(app, "13800000003").await;

        let ticket = crate::repairs::report(father, false).await;
        let (status, upload) = father
            .post_bytes("/api/v1/uploads", "image/png", png(8, 8))
            .await;
        assert_eq!(status, 201, "{upload}");
        let (status, notice) = manager
            .post(
                "/api/v1/notices",
                json!({"community_id": community, "title": "停水通知", "body": "周三上午停水。", "category": "water"}),
            )
            .await;
        assert_eq!(status, 201, "{notice}");

        let bill = scalar(
            app,
            "SELECT id FROM fee_bills WHERE household_id = $1 ORDER BY id LIMIT 1",
            household,
        )
        .await;
        let payment = (manager.post(
            &format!("/api/v1/fees/bills/{bill}/payments"),
            json!({"amount_fen": 100, "method": "cash", "paid_on": "2026-11-20"}),
        ))
        .await;
        assert_eq!(payment.0, 201, "{}", payment.1);
        let payment = scalar(
            app,
            "SELECT MAX(id) FROM fee_payments WHERE bill_id = $1",
            bill,
        )
        .await;

        let (status, adjusted) = manager
            .post(
                "/api/v1/points/adjustments",
                json!({"community_id": community, "user_id": zhang, "amount": 50, "reason": "补记巡逻"}),
            )
            .await;
        assert_eq!(status, 201, "{adjusted}");
        let entry = scalar(
            app,
            "SELECT MAX(id) FROM point_entries WHERE user_id = $1",
            zhang,
        )
        .await;
        let item = scalar(
            app,
            "SELECT MIN(id) FROM shop_items WHERE community_id = $1 AND price <= 5",
            community,
        )
        .await;
        let mut swaps = Vec::new();
        for _ in 0..2 {
            let (status, r) = father
                .post("/api/v1/shop/redemptions", json!({"item_id": item}))
                .await;
            assert_eq!(status, 201, "{r}");
            swaps.push(r["id"].as_i64().expect("id"));
        }

        let (_, code) = father
            .post(
                &format!("/api/v1/households/{household}/helper-codes"),
                json!({}),
            )
            .await;
        let (status, _) = app
            .anonymous()
            .post("/api/v1/auth/register", json!({"phone": "13700000009", "name": "外甥", "password": "spare-helper-1", "code": code["code"], "relation": "relative"}))
            .await;
        assert_eq!(status, 201);
        let (_, helpers) = father
            .get(&format!("/api/v1/households/{household}/helpers"))
            .await;
        let spare_link = helpers
            .as_array()
            .and_then(|h| h.iter().find(|h| h["name"] == "外甥"))
            .and_then(|h| h["id"].as_i64())
            .expect("the spare helper's link");

        // Two claims waiting (on the 2025 bills of the neighbour and of
        // 张建国), leaving his 2026 bill free for the claim row.
        let (status, made) = manager
            .post(
                "/api/v1/fees/bills/generate",
                json!({"schedule_id": scalar(app, "SELECT MIN(id) FROM fee_schedules WHERE community_id = $1", community).await, "period": "2025"}),
            )
            .await;
        assert_eq!(status, 200, "{made}");
        let (status, spare) = manager
            .post(
                "/api/v1/fees/schedules",
                json!({"community_id": community, "name": "二次供水费", "basis": "fixed", "rate_fen": 800, "period": "month"}),
            )
            .await;
        assert_eq!(status, 201, "{spare}");
        let spare_schedule = spare["id"].as_i64().expect("schedule id");
        let neighbours_bill = scalar(
            app,
            "SELECT MIN(b.id) FROM fee_bills b JOIN memberships m ON m.household_id = b.household_id
             JOIN users u ON u.id = m.user_id
             WHERE u.phone = '13700000002' AND b.period = '2025' AND b.community_id = $1",
            community,
        )
        .await;
        let older_bill = scalar(
            app,
            "SELECT id FROM fee_bills WHERE household_id = $1 AND period = '2025'",
            household,
        )
        .await;
        let mut claims = [0; 2];
        for (i, (who, bill)) in [(&people[4], neighbours_bill), (father, older_bill)]
            .into_iter()
            .enumerate()
        {
            let (status, c) = who
                .post(
                    &format!("/api/v1/fees/bills/{bill}/claims"),
                    json!({"amount_fen": 100, "method": "wechat", "paid_on": "2026-12-05"}),
                )
                .await;
            assert_eq!(status, 201, "{c}");
            claims[i] = c["id"].as_i64().expect("claim id");
        }

        let mut members = [0; 2];
        for (i, name) in ["王秀英", "张小宝"].iter().enumerate() {
            let (status, m) = manager
                .post(
                    &format!("/api/v1/households/{household}/members"),
                    json!({ "name": name }),
                )
                .await;
            assert_eq!(status, 201, "{m}");
            members[i] = m["user_id"].as_i64().expect("member id");
        }
        let mut activities = Vec::new();
        for title in ["周末治安巡逻", "周日大扫除"] {
            let now = crate::helpers::now();
            let (status, a) = manager
                .post(
                    "/api/v1/activities",
                    json!({
                        "title": title, "kind": "patrol", "place": "大门口",
                        "rule_id": scalar(app, "SELECT MIN(id) FROM point_rules WHERE community_id = $1", community).await,
                        "starts_at": server::db::rfc3339(now + 30 * server::db::MINUTE),
                        "ends_at": server::db::rfc3339(now + 90 * server::db::MINUTE),
                    }),
                )
                .await;
            assert_eq!(status, 201, "{a}");
            activities.push(a["id"].as_i64().expect("activity id"));
        }
        let (status, signup) = father
            .post(
                &format!("/api/v1/activities/{}/signups", activities[1]),
                json!({}),
            )
            .await;
        assert_eq!(status, 201, "{signup}");

        let (status, disclosure) = manager
            .post(
                "/api/v1/disclosures",
                json!({"community_id": community, "month": "2025-06", "note": "账目可到物业查看。"}),
            )
            .await;
        assert_eq!(status, 201, "{disclosure}");
        let mut votes = Vec::new();
        for question in ["用维修基金换屋顶", "院里栏杆刷什么颜色"] {
            let (status, v) = manager
                .post(
                    "/api/v1/votes",
                    json!({
                        "community_id": community, "kind": "decision", "matter": "major",
                        "question": question,
                        "closes_at": server::db::rfc3339(crate::helpers::now() + server::db::DAY),
                    }),
                )
                .await;
            assert_eq!(status, 201, "{v}");
            votes.push(v);
        }

        let (status, suggestion) = father
            .post(
                "/api/v1/suggestions",
                json!({"kind": "suggestion", "body": "楼道里的灯晚上十点就灭了，能晚一点吗？"}),
            )
            .await;
        assert_eq!(status, 201, "{suggestion}");

        let (status, spare_manager) = people[8]
            .post(
                &format!("/api/v1/admin/communities/{community}/managers"),
                json!({"phone": "13500000020", "name": "备用主任", "password": "spare-manager-2026"}),
            )
            .await;
        assert_eq!(status, 201, "{spare_manager}");

        Self {
            spare_manager: spare_manager["id"].as_i64().expect("manager id"),
            suggestion: suggestion["summary"]["id"].as_i64().expect("suggestion id"),
            vote: votes[0]["summary"]["id"].as_i64().expect("vote id"),
            agree: votes[0]["choices"][0]["id"].as_i64().expect("choice id"),
            vote_to_close: votes[1]["summary"]["id"].as_i64().expect("vote id"),
            disclosure: disclosure["id"].as_i64().expect("disclosure id"),
            spare_schedule,
            activity: activities[0],
            signed_activity: activities[1],
            signup: signup["id"].as_i64().expect("signup id"),
            members,
            community,
            household,
            zhang,
            ticket: ticket["id"].as_i64().expect("ticket id"),
            upload: upload["id"].as_str().expect("upload id").to_owned(),
            notice: notice["id"].as_i64().expect("notice id"),
            schedule: scalar(
                app,
                "SELECT MIN(id) FROM fee_schedules WHERE community_id = $1",
                community,
            )
            .await,
            bill,
            payment,
            rule: scalar(
                app,
                "SELECT MIN(id) FROM point_rules WHERE community_id = $1",
                community,
            )
            .await,
            entry,
            item,
            to_fulfil: swaps[0],
            to_cancel: swaps[1],
            claims,
            spare_link,
        }
    }
}
