//! Rows for the inbox and the badges' counts: everyone signed in has their
//! own; a helper whose link was revoked is refused for the household named.

use serde_json::json;

use super::{Call, Fixture, Row, row};

pub fn rows(_ids: &Fixture) -> Vec<Row> {
    vec![
        row(
            "GET /v1/inbox",
            Call::Get("/api/v1/inbox".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 200],
        ),
        row(
            "POST /v1/inbox/read",
            Call::Post(
                "/api/v1/inbox/read".into(),
                Box::new(|_| json!({"all": true})),
            ),
            [401, 200, 200, 403, 200, 200, 200, 200, 200],
        ),
        row(
            "GET /v1/counts",
            Call::Get("/api/v1/counts".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 200],
        ),
    ]
}
