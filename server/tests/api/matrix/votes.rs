//! Rows for deciding together (表决) and the suggestion box (意见箱).

use serde_json::json;

use super::{Call, Fixture, Row, row};

pub fn rows(ids: &Fixture) -> Vec<Row> {
    let Fixture {
        community,
        vote,
        agree,
        vote_to_close,
        suggestion,
        ..
    } = ids.clone();
    // A vote addressed by id is "not found" outside its community's office.
    let office_record = [401, 404, 404, 403, 404, 404, 200, 404, 404];
    vec![
        row(
            "GET /v1/votes",
            Call::Get("/api/v1/votes".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 403],
        ),
        row(
            "POST /v1/votes",
            Call::Post(
                "/api/v1/votes".into(),
                Box::new(move |_| {
                    json!({
                        "community_id": community, "kind": "choice", "matter": "ordinary",
                        "question": "哪家保洁公司打扫院子", "choices": ["洁美", "安康"],
                        "closes_at": server::db::rfc3339(crate::helpers::now() + server::db::DAY),
                    })
                }),
            ),
            [401, 403, 403, 403, 403, 403, 201, 403, 403],
        ),
        row(
            "GET /v1/votes/{id}",
            Call::Get(format!("/api/v1/votes/{vote}")),
            [401, 200, 200, 403, 200, 200, 200, 404, 404],
        ),
        row(
            "POST /v1/votes/{id}/ballots",
            Call::Post(
                format!("/api/v1/votes/{vote}/ballots"),
                Box::new(move |_| json!({ "choice_id": agree })),
            ),
            // The helper changes the father's ballot; the office has no
            // household to vote for (paper ballots name one).
            [401, 200, 200, 403, 200, 403, 403, 404, 404],
        ),
        row(
            "GET /v1/votes/{id}/tally",
            Call::Get(format!("/api/v1/votes/{vote}/tally")),
            office_record,
        ),
        row(
            "GET /v1/votes/{id}/missing",
            Call::Get(format!("/api/v1/votes/{vote}/missing")),
            office_record,
        ),
        row(
            "POST /v1/votes/{id}/close",
            Call::Post(
                format!("/api/v1/votes/{vote_to_close}/close"),
                Box::new(|_| json!({})),
            ),
            office_record,
        ),
        // 意见箱: households write; the writer and the office read and reply.
        row(
            "GET /v1/suggestions",
            Call::Get("/api/v1/suggestions".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 403],
        ),
        row(
            "POST /v1/suggestions",
            Call::Post(
                "/api/v1/suggestions".into(),
                Box::new(
                    |_| json!({"kind": "complaint", "body": "垃圾车早上五点就来，太吵了", "anonymous": true}),
                ),
            ),
            [401, 201, 201, 403, 201, 403, 403, 403, 403],
        ),
        row(
            "GET /v1/suggestions/{id}",
            Call::Get(format!("/api/v1/suggestions/{suggestion}")),
            [401, 200, 404, 403, 404, 200, 200, 404, 404],
        ),
        row(
            "POST /v1/suggestions/{id}/replies",
            Call::Post(
                format!("/api/v1/suggestions/{suggestion}/replies"),
                Box::new(|_| json!({"body": "已经和电工说了，改到十一点。"})),
            ),
            [401, 200, 404, 403, 404, 200, 200, 404, 404],
        ),
        row(
            "GET /v1/votes/{id}/ballots.csv",
            Call::Text(format!("/api/v1/votes/{vote}/ballots.csv")),
            office_record,
        ),
    ]
}
