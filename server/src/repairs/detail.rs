//! `GET /api/v1/repairs/{id}`: a ticket with its timeline and what the
//! caller may do next.

use app::model::{ErrorBody, RepairDetail, TicketState, allowed_actions};
use axum::extract::State;

use super::access::parties;
use super::store;
use crate::accounts::session::Caller;
use crate::communities;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// One ticket. Opening it clears its "changed" mark for the caller.
#[utoipa::path(get, path = "/v1/repairs/{id}", tag = "repairs",
    params(("id" = i64, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The ticket, its timeline and the caller's next actions", body = RepairDetail),
        (status = 400, description = "Malformed id", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "Absent or not yours to see", body = ErrorBody),
    ))]
pub async fn get_repair(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<RepairDetail>, ApiError> {
    let now = now_millis();
    let detail = detail_of(&state, &caller, id, now).await?;
    store::mark_seen(state.db.writer(), caller.user_id, id, now).await?;
    Ok(AppJson(detail))
}

/// The ticket as the caller may see it, or 404.
pub async fn detail_of(
    state: &AppState,
    caller: &Caller,
    id: i64,
    now: i64,
) -> Result<RepairDetail, ApiError> {
    let db = state.db.reader();
    let row = store::ticket(db, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mine = parties(caller, &row.key());
    if mine.is_empty() {
        return Err(ApiError::NotFound);
    }
    let ticket_state = TicketState {
        status: row.status(),
        has_assignee: row.assignee_id.is_some(),
        resolved_at: row.resolved_at,
    };
    let office_phone = communities::store::heading(db, row.community_id)
        .await?
        .office_phone;
    let events = store::events(db, id).await?;
    let photos = store::photos_of(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let for_household = mine.contains(&app::model::Party::Household);
    Ok(RepairDetail {
        ticket: row.wire(now, photos, for_household),
        events,
        allowed: allowed_actions(ticket_state, &mine, now),
        office_phone,
    })
}
