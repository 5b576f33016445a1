use crate::helpers::TestApp;

on_both_backends!(health_says_ok_and_names_its_database);

async fn health_says_ok_and_names_its_database(app: TestApp) {
    let (status, body) = app.get_json("/api/health").await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
    let expected = app.db.backend.name();
    assert_eq!(body["database"], expected);
}

/// PostgreSQL can drop a connection (a restart, a network cut, an admin's
/// `pg_terminate_backend`): the pool must notice and replace it, so the next
/// request succeeds instead of answering 500.
#[tokio::test]
async fn a_killed_postgres_connection_is_replaced() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    let user = app.login("13800000003").await;
    for _ in 0..8 {
        let (status, body) = user.get("/api/v1/repairs?limit=5").await;
        assert_eq!(status, 200, "{body}");
    }
    // Every server connection but the one asking, from the server's side.
    let killed: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(app.db.reader())
    .await
    .expect("terminate");
    assert!(killed.iter().any(|k| *k), "no connection was killed");
    for i in 0..20 {
        let (status, body) = user.get("/api/v1/repairs?limit=5").await;
        assert_eq!(status, 200, "request {i} after the kill: {body}");
    }
}
