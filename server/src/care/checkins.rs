//! `POST /api/v1/care/checkins`: 我很好 — today's check-in, by the person or,
//! having phoned them, their helper.

use app::model::{CareSettings, CheckIn, ErrorBody, ErrorCode};
use axum::extract::State;
use axum::http::StatusCode;

use super::access::person;
use super::settings::settings_of;
use super::{store, today_and_minutes};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

#[utoipa::path(post, path = "/v1/care/checkins", tag = "care", request_body = CheckIn,
    responses(
        (status = 201, description = "Checked in for today (again is harmless)", body = CareSettings),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household; or not the resident's own or their helper; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such resident in the household acted for", body = ErrorBody),
        (status = 409, description = "报平安 is not switched on for this person", body = ErrorBody),
        (status = 422, description = "Unknown fields", body = ErrorBody),
    ))]
pub async fn check_in(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<CheckIn>,
) -> Result<(StatusCode, AppJson<CareSettings>), ApiError> {
    let who = person(&state, &caller, body.user_id).await?;
    let now = state.care_now();
    let (today, _) = today_and_minutes(now);
    let mut tx = state.db.writer().begin().await?;
    if !store::check_in(&mut tx, who.user_id, &today, now).await? {
        return Err(ApiError::conflict(
            ErrorCode::NotEnrolled,
            "还没有开通报平安，请先在“报平安”里打开",
        ));
    }
    let mut entry = Entry::new("care.checkin", Some(caller.user_id))
        .community(who.community_id)
        .detail(serde_json::json!({ "person": who.user_id }));
    if caller.user_id != who.user_id {
        entry = entry.household(who.household_id);
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(settings_of(&state, who).await?),
    ))
}
