//! The OpenAPI 3 document, generated from the handlers' annotations and
//! served at `/api/v1/openapi.json`. Paths in it are relative to `/api`.
//!
//! The annotations name each handler's own answers; [`document`] then adds
//! the answers every route shares through the layers in front of it (a
//! malformed query, no session, the CSRF check, a body that is too large or
//! not JSON, the time limit), so that a client, or a fuzzer checking
//! conformance, finds every status the server can send.

use serde_json::{Value, json};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;
use crate::{
    accounts, activities, admin, audit, care, communities, disclosures, fees, health, households,
    inbox, notices, points, repairs, shop, suggestions, uploads, votes,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "院里 Courtyard API", description = "Resident portal for old residential compounds."),
    servers((url = "/api")),
    components(schemas(app::model::ErrorBody, app::model::RepairScope))
)]
struct ApiDoc;

/// Every API route, with its documentation, before state is attached.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(communities::router())
        .merge(accounts::router())
        .merge(admin::router())
        .merge(notices::router())
        .merge(fees::router())
        .merge(disclosures::router())
        .merge(repairs::router())
        .merge(points::router())
        .merge(shop::router())
        .merge(audit::router())
        .merge(uploads::router())
        .merge(households::router())
        .merge(inbox::router())
        .merge(care::router())
        .merge(activities::router())
        .merge(votes::router())
        .merge(suggestions::router())
}

/// Operations anyone may call without a session.
const PUBLIC: [&str; 6] = [
    "GET /health",
    "GET /v1/communities",
    "GET /v1/communities/{id}/buildings",
    "POST /v1/auth/login",
    "POST /v1/auth/register",
    "POST /v1/auth/reset-password",
];

/// Operations that count failed attempts and answer 429 past the limit.
const RATE_LIMITED: [&str; 3] = [
    "POST /v1/auth/login",
    "POST /v1/auth/register",
    "POST /v1/auth/reset-password",
];

/// The served document: the annotations plus the shared answers.
pub fn document(doc: utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(doc).unwrap_or_else(|_| json!({}));
    widen_unsigned(&mut doc);
    close_request_bodies(&mut doc);
    let Some(paths) = doc["paths"].as_object_mut() else {
        return doc;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            let op = format!("{} {path}", method.to_uppercase());
            bound_limit(operation);
            add_shared_answers(&op, method, path, operation);
        }
    }
    doc
}

/// utoipa writes a `u32` as `int32` (whose top is 2^31 - 1) with a minimum
/// of 0; the server reads the whole unsigned range, so say that instead.
fn widen_unsigned(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            if fields.get("format").and_then(Value::as_str) == Some("int32")
                && fields.get("minimum").and_then(Value::as_i64) == Some(0)
            {
                fields.remove("format");
                fields.insert("maximum".into(), json!(u32::MAX));
            }
            fields.values_mut().for_each(widen_unsigned);
        }
        Value::Array(items) => items.iter_mut().for_each(widen_unsigned),
        _ => {}
    }
}

/// Request bodies are read with `deny_unknown_fields`: say so in their
/// schemas (utoipa leaves it out of the variants of a tagged enum).
fn close_request_bodies(doc: &mut Value) {
    let mut names = Vec::new();
    if let Some(paths) = doc["paths"].as_object() {
        for operation in paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|i| i.values())
        {
            let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
            if let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
                names.push(name.to_owned());
            }
        }
    }
    for name in names {
        if let Some(schema) = doc
            .get_mut("components")
            .and_then(|c| c.get_mut("schemas"))
            .and_then(|s| s.get_mut(&name))
        {
            close(schema);
        }
    }
}

fn close(schema: &mut Value) {
    if let Some(fields) = schema.as_object_mut() {
        if fields.contains_key("properties") {
            fields
                .entry("additionalProperties")
                .or_insert(Value::Bool(false));
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            if let Some(items) = fields.get_mut(key).and_then(Value::as_array_mut) {
                items.iter_mut().for_each(close);
            }
        }
    }
}

/// `?limit=` takes 1–100 wherever it appears (see `extract::paging`).
fn bound_limit(operation: &mut Value) {
    let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for parameter in parameters {
        if parameter["name"] == "limit" && parameter["in"] == "query" {
            parameter["schema"]["minimum"] = json!(1);
            parameter["schema"]["maximum"] = json!(app::model::MAX_LIMIT);
        }
    }
}

fn add_shared_answers(op: &str, method: &str, path: &str, operation: &mut Value) {
    let has_body = operation.get("requestBody").is_some();
    let mut shared: Vec<(&str, &str)> = vec![
        ("400", "A query or path value is malformed or invalid"),
        ("408", "The request took longer than 30 seconds"),
    ];
    if !PUBLIC.contains(&op) {
        shared.push(("401", "No valid session"));
    }
    if method != "get" || !PUBLIC.contains(&op) {
        shared.push((
            "403",
            "Not yours to do, the household is not yours to act for, or the X-Requested-With header is missing",
        ));
    }
    if path.contains('{') || has_body {
        shared.push((
            "404",
            "A record it names does not exist or is not yours to see",
        ));
    }
    if method != "get" {
        shared.push(("409", "The state of things does not allow it"));
        shared.push(("413", "The body is larger than this endpoint takes"));
        shared.push(("415", "The body is not of the type this endpoint takes"));
        shared.push(("422", "The body does not fit the schema"));
    }
    if RATE_LIMITED.contains(&op) {
        shared.push(("429", "Too many failed attempts; try again later"));
    }
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (status, description) in shared {
        responses.entry(status).or_insert_with(|| {
            json!({
                "description": description,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_documents_the_shared_answers_with_the_envelope() {
        let (_, doc) = api_router().split_for_parts();
        let doc = document(doc);
        let me = &doc["paths"]["/v1/me"]["patch"]["responses"];
        for status in ["400", "401", "403", "408", "409", "413", "415", "422"] {
            assert_eq!(
                me[status]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ErrorBody",
                "{status}"
            );
        }
        let health = &doc["paths"]["/health"]["get"]["responses"];
        assert!(health.get("401").is_none(), "health needs no session");
        assert!(doc["components"]["schemas"]["RepairScope"].is_object());
    }

    #[test]
    fn text_kinds_carry_their_limits_into_the_schema() {
        let (_, doc) = api_router().split_for_parts();
        let doc = document(doc);
        let schemas = &doc["components"]["schemas"];
        let name = &schemas["PersonName"];
        assert_eq!(name["type"], "string");
        assert_eq!(name["minLength"], 1);
        assert_eq!(name["maxLength"], 50);
        assert_eq!(
            schemas["RegisterRequest"]["properties"]["name"]["$ref"],
            "#/components/schemas/PersonName"
        );
        let note = &schemas["RepairNote"];
        assert_eq!(note["maxLength"], 2000);
        assert!(note.get("minLength").is_none(), "a note may be empty");
    }
}
