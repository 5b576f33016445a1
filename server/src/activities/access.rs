//! Who sees an activity and who runs it. Residents and helpers see their
//! community's activities meant for their building; the office (staff and
//! managers) and the organiser see all of theirs. Managers and the
//! organiser run one: check people in, see the list, close it.

use app::model::Role;

use super::store::{self, ActivityRow};
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::state::AppState;

/// Where the caller stands for a community's activities.
#[derive(Debug, Clone, Copy)]
pub struct Seat {
    pub community: i64,
    /// The household they speak for, when they see it as one of its people.
    pub household: Option<i64>,
    pub building: Option<i64>,
    /// Staff or manager of the community: sees every activity.
    pub office: bool,
}

/// The community a caller's list shows: the one asked for (office), else
/// the household's, else the office's first.
pub async fn seat(state: &AppState, caller: &Caller, asked: Option<i64>) -> Result<Seat, ApiError> {
    if asked.is_none()
        && let Some(household) = caller.household()
    {
        let place = crate::communities::store::household_place(state.db.reader(), household)
            .await?
            .ok_or(ApiError::NotFound)?;
        return Ok(Seat {
            community: place.community_id,
            household: Some(household),
            building: Some(place.building_id),
            office: false,
        });
    }
    let community = caller.office_community(asked)?;
    Ok(Seat {
        community,
        household: None,
        building: None,
        office: true,
    })
}

/// The activity, if the caller may see it: 404 otherwise (it exists only
/// for those it is meant for).
pub async fn visible(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<(ActivityRow, Seat), ApiError> {
    let now = crate::db::now_millis();
    let row = store::activity(state.db.reader(), id, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    let office = caller.office_community(Some(row.community_id)).is_ok();
    if office || row.organiser_id == caller.user_id {
        let seat = Seat {
            community: row.community_id,
            household: None,
            building: None,
            office,
        };
        return Ok((row, with_household(state, caller, seat).await?));
    }
    let seat = seat(state, caller, None)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let invited = match seat.building {
        Some(b) => store::invites(state.db.reader(), id, b).await?,
        None => false,
    };
    if seat.community != row.community_id || !invited {
        return Err(ApiError::NotFound);
    }
    Ok((row, seat))
}

/// An office person who also lives in the community sees their household's
/// sign-ups too.
async fn with_household(state: &AppState, caller: &Caller, seat: Seat) -> Result<Seat, ApiError> {
    let Some(household) = caller.household() else {
        return Ok(seat);
    };
    let place = crate::communities::store::household_place(state.db.reader(), household).await?;
    Ok(match place {
        Some(p) if p.community_id == seat.community => Seat {
            household: Some(household),
            building: Some(p.building_id),
            ..seat
        },
        _ => seat,
    })
}

/// Managers of the community and the organiser run an activity.
pub fn runs(caller: &Caller, community: i64, organiser: i64) -> bool {
    caller.manages(community) || caller.user_id == organiser
}

/// Whom the caller may sign up or withdraw: themselves or a resident of the
/// household they speak for; a manager anyone of the community. The
/// person's (household, building) in the community, else 404.
pub async fn for_person(
    state: &AppState,
    caller: &Caller,
    community: i64,
    person: i64,
) -> Result<(i64, i64), ApiError> {
    let db = state.db.reader();
    let place = crate::points::store::residence_in(db, community, person)
        .await?
        .map(|r| (r.household_id, r.building_id))
        .ok_or(ApiError::NotFound)?;
    let family = caller
        .household()
        .filter(|h| *h == place.0)
        .and_then(|h| caller.household_role(h))
        .is_some_and(|r| matches!(r, Role::Resident | Role::Helper));
    if caller.manages(community) || person == caller.user_id || family {
        Ok(place)
    } else {
        Err(ApiError::NotFound)
    }
}
