//! The demo seed, read straight from the database (the API for households
//! comes with the accounts issue).

use crate::helpers::TestApp;

on_both_backends!(
    the_demo_seeds_qingji_south_as_the_report_describes_it,
    the_demo_logins_exist_with_their_roles,
    seeding_twice_changes_nothing,
);

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.db.reader())
        .await
        .expect("count")
}

async fn the_demo_seeds_qingji_south_as_the_report_describes_it(app: TestApp) {
    let buildings = count(
        &app,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM buildings b JOIN communities c ON c.id = b.community_id WHERE c.name = '轻机南院'",
    )
    .await;
    assert_eq!(buildings, 14);
    let households = count(
        &app,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM households h JOIN communities c ON c.id = h.community_id WHERE c.name = '轻机南院'",
    )
    .await;
    assert_eq!(households, 327);
    let tubes = count(&app, "SELECT CAST(COUNT(*) AS BIGINT) FROM buildings b JOIN communities c ON c.id = b.community_id WHERE c.name = '轻机南院' AND b.kind = 'tube'").await;
    assert_eq!(tubes, 3);
    let big = count(&app, "SELECT CAST(COUNT(*) AS BIGINT) FROM households WHERE area_hundredths_m2 >= 6000 AND community_id = (SELECT id FROM communities WHERE name = '轻机南院')").await;
    assert_eq!(big, 0, "the largest flat is under 60 m²");
}

async fn the_demo_logins_exist_with_their_roles(app: TestApp) {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT u.phone, u.name, m.role FROM users u JOIN memberships m ON m.user_id = u.id ORDER BY u.phone",
    )
    .fetch_all(app.db.reader())
    .await
    .expect("logins");
    let as_str: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(p, n, r)| (p.as_str(), n.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        as_str,
        [
            ("13800000001", "李合昌", "manager"),
            ("13800000002", "王师傅", "staff"),
            ("13800000003", "张建国", "resident"),
            ("13800000004", "张丽", "helper"),
            ("13800000005", "赵桂兰", "manager"),
            // The street office's man keeps both compounds.
            ("13800000006", "周文斌", "manager"),
            ("13800000006", "周文斌", "manager"),
            // The district's operator.
            ("13800000007", "陈立新", "admin"),
            // Volunteers on the red board; their passwords are random and
            // never printed, so nobody can log in as them.
            ("13900000101", "王秀英", "resident"),
            ("13900000102", "李桂芳", "resident"),
            ("13900000103", "陈玉兰", "resident"),
            ("13900000104", "杨志强", "resident"),
            ("13900000105", "赵淑珍", "resident"),
        ]
    );
    let helper_household: i64 = sqlx::query_scalar(
        "SELECT m.household_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.phone = '13800000004'",
    )
    .fetch_one(app.db.reader())
    .await
    .expect("helper household");
    let father_household: i64 = sqlx::query_scalar(
        "SELECT m.household_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.phone = '13800000003'",
    )
    .fetch_one(app.db.reader())
    .await
    .expect("resident household");
    assert_eq!(
        helper_household, father_household,
        "the daughter helps her father's household"
    );
}

async fn seeding_twice_changes_nothing(app: TestApp) {
    let seeded = server::demo::seed(&app.db, server::db::now_millis())
        .await
        .expect("seed");
    assert!(!seeded);
    assert_eq!(
        count(&app, "SELECT CAST(COUNT(*) AS BIGINT) FROM communities").await,
        2
    );
}
