use crate::helpers::TestApp;

on_both_backends!(health_says_ok_and_names_its_database);

async fn health_says_ok_and_names_its_database(app: TestApp) {
    let (status, body) = app.get_json("/api/health").await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
    let expected = app.db.backend.name();
    assert_eq!(body["database"], expected);
}
