//! Rows for 报平安: a resident's own, their helper's for them; the office's
//! list of who has not checked in.

use serde_json::json;

use super::{Call, Fixture, Row, row};

pub fn rows(_ids: &Fixture) -> Vec<Row> {
    let household_only = [401, 200, 200, 403, 200, 403, 403, 403, 403];
    vec![
        row(
            "GET /v1/care/settings",
            Call::Get("/api/v1/care/settings".into()),
            household_only,
        ),
        row(
            "PUT /v1/care/settings",
            Call::Put(
                "/api/v1/care/settings".into(),
                Box::new(|_| json!({"enabled": true, "deadline": "10:00", "watch_office": true})),
            ),
            household_only,
        ),
        row(
            "POST /v1/care/checkins",
            Call::Post("/api/v1/care/checkins".into(), Box::new(|_| json!({}))),
            [401, 201, 201, 403, 201, 403, 403, 403, 403],
        ),
        row(
            "GET /v1/care/missed",
            Call::Get("/api/v1/care/missed".into()),
            [401, 403, 403, 403, 403, 200, 200, 200, 403],
        ),
    ]
}
