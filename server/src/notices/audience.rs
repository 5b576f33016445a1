//! Who is reading: a household member (resident, or helper acting for the
//! household) or the community's office (staff, managers).

use app::model::ErrorCode;
use app::model::Role;

use crate::accounts::session::Caller;
use crate::communities;
use crate::error::ApiError;
use crate::state::AppState;

/// The point of view a list or a notice is seen from.
#[derive(Debug, Clone, Copy)]
pub enum Reader {
    Household {
        household_id: i64,
        community_id: i64,
        building_id: i64,
        as_helper: bool,
    },
    Office {
        community_id: i64,
    },
}

/// The household acted for (the `X-Acting-For` one, else the person's first),
/// or, for office people, the community asked for (else their first).
pub async fn reader(
    state: &AppState,
    caller: &Caller,
    community: Option<i64>,
) -> Result<Reader, ApiError> {
    let household = caller.household();
    let office = caller
        .memberships
        .iter()
        .filter(|m| matches!(m.role, Role::Manager | Role::Staff))
        .find(|m| community.is_none_or(|c| m.community_id == Some(c)));
    // An office person asking for their community sees it as the office.
    if let (Some(m), Some(_)) = (office, community) {
        return office_reader(m.community_id);
    }
    if let Some(household_id) = household {
        let place = communities::store::household_place(state.db.reader(), household_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let (community_id, building_id) = (place.community_id, place.building_id);
        if community.is_some_and(|c| c != community_id) {
            return Err(ApiError::Forbidden);
        }
        let as_helper = caller.household_role(household_id) == Some(Role::Helper);
        return Ok(Reader::Household {
            household_id,
            community_id,
            building_id,
            as_helper,
        });
    }
    match office {
        Some(m) => office_reader(m.community_id),
        None => Err(ApiError::ForbiddenBecause {
            code: ErrorCode::NoHousehold,
            message: "您还没有加入任何住户或小区",
        }),
    }
}

fn office_reader(community: Option<i64>) -> Result<Reader, ApiError> {
    let community_id = community.ok_or(ApiError::Forbidden)?;
    Ok(Reader::Office { community_id })
}
