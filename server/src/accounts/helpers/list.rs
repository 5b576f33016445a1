//! `GET /api/v1/households/{id}/helpers`: the household's live helpers.

use app::model::{ErrorBody, HelperInfo};
use axum::extract::State;

use super::may_manage_helpers;
use crate::accounts::session::Caller;
use crate::accounts::store;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// The household's live helpers.
#[utoipa::path(get, path = "/v1/households/{id}/helpers", tag = "helpers",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 200, description = "Helpers of the household", body = Vec<HelperInfo>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Helpers cannot manage helpers", body = ErrorBody),
        (status = 404, description = "No such household, or not yours", body = ErrorBody),
    ))]
pub async fn list_helpers(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(household_id): AppPath<i64>,
) -> Result<AppJson<Vec<HelperInfo>>, ApiError> {
    may_manage_helpers(&state, &caller, household_id).await?;
    let rows = store::helpers(state.db.reader(), household_id).await?;
    Ok(AppJson(
        rows.into_iter().map(store::HelperRow::wire).collect(),
    ))
}
