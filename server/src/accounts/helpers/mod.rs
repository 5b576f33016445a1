//! Family helpers: a resident (or a manager) issues a one-time code, a family
//! member links with it, and residents and managers see and revoke helpers.

mod issue;
mod link;
mod list;
mod revoke;

use app::model::Role;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::session::Caller;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(issue::issue_helper_code))
        .routes(routes!(link::link_helper))
        .routes(routes!(list::list_helpers))
        .routes(routes!(revoke::revoke_helper))
}

/// The household's community, if the household exists.
async fn household_community(state: &AppState, household_id: i64) -> Result<i64, ApiError> {
    crate::communities::store::household_place(state.db.reader(), household_id)
        .await?
        .map(|p| p.community_id)
        .ok_or(ApiError::NotFound)
}

/// Residents of the household and managers of its community may manage its
/// helpers; helpers may not (a helper cannot invite more helpers). Anyone
/// else learns nothing: 404, as for a household that does not exist.
pub(super) async fn may_manage_helpers(
    state: &AppState,
    caller: &Caller,
    household_id: i64,
) -> Result<i64, ApiError> {
    let community = household_community(state, household_id).await?;
    match caller.household_role(household_id) {
        Some(Role::Resident) => Ok(community),
        Some(_) => Err(ApiError::Forbidden),
        None if caller.manages(community) => Ok(community),
        None => Err(ApiError::NotFound),
    }
}
