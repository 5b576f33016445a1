//! `DELETE /api/v1/admin/communities/{id}/managers/{user_id}`: someone
//! stops running a community's office. Their account stays (they may live
//! here, or run another compound); the role ends on their next request.

use app::model::ErrorBody;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppPath;
use crate::state::AppState;

/// Ends a manager's role in the community.
#[utoipa::path(delete, path = "/v1/admin/communities/{id}/managers/{user_id}", tag = "admin",
    params(
        ("id" = i64, Path, description = "Community id"),
        ("user_id" = i64, Path, description = "The manager's user id"),
    ),
    responses(
        (status = 204, description = "No longer a manager here"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a deployment admin; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such community, or not a manager of it", body = ErrorBody),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((community_id, user_id)): AppPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    let mut tx = state.db.writer().begin().await?;
    if !store::revoke_manager(&mut tx, community_id, user_id, now_millis()).await? {
        return Err(ApiError::NotFound);
    }
    audit::record(
        &mut tx,
        Entry::new("admin.manager_remove", Some(caller.user_id))
            .community(community_id)
            .detail(json!({ "user": user_id })),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
