//! `GET /api/v1/activities/{id}/attendance`: the organiser's screen — the
//! session, its changing code (only for those who run it) and the people,
//! signed up or checked in, by building and flat: also the printed sign-in
//! sheet.

use app::model::{
    Attendance, AttendanceLine, AttendanceQuery, CheckinMethod, ErrorBody, SignupStatus,
};
use axum::extract::State;

use super::access::{runs, visible};
use super::close::earned;
use super::store;
use super::{code_now, store::SessionRow};
use crate::accounts::session::Caller;
use crate::db::{now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/activities/{id}/attendance", tag = "activities",
    params(("id" = i64, Path, description = "Activity id"), AttendanceQuery),
    responses(
        (status = 200, description = "The session's list and, for those who run it, the code", body = Attendance),
        (status = 400, description = "Invalid id or query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not the organiser or the office", body = ErrorBody),
        (status = 404, description = "No such activity or session", body = ErrorBody),
    ))]
pub async fn attendance(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppQuery(query): AppQuery<AttendanceQuery>,
) -> Result<AppJson<Attendance>, ApiError> {
    let (row, seat) = visible(&state, &caller, id).await?;
    let running = runs(&caller, row.community_id, row.organiser_id);
    if !running && !seat.office {
        return Err(ApiError::Forbidden);
    }
    let now = now_millis();
    let db = state.db.reader();
    let at = store::session_of(db, id, query.session_id, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    let session = store::session(db, at.id).await?.ok_or(ApiError::NotFound)?;
    let lines = store::lines(db, at.id)
        .await?
        .into_iter()
        .map(|l| AttendanceLine {
            points: l
                .checked_in_at
                .and_then(|came| earned(&at, came, l.checked_out_at))
                .map_or(0, |(each, _)| each),
            user_id: l.user_id,
            name: l.name,
            building: l.building,
            flat: l.flat_label,
            has_phone: l.phone.is_some(),
            signup: l.signup.as_deref().and_then(SignupStatus::parse),
            method: l.method.as_deref().and_then(CheckinMethod::parse),
            checked_in_at: l.checked_in_at.map(rfc3339),
            checked_in_by: l.checked_in_by,
            checked_out_at: l.checked_out_at.map(rfc3339),
        })
        .collect();
    let open = running && at.closed_at.is_none() && at.cancelled_at.is_none();
    let (code, code_changes_in) = if open {
        let (code, left) = code_now(&at.code_secret, at.id, now);
        (Some(code), left)
    } else {
        (None, 0)
    };
    Ok(AppJson(Attendance {
        activity_id: id,
        title: row.title,
        session: SessionRow::wire(&session),
        code,
        code_changes_in,
        lines,
    }))
}
