//! `POST /api/v1/votes/{id}/ballots`: a resident or a helper casts (or
//! changes) the household's ballot; a manager enters a paper ballot for a
//! household that will never use a phone. One ballot per household across
//! both ways, kept by the database.

use app::model::{BallotInfo, ErrorBody, ErrorCode, NewBallot};
use axum::extract::State;
use serde_json::json;

use super::detail::ballot_info;
use super::store::{self, BallotLine, Cast};
use super::{seat, state_of};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::notices::audience::Reader;
use crate::state::AppState;

#[utoipa::path(post, path = "/v1/votes/{id}/ballots", tag = "votes", request_body = NewBallot,
    params(("id" = i64, Path, description = "Vote id")),
    responses(
        (status = 200, description = "Cast, or changed", body = BallotInfo),
        (status = 400, description = "Not one of the vote's choices; a paper ballot without its number or collector; a household the vote is not for", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "A paper ballot from someone who does not manage the community; the office voting without a household; missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such vote for the caller", body = ErrorBody),
        (status = 409, description = "Not open yet, or closed; the household voted on paper (or online, for a paper ballot); the paper number is used", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn cast_ballot(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<NewBallot>,
) -> Result<AppJson<BallotInfo>, ApiError> {
    let pool = state.db.reader();
    let vote = store::vote(pool, id).await?.ok_or(ApiError::NotFound)?;
    let seat = seat(&state, &caller, &vote).await?;
    let paper =
        body.household_id.is_some() || body.paper_no.is_some() || body.collected_by.is_some();
    let household = if paper {
        if !caller.manages(vote.community_id) {
            return Err(ApiError::Forbidden);
        }
        let (Some(h), Some(_), Some(_)) = (body.household_id, &body.paper_no, &body.collected_by)
        else {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidPaperNo,
                "纸质票要写明哪一户、票的编号和谁收的",
            ));
        };
        if !store::in_scope(pool, id, h).await? {
            return Err(ApiError::bad_request(
                ErrorCode::NotVoting,
                "这次表决不包括这一户",
            ));
        }
        h
    } else {
        match seat {
            Reader::Household { household_id, .. } => household_id,
            Reader::Office { .. } => {
                return Err(ApiError::ForbiddenBecause {
                    code: ErrorCode::NoHousehold,
                    message: "物业录入纸质票时请写明哪一户",
                });
            }
        }
    };
    let choices = store::choices(pool, id).await?;
    if !choices.iter().any(|(c, _)| *c == body.choice_id) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidChoice,
            "不是这次表决的选项",
        ));
    }
    let now = now_millis();
    let line = BallotLine {
        vote: id,
        household,
        choice: body.choice_id,
        paper: body
            .paper_no
            .as_ref()
            .zip(body.collected_by.as_ref())
            .map(|(no, by)| (no.as_str(), by.as_str())),
        by: caller.user_id,
        now,
    };
    let mut tx = state.db.writer().begin().await?;
    let changed = match store::cast(&mut tx, &line).await? {
        Cast::New => false,
        Cast::Changed => true,
        Cast::NotRunning => {
            return Err(match state_of(&vote, now) {
                app::model::VoteState::Upcoming => {
                    ApiError::conflict(ErrorCode::VoteNotOpen, "表决还没开始")
                }
                _ => ApiError::conflict(ErrorCode::VoteClosed, "表决已经结束"),
            });
        }
        Cast::AlreadyVoted => {
            return Err(ApiError::conflict(
                ErrorCode::AlreadyVoted,
                "这一户已经投过票了",
            ));
        }
        Cast::PaperNoTaken => {
            return Err(ApiError::conflict(
                ErrorCode::InvalidPaperNo,
                "这个编号的纸质票已经录过了",
            ));
        }
    };
    audit::record(
        &mut tx,
        Entry::new("votes.ballot", Some(caller.user_id))
            .household(household)
            .community(vote.community_id)
            .detail(json!({
                "vote": id, "choice": body.choice_id, "paper": paper, "changed": changed,
                "paper_no": body.paper_no.as_ref().map(app::model::Text::as_str),
            })),
    )
    .await?;
    tx.commit().await?;
    store::ballot(state.db.reader(), id, household)
        .await?
        .map(ballot_info)
        .map(AppJson)
        .ok_or(ApiError::NotFound)
}
