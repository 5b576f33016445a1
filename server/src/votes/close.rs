//! `POST /api/v1/votes/{id}/close` (managers): fixes the result, which is
//! published as a notice of category 公示 for the households the vote was
//! for; ballots are never changed afterwards.

use app::model::{ErrorBody, ErrorCode, NoticeCategory, Vote};
use axum::extract::State;
use serde_json::json;

use super::detail::vote_for;
use super::{managed, store, tally, words};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::extract::AppPath;
use crate::notices::store::{NoticeLine, insert};
use crate::state::AppState;

fn closed() -> ApiError {
    ApiError::conflict(ErrorCode::VoteClosed, "表决已经结束并公布了")
}

#[utoipa::path(post, path = "/v1/votes/{id}/close", tag = "votes",
    params(("id" = i64, Path, description = "Vote id")),
    responses(
        (status = 200, description = "Closed; the result is published", body = Vote),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such vote in a community the caller manages", body = ErrorBody),
        (status = 409, description = "Not open yet, or closed already", body = ErrorBody),
    ))]
pub async fn close_vote(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Vote>, ApiError> {
    // Counted, then fixed only if nothing was cast in between; a ballot
    // meanwhile means counting again.
    for _ in 0..5 {
        let vote = managed(&state, &caller, id).await?;
        let now = now_millis();
        if vote.closed_at.is_some() {
            return Err(closed());
        }
        if now < vote.opens_at {
            return Err(ApiError::conflict(ErrorCode::VoteNotOpen, "表决还没开始"));
        }
        let result = tally::count(&state, &vote).await?;
        let pool = state.db.reader();
        let heading = crate::communities::store::heading(pool, vote.community_id).await?;
        let (title, body) = if vote.kind == app::model::VoteKind::Consultation.as_str() {
            words::consultation(&heading.name, &vote.question, &result, now)
        } else {
            words::notice(&heading.name, &vote.question, &result, now)
        };
        let stored = serde_json::to_string(&result)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("tally unwritable: {e}")))?;
        let buildings = store::building_ids(pool, id).await?;
        let mut tx = state.db.writer().begin().await?;
        let notice = insert(
            &mut tx,
            &NoticeLine {
                community: vote.community_id,
                author: caller.user_id,
                title: &title,
                body: &body,
                category: NoticeCategory::Disclosure,
                pinned: false,
                urgent: false,
                now,
                expires: None,
            },
            &buildings,
        )
        .await?;
        // Closed by someone else, or a ballot since the count: this notice
        // goes with the rolled-back transaction.
        if !store::close(
            &mut tx,
            id,
            vote.version,
            &stored,
            notice,
            caller.user_id,
            now,
        )
        .await?
        {
            continue;
        }
        audit::record(
            &mut tx,
            Entry::new("votes.close", Some(caller.user_id))
                .community(vote.community_id)
                .detail(json!({
                    "vote": id, "notice": notice, "passed": result.passed, "quorum": result.quorum,
                })),
        )
        .await?;
        tx.commit().await?;
        return Ok(AppJson(vote_for(&state, &caller, id).await?));
    }
    Err(ApiError::conflict(
        ErrorCode::VoteClosed,
        "正在有人投票，请稍后再结束",
    ))
}
