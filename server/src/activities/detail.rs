//! `GET /api/v1/activities/{id}`: one activity with its schedule and the
//! household's sign-ups; `PATCH` lets a manager correct the words, change
//! the organiser or call it off.

use app::model::{ActivityDetail, ActivityPatch, ErrorBody, ErrorCode};
use axum::extract::State;

use super::access::{runs, visible};
use super::list::with_names;
use super::store::{self, Change};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// The detail as this caller sees it.
pub async fn detail_of(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<ActivityDetail, ApiError> {
    let (row, seat) = visible(state, caller, id).await?;
    let now = now_millis();
    let db = state.db.reader();
    let building_ids = store::buildings_of(db, &[id])
        .await?
        .into_iter()
        .map(|(_, b, _)| b)
        .collect();
    let schedule = store::sessions(db, id)
        .await?
        .iter()
        .map(store::SessionRow::wire)
        .collect();
    let (details, organiser_id, rule_id) = (row.details.clone(), row.organiser_id, row.rule_id);
    let organiser_phone = row.organiser_phone.clone();
    let can_run = runs(caller, row.community_id, organiser_id);
    let activity = with_names(state, caller, seat, vec![row], now)
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    Ok(ActivityDetail {
        activity,
        details,
        organiser_id,
        organiser_phone,
        rule_id,
        building_ids,
        schedule,
        can_run,
    })
}

#[utoipa::path(get, path = "/v1/activities/{id}", tag = "activities",
    params(("id" = i64, Path, description = "Activity id")),
    responses(
        (status = 200, description = "The activity", body = ActivityDetail),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "Absent, or not meant for the caller's building or community", body = ErrorBody),
    ))]
pub async fn get_activity(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<ActivityDetail>, ApiError> {
    Ok(AppJson(detail_of(&state, &caller, id).await?))
}

#[utoipa::path(patch, path = "/v1/activities/{id}", tag = "activities",
    params(("id" = i64, Path, description = "Activity id")), request_body = ActivityPatch,
    responses(
        (status = 200, description = "Changed", body = ActivityDetail),
        (status = 400, description = "Invalid title, place, details or organiser", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of its community; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "Absent, or not meant for the caller", body = ErrorBody),
        (status = 422, description = "Unknown fields", body = ErrorBody),
    ))]
pub async fn patch_activity(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<ActivityPatch>,
) -> Result<AppJson<ActivityDetail>, ApiError> {
    let (row, _) = visible(&state, &caller, id).await?;
    caller.require_manager(row.community_id)?;
    if let Some(organiser) = body.organiser_id
        && !store::may_organise(state.db.reader(), row.community_id, organiser).await?
    {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidOrganiser,
            "组织人须是本小区的管理员或登记的住户",
        ));
    }
    let change = Change {
        title: body.title.as_deref(),
        place: body.place.as_deref(),
        details: body.details.as_deref(),
        organiser: body.organiser_id,
        cancelled: body.cancelled,
    };
    let mut tx = state.db.writer().begin().await?;
    store::update(&mut tx, id, &change, now_millis()).await?;
    audit::record(
        &mut tx,
        Entry::new("activities.edit", Some(caller.user_id))
            .community(row.community_id)
            .detail(serde_json::json!({
                "activity": id, "cancelled": body.cancelled, "organiser": body.organiser_id,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(detail_of(&state, &caller, id).await?))
}
