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
    let mut row = super::access::managed_schedule(&state, &caller, id).await?;
    let community = row.community_id;
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    if store::retire_schedule(&mut tx, id, now).await? {
        audit::record(
            &mut tx,
            Entry::new("fees.schedule_retire", Some(caller.user_id))
                .community(community)
                .detail(json!({ "schedule": id, "name": row.name })),
        )
        .await?;
    }
    tx.commit().await?;
    // Retired now, or already (by someone else meanwhile, too): it is
    // retired either way, and nothing else of it changes here.
    row.retired_at.get_or_insert(now);
    let changes = store::rate_changes(state.db.reader(), community).await?;
    Ok(AppJson(row.wire_with(&changes)))
}
