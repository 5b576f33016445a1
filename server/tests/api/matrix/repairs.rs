//! Rows for repairs, their photos, and notices.

use serde_json::json;

use super::{Call, Fixture, Row, row};

pub fn rows(ids: &Fixture) -> Vec<Row> {
    let (community, ticket, notice) = (ids.community, ids.ticket, ids.notice);
    let upload = ids.upload.clone();
    let office_only = [401, 403, 403, 403, 403, 403, 200, 403, 403];
    vec![
        row(
            "GET /v1/repairs",
            Call::Get("/api/v1/repairs".into()),
            [401, 200, 200, 403, 200, 403, 403, 403, 403],
        ),
        row(
            "GET /v1/repairs",
            Call::Get(format!(
                "/api/v1/repairs?scope=queue&community_id={community}"
            )),
            office_only,
        ),
        row(
            "GET /v1/repairs",
            Call::Get("/api/v1/repairs?scope=assigned".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 200],
        ),
        row(
            "POST /v1/repairs",
            Call::Post(
                "/api/v1/repairs".into(),
                Box::new(|_| json!({"category": "electricity", "description": "楼道灯不亮"})),
            ),
            [401, 201, 201, 403, 201, 403, 400, 400, 403],
        ),
        row(
            "GET /v1/repairs/summary",
            Call::Get("/api/v1/repairs/summary".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 200],
        ),
        row(
            "GET /v1/repairs/workers",
            Call::Get(format!("/api/v1/repairs/workers?community_id={community}")),
            office_only,
        ),
        row(
            "GET /v1/repairs/export.csv",
            Call::Text(format!(
                "/api/v1/repairs/export.csv?community_id={community}&from=2026-01-01&to=2026-12-31"
            )),
            office_only,
        ),
        row(
            "GET /v1/repairs/{id}",
            Call::Get(format!("/api/v1/repairs/{ticket}")),
            [401, 200, 200, 403, 404, 404, 200, 404, 404],
        ),
        row(
            "POST /v1/repairs/{id}/events",
            Call::Post(
                format!("/api/v1/repairs/{ticket}/events"),
                Box::new(|_| json!({"kind": "comment", "note": "下午在家"})),
            ),
            [401, 201, 201, 403, 404, 404, 201, 404, 404],
        ),
        row(
            "POST /v1/uploads",
            Call::Bytes(
                "/api/v1/uploads".into(),
                "image/png",
                crate::helpers::png(8, 8),
            ),
            [401, 201, 201, 403, 201, 201, 201, 201, 201],
        ),
        row(
            "GET /v1/uploads/{id}",
            Call::Image(format!("/api/v1/uploads/{upload}")),
            [401, 200, 404, 403, 404, 404, 404, 404, 404],
        ),
        row(
            "GET /v1/notices",
            Call::Get("/api/v1/notices".into()),
            [401, 200, 200, 403, 200, 200, 200, 200, 403],
        ),
        row(
            "POST /v1/notices",
            Call::Post(
                "/api/v1/notices".into(),
                Box::new(
                    move |i| json!({"community_id": community, "title": format!("通知{i}"), "body": "周五打扫楼道。", "category": "activity"}),
                ),
            ),
            [401, 403, 403, 403, 403, 403, 201, 403, 403],
        ),
        row(
            "GET /v1/notices/{id}",
            Call::Get(format!("/api/v1/notices/{notice}")),
            [401, 200, 200, 403, 200, 200, 200, 404, 404],
        ),
        row(
            "PATCH /v1/notices/{id}",
            Call::Patch(
                format!("/api/v1/notices/{notice}"),
                Box::new(|_| json!({"body": "周三上午九点到十二点停水。"})),
            ),
            [401, 403, 403, 403, 403, 403, 200, 404, 404],
        ),
        row(
            "GET /v1/notices/{id}/reads",
            Call::Get(format!("/api/v1/notices/{notice}/reads")),
            [401, 403, 403, 403, 403, 403, 200, 404, 404],
        ),
    ]
}
