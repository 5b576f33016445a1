//! `GET /api/v1/admin/households`: the office's list of flats.

use app::model::{ErrorBody, HouseholdRow, HouseholdsQuery};
use axum::extract::State;

use super::store;
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// The community's households (optionally one building's), for the office to
/// find a flat.
#[utoipa::path(get, path = "/v1/admin/households", tag = "households", params(HouseholdsQuery),
    responses(
        (status = 200, description = "Households by building then flat", body = Vec<HouseholdRow>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<HouseholdsQuery>,
) -> Result<AppJson<Vec<HouseholdRow>>, ApiError> {
    caller.require_manager(query.community_id)?;
    let rows = store::households(state.db.reader(), query.community_id, query.building_id).await?;
    Ok(AppJson(
        rows.into_iter().map(store::HouseholdLine::wire).collect(),
    ))
}
