//! `GET /api/v1/suggestions/{id}`: for its writer and its community's office.

use app::model::{ErrorBody, Suggestion, SuggestionReply};
use axum::extract::State;

use super::{office_of, store, summary, writer};
use crate::accounts::session::Caller;
use crate::db::rfc3339;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;
use crate::uploads;

/// The suggestion, for its writer or its office (else 404).
pub async fn readable(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<store::SuggestionRow, ApiError> {
    store::one(state.db.reader(), id)
        .await?
        .filter(|s| s.author_id == caller.user_id || office_of(caller, s.community_id))
        .ok_or(ApiError::NotFound)
}

pub async fn suggestion_for(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<Suggestion, ApiError> {
    let row = readable(state, caller, id).await?;
    let pool = state.db.reader();
    let replies = store::replies(pool, id)
        .await?
        .into_iter()
        .map(|r| SuggestionReply {
            from_office: r.from_office == 1,
            author: if r.from_office == 1 {
                r.author_name
            } else {
                writer(&row, caller)
            },
            body: r.body,
            created_at: rfc3339(r.created_at),
        })
        .collect();
    Ok(Suggestion {
        summary: summary(&row, caller),
        body: row.body.clone(),
        photos: store::photos(pool, id)
            .await?
            .into_iter()
            .map(uploads::photo)
            .collect(),
        replies,
        mine: row.author_id == caller.user_id,
    })
}

#[utoipa::path(get, path = "/v1/suggestions/{id}", tag = "suggestions",
    params(("id" = i64, Path, description = "Suggestion id")),
    responses(
        (status = 200, description = "The suggestion and its replies", body = Suggestion),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "Neither the caller's nor of their office", body = ErrorBody),
    ))]
pub async fn get_suggestion(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Suggestion>, ApiError> {
    Ok(AppJson(suggestion_for(&state, &caller, id).await?))
}
