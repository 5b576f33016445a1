//! `GET/POST /api/v1/fees/schedules`: what the office charges for, and how.

use app::model::{ErrorBody, ErrorCode, FeeSchedule, NewFeeSchedule};
use axum::extract::State;
use axum::http::StatusCode;

use super::store::{self, NewSchedule};
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// The fee schedules of the manager's community.
#[utoipa::path(get, path = "/v1/fees/schedules", tag = "fees",
    params(("community_id" = Option<i64>, Query, description = "The manager's first community when absent")),
    responses(
        (status = 200, description = "Schedules", body = Vec<FeeSchedule>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn list_schedules(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<std::collections::HashMap<String, i64>>,
) -> Result<AppJson<Vec<FeeSchedule>>, ApiError> {
    if query.keys().any(|k| k != "community_id") {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidQuery,
            "只接受 community_id",
        ));
    }
    let community = caller.managed_community(query.get("community_id").copied())?;
    let db = state.db.reader();
    let rows = store::schedules(db, community).await?;
    let changes = store::rate_changes(db, community).await?;
    Ok(AppJson(
        rows.into_iter()
            .map(|row| row.wire_with(&changes))
            .collect(),
    ))
}

/// Adds a fee schedule.
#[utoipa::path(post, path = "/v1/fees/schedules", tag = "fees", request_body = NewFeeSchedule,
    responses(
        (status = 201, description = "Created", body = FeeSchedule),
        (status = 400, description = "Invalid name, rate or due days", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 409, description = "A schedule of that name exists", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn create_schedule(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewFeeSchedule>,
) -> Result<(StatusCode, AppJson<FeeSchedule>), ApiError> {
    let community = caller.managed_community(Some(body.community_id))?;
    let name = body.name.as_str();
    if !(1..=1_000_000).contains(&body.rate_fen) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidAmount,
            "单价须大于 0",
        ));
    }
    let due_days = body.due_days.unwrap_or(30);
    if !(0..=366).contains(&due_days) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidDueDays,
            "缴费期限须在 0 到 366 天之间",
        ));
    }
    if store::schedule_name_taken(state.db.writer(), community, name).await? {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名称的收费项目了",
        ));
    }
    let row = store::insert_schedule(
        state.db.writer(),
        &NewSchedule {
            community,
            name,
            basis: body.basis,
            rate_fen: body.rate_fen,
            period: body.period,
            due_days,
            now: now_millis(),
        },
    )
    .await?;
    // A new schedule has no rate changes yet.
    Ok((StatusCode::CREATED, AppJson(row.wire_with(&[]))))
}
