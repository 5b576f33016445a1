//! `GET /api/v1/votes/{id}/missing` (managers): the households that have not
//! voted, by building and flat, with phones: the door-to-door round.

use std::collections::BTreeMap;

use app::model::{ErrorBody, MissingHousehold};
use axum::extract::State;

use super::{managed, store};
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/votes/{id}/missing", tag = "votes",
    params(("id" = i64, Path, description = "Vote id")),
    responses(
        (status = 200, description = "By building and flat", body = [MissingHousehold]),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such vote in a community the caller manages", body = ErrorBody),
    ))]
pub async fn get_missing(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Vec<MissingHousehold>>, ApiError> {
    let vote = managed(&state, &caller, id).await?;
    let pool = state.db.reader();
    let mut phones: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for r in crate::communities::store::residents(pool, vote.community_id).await? {
        phones.entry(r.household_id).or_default().push(r.phone);
    }
    let rows = if vote.kind == app::model::VoteKind::Consultation.as_str() {
        store::unanswered(pool, id).await?
    } else {
        store::missing(pool, id).await?
    };
    let missing = rows
        .into_iter()
        .map(|m| {
            let mut p = phones.remove(&m.household_id).unwrap_or_default();
            if p.is_empty() && !m.contact_phone.is_empty() {
                p.push(m.contact_phone);
            }
            MissingHousehold {
                household_id: m.household_id,
                building: m.building,
                flat_label: m.flat_label,
                area_hundredths_m2: m.area_hundredths_m2,
                phones: p,
            }
        })
        .collect();
    Ok(AppJson(missing))
}
