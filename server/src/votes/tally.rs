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
    if vote.kind == VoteKind::Consultation.as_str() {
        return consultation(state, vote, Weight { households, area }).await;
    }
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

/// A consultation's answers: people per choice (no area, no thresholds) and
/// the answers in words.
async fn consultation(
    state: &AppState,
    vote: &store::VoteRow,
    eligible: Weight,
) -> Result<Tally, ApiError> {
    let pool = state.db.reader();
    let answers = store::answers(pool, vote.id).await?;
    let people = |choice: i64| {
        i64::try_from(answers.iter().filter(|(c, _)| *c == Some(choice)).count()).unwrap_or(0)
    };
    let choices = store::choices(pool, vote.id)
        .await?
        .into_iter()
        .map(|(id, label)| {
            let weight = Weight {
                households: people(id),
                area: 0,
            };
            (VoteChoice { id, label }, weight, weight.households)
        })
        .collect();
    let answered = i64::try_from(answers.len()).unwrap_or(0);
    let mut tally = Tally::count(
        VoteKind::Consultation,
        Matter::Ordinary,
        eligible,
        choices,
        answered,
    );
    // People, not households: no quorum, nothing passes.
    tally.voted = Weight {
        households: answered,
        area: 0,
    };
    tally.paper = 0;
    tally.quorum = false;
    tally.passed = None;
    for c in &mut tally.choices {
        c.carries = false;
    }
    tally.texts = answers.into_iter().filter_map(|(_, w)| w).collect();
    Ok(tally)
}
