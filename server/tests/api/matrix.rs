//! Who may call which accounts endpoint: every role against every route of
//! the accounts and office areas, in one table.

use serde_json::{Value, json};

use crate::helpers::{HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User};

on_both_backends!(every_role_gets_exactly_the_status_the_table_says);

const ROLES: [&str; 9] = [
    "anonymous",
    "resident",
    "helper",
    "revoked_helper",
    "other_household",
    "staff",
    "manager",
    "other_manager",
    "admin",
];

/// Logs in one browser per role, building the ones the demo lacks.
async fn people(app: &TestApp) -> Vec<User> {
    let father = app.login(RESIDENT).await;
    let manager = app.login(MANAGER).await;

    // Without the stale X-Acting-For header (which gets 403 everywhere).
    let mut revoked = app.revoked_helper().await;
    revoked.acting_for = None;
    let neighbour = app.neighbour().await;

    // A deployment admin.
    let hash = server::accounts::password::hash("operator-2026".into())
        .await
        .expect("hash");
    let id = server::accounts::store::insert_user(app.db.writer(), "13500000009", "运维", &hash)
        .await
        .expect("user");
    server::accounts::store::insert_membership(
        app.db.writer(),
        id,
        app::model::Role::Admin,
        server::accounts::store::Scope::Deployment,
        None,
    )
    .await
    .expect("admin");

    vec![
        app.anonymous(),
        father,
        app.login(HELPER).await,
        revoked,
        neighbour,
        app.login(STAFF).await,
        manager,
        app.login(OTHER_MANAGER).await,
        app.login_with("13500000009", "operator-2026").await,
    ]
}

enum Call {
    Get(String),
    Post(String, Box<dyn Fn(usize) -> Value>),
}

async fn every_role_gets_exactly_the_status_the_table_says(app: TestApp) {
    let people = people(&app).await;
    let household = app.zhang_household().await;
    let community = app.community("轻机南院").await;
    // anonymous, resident, helper, revoked, other household, staff, manager, other manager, admin
    let table: Vec<(&str, Call, [u16; 9])> = vec![
        (
            "GET /me",
            Call::Get("/api/v1/me".into()),
            [401, 200, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "PATCH-like prefs via POST is 405",
            Call::Post(
                "/api/v1/me".into(),
                Box::new(|_| json!({"large_text": true})),
            ),
            [405, 405, 405, 405, 405, 405, 405, 405, 405],
        ),
        (
            "issue helper code",
            Call::Post(
                format!("/api/v1/households/{household}/helper-codes"),
                Box::new(|_| json!({})),
            ),
            [401, 201, 403, 404, 404, 404, 201, 404, 404],
        ),
        (
            "list helpers",
            Call::Get(format!("/api/v1/households/{household}/helpers")),
            [401, 200, 403, 404, 404, 404, 200, 404, 404],
        ),
        (
            "registration slips",
            Call::Get(format!(
                "/api/v1/admin/households/codes?community_id={community}"
            )),
            [401, 403, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            "regenerate a registration code",
            Call::Post(
                format!("/api/v1/admin/households/{household}/registration-code"),
                Box::new(|_| json!({})),
            ),
            [401, 404, 404, 404, 404, 404, 201, 404, 404],
        ),
        (
            "create staff",
            Call::Post(
                "/api/v1/admin/staff".into(),
                Box::new(
                    move |i| json!({"community_id": community, "phone": format!("1360000000{i}"), "name": "新员工", "password": "new-staff-2026"}),
                ),
            ),
            [401, 403, 403, 403, 403, 403, 201, 403, 403],
        ),
        (
            "issue a password reset",
            Call::Post(
                "/api/v1/admin/password-resets".into(),
                Box::new(move |_| json!({"community_id": community, "phone": "13700000002"})),
            ),
            [401, 403, 403, 403, 403, 403, 201, 403, 403],
        ),
        (
            "list communities (admin)",
            Call::Get("/api/v1/admin/communities".into()),
            [401, 403, 403, 403, 403, 403, 403, 403, 200],
        ),
        (
            "create a community (admin)",
            Call::Post(
                "/api/v1/admin/communities".into(),
                Box::new(|i| json!({"name": format!("新院{i}"), "office_phone": "0372-5550000"})),
            ),
            [401, 403, 403, 403, 403, 403, 403, 403, 201],
        ),
        (
            "link as helper with an unknown code",
            Call::Post(
                "/api/v1/helpers/link".into(),
                Box::new(|_| json!({"code": "22222222", "relation": "child"})),
            ),
            [401, 404, 404, 404, 404, 404, 404, 404, 404],
        ),
    ];
    let mut failures = Vec::new();
    for (name, call, expected) in &table {
        for (i, (user, want)) in people.iter().zip(expected).enumerate() {
            let (got, body) = match call {
                Call::Get(path) => user.get(path).await,
                Call::Post(path, body) => user.post(path, body(i)).await,
            };
            if got != *want {
                failures.push(format!(
                    "{name} as {}: got {got}, want {want}: {body}",
                    ROLES[i]
                ));
            }
            if got >= 400 {
                assert!(
                    body["error"]["code"].is_string(),
                    "{name} as {}: no envelope: {body}",
                    ROLES[i]
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
