//! The deployment admin's API: list and create communities, add managers.

use app::model::{
    CommunityOverview, CommunitySummary, CreateManagerRequest, CreatedUser, ErrorBody,
    NewCommunityRequest,
};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_communities, create_community))
        .routes(routes!(add_manager))
}

/// Every community with household and manager counts.
#[utoipa::path(get, path = "/v1/admin/communities", tag = "admin",
    responses(
        (status = 200, description = "All communities", body = Vec<CommunityOverview>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a deployment admin", body = ErrorBody),
    ))]
async fn list_communities(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<AppJson<Vec<CommunityOverview>>, ApiError> {
    caller.require_admin()?;
    Ok(AppJson(super::overview(&state.db).await?))
}

/// Adds a community to the deployment.
#[utoipa::path(post, path = "/v1/admin/communities", tag = "admin", request_body = NewCommunityRequest,
    responses(
        (status = 201, description = "Created", body = CommunitySummary),
        (status = 400, description = "Invalid name, phone, address or time zone", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a deployment admin; or missing CSRF header", body = ErrorBody),
        (status = 409, description = "Name taken", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
async fn create_community(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewCommunityRequest>,
) -> Result<(StatusCode, AppJson<CommunitySummary>), ApiError> {
    caller.require_admin()?;
    let id = super::create_community(&state.db, &body).await?;
    audit::record(
        state.db.writer(),
        Entry::new("admin.community_create", Some(caller.user_id)).community(id),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        AppJson(CommunitySummary {
            id,
            name: body.name.into_string(),
            office_phone: body.office_phone.trim().to_owned(),
        }),
    ))
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
async fn add_manager(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(community_id): AppPath<i64>,
    AppJson(body): AppJson<CreateManagerRequest>,
) -> Result<(StatusCode, AppJson<CreatedUser>), ApiError> {
    caller.require_admin()?;
    let id = super::create_manager(
        &state.db,
        community_id,
        &body.phone,
        &body.name,
        body.password,
    )
    .await?;
    audit::record(
        state.db.writer(),
        Entry::new("admin.manager_create", Some(caller.user_id))
            .community(community_id)
            .detail(json!({ "user": id })),
    )
    .await?;
    Ok((StatusCode::CREATED, AppJson(CreatedUser { id })))
}
