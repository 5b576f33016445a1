//! `PATCH /api/v1/fees/schedules/{id}`: a new rate from a period on. Bills
//! already made keep their amounts, so the period must not be billed yet.

use app::model::{ChangeRate, ErrorBody, ErrorCode, FeeSchedule};
use axum::extract::State;
use serde_json::json;

use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// Sets the rate for a period not yet billed, and the periods after it.
#[utoipa::path(patch, path = "/v1/fees/schedules/{id}", tag = "fees", request_body = ChangeRate,
    params(("id" = i64, Path, description = "Schedule id")),
    responses(
        (status = 200, description = "The schedule with its rate changes", body = FeeSchedule),
        (status = 400, description = "Invalid rate or period", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such schedule in a community the caller manages", body = ErrorBody),
        (status = 409, description = "That period (or a later one) is billed already; or the schedule is retired", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn change_rate(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<ChangeRate>,
) -> Result<AppJson<FeeSchedule>, ApiError> {
    let row = super::access::managed_schedule(&state, &caller, id).await?;
    if !(1..=1_000_000).contains(&body.rate_fen) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidAmount,
            "单价须大于 0",
        ));
    }
    if row.period.label(&body.from_period).is_none() {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPeriod,
            "周期写法不对：按年写 2026，按季写 2026-Q1，按月写 2026-03",
        ));
    }
    let community = row.community_id;
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    if !store::hold_live_schedule(&mut tx, id).await? {
        return Err(ApiError::conflict(
            ErrorCode::ScheduleRetired,
            "这个收费项目已经停用了",
        ));
    }
    if store::billed_from(&mut tx, id, &body.from_period).await? {
        return Err(ApiError::conflict(
            ErrorCode::BillsExist,
            "这一期的账单已经出了，新单价只能从还没出账单的一期开始",
        ));
    }
    store::set_rate_from(
        &mut tx,
        id,
        &body.from_period,
        body.rate_fen,
        caller.user_id,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::new("fees.schedule_rate", Some(caller.user_id))
            .community(community)
            .detail(json!({ "schedule": id, "from": body.from_period, "rate_fen": body.rate_fen })),
    )
    .await?;
    tx.commit().await?;
    let changes = store::rate_changes(state.db.reader(), community).await?;
    Ok(AppJson(row.wire_with(&changes)))
}
