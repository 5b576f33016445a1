//! Deciding together (表决): a manager opens a vote for the community or some
//! buildings; each household casts one ballot, weighted by its flat's area
//! (online by a resident or helper, changeable until it closes, or on paper
//! entered by the office); the office watches the Civil Code's double
//! thresholds and the households still missing; at close the result is
//! fixed and published as a notice of category 公示.

mod ballot;
mod close;
mod create;
mod detail;
mod export;
mod list;
mod missing;
pub(crate) mod store;
mod tally;
mod words;

use app::model::{Role, VoteState, VoteSummary};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::accounts::session::Caller;
use crate::db::rfc3339;
use crate::error::ApiError;
use crate::notices::audience::{Reader, reader};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_votes, create::create_vote))
        .routes(routes!(detail::get_vote))
        .routes(routes!(ballot::cast_ballot))
        .routes(routes!(tally::get_tally))
        .routes(routes!(missing::get_missing))
        .routes(routes!(close::close_vote))
        .routes(routes!(export::export_ballots))
}

pub fn state_of(v: &store::VoteRow, now: i64) -> VoteState {
    if v.closed_at.is_some() {
        VoteState::Closed
    } else if now < v.opens_at {
        VoteState::Upcoming
    } else if now < v.closes_at {
        VoteState::Open
    } else {
        VoteState::Ended
    }
}

pub fn summary(v: &store::VoteRow, now: i64, voted: Option<bool>) -> Result<VoteSummary, ApiError> {
    let parse = |what: &str, name: &str| {
        ApiError::Internal(anyhow::anyhow!("stored vote {what} unknown: {name}"))
    };
    Ok(VoteSummary {
        id: v.id,
        kind: app::model::VoteKind::parse(&v.kind).ok_or_else(|| parse("kind", &v.kind))?,
        matter: app::model::Matter::parse(&v.matter).ok_or_else(|| parse("matter", &v.matter))?,
        question: v.question.clone(),
        opens_at: rfc3339(v.opens_at),
        closes_at: rfc3339(v.closes_at),
        state: state_of(v, now),
        voted,
        notice_id: v.notice_id,
    })
}

/// How the caller sees this vote: as its community's office, or as a
/// household it is for. Anyone else: 404 (ids reveal nothing).
pub async fn seat(
    state: &AppState,
    caller: &Caller,
    vote: &store::VoteRow,
) -> Result<Reader, ApiError> {
    let office = caller.memberships.iter().any(|m| {
        matches!(m.role, Role::Manager | Role::Staff) && m.community_id == Some(vote.community_id)
    });
    if office {
        return Ok(Reader::Office {
            community_id: vote.community_id,
        });
    }
    let household = match reader(state, caller, None).await {
        Ok(r @ Reader::Household { household_id, .. })
            if store::in_scope(state.db.reader(), vote.id, household_id).await? =>
        {
            r
        }
        Ok(_)
        | Err(ApiError::Forbidden | ApiError::ForbiddenBecause { .. } | ApiError::NotFound) => {
            return Err(ApiError::NotFound);
        }
        Err(e) => return Err(e),
    };
    Ok(household)
}

/// The vote, for a manager of its community (else 404).
pub async fn managed(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<store::VoteRow, ApiError> {
    store::vote(state.db.reader(), id)
        .await?
        .filter(|v| caller.manages(v.community_id))
        .ok_or(ApiError::NotFound)
}
