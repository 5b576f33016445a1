//! Who may call which endpoint: every route of the API (read from its own
//! OpenAPI document, so a new route without a row fails) against every role,
//! in one table. A row names the exact status each role gets.

mod accounts;
mod activities;
mod care;
mod fixture;
mod inbox;
mod money;
mod office;
mod repairs;
mod votes;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::TestApp;
pub use fixture::{Fixture, people};

on_both_backends!(every_route_answers_every_role_as_the_table_says);

pub const ROLES: [&str; 9] = [
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

/// A body made for the i-th role (so that creations do not collide).
pub type Body = Box<dyn Fn(usize) -> Value + Send + Sync>;

pub enum Call {
    Get(String),
    Post(String, Body),
    Patch(String, Body),
    Put(String, Body),
    Delete(String),
    /// Raw bytes with a content type (uploads, CSV import).
    Bytes(String, &'static str, Vec<u8>),
    /// A GET answered with CSV (or the error envelope).
    Text(String),
    /// A GET answered with an image (or the error envelope).
    Image(String),
}

impl Call {
    fn path(&self) -> &str {
        match self {
            Call::Get(p) | Call::Post(p, _) | Call::Patch(p, _) | Call::Put(p, _) => p,
            Call::Delete(p) => p,
            Call::Bytes(p, _, _) | Call::Text(p) | Call::Image(p) => p,
        }
    }
}

/// One route: its OpenAPI operation ("GET /v1/me"), the call, and the
/// status for each of [`ROLES`] in order.
pub struct Row {
    pub op: &'static str,
    pub call: Call,
    pub want: [u16; 9],
}

pub fn row(op: &'static str, call: Call, want: [u16; 9]) -> Row {
    Row { op, call, want }
}

/// Every row, in the order they run: logging out and revoking come last
/// (see `accounts::closing`), since they change what later rows see.
pub fn table(ids: &Fixture) -> Vec<Row> {
    let mut table = accounts::rows(ids);
    table.extend(office::rows(ids));
    table.extend(repairs::rows(ids));
    table.extend(money::rows(ids));
    table.extend(inbox::rows(ids));
    table.extend(care::rows(ids));
    table.extend(activities::rows(ids));
    table.extend(votes::rows(ids));
    table.extend(accounts::closing(ids));
    table
}

/// Every operation the server documents, as "METHOD /path".
async fn documented(app: &TestApp) -> BTreeSet<String> {
    let (status, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                ops.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    ops
}

async fn every_route_answers_every_role_as_the_table_says(app: TestApp) {
    let people = people(&app).await;
    let ids = Fixture::build(&app, &people).await;
    let table = table(&ids);

    let listed: BTreeSet<String> = table.iter().map(|r| r.op.to_owned()).collect();
    let documented = documented(&app).await;
    let missing: Vec<_> = documented.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "routes with no row in the table: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "rows for routes that do not exist: {unknown:?}"
    );

    let mut failures = Vec::new();
    for Row { op, call, want } in &table {
        for (i, (user, want)) in people.iter().zip(want).enumerate() {
            let (got, body) = match call {
                Call::Get(path) => user.get(path).await,
                Call::Post(path, body) => user.post(path, body(i)).await,
                Call::Patch(path, body) => user.patch(path, body(i)).await,
                Call::Put(path, body) => user.put(path, body(i)).await,
                Call::Delete(path) => user.delete(path).await,
                Call::Bytes(path, kind, bytes) => user.post_bytes(path, kind, bytes.clone()).await,
                Call::Text(path) => {
                    let (status, text) = user.get_text(path).await_text().await;
                    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
                }
                Call::Image(path) => {
                    let (status, _, _, bytes) = user.get_bytes(path).await;
                    (
                        status,
                        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
                    )
                }
            };
            if got != *want {
                failures.push(format!(
                    "{op} ({}) as {}: got {got}, want {want}: {body}",
                    call.path(),
                    ROLES[i]
                ));
            }
            if got >= 400 && !body["error"]["code"].is_string() {
                failures.push(format!(
                    "{op} as {}: {got} without the envelope: {body}",
                    ROLES[i]
                ));
            }
        }
    }
    let cells = table.len() * ROLES.len();
    eprintln!(
        "authorization matrix: {} routes × {} roles = {cells} calls",
        table.len(),
        ROLES.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
