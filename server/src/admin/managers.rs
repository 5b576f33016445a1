//! `POST /api/v1/admin/communities/{id}/managers`: a community's manager,
//! a new account (also from the command line) or someone who has one.

use app::model::{CreateManagerRequest, CreatedUser, ErrorBody, ErrorCode, PersonName, Role};
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

/// Makes someone who already has an account (a resident, a manager of
/// another compound) a manager of this community too; returns the user id.
pub async fn add_existing_manager(
    db: &Db,
    community_id: i64,
    phone: &str,
    by: i64,
) -> Result<i64, ApiError> {
    let phone = parse_phone(phone)?;
    let mut tx = db.writer().begin().await?;
    if !communities::store::exists(&mut tx, community_id).await? {
        return Err(ApiError::NotFound);
    }
    let Some(person) = accounts::store::credentials_by_phone(&mut tx, phone.as_str())
        .await?
        .map(|c| c.id)
    else {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidFields,
            "没有用这个手机号的账号；要新建，请填姓名和第一次的密码",
        ));
    };
    // One live role per person, role and community: the database's unique
    // index says "already" (`memberships_one_live_role`).
    let scope = Scope::Community(community_id);
    match accounts::store::insert_membership(&mut tx, person, Role::Manager, scope, None).await {
        Err(e) if crate::db::is_unique_violation(&e) => return Err(already_manager()),
        other => other?,
    };
    audit::record(
        &mut tx,
        Entry::new("admin.manager_add", Some(by))
            .community(community_id)
            .detail(json!({ "user": person })),
    )
    .await?;
    tx.commit().await?;
    Ok(person)
}

fn already_manager() -> ApiError {
    ApiError::conflict(ErrorCode::AlreadyLinked, "此人已经是这个小区的管理员")
}

/// Adds a manager to a community: with a name and a first password, a new
/// account; with the phone alone, the person who already has that account.
#[utoipa::path(post, path = "/v1/admin/communities/{id}/managers", tag = "admin", request_body = CreateManagerRequest,
    params(("id" = i64, Path, description = "Community id")),
    responses(
        (status = 201, description = "Added", body = CreatedUser),
        (status = 400, description = "Invalid phone, name or weak password; name without password or the other way round; no account with this phone", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a deployment admin; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such community", body = ErrorBody),
        (status = 409, description = "Phone already registered (for a new account); already a manager here", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(community_id): AppPath<i64>,
    AppJson(body): AppJson<CreateManagerRequest>,
) -> Result<(StatusCode, AppJson<CreatedUser>), ApiError> {
    caller.require_admin()?;
    let id = match (body.name, body.password) {
        (Some(name), Some(password)) => {
            create_manager(
                &state.db,
                community_id,
                &body.phone,
                &name,
                password,
                Some(caller.user_id),
            )
            .await?
        }
        (None, None) => {
            add_existing_manager(&state.db, community_id, &body.phone, caller.user_id).await?
        }
        _ => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidFields,
                "新账号要同时填姓名和密码；已有账号的人只填手机号",
            ));
        }
    };
    Ok((StatusCode::CREATED, AppJson(CreatedUser { id })))
}
