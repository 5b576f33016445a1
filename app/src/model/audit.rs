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
    /// Where the next page starts, for `?cursor=`; absent on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /api/v1/audit` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
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
    /// Instead of `offset`: the `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// `GET /api/v1/audit/export.csv` query: the filters of [`AuditQuery`],
/// without paging (the export is every matching entry, up to 50,000).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AuditExportQuery {
    pub community_id: Option<i64>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl AuditQuery {
    /// The filters alone.
    pub fn filters(&self) -> AuditExportQuery {
        AuditExportQuery {
            community_id: self.community_id,
            action: self.action.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}
