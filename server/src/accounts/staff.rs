//! `POST /api/v1/admin/staff`: a manager adds a repair worker, cleaner or
//! guard to the community.

use app::model::{CreateStaffRequest, CreatedUser, ErrorBody, ErrorCode, Role};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::session::Caller;
use super::store::{self, Scope};
use super::{password, phone};
use crate::audit::{self, Entry};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Creates a staff account (repair worker, cleaner, guard) in the community.
#[utoipa::path(post, path = "/v1/admin/staff", tag = "office", request_body = CreateStaffRequest,
    responses(
        (status = 201, description = "Created", body = CreatedUser),
        (status = 400, description = "Invalid phone, name or weak password", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 409, description = "Phone already registered", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn create_staff(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<CreateStaffRequest>,
) -> Result<(StatusCode, AppJson<CreatedUser>), ApiError> {
    caller.require_manager(body.community_id)?;
    let phone = phone::parse(&body.phone)?;
    let name = body.name.as_str();
    password::check(&body.password)?;
    let hash = password::hash(body.password).await?;
    let mut tx = state.db.writer().begin().await?;
    let scope = Scope::Community(body.community_id);
    let id = store::create_person(&mut tx, phone.as_str(), name, &hash, Role::Staff, scope)
        .await?
        .ok_or_else(phone_taken)?;
    audit::record(
        &mut tx,
        Entry::new("accounts.staff_create", Some(caller.user_id))
            .community(body.community_id)
            .detail(json!({ "user": id })),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, AppJson(CreatedUser { id })))
}

pub(crate) fn phone_taken() -> ApiError {
    ApiError::conflict(ErrorCode::PhoneTaken, "这个手机号已经注册过了")
}
