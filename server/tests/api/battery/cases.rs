//! The faulty bodies made from one valid body and its schema.

use serde_json::{Map, Value, json};

pub struct Case {
    pub name: String,
    pub body: Vec<u8>,
    pub kind: &'static str,
}

const JSON: &str = "application/json";
const MEGABYTE: usize = 1024 * 1024;

fn case(name: impl Into<String>, body: &Value) -> Case {
    Case {
        name: name.into(),
        body: body.to_string().into_bytes(),
        kind: JSON,
    }
}

fn with(valid: &Map<String, Value>, key: &str, value: Value) -> Value {
    let mut body = valid.clone();
    body.insert(key.to_owned(), value);
    Value::Object(body)
}

/// A value of another JSON type than `value`'s.
fn mistyped(value: &Value) -> Option<Value> {
    Some(match value {
        Value::String(_) => json!(12345),
        Value::Number(_) => json!("十二"),
        Value::Bool(_) => json!("yes"),
        Value::Array(_) => json!({"a": 1}),
        Value::Object(_) => json!(7),
        Value::Null => return None,
    })
}

/// Required text that may be left empty: a notice can be all title.
const MAY_BE_EMPTY: [(&str, &str); 1] = [("POST /v1/notices", "body")];

/// Every case that must be refused with a 4xx and change nothing.
pub fn for_body(op: &str, schema: &Value, valid: &Value) -> Vec<Case> {
    let valid = valid.as_object().cloned().unwrap_or_default();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut cases = Vec::new();
    if !required.is_empty() {
        cases.push(case("an empty object", &json!({})));
    }
    for key in &required {
        let mut body = valid.clone();
        if body.remove(*key).is_some() {
            cases.push(case(format!("without {key}"), &Value::Object(body)));
        }
    }
    cases.push(case(
        "an extra field",
        &with(&valid, "is_admin", json!(true)),
    ));
    for (key, value) in &valid {
        if let Some(wrong) = mistyped(value) {
            cases.push(case(
                format!("{key} of the wrong type"),
                &with(&valid, key, wrong),
            ));
        }
        if value.is_string() {
            cases.push(case(
                format!("{key} of 1 MB"),
                &with(&valid, key, json!("字".repeat(MEGABYTE / 3))),
            ));
            if required.contains(&key.as_str()) && !MAY_BE_EMPTY.contains(&(op, key.as_str())) {
                cases.push(case(format!("{key} empty"), &with(&valid, key, json!(""))));
                cases.push(case(
                    format!("{key} only spaces"),
                    &with(&valid, key, json!("   ")),
                ));
                cases.push(case(
                    format!("{key} only zero-width"),
                    &with(&valid, key, json!("\u{200b}\u{200d}")),
                ));
            }
        }
    }
    cases.push(case(
        "an array instead of an object",
        &json!([Value::Object(valid.clone())]),
    ));
    cases.push(Case {
        name: "invalid UTF-8".into(),
        body: invalid_utf8(&valid),
        kind: JSON,
    });
    cases.push(Case {
        name: "not JSON".into(),
        body: b"phone=13800000003&password=x".to_vec(),
        kind: JSON,
    });
    cases.push(Case {
        name: "a 50 MB body".into(),
        body: vec![b' '; 50 * MEGABYTE],
        kind: JSON,
    });
    cases.push(Case {
        name: "the wrong content type".into(),
        body: Value::Object(valid).to_string().into_bytes(),
        kind: "text/plain",
    });
    cases
}

/// The limits of a text field's schema (a kind of `Text`), `$ref`s and
/// `oneOf` wrappers followed: (minLength, maxLength).
fn text_limits(doc: &Value, schema: &Value) -> Option<(u64, u64)> {
    if let Some(max) = schema["maxLength"].as_u64() {
        return Some((schema["minLength"].as_u64().unwrap_or(0), max));
    }
    if let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        return text_limits(doc, &doc["components"]["schemas"][name]);
    }
    ["oneOf", "anyOf", "allOf"]
        .iter()
        .filter_map(|k| schema[*k].as_array())
        .flatten()
        .find_map(|s| text_limits(doc, s))
}

/// The properties of a request schema that fit this body: a struct's own,
/// or, for a tagged enum, those of the variant the body is.
fn properties<'a>(schema: &'a Value, valid: &Map<String, Value>) -> Option<&'a Map<String, Value>> {
    if let Some(own) = schema["properties"].as_object() {
        return Some(own);
    }
    schema["oneOf"].as_array()?.iter().find_map(|variant| {
        let props = variant["properties"].as_object()?;
        valid.keys().all(|k| props.contains_key(k)).then_some(props)
    })
}

/// Every text field of the schema, sent or not, gets text made only of
/// zero-width characters (refused where the kind may not be empty),
/// control characters (refused in every kind) and one character more
/// than its maxLength. Each must be a 4xx that stores nothing.
pub fn for_text(doc: &Value, schema: &Value, valid: &Value) -> Vec<Case> {
    let valid = valid.as_object().cloned().unwrap_or_default();
    let Some(props) = properties(schema, &valid) else {
        return Vec::new();
    };
    let mut cases = Vec::new();
    for (key, prop) in props {
        let Some((min, max)) = text_limits(doc, prop) else {
            continue;
        };
        let words = valid
            .get(key)
            .and_then(Value::as_str)
            .filter(|w| !w.trim().is_empty())
            .unwrap_or("楼道")
            .to_owned();
        if min > 0 {
            cases.push(case(
                format!("text {key} only zero-width"),
                &with(&valid, key, json!("\u{200b}\u{2060}\u{feff}")),
            ));
        }
        for (name, bad) in [
            ("NUL", '\u{0}'),
            ("BEL", '\u{7}'),
            ("ESC", '\u{1b}'),
            ("C1", '\u{85}'),
        ] {
            cases.push(case(
                format!("text {key} with {name}"),
                &with(&valid, key, json!(format!("{words}{bad}{words}"))),
            ));
        }
        let long = usize::try_from(max).unwrap_or(usize::MAX - 1) + 1;
        cases.push(case(
            format!("text {key} of maxLength + 1"),
            &with(&valid, key, json!("字".repeat(long))),
        ));
    }
    cases
}

/// "METHOD /path field" for every text field of every request body in the
/// document (every variant of a tagged enum).
pub fn text_fields(doc: &Value) -> Vec<String> {
    let mut fields = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
            let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) else {
                continue;
            };
            let schema = &doc["components"]["schemas"][name];
            let variants = schema["oneOf"].as_array().cloned().unwrap_or_default();
            for props in std::iter::once(schema)
                .chain(variants.iter())
                .filter_map(|s| s["properties"].as_object())
            {
                for (key, prop) in props {
                    if text_limits(doc, prop).is_some() {
                        fields.insert(format!("{} {path} {key}", method.to_uppercase()));
                    }
                }
            }
        }
    }
    fields.into_iter().collect()
}

/// The valid body with two bytes that are not UTF-8 inside its first
/// string (or in a field of its own when it has none).
fn invalid_utf8(valid: &Map<String, Value>) -> Vec<u8> {
    const MARK: &str = "@@not-utf8@@";
    let key = valid
        .iter()
        .find(|(_, v)| v.is_string())
        .map_or("note".to_owned(), |(k, _)| k.clone());
    let text = with(valid, &key, json!(MARK)).to_string();
    let (head, tail) = text.split_once(MARK).unwrap_or((&text, ""));
    [head.as_bytes(), b"\xff\xfe", tail.as_bytes()].concat()
}

/// Somebody's odd words in each text field: SQL-looking, emoji,
/// right-to-left and zero-width characters. They may be stored.
pub fn odd_text(_schema: &Value, valid: &Value) -> Vec<Case> {
    let valid = valid.as_object().cloned().unwrap_or_default();
    let odd = "楼道灯'); DROP TABLE users; -- 🔧👍🏻 \u{202e}שלום\u{202c} a\u{200b}b\u{200d}c";
    valid
        .iter()
        .filter(|(_, v)| v.is_string())
        .map(|(key, _)| {
            case(
                format!("{key} with odd text"),
                &with(&valid, key, json!(odd)),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_sits_inside_a_string() {
        let body = invalid_utf8(json!({"a": 1, "b": "x"}).as_object().expect("object"));
        assert!(std::str::from_utf8(&body).is_err());
        assert!(body.starts_with(b"{\"a\":1,\"b\":\""));
    }
}
