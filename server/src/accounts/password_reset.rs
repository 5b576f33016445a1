//! `POST /api/v1/auth/reset-password`: a new password with the one-time
//! code the office issued.

use app::model::{ErrorBody, ErrorCode, Me, ResetPasswordRequest};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use super::login::start_session;
use super::{codes, password, phone, rate_limit, store};
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, ClientIp};
use crate::state::AppState;

/// Sets a new password with the one-time code a manager issued; logs in.
#[utoipa::path(post, path = "/v1/auth/reset-password", tag = "accounts", request_body = ResetPasswordRequest,
    responses(
        (status = 200, description = "Password set and logged in", body = Me),
        (status = 400, description = "Invalid phone, code or weak password", body = ErrorBody),
        (status = 401, description = "The code is wrong, used or expired", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
        (status = 429, description = "Too many failed attempts", body = ErrorBody),
    ))]
pub async fn reset_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AppJson(body): AppJson<ResetPasswordRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let phone = phone::parse(&body.phone)?;
    password::check(&body.new_password)?;
    rate_limit::check(&state.db, phone.as_str(), &ip).await?;
    let code = codes::normalise(&body.code);
    let hash = password::hash(body.new_password).await?;
    let mut tx = state.db.writer().begin().await?;
    let found = match &code {
        Some(code) => {
            store::live_reset(&mut tx, &codes::hash(code), phone.as_str(), now_millis()).await?
        }
        None => None,
    };
    let Some((reset_id, user_id)) = found else {
        drop(tx);
        rate_limit::record_failure(&state.db, phone.as_str(), &ip).await?;
        return Err(ApiError::Unauthorized401 {
            code: ErrorCode::InvalidResetCode,
            message: "重置码不对或已过期，请打电话找物业重新开",
        });
    };
    store::use_reset(&mut tx, reset_id, now_millis()).await?;
    store::set_password(&mut tx, user_id, &hash).await?;
    audit::record(
        &mut tx,
        Entry::new("accounts.password_reset", Some(user_id)),
    )
    .await?;
    tx.commit().await?;
    start_session(&state, user_id, StatusCode::OK).await
}
