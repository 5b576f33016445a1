//! `GET /api/v1/admin/households/export.csv`: the flats in the import's format.

use app::model::{ErrorBody, ExportQuery};
use axum::extract::State;
use axum::response::IntoResponse;

use super::store;
use crate::accounts::session::Caller;
use crate::csv_out::Csv;
use crate::error::ApiError;
use crate::extract::AppQuery;
use crate::state::AppState;

/// The community's households as CSV, in the import's own format.
#[utoipa::path(get, path = "/v1/admin/households/export.csv", tag = "households", params(ExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    caller.require_manager(query.community_id)?;
    let rows = store::households(state.db.reader(), query.community_id, None).await?;
    // The import's own format: what is exported here imports again.
    let mut out = Csv::new(&[
        "building",
        "building_kind",
        "flat_label",
        "area_m2",
        "resident_name",
        "resident_phone",
    ])?;
    for h in rows {
        let area = h.area_hundredths_m2;
        out.row([
            h.building.into(),
            h.building_kind.as_str().into(),
            h.flat_label.into(),
            format!("{}.{:02}", area / 100, area % 100).into(),
            h.contact_name.into(),
            h.contact_phone.into(),
        ])?;
    }
    out.response("households.csv")
}
