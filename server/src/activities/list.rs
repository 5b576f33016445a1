//! `GET /api/v1/activities`: what is coming up (or, for the office's
//! records, what is over), with the household's sign-ups — "你报名了 …".

use std::collections::HashMap;

use app::model::{Activity, ActivityList, ActivityQuery, ErrorBody, Signup};
use axum::extract::State;

use super::access::{Seat, seat};
use super::store::{self, ActivityRow};
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/activities", tag = "activities", params(ActivityQuery),
    responses(
        (status = 200, description = "Upcoming activities soonest first (or past ones, newest first)", body = ActivityList),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household, and not of the office of the community asked for", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ActivityQuery>,
) -> Result<AppJson<ActivityList>, ApiError> {
    let seat = seat(&state, &caller, query.community_id).await?;
    let now = now_millis();
    let rows = store::activities(
        state.db.reader(),
        seat.community,
        now,
        seat.building.filter(|_| !seat.office),
        query.past,
    )
    .await?;
    Ok(AppJson(ActivityList {
        items: with_names(&state, &caller, seat, rows, now).await?,
    }))
}

/// The wire activities: each with its buildings' names and the household's
/// (or the caller's) live sign-ups. Two queries whatever the number.
pub async fn with_names(
    state: &AppState,
    caller: &Caller,
    seat: Seat,
    rows: Vec<ActivityRow>,
    now: i64,
) -> Result<Vec<Activity>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let db = state.db.reader();
    let mut buildings: HashMap<i64, Vec<String>> = HashMap::new();
    for (activity, _, name) in store::buildings_of(db, &ids).await? {
        buildings.entry(activity).or_default().push(name);
    }
    let mut mine: HashMap<i64, Vec<Signup>> = HashMap::new();
    for s in store::signups_of(db, &ids, seat.household, caller.user_id, now).await? {
        mine.entry(s.activity_id).or_default().push(s.wire());
    }
    Ok(rows
        .iter()
        .map(|r| {
            r.wire(
                buildings.remove(&r.id).unwrap_or_default(),
                mine.remove(&r.id).unwrap_or_default(),
            )
        })
        .collect())
}
