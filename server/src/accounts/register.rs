//! `POST /api/v1/auth/register`: a person joins with the code from their
//! household's slip, or with a family member's helper code.

use app::model::{ErrorBody, ErrorCode, Me, RegisterRequest, Relation, Role};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use super::login::start_session;
use super::{codes, password, phone, store};
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Registers a person with the code from their household's slip (as a
/// resident) or with a family member's helper code (as a helper), and logs
/// them in.
#[utoipa::path(post, path = "/v1/auth/register", tag = "accounts", request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered and logged in; sets the session cookie", body = Me),
        (status = 400, description = "Invalid phone, name, password or code; or the member chosen is not one kept without a phone in the code's household", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 409, description = "Phone already registered, or the code has no slot left", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn register(
    State(state): State<AppState>,
    AppJson(body): AppJson<RegisterRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let phone = phone::parse(&body.phone)?;
    let name = body.name.as_str();
    password::check(&body.password)?;
    let code = codes::normalise(&body.code).ok_or_else(|| {
        ApiError::bad_request(ErrorCode::InvalidCode, "登记码不对，请核对物业发的纸条")
    })?;
    let hash = password::hash(body.password).await?;

    let mut tx = state.db.writer().begin().await?;
    if store::phone_taken(&mut tx, phone.as_str()).await? {
        return Err(ApiError::conflict(
            ErrorCode::PhoneTaken,
            "这个手机号已经注册过了，请直接登录",
        ));
    }
    // Someone the office kept without a phone takes over their own record
    // (points, sign-ups and all) when they register with the household's
    // code: the one they chose from the list, or else the one of the same name.
    let kept = match (
        store::registration_code(&mut tx, &code).await?,
        body.member_id,
    ) {
        (Some(r), Some(member)) => {
            if !store::is_kept_member(&mut tx, r.household_id, member).await? {
                return Err(not_on_the_list());
            }
            Some((member, r.household_id, r.community_id))
        }
        (None, Some(_)) => return Err(not_on_the_list()),
        (Some(r), None) => store::kept_member(&mut tx, r.household_id, name)
            .await?
            .map(|member| (member, r.household_id, r.community_id)),
        (None, None) => None,
    };
    if let Some((member, household, community)) = kept {
        store::give_phone(&mut tx, member, phone.as_str(), &hash).await?;
        audit::record(
            &mut tx,
            Entry::new("accounts.register_member", Some(member))
                .household(household)
                .community(community),
        )
        .await?;
        tx.commit().await?;
        return start_session(&state, member, StatusCode::CREATED).await;
    }
    let joining = claim_code(&mut tx, &code).await?;
    let user_id = store::insert_user(&mut tx, phone.as_str(), name, &hash).await?;
    let (role, relation) = match joining.as_helper {
        false => (Role::Resident, None),
        true => (Role::Helper, Some(body.relation.unwrap_or(Relation::Other))),
    };
    store::insert_membership(
        &mut tx,
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
        store::helper_code_used_by(&mut tx, helper_code, user_id).await?;
    }
    audit::record(
        &mut tx,
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

fn not_on_the_list() -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidMember,
        "名单里没有这个人：请重新输入登记码，从名单里选自己",
    )
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
async fn claim_code(tx: &mut crate::db::Tx, code: &str) -> Result<Joining, ApiError> {
    if let Some(registration) = store::registration_code(&mut *tx, code).await? {
        if !store::take_slot(&mut *tx, registration.id).await? {
            return Err(ApiError::conflict(
                ErrorCode::CodeUsed,
                "这张登记码已经用完了，请找物业重新开一张",
            ));
        }
        return Ok(Joining {
            household_id: registration.household_id,
            community_id: registration.community_id,
            as_helper: false,
            helper_code_id: None,
        });
    }
    let Some(helper) = store::helper_code(&mut *tx, &codes::hash(code)).await? else {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidCode,
            "登记码不对，请核对物业发的纸条",
        ));
    };
    let now = now_millis();
    if helper.used_at.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::CodeUsed,
            "这个代办码已经用过了，请让家人重新生成",
        ));
    }
    if helper.expires_at <= now {
        return Err(ApiError::conflict(
            ErrorCode::CodeExpired,
            "这个代办码已经过期，请让家人重新生成",
        ));
    }
    if !store::claim_helper_code(&mut *tx, helper.id, now, None).await? {
        return Err(ApiError::conflict(
            ErrorCode::CodeUsed,
            "这个代办码已经用过了，请让家人重新生成",
        ));
    }
    Ok(Joining {
        household_id: helper.household_id,
        community_id: helper.community_id,
        as_helper: true,
        helper_code_id: Some(helper.id),
    })
}
