//! `POST /api/v1/auth/kept-members`: before registering with the code from
//! the household's slip, the person sees the household's members the office
//! keeps without a phone and chooses "this is me", so their points and
//! sign-ups stay theirs. Only the code opens the list (it lets its holder
//! join the household anyway), and wrong codes are throttled like logins.

use app::model::{ErrorBody, ErrorCode, KeptMember, KeptMembersRequest};
use axum::extract::State;

use super::{codes, rate_limit, store};
use crate::error::ApiError;
use crate::extract::{AppJson, ClientIp};
use crate::state::AppState;

/// The household's members kept without a phone, for a household code;
/// none for a helper's code (a helper joins as themself).
#[utoipa::path(post, path = "/v1/auth/kept-members", tag = "accounts", request_body = KeptMembersRequest,
    responses(
        (status = 200, description = "The members kept without a phone (possibly none)", body = [KeptMember]),
        (status = 400, description = "Not a code in use", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
        (status = 429, description = "Too many wrong codes from this address in 15 minutes", body = ErrorBody),
    ))]
pub async fn kept_members(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AppJson(body): AppJson<KeptMembersRequest>,
) -> Result<AppJson<Vec<KeptMember>>, ApiError> {
    // Wrong codes count under keys of their own, so that they never lock a
    // phone, or an address's logins, out.
    let key = format!("code:{}", body.code.chars().take(16).collect::<String>());
    let ip = format!("code:{ip}");
    rate_limit::check_saying(
        &state.db,
        &key,
        &ip,
        "登记码输错太多次了，请 15 分钟后再试，或打电话给物业",
    )
    .await?;
    let code = codes::normalise(&body.code);
    let registration = match &code {
        Some(code) => store::registration_code(state.db.reader(), code).await?,
        None => None,
    };
    let Some(registration) = registration else {
        let helper = match &code {
            Some(code) => store::helper_code(state.db.reader(), &codes::hash(code)).await?,
            None => None,
        };
        if helper.is_some() {
            return Ok(AppJson(Vec::new()));
        }
        rate_limit::record_failure(&state.db, &key, &ip).await?;
        return Err(ApiError::bad_request(
            ErrorCode::InvalidCode,
            "登记码不对，请核对物业发的纸条",
        ));
    };
    let members = store::kept_members(state.db.reader(), registration.household_id).await?;
    Ok(AppJson(
        members
            .into_iter()
            .map(|(user_id, name)| KeptMember { user_id, name })
            .collect(),
    ))
}
