//! How many queries each page the load benchmark measures costs a resident:
//! a count that grows (an N+1 crept in, a lookup done twice) fails here, on
//! both databases, before it shows up as lost requests a second.

use crate::helpers::TestApp;

on_both_backends!(each_measured_read_keeps_its_query_count);

/// The reads of `bench/load.sh` (and 我的, and 消息), with the most queries each may
/// run, the caller's session included.
const BUDGET: &[(&str, u64)] = &[
    ("/api/v1/repairs/summary", 3),
    ("/api/v1/repairs?limit=20", 3),
    ("/api/v1/points/ledger?limit=20", 4),
    ("/api/v1/notices?limit=20", 4),
    ("/api/v1/fees/bills", 4),
    ("/api/v1/me", 5),
    ("/api/v1/counts", 4),
    ("/api/v1/inbox", 3),
];

async fn each_measured_read_keeps_its_query_count(app: TestApp) {
    let user = app.login("13800000003").await;
    let mut over = Vec::new();
    for (path, most) in BUDGET {
        // Once to warm (the session's last-seen touch is a write, not counted).
        let (status, body) = user.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
        let before = app.db.reader().queries();
        let (status, _) = user.get(path).await;
        let ran = app.db.reader().queries() - before;
        assert_eq!(status, 200);
        eprintln!("{path}: {ran} queries");
        if ran > *most {
            over.push(format!("{path}: {ran} queries, budget {most}"));
        }
    }
    assert!(over.is_empty(), "over budget: {over:#?}");
}
