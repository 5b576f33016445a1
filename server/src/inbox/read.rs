//! `POST /api/v1/inbox/read`: some of my items, or all, marked read.

use app::model::{Counts, ErrorBody, ErrorCode, MAX_MARK_READ, MarkRead};
use axum::extract::State;

use super::store;
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Marks read; answers with the counts as they now are, for the badges.
#[utoipa::path(post, path = "/v1/inbox/read", tag = "inbox", request_body = MarkRead,
    responses(
        (status = 200, description = "Marked; the badges' counts now", body = Counts),
        (status = 400, description = "Neither ids nor all, both, or too many ids", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn mark_read(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<MarkRead>,
) -> Result<AppJson<Counts>, ApiError> {
    if body.all != body.ids.is_empty() || body.ids.len() > MAX_MARK_READ {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidFields,
            "请给出要标为已读的消息（ids，最多 200 条），或 all: true，二者选一",
        ));
    }
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    if body.all {
        store::mark_all_read(&mut tx, caller.user_id, now).await?;
    } else {
        store::mark_read(&mut tx, caller.user_id, &body.ids, now).await?;
    }
    tx.commit().await?;
    Ok(AppJson(super::counts::of(&state, &caller).await?))
}
