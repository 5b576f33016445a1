//! `POST /api/v1/auth/password`: a person changes their own password.

use app::model::{ChangePasswordRequest, ErrorBody, Me};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use super::login::start_session;
use super::session::Caller;
use super::{password, store};
use crate::audit::{self, Entry};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Changes the caller's password; all their sessions end and this device
/// gets a fresh one.
#[utoipa::path(post, path = "/v1/auth/password", tag = "accounts", request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Changed; a new session cookie is set", body = Me),
        (status = 400, description = "The new password is too weak", body = ErrorBody),
        (status = 401, description = "Not logged in, or the current password is wrong", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<ChangePasswordRequest>,
) -> Result<impl IntoResponse, ApiError> {
    password::check(&body.new_password)?;
    let user = store::credentials_by_id(state.db.reader(), caller.user_id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if !password::verify(body.current_password, user.password_hash).await? {
        return Err(ApiError::InvalidCredentials);
    }
    let hash = password::hash(body.new_password).await?;
    let mut tx = state.db.writer().begin().await?;
    store::set_password(&mut tx, caller.user_id, &hash).await?;
    audit::record(
        &mut tx,
        Entry::new("accounts.password_change", Some(caller.user_id)),
    )
    .await?;
    tx.commit().await?;
    start_session(&state, caller.user_id, StatusCode::OK).await
}
