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
        let as_helper = caller.household_role(household_id) == Some(Role::Helper);
        let reader = of_household(state, household_id, as_helper)
            .await?
            .ok_or(ApiError::NotFound)?;
        if let (Some(asked), Reader::Household { community_id, .. }) = (community, reader)
            && asked != community_id
        {
            return Err(ApiError::Forbidden);
        }
        return Ok(reader);
    }
    match office {
        Some(m) => office_reader(m.community_id),
        None => Err(ApiError::ForbiddenBecause {
            code: ErrorCode::NoHousehold,
            message: "您还没有加入任何住户或小区",
        }),
    }
}

/// A household's point of view (`None` when there is no such household).
pub async fn of_household(
    state: &AppState,
    household_id: i64,
    as_helper: bool,
) -> sqlx::Result<Option<Reader>> {
    let place = communities::store::household_place(state.db.reader(), household_id).await?;
    Ok(place.map(|p| Reader::Household {
        household_id,
        community_id: p.community_id,
        building_id: p.building_id,
        as_helper,
    }))
}

fn office_reader(community: Option<i64>) -> Result<Reader, ApiError> {
    let community_id = community.ok_or(ApiError::Forbidden)?;
    Ok(Reader::Office { community_id })
}
