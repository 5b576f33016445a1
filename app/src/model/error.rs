use serde::{Deserialize, Serialize};

/// The one error envelope: `{"error": {"code": "snake_case", "message": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// A machine-readable code the client maps to its own words, and a plain
/// message (Chinese) for any other client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// snake_case, stable: clients branch on it.
    #[cfg_attr(feature = "openapi", schema(example = "not_found"))]
    pub code: String,
    /// Human text; may change between versions.
    pub message: String,
}

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_to_the_documented_envelope() {
        let body = ErrorBody::new("not_found", "没有找到");
        let json = serde_json::to_value(&body).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({"error": {"code": "not_found", "message": "没有找到"}})
        );
    }
}
