//! Family helpers: a resident (or a manager) issues a one-time code, a family
//! member links with it, and residents and managers see and revoke helpers.

use app::model::ErrorCode;
use app::model::{ErrorBody, HelperInfo, IssuedCode, LinkHelperRequest, Relation, Role};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;
use sqlx::FromRow;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::codes;
use super::me;
use super::session::Caller;
use super::store::{self, Scope};
use crate::audit::{self, Entry};
use crate::db::{DAY, now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// A helper code lasts a week: long enough for a daughter in another city to
/// get round to it, short enough that a lost slip goes stale.
const HELPER_CODE_TTL: i64 = 7 * DAY;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(issue_helper_code))
        .routes(routes!(link_helper))
        .routes(routes!(list_helpers))
        .routes(routes!(revoke_helper))
}

/// The household's community, if the household exists.
async fn household_community(state: &AppState, household_id: i64) -> Result<i64, ApiError> {
    crate::communities::store::of_household(state.db.reader(), household_id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Residents of the household and managers of its community may manage its
/// helpers; helpers may not (a helper cannot invite more helpers). Anyone
/// else learns nothing: 404, as for a household that does not exist.
async fn may_manage_helpers(
    state: &AppState,
    caller: &Caller,
    household_id: i64,
) -> Result<i64, ApiError> {
    let community = household_community(state, household_id).await?;
    match caller.household_role(household_id) {
        Some(Role::Resident) => Ok(community),
        Some(_) => Err(ApiError::Forbidden),
        None if caller.manages(community) => Ok(community),
        None => Err(ApiError::NotFound),
    }
}

/// Issues a single-use helper code for a household (valid 7 days).
#[utoipa::path(post, path = "/v1/households/{id}/helper-codes", tag = "helpers",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 201, description = "The code, shown once", body = IssuedCode),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "A helper cannot invite helpers; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such household, or not yours", body = ErrorBody),
    ))]
async fn issue_helper_code(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(household_id): AppPath<i64>,
) -> Result<(StatusCode, AppJson<IssuedCode>), ApiError> {
    let community = may_manage_helpers(&state, &caller, household_id).await?;
    let code = codes::generate();
    let now = now_millis();
    let expires = now + HELPER_CODE_TTL;
    let mut tx = state.db.writer().begin().await?;
    sqlx::query(
        "INSERT INTO helper_codes (household_id, code_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(household_id)
    .bind(codes::hash(&code))
    .bind(caller.user_id)
    .bind(now)
    .bind(expires)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        Entry::new("helpers.code_issue", Some(caller.user_id))
            .household(household_id)
            .community(community),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(IssuedCode {
            code,
            expires_at: Some(rfc3339(expires)),
        }),
    ))
}

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
async fn link_helper(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<LinkHelperRequest>,
) -> Result<(StatusCode, AppJson<app::model::Me>), ApiError> {
    let code = codes::normalise(&body.code)
        .ok_or_else(|| ApiError::bad_request(ErrorCode::InvalidCode, "代办码不对，请核对"))?;
    let mut tx = state.db.writer().begin().await?;
    let found: Option<(i64, i64, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT c.id, c.household_id, h.community_id, c.used_at, c.expires_at
         FROM helper_codes c JOIN households h ON h.id = c.household_id WHERE c.code_hash = $1",
    )
    .bind(codes::hash(&code))
    .fetch_optional(&mut *tx)
    .await?;
    let (code_id, household_id, community_id, used_at, expires_at) =
        found.ok_or(ApiError::NotFound)?;
    if used_at.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::CodeUsed,
            "这个代办码已经用过了，请让家人重新生成",
        ));
    }
    if expires_at <= now_millis() {
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
    let claimed = sqlx::query(
        "UPDATE helper_codes SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL",
    )
    .bind(now_millis())
    .bind(caller.user_id)
    .bind(code_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Err(ApiError::conflict(
            ErrorCode::CodeUsed,
            "这个代办码已经用过了，请让家人重新生成",
        ));
    }
    store::insert_membership(
        &mut *tx,
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
        &mut *tx,
        Entry::new("helpers.link", Some(caller.user_id))
            .household(household_id)
            .community(community_id)
            .detail(json!({ "relation": body.relation.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(me::load(state.db.writer(), caller.user_id).await?),
    ))
}

#[derive(FromRow)]
struct HelperRow {
    id: i64,
    name: String,
    phone: String,
    relation: String,
    created_at: i64,
}

/// The household's live helpers.
#[utoipa::path(get, path = "/v1/households/{id}/helpers", tag = "helpers",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 200, description = "Helpers of the household", body = Vec<HelperInfo>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Helpers cannot manage helpers", body = ErrorBody),
        (status = 404, description = "No such household, or not yours", body = ErrorBody),
    ))]
async fn list_helpers(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(household_id): AppPath<i64>,
) -> Result<AppJson<Vec<HelperInfo>>, ApiError> {
    may_manage_helpers(&state, &caller, household_id).await?;
    let rows: Vec<HelperRow> = sqlx::query_as(
        "SELECT m.id, u.name, u.phone, m.relation, m.created_at FROM memberships m
         JOIN users u ON u.id = m.user_id
         WHERE m.household_id = $1 AND m.role = 'helper' AND m.revoked_at IS NULL ORDER BY m.id",
    )
    .bind(household_id)
    .fetch_all(state.db.reader())
    .await?;
    Ok(AppJson(
        rows.into_iter()
            .map(|r| HelperInfo {
                id: r.id,
                name: r.name,
                phone: r.phone,
                relation: Relation::parse(&r.relation).unwrap_or(Relation::Other),
                since: rfc3339(r.created_at),
            })
            .collect(),
    ))
}

/// Revokes a helper; it takes effect on their next request.
#[utoipa::path(delete, path = "/v1/households/{id}/helpers/{helper_id}", tag = "helpers",
    params(("id" = i64, Path, description = "Household id"), ("helper_id" = i64, Path, description = "Helper link id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Helpers cannot revoke helpers; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such household or helper, or not yours", body = ErrorBody),
    ))]
async fn revoke_helper(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((household_id, helper_id)): AppPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let community = may_manage_helpers(&state, &caller, household_id).await?;
    let mut tx = state.db.writer().begin().await?;
    let revoked = sqlx::query(
        "UPDATE memberships SET revoked_at = $1
         WHERE id = $2 AND household_id = $3 AND role = 'helper' AND revoked_at IS NULL",
    )
    .bind(now_millis())
    .bind(helper_id)
    .bind(household_id)
    .execute(&mut *tx)
    .await?;
    if revoked.rows_affected() != 1 {
        return Err(ApiError::NotFound);
    }
    audit::record(
        &mut *tx,
        Entry::new("helpers.revoke", Some(caller.user_id))
            .household(household_id)
            .community(community)
            .detail(json!({ "membership": helper_id })),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
