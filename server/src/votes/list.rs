//! `GET /api/v1/votes`: the votes a household is part of, or all of the
//! office's community.

use app::model::{ErrorBody, VoteSummary, VotesQuery};
use axum::extract::State;

use super::{store, summary};
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::notices::audience::{Reader, reader};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/votes", tag = "votes", params(VotesQuery),
    responses(
        (status = 200, description = "Newest first, at most 200", body = [VoteSummary]),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household, and not of this community's office", body = ErrorBody),
    ))]
pub async fn list_votes(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<VotesQuery>,
) -> Result<AppJson<Vec<VoteSummary>>, ApiError> {
    let pool = state.db.reader();
    let now = now_millis();
    let rows = match reader(&state, &caller, query.community_id).await? {
        Reader::Office { community_id } => store::votes(pool, community_id, None)
            .await?
            .iter()
            .map(|v| summary(v, now, None))
            .collect::<Result<_, _>>()?,
        Reader::Household {
            household_id,
            community_id,
            building_id,
            ..
        } => {
            let voted = store::voted_in(pool, household_id).await?;
            store::votes(pool, community_id, Some(building_id))
                .await?
                .iter()
                .map(|v| summary(v, now, Some(voted.contains(&v.id))))
                .collect::<Result<_, _>>()?
        }
    };
    Ok(AppJson(rows))
}
