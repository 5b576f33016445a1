//! Rows for fees, points and the points supermarket.

use serde_json::json;

use super::{Call, Fixture, Row, row};

pub fn rows(ids: &Fixture) -> Vec<Row> {
    let Fixture {
        community,
        household,
        zhang,
        schedule,
        bill,
        payment,
        rule,
        entry,
        item,
        to_fulfil,
        to_cancel,
        claims,
        disclosure,
        spare_schedule,
        ..
    } = ids.clone();
    let office_only = [401, 403, 403, 403, 403, 403, 200, 403, 403];
    let created_by_office = [401, 403, 403, 403, 403, 403, 201, 403, 403];
    let residents = [401, 200, 200, 403, 200, 200, 200, 200, 200];
    // A record addressed by id (in the path or the body) is "not found" for
    // anyone outside the office that keeps it: ids reveal nothing.
    let office_record = [401, 404, 404, 403, 404, 404, 200, 404, 404];
    let office_record_created = [401, 404, 404, 403, 404, 404, 201, 404, 404];
    // Residents and helpers read their household's; the office its own.
    let households_and_offices = [401, 200, 200, 403, 200, 403, 200, 200, 403];
    vec![
        // Paying from afar.
        row(
            "GET /v1/fees/settings",
            Call::Get("/api/v1/fees/settings".into()),
            households_and_offices,
        ),
        row(
            "PUT /v1/fees/settings",
            Call::Put(
                "/api/v1/fees/settings".into(),
                Box::new(move |_| {
                    json!({"community_id": community, "wechat_upload_id": null, "alipay_upload_id": null,
                           "bank_details": "工商银行 轻机南院物业 6222 0000 1234"})
                }),
            ),
            office_only,
        ),
        row(
            "POST /v1/fees/bills/{id}/claims",
            Call::Post(
                format!("/api/v1/fees/bills/{bill}/claims"),
                Box::new(
                    |_| json!({"amount_fen": 100, "method": "wechat", "paid_on": "2026-12-05"}),
                ),
            ),
            // The helper's is the bill's second claim: it waits for the
            // first one's answer.
            [401, 201, 409, 403, 404, 404, 404, 404, 404],
        ),
        row(
            "GET /v1/fees/claims",
            Call::Get("/api/v1/fees/claims".into()),
            households_and_offices,
        ),
        row(
            "POST /v1/fees/claims/{id}/confirm",
            Call::Post(
                format!("/api/v1/fees/claims/{}/confirm", claims[0]),
                Box::new(|_| json!({})),
            ),
            office_record,
        ),
        row(
            "POST /v1/fees/claims/{id}/decline",
            Call::Post(
                format!("/api/v1/fees/claims/{}/decline", claims[1]),
                Box::new(|_| json!({"reason": "没有查到这笔转账，请打电话给物业"})),
            ),
            office_record,
        ),
        row(
            "POST /v1/fees/reminders",
            Call::Post(
                "/api/v1/fees/reminders".into(),
                Box::new(move |_| json!({"community_id": community, "period": "2025"})),
            ),
            office_only,
        ),
        // 公示: everyone of the community reads; the office publishes.
        row(
            "GET /v1/disclosures",
            Call::Get("/api/v1/disclosures".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 403],
        ),
        row(
            "POST /v1/disclosures",
            Call::Post(
                "/api/v1/disclosures".into(),
                Box::new(
                    move |i| json!({"community_id": community, "month": format!("2025-{:02}", i + 1)}),
                ),
            ),
            created_by_office,
        ),
        row(
            "GET /v1/disclosures/{id}",
            Call::Get(format!("/api/v1/disclosures/{disclosure}")),
            [401, 200, 200, 403, 200, 200, 200, 404, 404],
        ),
        // Fees.
        row(
            "GET /v1/fees/bills",
            Call::Get(format!("/api/v1/fees/bills?household_id={household}")),
            [401, 200, 200, 403, 404, 404, 200, 404, 404],
        ),
        row(
            "POST /v1/fees/bills/generate",
            Call::Post(
                "/api/v1/fees/bills/generate".into(),
                Box::new(move |_| json!({"schedule_id": schedule, "period": "2026"})),
            ),
            office_record,
        ),
        row(
            "POST /v1/fees/bills/{id}/payments",
            Call::Post(
                format!("/api/v1/fees/bills/{bill}/payments"),
                Box::new(|_| json!({"amount_fen": 100, "method": "cash", "paid_on": "2026-11-21"})),
            ),
            office_record_created,
        ),
        row(
            "POST /v1/fees/payments/{id}/reverse",
            Call::Post(
                format!("/api/v1/fees/payments/{payment}/reverse"),
                Box::new(|_| json!({"reason": "记错了户"})),
            ),
            office_record_created,
        ),
        row(
            "GET /v1/fees/schedules",
            Call::Get(format!("/api/v1/fees/schedules?community_id={community}")),
            office_only,
        ),
        row(
            "POST /v1/fees/schedules",
            Call::Post(
                "/api/v1/fees/schedules".into(),
                Box::new(
                    move |i| json!({"community_id": community, "name": format!("垃圾费{i}"), "basis": "fixed", "rate_fen": 500, "period": "month", "due_days": 30}),
                ),
            ),
            created_by_office,
        ),
        row(
            "PATCH /v1/fees/schedules/{id}",
            Call::Patch(
                format!("/api/v1/fees/schedules/{schedule}"),
                Box::new(|_| json!({"rate_fen": 95, "from_period": "2030"})),
            ),
            office_record,
        ),
        row(
            "POST /v1/fees/schedules/{id}/retire",
            Call::Post(
                format!("/api/v1/fees/schedules/{spare_schedule}/retire"),
                Box::new(|_| json!({})),
            ),
            office_record,
        ),
        row(
            "POST /v1/fees/bills/preview",
            Call::Post(
                "/api/v1/fees/bills/preview".into(),
                Box::new(move |_| json!({"schedule_id": schedule, "period": "2027"})),
            ),
            office_record,
        ),
        row(
            "GET /v1/fees/summary",
            Call::Get(format!("/api/v1/fees/summary?community_id={community}")),
            office_only,
        ),
        row(
            "GET /v1/fees/export/bills.csv",
            Call::Text(format!(
                "/api/v1/fees/export/bills.csv?community_id={community}"
            )),
            office_only,
        ),
        row(
            "GET /v1/fees/export/payments.csv",
            Call::Text(format!(
                "/api/v1/fees/export/payments.csv?community_id={community}"
            )),
            office_only,
        ),
        // Points.
        row(
            "GET /v1/points/ledger",
            Call::Get(format!("/api/v1/points/ledger?user_id={zhang}")),
            [401, 200, 200, 403, 404, 404, 200, 404, 404],
        ),
        row(
            "GET /v1/points/summary",
            Call::Get("/api/v1/points/summary".into()),
            residents,
        ),
        row(
            "GET /v1/points/leaderboard",
            Call::Get(format!(
                "/api/v1/points/leaderboard?community_id={community}"
            )),
            [401, 200, 200, 403, 200, 200, 200, 403, 403],
        ),
        row(
            "GET /v1/points/residents",
            Call::Get(format!("/api/v1/points/residents?community_id={community}")),
            office_only,
        ),
        row(
            "GET /v1/points/rules",
            Call::Get(format!("/api/v1/points/rules?community_id={community}")),
            [401, 200, 200, 403, 200, 200, 200, 403, 403],
        ),
        row(
            "POST /v1/points/rules",
            Call::Post(
                "/api/v1/points/rules".into(),
                Box::new(
                    move |i| json!({"community_id": community, "name": format!("值班{i}"), "points": 2, "unit": "hour"}),
                ),
            ),
            created_by_office,
        ),
        row(
            "PATCH /v1/points/rules/{id}",
            Call::Patch(
                format!("/api/v1/points/rules/{rule}"),
                Box::new(|_| json!({"points": 6})),
            ),
            office_record,
        ),
        row(
            "GET /v1/points/settings",
            Call::Get(format!("/api/v1/points/settings?community_id={community}")),
            office_only,
        ),
        row(
            "PATCH /v1/points/settings",
            Call::Patch(
                "/api/v1/points/settings".into(),
                Box::new(move |_| json!({"community_id": community, "board_full_names": true})),
            ),
            office_only,
        ),
        row(
            "POST /v1/points/awards",
            Call::Post(
                "/api/v1/points/awards".into(),
                Box::new(
                    move |_| json!({"rule_id": rule, "date": "2026-11-20", "quantity": 1, "user_ids": [zhang]}),
                ),
            ),
            office_record_created,
        ),
        row(
            "POST /v1/points/adjustments",
            Call::Post(
                "/api/v1/points/adjustments".into(),
                Box::new(
                    move |_| json!({"community_id": community, "user_id": zhang, "amount": 3, "reason": "补记值班"}),
                ),
            ),
            created_by_office,
        ),
        row(
            "POST /v1/points/entries/{id}/reverse",
            Call::Post(
                format!("/api/v1/points/entries/{entry}/reverse"),
                Box::new(|_| json!({"reason": "记重了"})),
            ),
            office_record_created,
        ),
        // The points supermarket.
        row(
            "GET /v1/shop/items",
            Call::Get(format!("/api/v1/shop/items?community_id={community}")),
            [401, 200, 200, 403, 200, 200, 200, 403, 403],
        ),
        row(
            "POST /v1/shop/items",
            Call::Post(
                "/api/v1/shop/items".into(),
                Box::new(
                    move |i| json!({"community_id": community, "name": format!("毛巾{i}"), "price": 10, "stock": 5}),
                ),
            ),
            created_by_office,
        ),
        row(
            "PATCH /v1/shop/items/{id}",
            Call::Patch(
                format!("/api/v1/shop/items/{item}"),
                Box::new(|_| json!({"stock": 40})),
            ),
            office_record,
        ),
        row(
            "GET /v1/shop/redemptions",
            Call::Get("/api/v1/shop/redemptions".into()),
            [401, 200, 200, 403, 200, 403, 200, 200, 403],
        ),
        row(
            "POST /v1/shop/redemptions",
            Call::Post(
                "/api/v1/shop/redemptions".into(),
                Box::new(move |_| json!({"item_id": item})),
            ),
            [401, 201, 201, 403, 409, 403, 403, 403, 403],
        ),
        row(
            "POST /v1/shop/redemptions/{id}/fulfil",
            Call::Post(
                format!("/api/v1/shop/redemptions/{to_fulfil}/fulfil"),
                Box::new(|_| json!({})),
            ),
            [401, 403, 403, 403, 404, 404, 200, 404, 404],
        ),
        row(
            "POST /v1/shop/redemptions/{id}/cancel",
            Call::Post(
                format!("/api/v1/shop/redemptions/{to_cancel}/cancel"),
                Box::new(|_| json!({"reason": "不要了"})),
            ),
            [401, 200, 409, 403, 404, 404, 409, 404, 404],
        ),
    ]
}
