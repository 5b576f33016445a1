//! The bad-input battery: every mutating endpoint that reads a JSON body
//! gets missing, extra and mistyped fields, empty and 1 MB strings, invalid
//! UTF-8, a 50 MB body and the wrong content type; each must be a 4xx in
//! the error envelope and leave every table as it was. The cases are made
//! from the OpenAPI document's request schemas and the authorization
//! matrix's valid bodies, so a new endpoint is covered when it gets a row.
//! Afterwards the valid body itself must succeed, which shows each refusal
//! was for the fault put in. Text that looks like SQL, emoji, right-to-left
//! and zero-width characters may be stored (it is somebody's words), but
//! never as a 5xx and never harming a table.

mod cases;
mod fingerprint;
mod uploads;

use serde_json::Value;

use crate::helpers::TestApp;
use crate::matrix::{Call, Fixture, Row, people, table};
use cases::Case;

on_both_backends!(every_bad_body_is_a_4xx_that_stores_nothing);

/// The request schema of an operation, with `$ref`s followed.
fn request_schema<'a>(doc: &'a Value, op: &str) -> Option<&'a Value> {
    let (method, path) = op.split_once(' ')?;
    let schema = &doc["paths"][path][method.to_lowercase()]["requestBody"]["content"]["application/json"]
        ["schema"];
    let name = schema["$ref"].as_str()?.rsplit('/').next()?;
    Some(&doc["components"]["schemas"][name])
}

/// Who sends a row's body: the first role the matrix lets succeed, else
/// the resident.
fn sender(row: &Row) -> (usize, bool) {
    match row.want.iter().position(|s| (200..300).contains(s)) {
        Some(i) => (i, true),
        None => (1, false),
    }
}

async fn every_bad_body_is_a_4xx_that_stores_nothing(app: TestApp) {
    let people = people(&app).await;
    let ids = Fixture::build(&app, &people).await;
    let (_, doc) = app.get_json("/api/v1/openapi.json").await;
    let mut failures = Vec::new();
    let (mut routes, mut sent, mut texts) = (0, 0, 0);
    let mut covered = std::collections::BTreeSet::new();
    for row in table(&ids) {
        let (path, body, method) = match &row.call {
            Call::Post(path, body) => (path.clone(), body, reqwest::Method::POST),
            Call::Patch(path, body) => (path.clone(), body, reqwest::Method::PATCH),
            Call::Put(path, body) => (path.clone(), body, reqwest::Method::PUT),
            _ => continue,
        };
        let Some(schema) = request_schema(&doc, row.op) else {
            continue;
        };
        let (who, succeeds) = sender(&row);
        let user = &people[who];
        let valid = body(who);
        routes += 1;
        let text_cases = cases::for_text(&doc, schema, &valid);
        texts += text_cases.len();
        for c in &text_cases {
            covered.insert(format!(
                "{} {}",
                row.op,
                c.name.split(' ').nth(1).unwrap_or("")
            ));
        }
        for Case { name, body, kind } in cases::for_body(row.op, schema, &valid)
            .into_iter()
            .chain(text_cases)
        {
            let before = fingerprint::take(&app).await;
            let (status, answer) = user.send_raw(method.clone(), &path, kind, body).await;
            sent += 1;
            let after = fingerprint::take(&app).await;
            if !(400..500).contains(&status) || !answer["error"]["code"].is_string() {
                failures.push(format!("{} {name}: {status} {answer}", row.op));
            }
            let mut changed = fingerprint::changed(&before, &after);
            // A failed login is written to the audit log, on purpose.
            if row.op == "POST /v1/auth/login" {
                changed.retain(|t| t != "audit_log");
            }
            if !changed.is_empty() {
                failures.push(format!("{} {name}: changed {changed:?}", row.op));
            }
        }
        if succeeds {
            let (status, answer) = user
                .send_raw(
                    method.clone(),
                    &path,
                    "application/json",
                    valid.to_string().into_bytes(),
                )
                .await;
            if !(200..300).contains(&status) {
                failures.push(format!(
                    "{} the valid body itself: {status} {answer}",
                    row.op
                ));
            }
        }
        for Case { name, body, .. } in cases::odd_text(schema, &valid) {
            let users = app
                .count("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
                .await;
            let (status, answer) = user
                .send_raw(method.clone(), &path, "application/json", body)
                .await;
            sent += 1;
            let fine =
                (200..300).contains(&status) || answer["error"]["code"].is_string() && status < 500;
            if !fine {
                failures.push(format!("{} {name}: {status} {answer}", row.op));
            }
            // Adding a member without a phone makes a person, on purpose;
            // nothing else may.
            let added = usize::from(row.op == "POST /v1/households/{id}/members" && status == 201);
            assert_eq!(
                app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
                    .await,
                users + i64::try_from(added).unwrap_or(0),
                "{} {name}",
                row.op
            );
        }
    }
    let (upload_cases, upload_failures) = uploads::battery(&app, &people[1]).await;
    sent += upload_cases;
    failures.extend(upload_failures);
    eprintln!(
        "bad-input battery: {routes} JSON endpoints + uploads, {sent} requests, {texts} of them bad text"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(routes >= 28, "only {routes} endpoints found");
    // Every text field of every documented body is reached.
    let fields = cases::text_fields(&doc);
    eprintln!("{} text fields: {fields:?}", fields.len());
    assert!(
        fields.len() >= 25,
        "only {} text fields found",
        fields.len()
    );
    let missing: Vec<String> = fields
        .into_iter()
        .filter(|f| !covered.contains(f))
        .collect();
    assert!(
        missing.is_empty(),
        "text fields the battery misses: {missing:?}"
    );
}
