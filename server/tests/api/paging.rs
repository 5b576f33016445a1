//! The long lists read by key (`?cursor=`) give the same rows, in the same
//! order, as by offset; a position the list did not give out is refused.

use serde_json::{Value, json};

use crate::helpers::{MANAGER, RESIDENT, STAFF, TestApp, User, assert_error};
use crate::points::user_id;

on_both_backends!(
    every_long_list_reads_the_same_rows_by_key_as_by_offset,
    a_position_the_list_did_not_give_out_is_refused,
);

/// Tickets, awards, notices and the audit entries they leave, with ties in
/// every sort column but the last (urgent and not, pinned and not, several
/// in the same millisecond).
async fn fill(app: &TestApp) -> (User, User, User) {
    app.clear_repairs().await;
    let (manager, resident, staff) = (
        app.login(MANAGER).await,
        app.login(RESIDENT).await,
        app.login(STAFF).await,
    );
    let community = app.community("轻机南院").await;
    let staff_id = user_id(app, STAFF).await;
    for i in 0..7 {
        let (status, ticket) = resident
            .post(
                "/api/v1/repairs",
                json!({"category": "water", "urgent": i % 3 == 0,
                       "description": format!("第 {i} 处漏水")}),
            )
            .await;
        assert_eq!(status, 201, "{ticket}");
        if i % 2 == 0 {
            let events = format!("/api/v1/repairs/{}/events", ticket["id"]);
            let (status, body) = manager
                .post(&events, json!({"kind": "assign", "assignee_id": staff_id}))
                .await;
            assert_eq!(status, 201, "{body}");
            if i % 4 == 0 {
                let (status, body) = staff
                    .post(&events, json!({"kind": "status", "status": "in_progress"}))
                    .await;
                assert_eq!(status, 201, "{body}");
            }
        }
    }
    let (_, rules) = manager.get("/api/v1/points/rules").await;
    let rule = rules[0]["id"].clone();
    let me = user_id(app, RESIDENT).await;
    for _ in 0..5 {
        let (status, body) = manager
            .post(
                "/api/v1/points/awards",
                json!({"rule_id": rule, "date": server::points::day_of(server::db::now_millis()),
                       "quantity": 1, "user_ids": [me]}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    for i in 0..11 {
        let (status, notice) = manager
            .post(
                "/api/v1/notices",
                json!({"community_id": community, "title": format!("通知 {i}"), "body": "",
                       "category": "general", "pinned": i % 3 == 1, "urgent": i % 2 == 0}),
            )
            .await;
        assert_eq!(status, 201, "{notice}");
        // Five go to the archive, which is read by key in SQL; the current
        // six are paged from the rows in hand.
        if i % 2 == 1 {
            let (status, body) = manager
                .patch(
                    &format!("/api/v1/notices/{}", notice["id"]),
                    json!({"archived": true}),
                )
                .await;
            assert_eq!(status, 200, "{body}");
        }
    }
    (manager, resident, staff)
}

/// Every id of the list at `path`, two to a page, by offset or by key.
async fn walk(user: &User, path: &str, items: &str, by_key: bool) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut start = String::new();
    loop {
        let (status, page) = user.get(&format!("{path}&limit=2{start}")).await;
        assert_eq!(status, 200, "{path}{start}: {page}");
        ids.extend(
            page[items]
                .as_array()
                .expect(items)
                .iter()
                .map(|i| i["id"].as_i64().expect("id")),
        );
        let next = if by_key {
            &page["next_cursor"]
        } else {
            &page["next_offset"]
        };
        match next {
            Value::Null => {
                assert!(
                    page["next_cursor"].is_null() && page["next_offset"].is_null(),
                    "{page}"
                );
                return ids;
            }
            Value::String(after) => start = format!("&cursor={after}"),
            offset => start = format!("&offset={offset}"),
        }
        assert!(ids.len() < 200, "{path} does not end");
    }
}

async fn every_long_list_reads_the_same_rows_by_key_as_by_offset(app: TestApp) {
    let (manager, resident, staff) = fill(&app).await;
    let community = app.community("轻机南院").await;
    let lists = [
        (
            &resident,
            "/api/v1/repairs?scope=household".to_owned(),
            "items",
        ),
        (&staff, "/api/v1/repairs?scope=assigned".to_owned(), "items"),
        (
            &manager,
            "/api/v1/repairs?scope=queue&status=all".to_owned(),
            "items",
        ),
        (&manager, "/api/v1/repairs?scope=queue".to_owned(), "items"),
        (&resident, "/api/v1/points/ledger?x=1".to_owned(), "entries"),
        (&resident, "/api/v1/notices?x=1".to_owned(), "items"),
        (
            &resident,
            "/api/v1/notices?archived=true".to_owned(),
            "items",
        ),
        (
            &manager,
            format!("/api/v1/notices?community_id={community}"),
            "items",
        ),
        (
            &manager,
            format!("/api/v1/audit?community_id={community}"),
            "items",
        ),
    ];
    for (user, path, items) in lists {
        let path = path.replace("?x=1", "?");
        let (_, whole) = user.get(&format!("{path}&limit=100")).await;
        let whole: Vec<i64> = whole[items]
            .as_array()
            .expect(items)
            .iter()
            .map(|i| i["id"].as_i64().expect("id"))
            .collect();
        assert!(whole.len() >= 4, "{path}: {whole:?}");
        assert_eq!(
            walk(user, &path, items, false).await,
            whole,
            "{path} by offset"
        );
        assert_eq!(walk(user, &path, items, true).await, whole, "{path} by key");
    }
}

async fn a_position_the_list_did_not_give_out_is_refused(app: TestApp) {
    let (manager, resident, _) = fill(&app).await;
    let (_, first) = resident.get("/api/v1/repairs?limit=2").await;
    let after = first["next_cursor"]
        .as_str()
        .expect("next_cursor")
        .to_owned();
    let community = app.community("轻机南院").await;
    let bad = [
        // A household position (two values) in the queue (three).
        (
            &manager,
            format!("/api/v1/repairs?scope=queue&cursor={after}"),
        ),
        (
            &resident,
            format!("/api/v1/repairs?cursor={after}&offset=2"),
        ),
        (&resident, "/api/v1/repairs?cursor=".to_owned()),
        (&resident, "/api/v1/repairs?cursor=1.x".to_owned()),
        (&resident, "/api/v1/points/ledger?cursor=1.2".to_owned()),
        (&resident, "/api/v1/notices?cursor=%27%3B--".to_owned()),
        (
            &manager,
            format!("/api/v1/audit?community_id={community}&cursor=99999999999999999999"),
        ),
    ];
    for (user, path) in bad {
        let (status, body) = user.get(&path).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_error(&body, "invalid_cursor");
    }
}
