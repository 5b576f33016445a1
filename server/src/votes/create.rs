//! `POST /api/v1/votes` (managers): opens a vote.

use app::model::{DECISION_CHOICES, ErrorBody, ErrorCode, NewVote, Vote, VoteKind};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::detail::vote_for;
use super::store::{self, VoteLine};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{DAY, MINUTE, now_millis, parse_rfc3339};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;
use crate::uploads;

fn bad_times() -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidTimes,
        "开始和结束时间不对：结束要晚于开始和现在，最长一年",
    )
}

fn bad_choices() -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidChoice,
        "选项不对：表决要 2 到 10 个不同的选项，同意/不同意的表决不用填",
    )
}

#[utoipa::path(post, path = "/v1/votes", tag = "votes", request_body = NewVote,
    responses(
        (status = 201, description = "Opened (or to open at its time)", body = Vote),
        (status = 400, description = "Bad question, choices, times, buildings or photos", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn create_vote(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewVote>,
) -> Result<(StatusCode, AppJson<Vote>), ApiError> {
    caller.require_manager(body.community_id)?;
    let now = now_millis();
    let opens_at = match body.opens_at.as_deref() {
        None => now,
        Some(at) => parse_rfc3339(at)
            .filter(|at| *at >= now - MINUTE)
            .ok_or_else(bad_times)?,
    };
    let closes_at = parse_rfc3339(&body.closes_at)
        .filter(|at| *at > opens_at && *at > now && *at <= opens_at + 366 * DAY)
        .ok_or_else(bad_times)?;
    let labels: Vec<&str> = match body.kind {
        VoteKind::Decision if body.choices.is_empty() => DECISION_CHOICES.to_vec(),
        VoteKind::Decision => return Err(bad_choices()),
        VoteKind::Choice | VoteKind::Consultation => {
            body.choices.iter().map(app::model::Text::as_str).collect()
        }
    };
    let mut distinct = labels.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // A consultation may ask for words alone (no choices).
    let words_only = body.kind == VoteKind::Consultation && labels.is_empty();
    if !words_only && !(2..=10).contains(&labels.len()) || distinct.len() != labels.len() {
        return Err(bad_choices());
    }
    let matter = match body.kind {
        VoteKind::Consultation => app::model::Matter::Ordinary,
        _ => body.matter,
    };
    let mut buildings = body.building_ids.clone();
    buildings.sort_unstable();
    buildings.dedup();
    if body.photo_ids.len() > 4 {
        return Err(ApiError::bad_request(
            ErrorCode::TooManyPhotos,
            "最多 4 张照片",
        ));
    }
    for photo in &body.photo_ids {
        uploads::require_own(&state, &caller, photo).await?;
    }
    let mut tx = state.db.writer().begin().await?;
    if buildings.len() > 200
        || crate::notices::store::buildings_in(&mut tx, body.community_id, &buildings).await?
            != buildings.len()
    {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidBuildings,
            "选的楼不属于这个小区",
        ));
    }
    let line = VoteLine {
        community: body.community_id,
        kind: body.kind.as_str(),
        matter: matter.as_str(),
        question: body.question.as_str(),
        documents: body.documents.as_str(),
        opens_at,
        closes_at,
        by: caller.user_id,
        now,
    };
    let id = store::insert(&mut tx, &line, &labels, &buildings, &body.photo_ids).await?;
    audit::record(
        &mut tx,
        Entry::new("votes.create", Some(caller.user_id))
            .community(body.community_id)
            .detail(json!({ "vote": id, "kind": body.kind.as_str(), "buildings": buildings })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(vote_for(&state, &caller, id).await?),
    ))
}
