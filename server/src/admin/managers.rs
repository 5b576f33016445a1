//! `POST /api/v1/admin/communities/{id}/managers`: a community's first
//! manager (also from the command line).

use app::model::{CreateManagerRequest, CreatedUser, ErrorBody, PersonName, Role};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use crate::accounts::password::{self, check as check_password};
use crate::accounts::phone::parse as parse_phone;
use crate::accounts::session::Caller;
use crate::accounts::{self, store::Scope};
use crate::audit::{self, Entry};
use crate::communities;
use crate::db::Db;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// Creates a manager account for a community; returns the user id.
pub async fn create_manager(
    db: &Db,
    community_id: i64,
    phone: &str,
    name: &PersonName,
    new_password: String,
    by: Option<i64>,
) -> Result<i64, ApiError> {
    let phone = parse_phone(phone)?;
    check_password(&new_password)?;
    let hash = password::hash(new_password).await?;
    let mut tx = db.writer().begin().await?;
    if !communities::store::exists(&mut tx, community_id).await? {
        return Err(ApiError::NotFound);
    }
    let scope = Scope::Community(community_id);
    let id =
        accounts::store::create_person(&mut tx, phone.as_str(), name, &hash, Role::Manager, scope)
            .await?
            .ok_or_else(crate::accounts::staff::phone_taken)?;
    audit::record(
        &mut tx,
        Entry::new("admin.manager_create", by)
            .community(community_id)
            .detail(json!({ "user": id })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a manager account for a community.
#[utoipa::path(post, path = "/v1/admin/communities/{id}/managers", tag = "admin", request_body = CreateManagerRequest,
    params(("id" = i64, Path, description = "Community id")),
    responses(
        (status = 201, description = "Created", body = CreatedUser),
        (status = 400, description = "Invalid phone, name or weak password", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a deployment admin; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such community", body = ErrorBody),
        (status = 409, description = "Phone already registered", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(community_id): AppPath<i64>,
    AppJson(body): AppJson<CreateManagerRequest>,
) -> Result<(StatusCode, AppJson<CreatedUser>), ApiError> {
    caller.require_admin()?;
    let id = create_manager(
        &state.db,
        community_id,
        &body.phone,
        &body.name,
        body.password,
        Some(caller.user_id),
    )
    .await?;
    Ok((StatusCode::CREATED, AppJson(CreatedUser { id })))
}
