//! `GET /api/v1/suggestions`: the office's box, or the writer's own.

use app::model::{AnsweredInTime, ErrorBody, SuggestionList, SuggestionsQuery};
use axum::extract::State;

use super::{store, summary};
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::notices::audience::{Reader, reader};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/suggestions", tag = "suggestions", params(SuggestionsQuery),
    responses(
        (status = 200, description = "The office: open oldest first, and the share answered within 3 days; a writer: their own", body = SuggestionList),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household, and not of this community's office", body = ErrorBody),
    ))]
pub async fn list_suggestions(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<SuggestionsQuery>,
) -> Result<AppJson<SuggestionList>, ApiError> {
    let pool = state.db.reader();
    Ok(AppJson(
        match reader(&state, &caller, query.community_id).await? {
            Reader::Office { community_id } => {
                let (answered, total) =
                    store::answered_in_time(pool, community_id, now_millis()).await?;
                SuggestionList {
                    items: store::of_community(pool, community_id)
                        .await?
                        .iter()
                        .map(|s| summary(s, &caller))
                        .collect(),
                    answered_in_time: Some(AnsweredInTime { answered, total }),
                }
            }
            Reader::Household { .. } => SuggestionList {
                items: store::of_author(pool, caller.user_id)
                    .await?
                    .iter()
                    .map(|s| summary(s, &caller))
                    .collect(),
                answered_in_time: None,
            },
        },
    ))
}
