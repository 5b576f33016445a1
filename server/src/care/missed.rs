//! `GET /api/v1/care/missed`: the office's list "今天还没报平安", by
//! building and flat, with phones, for the same day's calls and knocks.

use app::model::{ErrorBody, MissedCheckIn, MissedQuery, deadline_text};
use axum::extract::State;

use super::{store, today_and_minutes};
use crate::accounts::session::Caller;
use crate::db::rfc3339;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/care/missed", tag = "care", params(MissedQuery),
    responses(
        (status = 200, description = "Past their time today without a check-in, by building", body = [MissedCheckIn]),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not staff or a manager of the community", body = ErrorBody),
    ))]
pub async fn list_missed(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<MissedQuery>,
) -> Result<AppJson<Vec<MissedCheckIn>>, ApiError> {
    let community = caller.office_community(query.community_id)?;
    let (today, minutes) = today_and_minutes(state.care_now());
    let rows = store::missed(state.db.reader(), community, &today, minutes).await?;
    Ok(AppJson(
        rows.into_iter()
            .map(|r| MissedCheckIn {
                user_id: r.user_id,
                name: r.name,
                phone: r.phone,
                building: r.building,
                flat_label: r.flat_label,
                deadline: deadline_text(r.deadline_minutes),
                last_checkin_at: r.last_at.map(rfc3339),
            })
            .collect(),
    ))
}
