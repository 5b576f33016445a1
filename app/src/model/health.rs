use serde::{Deserialize, Serialize};

/// `GET /api/health`: the process is up and its database answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `"ok"` when the status is 200.
    pub status: String,
    /// `"sqlite"` or `"postgres"`.
    pub database: String,
}
