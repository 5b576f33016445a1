//! `GET /api/v1/notices/{id}`: one notice, and its read receipt.

use app::model::{ErrorBody, Notice, Role};
use axum::extract::State;

use super::audience::{Reader, reader};
use super::store;
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// Opens a notice, which records my read receipt (once; a helper's read
/// counts for the household they act for).
#[utoipa::path(get, path = "/v1/notices/{id}", tag = "notices",
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 200, description = "The notice", body = Notice),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household or community", body = ErrorBody),
        (status = 404, description = "No such notice, or not for you", body = ErrorBody),
    ))]
pub async fn get_notice(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Notice>, ApiError> {
    // Office people see it from the notice's own community.
    let community = store::community_of(state.db.reader(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let office = caller.memberships.iter().any(|m| {
        matches!(m.role, Role::Manager | Role::Staff) && m.community_id == Some(community)
    });
    let reader = match reader(&state, &caller, office.then_some(community)).await {
        Ok(r) => r,
        Err(ApiError::Forbidden | ApiError::ForbiddenBecause { .. }) => {
            return Err(ApiError::NotFound);
        }
        Err(e) => return Err(e),
    };
    let mut row = store::one(state.db.reader(), reader, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Reader::Household {
        household_id,
        as_helper,
        ..
    } = reader
        && row.read == 0
    {
        store::record_read(
            state.db.writer(),
            id,
            caller.user_id,
            household_id,
            as_helper,
        )
        .await?;
        row.read = 1;
    }
    let community_name = crate::communities::store::heading(state.db.reader(), row.community_id)
        .await?
        .name;
    let revisions = store::revisions(state.db.reader(), id).await?;
    Ok(AppJson(Notice {
        summary: row.summary(),
        body: row.body.clone(),
        community_name,
        archived: row.archived_at.is_some(),
        revisions,
    }))
}
