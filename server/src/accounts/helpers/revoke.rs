//! `DELETE /api/v1/households/{id}/helpers/{helper_id}`: a helper no more.

use app::model::ErrorBody;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::may_manage_helpers;
use crate::accounts::session::Caller;
use crate::accounts::store;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppPath;
use crate::state::AppState;

/// Revokes a helper; it takes effect on their next request.
#[utoipa::path(delete, path = "/v1/households/{id}/helpers/{helper_id}", tag = "helpers",
    params(("id" = i64, Path, description = "Household id"), ("helper_id" = i64, Path, description = "Helper link id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Helpers cannot revoke helpers; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such household or helper, or not yours", body = ErrorBody),
    ))]
pub async fn revoke_helper(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((household_id, helper_id)): AppPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let community = may_manage_helpers(&state, &caller, household_id).await?;
    let mut tx = state.db.writer().begin().await?;
    if !store::revoke_helper(&mut tx, household_id, helper_id, now_millis()).await? {
        return Err(ApiError::NotFound);
    }
    audit::record(
        &mut tx,
        Entry::new("helpers.revoke", Some(caller.user_id))
            .household(household_id)
            .community(community)
            .detail(json!({ "membership": helper_id })),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
