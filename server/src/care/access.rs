//! Whose 报平安 a caller may see and set: their own, as a resident; as a
//! helper, a resident of the household they act for (the first unless
//! they name one).

use app::model::{ErrorCode, Role};

use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::state::AppState;

/// The person, their household and community.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    pub user_id: i64,
    pub household_id: i64,
    pub community_id: i64,
}

pub async fn person(
    state: &AppState,
    caller: &Caller,
    asked: Option<i64>,
) -> Result<Person, ApiError> {
    let household = caller.household().ok_or(ApiError::ForbiddenBecause {
        code: ErrorCode::NoHousehold,
        message: "报平安是住户的事：您还没有加入任何住户",
    })?;
    let db = state.db.reader();
    let user_id = match caller.household_role(household) {
        Some(Role::Resident) => match asked {
            None => caller.user_id,
            Some(id) if id == caller.user_id => id,
            Some(_) => return Err(ApiError::Forbidden),
        },
        Some(Role::Helper) => match asked {
            Some(id) => id,
            None => crate::points::store::first_resident(db, household)
                .await?
                .ok_or(ApiError::NotFound)?,
        },
        _ => return Err(ApiError::Forbidden),
    };
    if !super::store::lives_in(db, user_id, household).await? {
        return Err(ApiError::NotFound);
    }
    let place = crate::communities::store::household_place(db, household)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Person {
        user_id,
        household_id: household,
        community_id: place.community_id,
    })
}
