//! `GET /api/v1/votes/{id}/tally` (managers): the live count against the
//! Civil Code's thresholds, in exact fractions.

use app::model::{ErrorBody, Matter, Tally, VoteChoice, VoteKind, Weight};
use axum::extract::State;

use super::{managed, store};
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

pub async fn count(state: &AppState, vote: &store::VoteRow) -> Result<Tally, ApiError> {
    let pool = state.db.reader();
    let (households, area) = store::eligible(pool, vote.id).await?;
    let counts = store::counts(pool, vote.id).await?;
    let mut online = 0;
    let choices = store::choices(pool, vote.id)
        .await?
        .into_iter()
        .map(|(id, label)| {
            let (h, a, o) = counts
                .iter()
                .find(|(c, ..)| *c == id)
                .map_or((0, 0, 0), |(_, h, a, o)| (*h, *a, *o));
            online += o;
            (
                VoteChoice { id, label },
                Weight {
                    households: h,
                    area: a,
                },
                o,
            )
        })
        .collect();
    let kind = VoteKind::parse(&vote.kind).unwrap_or(VoteKind::Decision);
    let matter = Matter::parse(&vote.matter).unwrap_or(Matter::Major);
    Ok(Tally::count(
        kind,
        matter,
        Weight { households, area },
        choices,
        online,
    ))
}

#[utoipa::path(get, path = "/v1/votes/{id}/tally", tag = "votes",
    params(("id" = i64, Path, description = "Vote id")),
    responses(
        (status = 200, description = "Participation and choices by area and households; whether it would pass now", body = Tally),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such vote in a community the caller manages", body = ErrorBody),
    ))]
pub async fn get_tally(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Tally>, ApiError> {
    let vote = managed(&state, &caller, id).await?;
    Ok(AppJson(count(&state, &vote).await?))
}
