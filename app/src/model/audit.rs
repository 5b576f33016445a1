//! The audit log as managers read it: who, for whom, what, when.

use serde::{Deserialize, Serialize};

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339 UTC.
    pub at: String,
    /// Absent for the system.
    pub actor_name: Option<String>,
    /// The household acted for ("3号楼 201"), when there was one.
    pub household: Option<String>,
    /// `repair.create`, `points.award`, `login`…
    pub action: String,
    /// The action's facts as JSON text (ids and amounts, never secrets).
    pub detail: String,
}

/// `GET /api/v1/audit` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// Newest first.
    pub items: Vec<AuditEntry>,
    pub next_offset: Option<u32>,
}

/// `GET /api/v1/audit` and `/audit/export.csv` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Default: the first community managed.
    pub community_id: Option<i64>,
    /// An action, or its area with a dot (`repair.` for every repair action).
    pub action: Option<String>,
    /// YYYY-MM-DD (Asia/Shanghai), inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}
