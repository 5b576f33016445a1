//! `POST /api/v1/admin/password-resets`: the office issues a one-time code
//! for a person who forgot their password, read out over the phone.

use app::model::{ErrorBody, IssuedCode, PasswordResetRequest};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::session::Caller;
use super::{codes, phone, store};
use crate::audit::{self, Entry};
use crate::db::{DAY, now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// A reset code read over the phone is good for a day.
const RESET_TTL: i64 = DAY;

/// Issues a one-time password-reset code (24 h) for a person of the
/// manager's community, to be read out over the phone. Shown once.
#[utoipa::path(post, path = "/v1/admin/password-resets", tag = "office", request_body = PasswordResetRequest,
    responses(
        (status = 201, description = "The code, shown once", body = IssuedCode),
        (status = 400, description = "Invalid phone", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "Nobody with this phone in this community", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn issue_password_reset(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<PasswordResetRequest>,
) -> Result<(StatusCode, AppJson<IssuedCode>), ApiError> {
    caller.require_manager(body.community_id)?;
    let phone = phone::parse(&body.phone)?;
    // Residents, helpers and staff of this community; never another manager
    // or an admin (a manager must not take over a peer's account).
    let user = store::resettable(state.db.reader(), phone.as_str(), body.community_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let code = codes::generate();
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    store::issue_reset(
        &mut tx,
        user,
        &codes::hash(&code),
        caller.user_id,
        now,
        now + RESET_TTL,
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::new("accounts.reset_issue", Some(caller.user_id))
            .community(body.community_id)
            .detail(json!({ "user": user })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(IssuedCode {
            code,
            expires_at: Some(rfc3339(now + RESET_TTL)),
        }),
    ))
}
