//! `POST /api/v1/suggestions/{id}/replies`: the office answers (the writer
//! hears of it); the writer follows up, or says whether the answer helped.

use app::model::{ErrorBody, ErrorCode, InboxKind, NewSuggestionReply, Suggestion};
use axum::extract::State;
use serde_json::json;

use super::detail::{readable, suggestion_for};
use super::{excerpt, office_of, store};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::inbox::store::{News, To, deliver};
use crate::state::AppState;

#[utoipa::path(post, path = "/v1/suggestions/{id}/replies", tag = "suggestions",
    request_body = NewSuggestionReply,
    params(("id" = i64, Path, description = "Suggestion id")),
    responses(
        (status = 200, description = "Answered, followed up or rated", body = Suggestion),
        (status = 400, description = "Nothing said; the office rating its own answer", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "Neither the caller's nor of their office", body = ErrorBody),
        (status = 409, description = "Rated before the office answered", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn reply(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<NewSuggestionReply>,
) -> Result<AppJson<Suggestion>, ApiError> {
    let row = readable(&state, &caller, id).await?;
    let mine = row.author_id == caller.user_id;
    let office = !mine && office_of(&caller, row.community_id);
    if body.body.is_none() && body.helpful.is_none() || office && body.helpful.is_some() {
        return Err(ApiError::bad_request(ErrorCode::InvalidBody, "请写下回复"));
    }
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    if let Some(text) = &body.body {
        store::insert_reply(&mut tx, id, caller.user_id, office, text.as_str(), now).await?;
    }
    if let Some(helpful) = body.helpful
        && !store::rate(&mut tx, id, helpful).await?
    {
        return Err(ApiError::conflict(
            ErrorCode::InvalidTransition,
            "物业还没有回复",
        ));
    }
    if office {
        deliver(
            &mut tx,
            &News {
                kind: InboxKind::SuggestionAnswered,
                subject: id,
                words: &excerpt(&row.body),
                amount: None,
                at: now,
            },
            To::Person(row.author_id),
        )
        .await?;
    }
    let entry = if office || row.anonymous == 0 {
        Entry::new("suggestions.reply", Some(caller.user_id))
    } else {
        Entry::new("suggestions.reply", None)
    };
    audit::record(
        &mut tx,
        entry.community(row.community_id).detail(json!({
            "suggestion": id, "office": office, "helpful": body.helpful,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(suggestion_for(&state, &caller, id).await?))
}
