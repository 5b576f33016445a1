//! `GET /api/v1/votes/{id}`: the question, what to read, the choices, the
//! household's own ballot, and the result once closed.

use app::model::{BallotInfo, BallotWay, ErrorBody, Tally, Vote, VoteChoice};
use axum::extract::State;

use super::{seat, store, summary};
use crate::accounts::session::Caller;
use crate::db::{now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::notices::audience::Reader;
use crate::state::AppState;
use crate::uploads;

pub fn ballot_info(b: store::BallotRow) -> BallotInfo {
    BallotInfo {
        household_id: b.household_id,
        choice_id: b.choice_id,
        way: BallotWay::parse(&b.way).unwrap_or(BallotWay::Online),
        cast_by: b.cast_by,
        cast_at: rfc3339(b.cast_at),
        changed_at: b.changed_at.map(rfc3339),
        paper_no: b.paper_no,
    }
}

/// The vote as `caller` sees it.
pub async fn vote_for(state: &AppState, caller: &Caller, id: i64) -> Result<Vote, ApiError> {
    let pool = state.db.reader();
    let row = store::vote(pool, id).await?.ok_or(ApiError::NotFound)?;
    let seat = seat(state, caller, &row).await?;
    let household = match seat {
        Reader::Household { household_id, .. } => Some(household_id),
        Reader::Office { .. } => None,
    };
    let ballot = match household {
        Some(h) => store::ballot(pool, id, h).await?.map(ballot_info),
        None => None,
    };
    let answer = match household {
        Some(_) => store::answer_of(pool, id, caller.user_id)
            .await?
            .map(super::ballot::answer_info),
        None => None,
    };
    let result: Option<Tally> = row
        .result
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored result unreadable: {e}")))?;
    Ok(Vote {
        summary: summary(
            &row,
            now_millis(),
            household.map(|_| ballot.is_some() || answer.is_some()),
        )?,
        community_id: row.community_id,
        documents: row.documents.clone(),
        photos: store::photos(pool, id)
            .await?
            .into_iter()
            .map(uploads::photo)
            .collect(),
        choices: store::choices(pool, id)
            .await?
            .into_iter()
            .map(|(id, label)| VoteChoice { id, label })
            .collect(),
        buildings: store::building_names(pool, id).await?,
        household_id: household,
        ballot,
        result,
        answer,
    })
}

#[utoipa::path(get, path = "/v1/votes/{id}", tag = "votes",
    params(("id" = i64, Path, description = "Vote id")),
    responses(
        (status = 200, description = "The vote", body = Vote),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such vote for the caller's household or office", body = ErrorBody),
    ))]
pub async fn get_vote(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Vote>, ApiError> {
    Ok(AppJson(vote_for(&state, &caller, id).await?))
}
