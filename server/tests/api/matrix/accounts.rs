//! Rows for sign-in, the person's own account, helpers and public lookups.

use serde_json::json;

use super::{Call, Fixture, Row, row};

pub fn rows(ids: &Fixture) -> Vec<Row> {
    let (household, community) = (ids.household, ids.community);
    vec![
        row("GET /health", Call::Get("/api/health".into()), [200; 9]),
        row(
            "GET /v1/communities",
            Call::Get("/api/v1/communities".into()),
            [200; 9],
        ),
        row(
            "GET /v1/communities/{id}/buildings",
            Call::Get(format!("/api/v1/communities/{community}/buildings")),
            [200; 9],
        ),
        row(
            "GET /v1/me",
            Call::Get("/api/v1/me".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 200],
        ),
        row(
            "PATCH /v1/me",
            Call::Patch(
                "/api/v1/me".into(),
                Box::new(|_| json!({"large_text": true})),
            ),
            [401, 200, 200, 403, 200, 200, 200, 200, 200],
        ),
        row(
            "POST /v1/auth/login",
            Call::Post(
                "/api/v1/auth/login".into(),
                Box::new(|_| json!({"phone": "13800000003", "password": "not-the-password"})),
            ),
            [401; 9],
        ),
        row(
            "POST /v1/auth/register",
            Call::Post(
                "/api/v1/auth/register".into(),
                Box::new(
                    |i| json!({"phone": format!("1390000020{i}"), "name": "新住户", "password": "new-resident-1", "code": "22222222"}),
                ),
            ),
            [400; 9],
        ),
        row(
            "POST /v1/auth/kept-members",
            Call::Post(
                "/api/v1/auth/kept-members".into(),
                Box::new(|_| json!({"code": "22222222"})),
            ),
            [400; 9],
        ),
        row(
            "POST /v1/auth/reset-password",
            Call::Post(
                "/api/v1/auth/reset-password".into(),
                Box::new(
                    |_| json!({"phone": "13700000002", "code": "222222", "new_password": "brand-new-pass-1"}),
                ),
            ),
            [401; 9],
        ),
        row(
            "POST /v1/helpers/link",
            Call::Post(
                "/api/v1/helpers/link".into(),
                Box::new(|_| json!({"code": "22222222", "relation": "child"})),
            ),
            [401, 404, 404, 403, 404, 404, 404, 404, 404],
        ),
        row(
            "POST /v1/households/{id}/helper-codes",
            Call::Post(
                format!("/api/v1/households/{household}/helper-codes"),
                Box::new(|_| json!({})),
            ),
            [401, 201, 403, 403, 404, 404, 201, 404, 404],
        ),
        row(
            "GET /v1/households/{id}/helpers",
            Call::Get(format!("/api/v1/households/{household}/helpers")),
            [401, 200, 403, 403, 404, 404, 200, 404, 404],
        ),
    ]
}

/// Rows that end sessions or links, run after every other row.
pub fn closing(ids: &Fixture) -> Vec<Row> {
    let (household, link) = (ids.household, ids.spare_link);
    vec![
        row(
            "DELETE /v1/households/{id}/helpers/{helper_id}",
            Call::Delete(format!("/api/v1/households/{household}/helpers/{link}")),
            [401, 204, 403, 403, 404, 404, 404, 404, 404],
        ),
        row(
            "POST /v1/auth/password",
            Call::Post(
                "/api/v1/auth/password".into(),
                Box::new(
                    |_| json!({"current_password": "not-the-password", "new_password": "brand-new-pass-1"}),
                ),
            ),
            [401, 401, 401, 403, 401, 401, 401, 401, 401],
        ),
        row(
            "POST /v1/auth/logout",
            Call::Post("/api/v1/auth/logout".into(), Box::new(|_| json!({}))),
            [204, 204, 204, 204, 204, 204, 204, 204, 204],
        ),
    ]
}
