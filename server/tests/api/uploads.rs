//! Photos on either store: the local directory (the default) and an
//! S3-compatible bucket (moto's S3 server, started by the test command).
//! The same checks hold on both; two server processes on one PostgreSQL and
//! one bucket see each other's photos; photos never attached go after a day.

use serde_json::{Value, json};
use server::uploads::{store, sweep};

use crate::helpers::{RESIDENT, Seed, TestApp, User, photos_on_s3, png, s3_endpoint};
use crate::repairs::{
    daughter, photos_are_reencoded_and_shown_only_to_those_who_may_see_the_ticket,
};

async fn upload(user: &User) -> Value {
    let (status, upload) = user
        .post_bytes("/api/v1/uploads", "image/png", png(800, 600))
        .await;
    assert_eq!(status, 201, "{upload}");
    upload
}

/// The photo's bytes and the length the server announced for them.
async fn fetch(user: &User, url: &str) -> (u16, Option<u64>, Vec<u8>) {
    let response = user.raw_get(url).await;
    let status = response.status().as_u16();
    let length = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    (
        status,
        length,
        response.bytes().await.expect("body").to_vec(),
    )
}

async fn s3_app(seed: Seed, postgres: bool) -> Option<TestApp> {
    let endpoint = s3_endpoint()?;
    let on_s3 = photos_on_s3(&endpoint).await;
    if postgres {
        TestApp::postgres_configured(seed, on_s3).await
    } else {
        Some(TestApp::sqlite_configured(seed, on_s3).await)
    }
}

mod on_object_storage {
    #[tokio::test]
    async fn sqlite() {
        if let Some(app) = super::s3_app(super::Seed::Demo, false).await {
            super::photos_live_in_the_bucket(app).await;
        }
    }
    #[tokio::test]
    async fn postgres() {
        if let Some(app) = super::s3_app(super::Seed::Demo, true).await {
            super::photos_live_in_the_bucket(app).await;
        }
    }
}

/// Every check of the local store holds on the bucket, and nothing is
/// written to the data directory.
async fn photos_live_in_the_bucket(app: TestApp) {
    assert_eq!(app.photos.kind, "s3");
    let daughter = daughter(&app).await;
    let photo = upload(&daughter).await;
    let id = photo["id"].as_str().expect("id");
    let stored = app
        .photos
        .get(id, false)
        .await
        .expect("the bucket answers")
        .expect("the photo is in the bucket");
    let (status, length, body) = fetch(&daughter, photo["url"].as_str().expect("url")).await;
    assert_eq!(status, 200);
    assert_eq!(
        length,
        Some(stored.length),
        "Content-Length is the object's size"
    );
    assert_eq!(body.len() as u64, stored.length);
    let (status, _, thumb) = fetch(&daughter, photo["thumb_url"].as_str().expect("thumb")).await;
    assert_eq!(status, 200);
    assert!(thumb.len() < body.len());
    let local = app.data_dir().join("uploads");
    assert!(
        std::fs::read_dir(&local).map_or(true, |mut d| d.next().is_none()),
        "nothing under {}",
        local.display()
    );
    photos_are_reencoded_and_shown_only_to_those_who_may_see_the_ticket(app).await;
}

/// Two servers, each with its own data directory, on one PostgreSQL and one
/// bucket — the second is the `server` binary in a process of its own: a
/// photo uploaded through one is seen through the other.
#[tokio::test]
async fn a_photo_uploaded_through_one_process_is_served_by_another() {
    let Some(first) = s3_app(Seed::Demo, true).await else {
        return;
    };
    let second = first.second_process().await;
    assert_ne!(first.base, second.base);
    assert_ne!(first.data_dir(), second.data_dir());
    let daughter = daughter(&first).await;
    let photo = upload(&daughter).await;
    let (status, ticket) = daughter
        .post(
            "/api/v1/repairs",
            json!({"category": "water", "photo_ids": [photo["id"]]}),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    let father_here = first.login(RESIDENT).await;
    let father_there = second.login(RESIDENT).await;
    for url in [&photo["url"], &photo["thumb_url"]] {
        let url = url.as_str().expect("url");
        let (status, length, body) = fetch(&father_there, url).await;
        assert_eq!(status, 200, "{url} through the second process");
        assert_eq!(length, Some(body.len() as u64));
        assert!(body.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
        let (_, _, same) = fetch(&father_here, url).await;
        assert_eq!(body, same, "{url}: the same bytes through both");
    }
    // A stranger is refused by the second process just as by the first.
    let stranger = second.neighbour().await;
    let (status, _, _) = fetch(&stranger, photo["url"].as_str().expect("url")).await;
    assert_eq!(status, 404);
}

/// Unattached for over a day: row and bytes go. Attached or recent: kept.
async fn unattached_photos_go_after_a_day(app: TestApp) {
    let daughter = daughter(&app).await;
    let attached = upload(&daughter).await;
    let abandoned = upload(&daughter).await;
    let recent = upload(&daughter).await;
    let (status, ticket) = daughter
        .post(
            "/api/v1/repairs",
            json!({"category": "water", "photo_ids": [attached["id"]]}),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    let id = |photo: &Value| photo["id"].as_str().expect("id").to_owned();
    for old in [id(&attached), id(&abandoned)] {
        sqlx::query("UPDATE uploads SET created_at = created_at - $1 WHERE id = $2")
            .bind(2 * server::db::DAY)
            .bind(old)
            .execute(app.db.writer())
            .await
            .expect("aged");
    }
    let purged = sweep::purge(&app.db, &app.photos, server::db::now_millis())
        .await
        .expect("sweep");
    assert_eq!(purged, 1);
    assert!(
        app.photos
            .get(&id(&abandoned), false)
            .await
            .expect("store")
            .is_none()
    );
    assert!(
        app.photos
            .get(&id(&abandoned), true)
            .await
            .expect("store")
            .is_none()
    );
    let (status, _, _) = fetch(&daughter, abandoned["url"].as_str().expect("url")).await;
    assert_eq!(status, 404, "gone for its uploader too");
    for kept in [&attached, &recent] {
        let (status, _, _) = fetch(&daughter, kept["url"].as_str().expect("url")).await;
        assert_eq!(status, 200, "{kept}");
    }
    // A second sweep finds nothing more.
    let again = sweep::purge(&app.db, &app.photos, server::db::now_millis())
        .await
        .expect("sweep");
    assert_eq!(again, 0);
}

mod purge {
    #[tokio::test]
    async fn local_sqlite() {
        super::unattached_photos_go_after_a_day(crate::helpers::TestApp::sqlite().await).await;
    }
    #[tokio::test]
    async fn local_postgres() {
        if let Some(app) = crate::helpers::TestApp::postgres().await {
            super::unattached_photos_go_after_a_day(app).await;
        }
    }
    #[tokio::test]
    async fn s3_sqlite() {
        if let Some(app) = super::s3_app(super::Seed::Demo, false).await {
            super::unattached_photos_go_after_a_day(app).await;
        }
    }
    #[tokio::test]
    async fn s3_postgres() {
        if let Some(app) = super::s3_app(super::Seed::Demo, true).await {
            super::unattached_photos_go_after_a_day(app).await;
        }
    }
}

/// The purge's list of the columns that hold a photo is the database's own
/// list of foreign keys to `uploads`: a new use cannot be left out.
#[tokio::test]
async fn the_purge_knows_every_use_of_a_photo() {
    let app = TestApp::sqlite_with(Seed::Empty).await;
    let mut in_schema: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.\"from\" FROM sqlite_master m
         JOIN pragma_foreign_key_list(m.name) p
         WHERE m.type = 'table' AND p.\"table\" = 'uploads'",
    )
    .fetch_all(app.db.reader())
    .await
    .expect("foreign keys");
    in_schema.sort();
    let mut known: Vec<(String, String)> = store::USES
        .iter()
        .map(|(t, c)| ((*t).to_owned(), (*c).to_owned()))
        .collect();
    known.sort();
    assert_eq!(known, in_schema);
}
