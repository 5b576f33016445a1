//! `POST /api/v1/suggestions`: a resident or a helper writes, for the
//! household.

use app::model::{ErrorBody, ErrorCode, NewSuggestion, Suggestion};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::detail::suggestion_for;
use super::store::{self, SuggestionLine};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::notices::audience::{Reader, reader};
use crate::state::AppState;
use crate::uploads;

#[utoipa::path(post, path = "/v1/suggestions", tag = "suggestions", request_body = NewSuggestion,
    responses(
        (status = 201, description = "In the box", body = Suggestion),
        (status = 400, description = "Empty or too long; too many photos, or photos not the writer's", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household to write for; or missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn create_suggestion(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewSuggestion>,
) -> Result<(StatusCode, AppJson<Suggestion>), ApiError> {
    let Reader::Household {
        household_id,
        community_id,
        ..
    } = reader(&state, &caller, None).await?
    else {
        return Err(ApiError::ForbiddenBecause {
            code: ErrorCode::NoHousehold,
            message: "意见箱是给住户用的",
        });
    };
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
    let line = SuggestionLine {
        community: community_id,
        household: household_id,
        author: caller.user_id,
        kind: body.kind.as_str(),
        body: body.body.as_str(),
        anonymous: body.anonymous,
        now: now_millis(),
    };
    let id = store::insert(&mut tx, &line, &body.photo_ids).await?;
    // An anonymous writer stays anonymous in the office's log too.
    let entry = if body.anonymous {
        Entry::new("suggestions.create", None)
    } else {
        Entry::new("suggestions.create", Some(caller.user_id)).household(household_id)
    };
    audit::record(
        &mut tx,
        entry
            .community(community_id)
            .detail(json!({ "suggestion": id, "kind": body.kind.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(suggestion_for(&state, &caller, id).await?),
    ))
}
