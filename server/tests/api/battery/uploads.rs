//! The battery for endpoints that take raw bytes: photos and the CSV
//! household import.

use crate::helpers::{MANAGER, TestApp, User};

use super::fingerprint;

fn files(app: &TestApp) -> usize {
    std::fs::read_dir(app.data_dir().join("uploads")).map_or(0, std::iter::Iterator::count)
}

/// Returns how many requests it sent and what failed.
pub async fn battery(app: &TestApp, resident: &User) -> (usize, Vec<String>) {
    let manager = app.login(MANAGER).await;
    let community = app.community("轻机南院").await;
    let import = format!("/api/v1/admin/households/import?community_id={community}&dry_run=false");
    let png_header_on_text = [
        b"\x89PNG\r\n\x1a\n".as_slice(),
        b"this is a text file, not a photo",
    ]
    .concat();
    let cases: Vec<(&str, &User, &str, &str, Vec<u8>)> = vec![
        (
            "a PNG header on a text file",
            resident,
            "/api/v1/uploads",
            "image/png",
            png_header_on_text,
        ),
        (
            "a text file",
            resident,
            "/api/v1/uploads",
            "image/jpeg",
            b"hello".to_vec(),
        ),
        (
            "an empty photo",
            resident,
            "/api/v1/uploads",
            "image/jpeg",
            Vec::new(),
        ),
        (
            "a photo as text/plain",
            resident,
            "/api/v1/uploads",
            "text/plain",
            crate::helpers::png(8, 8),
        ),
        (
            "a 50 MB photo",
            resident,
            "/api/v1/uploads",
            "image/jpeg",
            vec![0xff; 50 * 1024 * 1024],
        ),
        (
            "a 50 MB import",
            &manager,
            &import,
            "text/csv",
            vec![b'a'; 50 * 1024 * 1024],
        ),
        (
            "an import as JSON",
            &manager,
            &import,
            "application/json",
            b"{}".to_vec(),
        ),
        (
            "an import of invalid UTF-8 and GBK",
            &manager,
            &import,
            "text/csv",
            b"\xff\xfe\xfd\n\x80\x80".to_vec(),
        ),
        (
            "an import with no rows",
            &manager,
            &import,
            "text/csv",
            "楼,类型,门牌,面积,姓名,电话\n".as_bytes().to_vec(),
        ),
    ];
    let mut failures = Vec::new();
    let sent = cases.len() + 2;
    for (name, user, path, kind, body) in cases {
        let (before, stored) = (fingerprint::take(app).await, files(app));
        let (status, answer) = user.send_raw(reqwest::Method::POST, path, kind, body).await;
        if !(400..500).contains(&status) || !answer["error"]["code"].is_string() {
            failures.push(format!("{name}: {status} {answer}"));
        }
        let changed = fingerprint::changed(&before, &fingerprint::take(app).await);
        if !changed.is_empty() || files(app) != stored {
            failures.push(format!(
                "{name}: changed {changed:?}, files {stored} → {}",
                files(app)
            ));
        }
    }
    // A path-traversal file name is ignored: the photo is kept under a
    // random id, and ids that are paths find nothing.
    let (status, upload) = resident
        .send_raw_with(
            "/api/v1/uploads",
            "image/png",
            (
                "content-disposition",
                "attachment; filename=\"../../courtyard.db\"",
            ),
            crate::helpers::png(8, 8),
        )
        .await;
    let id = upload["id"].as_str().unwrap_or_default();
    if status != 201 || id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        failures.push(format!("a traversal file name: {status} {upload}"));
    }
    let (status, _, _, _) = resident
        .get_bytes("/api/v1/uploads/..%2F..%2Fcourtyard.db")
        .await;
    if status != 404 {
        failures.push(format!("fetching ../../courtyard.db: {status}"));
    }
    (sent, failures)
}
