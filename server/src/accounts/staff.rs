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
    if store::phone_taken(&mut *tx, phone.as_str()).await? {
        return Err(ApiError::conflict(
            ErrorCode::PhoneTaken,
            "这个手机号已经注册过了",
        ));
    }
    let id = store::insert_user(&mut *tx, phone.as_str(), name, &hash).await?;
    store::insert_membership(
        &mut *tx,
        id,
        Role::Staff,
        Scope::Community(body.community_id),
        None,
    )
    .await?;
    audit::record(
        &mut *tx,
        Entry::new("accounts.staff_create", Some(caller.user_id))
            .community(body.community_id)
            .detail(json!({ "user": id })),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, AppJson(CreatedUser { id })))
}
