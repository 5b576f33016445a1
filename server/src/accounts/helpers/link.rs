//! `POST /api/v1/helpers/link`: a family member links with the code.

use app::model::{ErrorBody, ErrorCode, LinkHelperRequest, Role};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use crate::accounts::codes;
use crate::accounts::session::Caller;
use crate::accounts::store::{self, Scope};
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Links the caller as helper of the household whose code they enter.
#[utoipa::path(post, path = "/v1/helpers/link", tag = "helpers", request_body = LinkHelperRequest,
    responses(
        (status = 201, description = "Now a helper; the caller's updated profile", body = app::model::Me),
        (status = 400, description = "Not a code at all", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such code", body = ErrorBody),
        (status = 409, description = "Code used or expired; or already of this household", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields, or unknown relation", body = ErrorBody),
    ))]
pub async fn link_helper(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<LinkHelperRequest>,
) -> Result<(StatusCode, AppJson<app::model::Me>), ApiError> {
    let code = codes::normalise(&body.code)
        .ok_or_else(|| ApiError::bad_request(ErrorCode::InvalidCode, "代办码不对，请核对"))?;
    let mut tx = state.db.writer().begin().await?;
    let found = store::helper_code(&mut tx, &codes::hash(&code))
        .await?
        .ok_or(ApiError::NotFound)?;
    let (household_id, community_id) = (found.household_id, found.community_id);
    if found.used_at.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::CodeUsed,
            "这个代办码已经用过了，请让家人重新生成",
        ));
    }
    if found.expires_at <= now_millis() {
        return Err(ApiError::conflict(
            ErrorCode::CodeExpired,
            "这个代办码已经过期，请让家人重新生成",
        ));
    }
    if caller.household_role(household_id).is_some() {
        return Err(ApiError::conflict(
            ErrorCode::AlreadyLinked,
            "您已经是这一户的成员了",
        ));
    }
    if !store::claim_helper_code(&mut tx, found.id, now_millis(), Some(caller.user_id)).await? {
        return Err(ApiError::conflict(
            ErrorCode::CodeUsed,
            "这个代办码已经用过了，请让家人重新生成",
        ));
    }
    store::insert_membership(
        &mut tx,
        caller.user_id,
        Role::Helper,
        Scope::Household {
            community_id,
            household_id,
        },
        Some(body.relation.as_str()),
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::new("helpers.link", Some(caller.user_id))
            .household(household_id)
            .community(community_id)
            .detail(json!({ "relation": body.relation.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(
            store::me(
                state.db.writer(),
                caller.user_id,
                &crate::care::today(&state),
            )
            .await?,
        ),
    ))
}
