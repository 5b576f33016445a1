//! Whose bills the caller may see or change.

use super::store;
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::state::AppState;

/// The household whose bills to show: for managers the one they name (in
/// their community); for residents and helpers the one they act for, or
/// the one they name if it is theirs. Anything else: 404.
pub async fn bills_household(
    state: &AppState,
    caller: &Caller,
    asked: Option<i64>,
) -> Result<i64, ApiError> {
    if let Some(household) = asked {
        if caller.household_role(household).is_some() {
            return Ok(household);
        }
        let place =
            crate::communities::store::household_place(state.db.reader(), household).await?;
        return place
            .filter(|p| caller.manages(p.community_id))
            .map(|_| household)
            .ok_or(ApiError::NotFound);
    }
    caller.require_household()
}

/// A bill's (community, household) if the caller manages its community; 404
/// otherwise (a bill's existence is not for anyone else to learn).
pub async fn managed_bill(
    state: &AppState,
    caller: &Caller,
    bill: i64,
) -> Result<(i64, i64), ApiError> {
    store::bill_owner(state.db.reader(), bill)
        .await?
        .filter(|b| caller.manages(b.community_id))
        .map(|b| (b.community_id, b.household_id))
        .ok_or(ApiError::NotFound)
}

/// A fee schedule if the caller manages its community; 404 otherwise.
pub async fn managed_schedule(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<store::ScheduleRow, ApiError> {
    store::schedule(state.db.reader(), id)
        .await?
        .filter(|s| caller.manages(s.community_id))
        .ok_or(ApiError::NotFound)
}
