//! `POST /api/v1/votes/{id}/ballots`: a resident or a helper casts (or
//! changes) the household's ballot; a manager enters a paper ballot for a
//! household that will never use a phone. One ballot per household across
//! both ways, kept by the database.

use app::model::{Answer, Cast, ErrorBody, ErrorCode, NewBallot, VoteKind};
use axum::extract::State;
use serde_json::json;

use super::detail::ballot_info;
use super::store::{self, BallotLine, Casting};
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
        (status = 200, description = "Cast, or changed: the household's ballot, or the person's answer", body = Cast),
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
) -> Result<AppJson<Cast>, ApiError> {
    let pool = state.db.reader();
    let vote = store::vote(pool, id).await?.ok_or(ApiError::NotFound)?;
    let seat = seat(&state, &caller, &vote).await?;
    let paper =
        body.household_id.is_some() || body.paper_no.is_some() || body.collected_by.is_some();
    if vote.kind == VoteKind::Consultation.as_str() {
        return answer(&state, &caller, &vote, seat, &body, paper).await;
    }
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
    let Some(choice_id) = body
        .choice_id
        .filter(|c| choices.iter().any(|(id, _)| id == c) && body.words.is_none())
    else {
        return Err(not_a_choice());
    };
    let now = now_millis();
    let line = BallotLine {
        vote: id,
        household,
        choice: choice_id,
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
        Casting::New => false,
        Casting::Changed => true,
        Casting::NotRunning => {
            return Err(match state_of(&vote, now) {
                app::model::VoteState::Upcoming => {
                    ApiError::conflict(ErrorCode::VoteNotOpen, "表决还没开始")
                }
                _ => ApiError::conflict(ErrorCode::VoteClosed, "表决已经结束"),
            });
        }
        Casting::AlreadyVoted => {
            return Err(ApiError::conflict(
                ErrorCode::AlreadyVoted,
                "这一户已经投过票了",
            ));
        }
        Casting::PaperNoTaken => {
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
                "vote": id, "choice": choice_id, "paper": paper, "changed": changed,
                "paper_no": body.paper_no.as_ref().map(app::model::Text::as_str),
            })),
    )
    .await?;
    tx.commit().await?;
    let ballot = store::ballot(state.db.reader(), id, household)
        .await?
        .map(ballot_info);
    Ok(AppJson(Cast {
        ballot,
        answer: None,
    }))
}

fn not_a_choice() -> ApiError {
    ApiError::bad_request(ErrorCode::InvalidChoice, "不是这次表决的选项")
}

/// A consultation: one answer per person, a choice or words, for themselves.
async fn answer(
    state: &AppState,
    caller: &Caller,
    vote: &store::VoteRow,
    seat: Reader,
    body: &NewBallot,
    paper: bool,
) -> Result<AppJson<Cast>, ApiError> {
    if paper {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPaperNo,
            "征求意见不收纸质票",
        ));
    }
    let Reader::Household { household_id, .. } = seat else {
        return Err(ApiError::ForbiddenBecause {
            code: ErrorCode::NoHousehold,
            message: "征求意见是问住户的",
        });
    };
    let choices = store::choices(state.db.reader(), vote.id).await?;
    let words = body.words.as_ref().map(app::model::Text::as_str);
    let fits = match (body.choice_id, words) {
        (Some(c), None) => choices.iter().any(|(id, _)| *id == c),
        (None, Some(_)) => choices.is_empty(),
        _ => false,
    };
    if !fits {
        return Err(not_a_choice());
    }
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    let line = store::AnswerLine {
        vote: vote.id,
        user: caller.user_id,
        household: household_id,
        choice: body.choice_id,
        words,
        now,
    };
    if !store::answer(&mut tx, &line).await? {
        return Err(match state_of(vote, now) {
            app::model::VoteState::Upcoming => {
                ApiError::conflict(ErrorCode::VoteNotOpen, "还没开始")
            }
            _ => ApiError::conflict(ErrorCode::VoteClosed, "已经结束"),
        });
    }
    audit::record(
        &mut tx,
        Entry::new("votes.answer", Some(caller.user_id))
            .household(household_id)
            .community(vote.community_id)
            .detail(json!({ "vote": vote.id, "choice": body.choice_id })),
    )
    .await?;
    tx.commit().await?;
    let answer = store::answer_of(state.db.reader(), vote.id, caller.user_id)
        .await?
        .map(answer_info);
    Ok(AppJson(Cast {
        ballot: None,
        answer,
    }))
}

pub fn answer_info(a: store::AnswerRow) -> Answer {
    Answer {
        choice_id: a.choice_id,
        words: a.words,
        answered_at: crate::db::rfc3339(a.changed_at.unwrap_or(a.answered_at)),
    }
}
