//! `GET /api/v1/audit/export.csv`: the filtered log as a spreadsheet.

use app::model::{AuditExportQuery, ErrorBody};
use axum::extract::State;
use axum::response::IntoResponse;

use super::{filters, store};
use crate::accounts::session::Caller;
use crate::csv_out::Csv;
use crate::error::ApiError;
use crate::extract::AppQuery;
use crate::state::AppState;

/// The same, as CSV (up to 50,000 lines).
#[utoipa::path(get, path = "/v1/audit/export.csv", tag = "audit", params(AuditExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid dates or action", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<AuditExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let f = filters(&caller, &query)?;
    let mut out = Csv::new(&["时间", "操作人", "代办住户", "操作", "详情"])?;
    for e in store::rows(state.db.reader(), &f, None, 50_000, 0)
        .await?
        .into_iter()
        .map(store::AuditRow::wire)
    {
        out.row([
            e.at.into(),
            e.actor_name.into(),
            e.household.into(),
            e.action.into(),
            e.detail.into(),
        ])?;
    }
    out.response("audit.csv")
}
