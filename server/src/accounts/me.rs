//! `GET/PATCH /api/v1/me`, and building the `Me` document: the person,
//! their households and communities.

use app::model::{ErrorBody, Me, UpdateMe};
use axum::extract::State;

use super::session::Caller;
use super::store;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Who I am: my households (as resident or helper), my communities (as
/// staff or manager) and my preferences.
#[utoipa::path(get, path = "/v1/me", tag = "accounts",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "X-Acting-For names a household not theirs", body = ErrorBody),
    ))]
pub async fn get_me(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<AppJson<Me>, ApiError> {
    Ok(AppJson(
        store::me(
            state.db.reader(),
            caller.user_id,
            &crate::care::today(&state),
        )
        .await?,
    ))
}

/// Changes my language, large-text preference, or the community my office
/// pages speak for (one I manage or work in; else 403).
#[utoipa::path(patch, path = "/v1/me", tag = "accounts", request_body = UpdateMe,
    responses(
        (status = 200, description = "Updated", body = Me),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "An office community that is not mine; or missing CSRF header", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Unknown field or value", body = ErrorBody),
    ))]
pub async fn patch_me(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<UpdateMe>,
) -> Result<AppJson<Me>, ApiError> {
    if let Some(community) = body.office_community_id {
        caller.office_community(Some(community))?;
    }
    store::set_preferences(
        state.db.writer(),
        caller.user_id,
        body.language,
        body.large_text,
        body.office_community_id,
    )
    .await?;
    Ok(AppJson(
        store::me(
            state.db.reader(),
            caller.user_id,
            &crate::care::today(&state),
        )
        .await?,
    ))
}
