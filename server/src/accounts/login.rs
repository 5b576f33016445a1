//! `POST /api/v1/auth/login` and `/logout`: sessions begin and end.

use app::model::{ErrorBody, LoginRequest, Me};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde_json::json;

use super::phone::PhoneNumber;
use super::{codes, password, rate_limit, session, store};
use crate::audit::{self, Entry};
use crate::error::ApiError;
use crate::extract::{AppJson, ClientIp};
use crate::state::AppState;

/// Logs a user in on this device: a session row and its cookie.
pub(super) async fn start_session(
    state: &AppState,
    user_id: i64,
    status: StatusCode,
) -> Result<impl IntoResponse + use<>, ApiError> {
    let memberships = store::memberships(state.db.reader(), user_id).await?;
    let office = session::office_session(&memberships);
    let (token, max_age) = session::create(state.db.writer(), user_id, office).await?;
    let me = store::me(state.db.reader(), user_id, &crate::care::today(state)).await?;
    Ok((
        status,
        [session::cookie(&token, max_age, state.secure_cookies)],
        AppJson(me),
    ))
}

/// Logs in with phone and password.
#[utoipa::path(post, path = "/v1/auth/login", tag = "accounts", request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in; sets the session cookie", body = Me),
        (status = 401, description = "Wrong phone or password", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
        (status = 429, description = "Too many failed attempts in 15 minutes", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AppJson(body): AppJson<LoginRequest>,
) -> Result<impl IntoResponse, ApiError> {
    // Count attempts by what was typed when it is not a valid number, so
    // malformed input is throttled too.
    let phone = PhoneNumber::parse(&body.phone)
        .map_or_else(|| body.phone.chars().take(32).collect(), |p| p.to_string());
    rate_limit::check(&state.db, &phone, &ip).await?;
    let user = store::credentials_by_phone(state.db.reader(), &phone).await?;
    let stored = user
        .as_ref()
        .map_or_else(password::dummy_hash, |u| u.password_hash.clone());
    let ok = password::verify(body.password, stored).await? && user.is_some();
    let Some(user) = user.filter(|_| ok) else {
        rate_limit::record_failure(&state.db, &phone, &ip).await?;
        audit::record(
            state.db.writer(),
            Entry::new("accounts.login_fail", None).detail(json!({ "phone": phone, "ip": ip })),
        )
        .await?;
        return Err(ApiError::InvalidCredentials);
    };
    audit::record(
        state.db.writer(),
        Entry::new("accounts.login", Some(user.id)).detail(json!({ "ip": ip })),
    )
    .await?;
    start_session(&state, user.id, StatusCode::OK).await
}

/// Ends this session (on the server, not only the cookie).
#[utoipa::path(post, path = "/v1/auth/logout", tag = "accounts",
    responses(
        (status = 204, description = "Logged out (also when no session was open)"),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
    ))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(token) = session::token_from(&headers) {
        store::end_session(state.db.writer(), &codes::hash(&token)).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [session::clear_cookie(state.secure_cookies)],
    ))
}
