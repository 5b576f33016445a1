//! `POST /api/v1/fees/schedules/{id}/retire`: no more bills from it; the
//! bills it made stay as they are.

use app::model::{ErrorBody, FeeSchedule};
use axum::extract::State;
use serde_json::json;

use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::extract::AppPath;
use crate::state::AppState;

/// Retires a schedule (again: no change).
#[utoipa::path(post, path = "/v1/fees/schedules/{id}/retire", tag = "fees",
    params(("id" = i64, Path, description = "Schedule id")),
    responses(
        (status = 200, description = "The retired schedule", body = FeeSchedule),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such schedule in a community the caller manages", body = ErrorBody),
    ))]
pub async fn retire_schedule(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<FeeSchedule>, ApiError> {
    let row = super::access::managed_schedule(&state, &caller, id).await?;
    let community = row.community_id;
    let mut tx = state.db.writer().begin().await?;
    if store::retire_schedule(&mut tx, id, now_millis()).await? {
        audit::record(
            &mut tx,
            Entry::new("fees.schedule_retire", Some(caller.user_id))
                .community(community)
                .detail(json!({ "schedule": id, "name": row.name })),
        )
        .await?;
    }
    tx.commit().await?;
    let db = state.db.reader();
    let row = store::schedule(db, id).await?.ok_or(ApiError::NotFound)?;
    let changes = store::rate_changes(db, community).await?;
    Ok(AppJson(row.wire_with(&changes)))
}
