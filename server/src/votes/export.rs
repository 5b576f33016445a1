//! `GET /api/v1/votes/{id}/ballots.csv` (managers): every ballot for the
//! committee's records — who voted how is the office's and the household's
//! to see, never other residents'.

use app::model::ErrorBody;
use axum::extract::State;
use axum::response::IntoResponse;

use super::{managed, store};
use crate::accounts::session::Caller;
use crate::csv_out::{Cell, Csv};
use crate::db::rfc3339;
use crate::error::ApiError;
use crate::extract::AppPath;
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/votes/{id}/ballots.csv", tag = "votes",
    params(("id" = i64, Path, description = "Vote id")),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such vote in a community the caller manages", body = ErrorBody),
    ))]
pub async fn export_ballots(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<impl IntoResponse, ApiError> {
    managed(&state, &caller, id).await?;
    let mut out = Csv::new(&[
        "楼",
        "门牌",
        "面积(㎡)",
        "选择",
        "方式",
        "纸质票编号",
        "收票人",
        "投票人",
        "投票时间",
        "改票时间",
    ])?;
    for b in store::export(state.db.reader(), id).await? {
        out.row([
            b.building.into(),
            b.flat_label.into(),
            Cell::hundredths(b.area_hundredths_m2),
            b.choice.into(),
            (if b.way == "paper" { "纸质" } else { "线上" }).into(),
            b.paper_no.into(),
            b.collected_by.into(),
            b.cast_by.into(),
            rfc3339(b.cast_at).into(),
            b.changed_at.map(rfc3339).into(),
        ])?;
    }
    out.response("ballots.csv")
}
