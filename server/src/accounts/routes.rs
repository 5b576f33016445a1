//! Register, log in, log out, change or reset a password, and `me`.

use app::model::ErrorCode;
use app::model::{
    ChangePasswordRequest, ErrorBody, LoginRequest, Me, RegisterRequest, Relation,
    ResetPasswordRequest, Role, UpdateMe,
};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::password::{self, Weak};
use super::phone::PhoneNumber;
use super::session::{self, Caller};
use super::{codes, me, rate_limit, store};
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, ClientIp};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(change_password))
        .routes(routes!(reset_password))
        .routes(routes!(get_me, patch_me))
}

pub(crate) fn parse_phone(input: &str) -> Result<PhoneNumber, ApiError> {
    PhoneNumber::parse(input).ok_or_else(|| {
        ApiError::bad_request(ErrorCode::InvalidPhone, "手机号不对，请输入 11 位手机号")
    })
}

pub(crate) fn check_password(input: &str) -> Result<(), ApiError> {
    password::check_policy(input).map_err(|weak| {
        let message = match weak {
            Weak::TooShort => "密码至少要 8 位",
            Weak::TooLong => "密码太长了，请不要超过 128 位",
            Weak::Common => "这个密码太常见，容易被猜到，请换一个",
        };
        ApiError::bad_request(ErrorCode::WeakPassword, message)
    })
}

/// Logs a user in on this device: a session row and its cookie.
async fn start_session(
    state: &AppState,
    user_id: i64,
    status: StatusCode,
) -> Result<impl IntoResponse + use<>, ApiError> {
    let memberships = session::memberships(state.db.reader(), user_id).await?;
    let office = session::office_session(&memberships);
    let (token, max_age) = session::create(state.db.writer(), user_id, office).await?;
    let me = me::load(state.db.reader(), user_id).await?;
    Ok((
        status,
        [session::cookie(&token, max_age, state.secure_cookies)],
        AppJson(me),
    ))
}

/// Registers a person with the code from their household's slip (as a
/// resident) or with a family member's helper code (as a helper), and logs
/// them in.
#[utoipa::path(post, path = "/v1/auth/register", tag = "accounts", request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered and logged in; sets the session cookie", body = Me),
        (status = 400, description = "Invalid phone, name, password or code", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 409, description = "Phone already registered, or the code has no slot left", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
async fn register(
    State(state): State<AppState>,
    AppJson(body): AppJson<RegisterRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let phone = parse_phone(&body.phone)?;
    let name = body.name.as_str();
    check_password(&body.password)?;
    let code = codes::normalise(&body.code).ok_or_else(|| {
        ApiError::bad_request(ErrorCode::InvalidCode, "登记码不对，请核对物业发的纸条")
    })?;
    let hash = password::hash(body.password).await?;

    let mut tx = state.db.writer().begin().await?;
    if store::phone_taken(&mut *tx, phone.as_str()).await? {
        return Err(ApiError::conflict(
            ErrorCode::PhoneTaken,
            "这个手机号已经注册过了，请直接登录",
        ));
    }
    let joining = claim_code(&mut tx, &code).await?;
    let user_id = store::insert_user(&mut *tx, phone.as_str(), name, &hash).await?;
    let (role, relation) = match joining.as_helper {
        false => (Role::Resident, None),
        true => (Role::Helper, Some(body.relation.unwrap_or(Relation::Other))),
    };
    store::insert_membership(
        &mut *tx,
        user_id,
        role,
        store::Scope::Household {
            community_id: joining.community_id,
            household_id: joining.household_id,
        },
        relation.map(Relation::as_str),
    )
    .await?;
    if let Some(helper_code) = joining.helper_code_id {
        sqlx::query("UPDATE helper_codes SET used_by = $1 WHERE id = $2")
            .bind(user_id)
            .bind(helper_code)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut *tx,
        Entry::new(
            if joining.as_helper {
                "helpers.register"
            } else {
                "accounts.register"
            },
            Some(user_id),
        )
        .household(joining.household_id)
        .community(joining.community_id),
    )
    .await?;
    tx.commit().await?;
    start_session(&state, user_id, StatusCode::CREATED).await
}

/// What a code lets a new person join as.
struct Joining {
    household_id: i64,
    community_id: i64,
    as_helper: bool,
    helper_code_id: Option<i64>,
}

/// Uses up one slot of a household registration code or, failing that, a
/// family member's helper code: a daughter in another city has no slip of
/// her own, she registers with the code her father gave her.
async fn claim_code(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    code: &str,
) -> Result<Joining, ApiError> {
    let registration: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT r.id, r.household_id, h.community_id FROM registration_codes r
         JOIN households h ON h.id = r.household_id
         WHERE r.code = $1 AND r.voided_at IS NULL",
    )
    .bind(code)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some((code_id, household_id, community_id)) = registration {
        let used = sqlx::query(
            "UPDATE registration_codes SET slots_left = slots_left - 1 WHERE id = $1 AND slots_left > 0",
        )
        .bind(code_id)
        .execute(&mut **tx)
        .await?;
        if used.rows_affected() != 1 {
            return Err(ApiError::conflict(
                ErrorCode::CodeUsed,
                "这张登记码已经用完了，请找物业重新开一张",
            ));
        }
        return Ok(Joining {
            household_id,
            community_id,
            as_helper: false,
            helper_code_id: None,
        });
    }
    let helper: Option<(i64, i64, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT c.id, c.household_id, h.community_id, c.used_at, c.expires_at
         FROM helper_codes c JOIN households h ON h.id = c.household_id WHERE c.code_hash = $1",
    )
    .bind(codes::hash(code))
    .fetch_optional(&mut **tx)
    .await?;
    let Some((code_id, household_id, community_id, used_at, expires_at)) = helper else {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidCode,
            "登记码不对，请核对物业发的纸条",
        ));
    };
    let now = now_millis();
    if used_at.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::CodeUsed,
            "这个代办码已经用过了，请让家人重新生成",
        ));
    }
    if expires_at <= now {
        return Err(ApiError::conflict(
            ErrorCode::CodeExpired,
            "这个代办码已经过期，请让家人重新生成",
        ));
    }
    let claimed =
        sqlx::query("UPDATE helper_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(code_id)
            .execute(&mut **tx)
            .await?;
    if claimed.rows_affected() != 1 {
        return Err(ApiError::conflict(
            ErrorCode::CodeUsed,
            "这个代办码已经用过了，请让家人重新生成",
        ));
    }
    Ok(Joining {
        household_id,
        community_id,
        as_helper: true,
        helper_code_id: Some(code_id),
    })
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
async fn login(
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
async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(token) = session::token_from(&headers) {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(codes::hash(&token))
            .execute(state.db.writer())
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [session::clear_cookie(state.secure_cookies)],
    ))
}

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
async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<ChangePasswordRequest>,
) -> Result<impl IntoResponse, ApiError> {
    check_password(&body.new_password)?;
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
        &mut *tx,
        Entry::new("accounts.password_change", Some(caller.user_id)),
    )
    .await?;
    tx.commit().await?;
    start_session(&state, caller.user_id, StatusCode::OK).await
}

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
async fn reset_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AppJson(body): AppJson<ResetPasswordRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let phone = parse_phone(&body.phone)?;
    check_password(&body.new_password)?;
    rate_limit::check(&state.db, phone.as_str(), &ip).await?;
    let code = codes::normalise(&body.code);
    let hash = password::hash(body.new_password).await?;
    let mut tx = state.db.writer().begin().await?;
    let found: Option<(i64, i64)> = match &code {
        Some(code) => {
            sqlx::query_as(
                "SELECT r.id, r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
                 WHERE r.code_hash = $1 AND u.phone = $2 AND r.used_at IS NULL AND r.expires_at > $3",
            )
            .bind(codes::hash(code))
            .bind(phone.as_str())
            .bind(now_millis())
            .fetch_optional(&mut *tx)
            .await?
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
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(now_millis())
        .bind(reset_id)
        .execute(&mut *tx)
        .await?;
    store::set_password(&mut tx, user_id, &hash).await?;
    audit::record(
        &mut *tx,
        Entry::new("accounts.password_reset", Some(user_id)),
    )
    .await?;
    tx.commit().await?;
    start_session(&state, user_id, StatusCode::OK).await
}

/// Who I am: my households (as resident or helper), my communities (as
/// staff or manager) and my preferences.
#[utoipa::path(get, path = "/v1/me", tag = "accounts",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "X-Acting-For names a household not theirs", body = ErrorBody),
    ))]
async fn get_me(State(state): State<AppState>, caller: Caller) -> Result<AppJson<Me>, ApiError> {
    Ok(AppJson(me::load(state.db.reader(), caller.user_id).await?))
}

/// Changes my language and large-text preference.
#[utoipa::path(patch, path = "/v1/me", tag = "accounts", request_body = UpdateMe,
    responses(
        (status = 200, description = "Updated", body = Me),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Unknown field or value", body = ErrorBody),
    ))]
async fn patch_me(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<UpdateMe>,
) -> Result<AppJson<Me>, ApiError> {
    if let Some(language) = body.language {
        sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
            .bind(language.as_str())
            .bind(caller.user_id)
            .execute(state.db.writer())
            .await?;
    }
    if let Some(large) = body.large_text {
        sqlx::query("UPDATE users SET large_text = $1 WHERE id = $2")
            .bind(i64::from(large))
            .bind(caller.user_id)
            .execute(state.db.writer())
            .await?;
    }
    Ok(AppJson(me::load(state.db.reader(), caller.user_id).await?))
}
