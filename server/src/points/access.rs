//! Whose points a request is about, and which community a member works in.

use app::model::ErrorCode;
use app::model::Role;

use super::store::{self, Residence};
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::state::AppState;

/// The resident whose points are meant, in which community, and the
/// household a helper spends for.
#[derive(Debug, Clone, Copy)]
pub struct Whose {
    pub user_id: i64,
    pub community_id: i64,
    pub acting_household: Option<i64>,
}

/// Residents: themselves. Helpers: a resident of the household they help
/// (the one asked for, else its first). Managers: any resident of their
/// community they name. Anyone else asking about someone: 404.
pub async fn whose(
    state: &AppState,
    caller: &Caller,
    asked: Option<i64>,
) -> Result<Whose, ApiError> {
    let db = state.db.reader();
    let helped: Vec<i64> = caller
        .memberships
        .iter()
        .filter(|m| m.role == Role::Helper)
        .filter_map(|m| m.household_id)
        .filter(|h| caller.acting_for.is_none_or(|a| a == *h))
        .collect();
    if let Some(user) = asked.filter(|u| *u != caller.user_id) {
        for Residence {
            community_id: community,
            household_id: household,
            ..
        } in store::residences(db, user).await?
        {
            if helped.contains(&household) {
                return Ok(Whose {
                    user_id: user,
                    community_id: community,
                    acting_household: Some(household),
                });
            }
            if caller.manages(community) {
                return Ok(Whose {
                    user_id: user,
                    community_id: community,
                    acting_household: None,
                });
            }
        }
        return Err(ApiError::NotFound);
    }
    let own = store::residences(db, caller.user_id).await?;
    // Acting for a household they only help: the helped resident's points.
    let helping = caller
        .acting_for
        .is_some_and(|a| helped.contains(&a) && !own.iter().any(|r| r.household_id == a));
    let mine = if helping {
        None
    } else {
        own.iter()
            .find(|r| caller.acting_for == Some(r.household_id))
            .or(own.first())
    };
    if let Some(r) = mine {
        return Ok(Whose {
            user_id: caller.user_id,
            community_id: r.community_id,
            acting_household: None,
        });
    }
    if asked.is_none()
        && let Some(household) = helped.first()
        && let Some(user) = store::first_resident(db, *household).await?
        && let Some(r) = store::residences(db, user)
            .await?
            .into_iter()
            .find(|r| r.household_id == *household)
    {
        return Ok(Whose {
            user_id: user,
            community_id: r.community_id,
            acting_household: Some(*household),
        });
    }
    Err(ApiError::ForbiddenBecause {
        code: ErrorCode::NoPointsAccount,
        message: "只有登记的住户才有积分",
    })
}

/// The community a member (any role) looks at: the one asked for if they
/// belong to it, else that of the household acted for, else their first.
pub fn member_community(caller: &Caller, asked: Option<i64>) -> Result<i64, ApiError> {
    let communities = || caller.memberships.iter().filter_map(|m| m.community_id);
    match asked {
        Some(c) if communities().any(|x| x == c) => Ok(c),
        Some(_) => Err(ApiError::Forbidden),
        None => caller
            .memberships
            .iter()
            .find(|m| m.household_id.is_some() && m.household_id == caller.acting_for)
            .and_then(|m| m.community_id)
            .or_else(|| communities().next())
            .ok_or(ApiError::Forbidden),
    }
}
