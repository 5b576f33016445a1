//! `GET /api/v1/communities/{id}/buildings`: a community's buildings.

use app::model::{Building, ErrorBody};
use axum::extract::State;

use super::store;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// The buildings of a community (public, like the community list: a notice
/// editor and a registration page need them before anything private).
#[utoipa::path(get, path = "/v1/communities/{id}/buildings", tag = "communities",
    params(("id" = i64, Path, description = "Community id")),
    responses(
        (status = 200, description = "Buildings in their usual order", body = Vec<Building>),
        (status = 404, description = "No such community", body = ErrorBody),
    ))]
pub async fn list_buildings(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Vec<Building>>, ApiError> {
    if !store::exists(state.db.reader(), id).await? {
        return Err(ApiError::NotFound);
    }
    let rows = store::buildings(state.db.reader(), id).await?;
    Ok(AppJson(
        rows.into_iter().map(store::BuildingRow::wire).collect(),
    ))
}
