//! Rows for activities and a household's members: residents and helpers
//! sign up their own household, the office anyone; only the organiser or
//! a manager checks others in, sees the code and closes.

use serde_json::json;

use super::{Call, Fixture, Row, row};

pub fn rows(ids: &Fixture) -> Vec<Row> {
    let (a, b, household) = (ids.activity, ids.signed_activity, ids.household);
    let (zhang, members, rule) = (ids.zhang, ids.members, ids.rule);
    vec![
        row(
            "GET /v1/activities",
            Call::Get("/api/v1/activities".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 403],
        ),
        row(
            "POST /v1/activities",
            Call::Post(
                "/api/v1/activities".into(),
                Box::new(move |i| {
                    let now = crate::helpers::now();
                    json!({
                        "title": format!("巡逻{i}"), "kind": "patrol", "place": "大门口",
                        "rule_id": rule,
                        "starts_at": server::db::rfc3339(now + server::db::DAY),
                        "ends_at": server::db::rfc3339(now + server::db::DAY + server::db::HOUR),
                    })
                }),
            ),
            [401, 404, 404, 403, 404, 404, 201, 404, 404],
        ),
        row(
            "GET /v1/activities/{id}",
            Call::Get(format!("/api/v1/activities/{a}")),
            [401, 200, 200, 403, 200, 200, 200, 404, 404],
        ),
        row(
            "PATCH /v1/activities/{id}",
            Call::Patch(
                format!("/api/v1/activities/{a}"),
                Box::new(|_| json!({"details": "戴好红袖标"})),
            ),
            [401, 403, 403, 403, 403, 403, 200, 404, 404],
        ),
        row(
            "POST /v1/activities/{id}/signups",
            Call::Post(
                format!("/api/v1/activities/{a}/signups"),
                Box::new(move |i| match i {
                    2 => json!({"user_id": members[0]}),
                    6 => json!({"user_id": members[1]}),
                    _ => json!({}),
                }),
            ),
            [401, 201, 201, 403, 201, 404, 201, 404, 404],
        ),
        row(
            "DELETE /v1/activities/{id}/signups/{signup_id}",
            Call::Delete(format!("/api/v1/activities/{b}/signups/{}", ids.signup)),
            [401, 200, 409, 403, 404, 404, 409, 404, 404],
        ),
        row(
            "POST /v1/activities/{id}/checkins",
            Call::Post(
                format!("/api/v1/activities/{a}/checkins"),
                Box::new(move |_| json!({"user_ids": [zhang]})),
            ),
            [401, 403, 403, 403, 403, 403, 201, 404, 404],
        ),
        row(
            "GET /v1/activities/{id}/attendance",
            Call::Get(format!("/api/v1/activities/{a}/attendance")),
            [401, 403, 403, 403, 403, 200, 200, 404, 404],
        ),
        row(
            "POST /v1/activities/{id}/close",
            Call::Post(
                format!("/api/v1/activities/{a}/close"),
                Box::new(|_| json!({})),
            ),
            [401, 403, 403, 403, 403, 403, 201, 404, 404],
        ),
        row(
            "GET /v1/activities/person-code",
            Call::Get(format!("/api/v1/activities/person-code?user_id={zhang}")),
            [401, 200, 200, 403, 404, 404, 200, 404, 403],
        ),
        row(
            "GET /v1/activities/turnout",
            Call::Get("/api/v1/activities/turnout".into()),
            [401, 403, 403, 403, 403, 403, 200, 200, 403],
        ),
        row(
            "GET /v1/activities/export.csv",
            Call::Text("/api/v1/activities/export.csv".into()),
            [401, 403, 403, 403, 403, 403, 200, 200, 403],
        ),
        row(
            "GET /v1/households/{id}/members",
            Call::Get(format!("/api/v1/households/{household}/members")),
            [401, 200, 200, 403, 404, 200, 200, 404, 404],
        ),
        row(
            "POST /v1/households/{id}/members",
            Call::Post(
                format!("/api/v1/households/{household}/members"),
                Box::new(|i| json!({"name": format!("老人{i}")})),
            ),
            [401, 403, 403, 403, 404, 403, 201, 404, 404],
        ),
    ]
}
