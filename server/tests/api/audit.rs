//! Managers read who did what for whom in their community; nobody else does.

use serde_json::json;

use crate::helpers::{HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, assert_error};

on_both_backends!(the_office_reads_and_exports_its_own_audit_log);

async fn the_office_reads_and_exports_its_own_audit_log(app: TestApp) {
    let mut daughter = app.login(HELPER).await;
    daughter.acting_for = Some(app.zhang_household().await);
    for category in ["water", "gas", "heating"] {
        let (status, _) = daughter
            .post("/api/v1/repairs", json!({"category": category}))
            .await;
        assert_eq!(status, 201);
    }
    let manager = app.login(MANAGER).await;
    let (status, page) = manager.get("/api/v1/audit?action=repair.").await;
    assert_eq!(status, 200, "{page}");
    let first = &page["items"][0];
    assert_eq!(first["action"], "repair.create");
    assert_eq!(first["actor_name"], "张丽");
    assert_eq!(first["household"], "3号楼 201");
    assert!(
        first["detail"]
            .as_str()
            .is_some_and(|d| d.contains("helper"))
    );
    let (_, all) = manager.get("/api/v1/audit?limit=2").await;
    assert_eq!(all["next_offset"], 2);
    let (status, csv) = manager
        .get_text("/api/v1/audit/export.csv?action=repair.create")
        .await_text()
        .await;
    assert_eq!(status, 200);
    assert!(
        csv.contains("repair.create") && csv.contains("张丽"),
        "{csv}"
    );
    // Another community's log is not ours; residents and staff read none.
    let (_, theirs) = app.login(OTHER_MANAGER).await.get("/api/v1/audit").await;
    assert!(
        theirs["items"]
            .as_array()
            .is_some_and(|i| i.iter().all(|e| e["actor_name"] != "张丽")),
        "{theirs}"
    );
    for phone in [RESIDENT, STAFF] {
        assert_eq!(app.login(phone).await.get("/api/v1/audit").await.0, 403);
    }
    assert_eq!(app.anonymous().get("/api/v1/audit").await.0, 401);
    let community = app.community("轻机南院").await;
    assert_eq!(
        app.login(OTHER_MANAGER)
            .await
            .get(&format!("/api/v1/audit?community_id={community}"))
            .await
            .0,
        403
    );
    for bad in ["from=2026-13-01", "action=DROP%20TABLE", "limit=0"] {
        let (status, body) = manager.get(&format!("/api/v1/audit?{bad}")).await;
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(body["error"]["code"].is_string());
    }
    let (_, body) = manager.get("/api/v1/audit?from=2026-13-01").await;
    assert_error(&body, "invalid_date");
}
