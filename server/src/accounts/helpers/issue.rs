//! `POST /api/v1/households/{id}/helper-codes`: a one-time code for a family member.

use app::model::{ErrorBody, IssuedCode};
use axum::extract::State;
use axum::http::StatusCode;

use super::may_manage_helpers;
use crate::accounts::codes;
use crate::accounts::session::Caller;
use crate::accounts::store;
use crate::audit::{self, Entry};
use crate::db::{DAY, now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// A helper code lasts a week: long enough for a daughter in another city to
/// get round to it, short enough that a lost slip goes stale.
const HELPER_CODE_TTL: i64 = 7 * DAY;

/// Issues a single-use helper code for a household (valid 7 days).
#[utoipa::path(post, path = "/v1/households/{id}/helper-codes", tag = "helpers",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 201, description = "The code, shown once", body = IssuedCode),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "A helper cannot invite helpers; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such household, or not yours", body = ErrorBody),
    ))]
pub async fn issue_helper_code(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(household_id): AppPath<i64>,
) -> Result<(StatusCode, AppJson<IssuedCode>), ApiError> {
    let community = may_manage_helpers(&state, &caller, household_id).await?;
    let code = codes::generate();
    let now = now_millis();
    let expires = now + HELPER_CODE_TTL;
    let mut tx = state.db.writer().begin().await?;
    let hash = codes::hash(&code);
    store::insert_helper_code(&mut tx, household_id, &hash, caller.user_id, expires).await?;
    audit::record(
        &mut tx,
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
