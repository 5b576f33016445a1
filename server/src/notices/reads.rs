//! `GET /api/v1/notices/{id}/reads`: who a notice has reached, and the
//! households to knock on.

use app::model::{Contact, ErrorBody, NoticeReach, UnreachedHousehold};
use axum::extract::State;

use super::store;
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// Who the notice has reached: by household and by person, and the
/// households where nobody has read it, with phones, for knocking on doors.
#[utoipa::path(get, path = "/v1/notices/{id}/reads", tag = "notices",
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 200, description = "Reach", body = NoticeReach),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager (a resident or staff of the community)", body = ErrorBody),
        (status = 404, description = "No such notice, or another community's", body = ErrorBody),
    ))]
pub async fn notice_reads(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<NoticeReach>, ApiError> {
    let community = super::edit::manager_or_hide(&state, &caller, id).await?;
    let title = store::text(state.db.reader(), id).await?.title;
    let households = store::target_households(state.db.reader(), community, id).await?;
    let people = store::people(state.db.reader(), community, id).await?;
    // Contacts by household, so the list is built in one pass over each.
    let mut contacts: std::collections::HashMap<i64, Vec<Contact>> =
        std::collections::HashMap::new();
    let targeted: std::collections::HashSet<i64> =
        households.iter().map(|h| h.household_id).collect();
    let (mut people_total, mut people_read) = (0_i64, 0_i64);
    for p in people
        .into_iter()
        .filter(|p| targeted.contains(&p.household_id))
    {
        people_total += 1;
        people_read += i64::from(p.read != 0);
        contacts.entry(p.household_id).or_default().push(Contact {
            name: p.name,
            phone: p.phone,
            role: p.role,
        });
    }
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let households_read = count(households.iter().filter(|h| h.read != 0).count());
    let total = count(households.len());
    let unreached = households
        .into_iter()
        .filter(|h| h.read == 0)
        .map(|h| UnreachedHousehold {
            contacts: contacts.remove(&h.household_id).unwrap_or_default(),
            household_id: h.household_id,
            building: h.building,
            flat_label: h.flat_label,
        })
        .collect();
    Ok(AppJson(NoticeReach {
        notice_id: id,
        title,
        households: total,
        households_read,
        people: people_total,
        people_read,
        unreached,
    }))
}
