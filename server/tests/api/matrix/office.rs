//! Rows for the office and the deployment admin: slips, staff, resets,
//! communities, the household register and the audit log.

use serde_json::json;

use super::{Call, Fixture, Row, row};

pub fn rows(ids: &Fixture) -> Vec<Row> {
    let (household, community) = (ids.household, ids.community);
    let office_only = [401, 403, 403, 403, 403, 403, 200, 403, 403];
    vec![
        row(
            "GET /v1/admin/households/codes",
            Call::Get(format!(
                "/api/v1/admin/households/codes?community_id={community}"
            )),
            office_only,
        ),
        row(
            "GET /v1/admin/households",
            Call::Get(format!("/api/v1/admin/households?community_id={community}")),
            office_only,
        ),
        row(
            "GET /v1/admin/households/export.csv",
            Call::Text(format!(
                "/api/v1/admin/households/export.csv?community_id={community}"
            )),
            office_only,
        ),
        row(
            "POST /v1/admin/households/import",
            Call::Bytes(
                format!("/api/v1/admin/households/import?community_id={community}&dry_run=true"),
                "text/csv",
                "楼,类型,门牌,面积,姓名,电话\n3号楼,楼房,909,56.5,新户,13912340009\n"
                    .as_bytes()
                    .to_vec(),
            ),
            office_only,
        ),
        row(
            "POST /v1/admin/households/{id}/registration-code",
            Call::Post(
                format!("/api/v1/admin/households/{household}/registration-code"),
                Box::new(|_| json!({})),
            ),
            [401, 404, 404, 403, 404, 404, 201, 404, 404],
        ),
        row(
            "POST /v1/admin/staff",
            Call::Post(
                "/api/v1/admin/staff".into(),
                Box::new(
                    move |i| json!({"community_id": community, "phone": format!("1360000000{i}"), "name": "新员工", "password": "new-staff-2026"}),
                ),
            ),
            [401, 403, 403, 403, 403, 403, 201, 403, 403],
        ),
        row(
            "POST /v1/admin/password-resets",
            Call::Post(
                "/api/v1/admin/password-resets".into(),
                Box::new(move |_| json!({"community_id": community, "phone": "13700000002"})),
            ),
            [401, 403, 403, 403, 403, 403, 201, 403, 403],
        ),
        row(
            "GET /v1/admin/communities",
            Call::Get("/api/v1/admin/communities".into()),
            [401, 403, 403, 403, 403, 403, 403, 403, 200],
        ),
        row(
            "POST /v1/admin/communities",
            Call::Post(
                "/api/v1/admin/communities".into(),
                Box::new(|i| json!({"name": format!("新院{i}"), "office_phone": "0372-5550000"})),
            ),
            [401, 403, 403, 403, 403, 403, 403, 403, 201],
        ),
        row(
            "POST /v1/admin/communities/{id}/managers",
            Call::Post(
                format!("/api/v1/admin/communities/{community}/managers"),
                Box::new(
                    |i| json!({"phone": format!("1350000001{i}"), "name": "新主任", "password": "new-manager-2026"}),
                ),
            ),
            [401, 403, 403, 403, 403, 403, 403, 403, 201],
        ),
        row(
            "GET /v1/admin/communities/{id}/managers",
            Call::Get(format!("/api/v1/admin/communities/{community}/managers")),
            [401, 403, 403, 403, 403, 403, 403, 403, 200],
        ),
        row(
            "DELETE /v1/admin/communities/{id}/managers/{user_id}",
            Call::Delete(format!(
                "/api/v1/admin/communities/{community}/managers/{}",
                ids.spare_manager
            )),
            [401, 403, 403, 403, 403, 403, 403, 403, 204],
        ),
        row(
            "GET /v1/audit",
            Call::Get(format!("/api/v1/audit?community_id={community}")),
            office_only,
        ),
        row(
            "GET /v1/audit/export.csv",
            Call::Text(format!("/api/v1/audit/export.csv?community_id={community}")),
            office_only,
        ),
    ]
}
