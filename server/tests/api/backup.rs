//! An online backup taken while residents keep reporting, restored into a
//! fresh data directory: the copy is whole and consistent.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;

use crate::helpers::{RESIDENT, TestApp};

#[tokio::test]
async fn a_backup_under_write_load_restores_into_a_fresh_directory() {
    let app = TestApp::sqlite().await;
    let father = Arc::new(app.login(RESIDENT).await);
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(8, 8)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    let (status, photo) = father.post_bytes("/api/v1/uploads", "image/png", png).await;
    assert_eq!(status, 201);
    let (status, _) = father
        .post(
            "/api/v1/repairs",
            json!({"category": "water", "photo_ids": [photo["id"]]}),
        )
        .await;
    assert_eq!(status, 201);

    let acked = Arc::new(AtomicUsize::new(1));
    let writer = {
        let (father, acked) = (father.clone(), acked.clone());
        tokio::spawn(async move {
            for _ in 0..60 {
                let (status, _) = father
                    .post("/api/v1/repairs", json!({"category": "gas"}))
                    .await;
                if status == 201 {
                    acked.fetch_add(1, Ordering::SeqCst);
                }
            }
        })
    };
    while acked.load(Ordering::SeqCst) < 15 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let before = acked.load(Ordering::SeqCst);
    let backup_dir = app.dir().join("backup");
    let report =
        server::backup::backup(&app.db, Some(&app.data_dir().join("uploads")), &backup_dir)
            .await
            .expect("backup");
    writer.await.expect("writer");
    assert_eq!(report.photos, 2, "the photo and its thumbnail");
    assert!(report.bytes > 0);

    let fresh = app.dir().join("restored");
    let restored = server::backup::restore(&backup_dir, &fresh)
        .await
        .expect("restore");
    assert_eq!(restored.photos, 2);
    let db = server::db::Db::connect(&format!(
        "sqlite://{}?mode=rw",
        fresh.join("courtyard.db").display()
    ))
    .await
    .expect("open the copy");
    let tickets: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets t JOIN users u ON u.id = t.reporter_id WHERE u.phone = '13800000003'",
    )
    .fetch_one(db.reader())
    .await
    .expect("count");
    assert!(
        usize::try_from(tickets).unwrap_or(0) >= before,
        "{tickets} tickets in the copy, {before} acknowledged before it"
    );
    let orphans: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_events e WHERE NOT EXISTS (SELECT 1 FROM repair_tickets t WHERE t.id = e.ticket_id)",
    )
    .fetch_one(db.reader())
    .await
    .expect("count");
    assert_eq!(orphans, 0, "one snapshot, not half a write");
    // A second restore into the same place is refused; so is a non-empty target.
    assert!(server::backup::restore(&backup_dir, &fresh).await.is_err());
    assert!(
        server::backup::backup(&app.db, Some(&app.data_dir().join("uploads")), &backup_dir)
            .await
            .is_err()
    );
    // PostgreSQL is backed up with pg_dump, not this command.
    if let Some(pg) = TestApp::postgres().await {
        assert!(
            server::backup::backup(
                &pg.db,
                Some(&pg.data_dir().join("uploads")),
                &pg.dir().join("b")
            )
            .await
            .is_err()
        );
    }
}
