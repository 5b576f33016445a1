//! `/api/v1/admin/communities`: every community of the deployment, and a
//! new one (also from the command line).

use app::model::ErrorCode;
use app::model::{CommunityOverview, CommunitySummary, ErrorBody, NewCommunityRequest};
use axum::extract::State;
use axum::http::StatusCode;

use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::communities::{self, store::NewCommunity};
use crate::db::Db;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Every community with its totals.
pub async fn overview(db: &Db) -> Result<Vec<CommunityOverview>, ApiError> {
    let now = crate::db::now_millis();
    let (first, next) = crate::points::this_month(now);
    let rows = store::overview(db.reader(), now, (&first, &next)).await?;
    Ok(rows.into_iter().map(store::OverviewRow::wire).collect())
}

/// Checks and creates a community; returns its id.
/// `by` is the admin who asked (none from the command line); the audit line
/// is written in the same transaction.
pub async fn create_community(
    db: &Db,
    new: &NewCommunityRequest,
    by: Option<i64>,
) -> Result<i64, ApiError> {
    let name = new.name.as_str();
    let time_zone = new.time_zone.as_deref().unwrap_or("Asia/Shanghai");
    let phone = new.office_phone.trim();
    let phone_ok = (3..=30).contains(&phone.len())
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+'));
    if !phone_ok {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPhone,
            "物业电话只能有数字、空格、- 和 +",
        ));
    }
    if time_zone.is_empty() || time_zone.len() > 64 {
        return Err(ApiError::bad_request(ErrorCode::InvalidFields, "时区不对"));
    }
    let mut tx = db.writer().begin().await?;
    if store::community_name_taken(&mut tx, name).await? {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名字的小区了",
        ));
    }
    let community = NewCommunity {
        name,
        address: &new.address,
        office_phone: phone,
        time_zone,
    };
    let id = communities::store::insert(&mut tx, &community).await?;
    audit::record(
        &mut tx,
        Entry::new("admin.community_create", by).community(id),
    )
    .await?;
    tx.commit().await?;
    communities::list_changed();
    Ok(id)
}

/// The district overview: every community with its totals (households,
/// people, managers, open and overdue tickets, bills and payments, points
/// awarded this month), never a household's data.
#[utoipa::path(get, path = "/v1/admin/communities", tag = "admin",
    responses(
        (status = 200, description = "All communities with their totals", body = Vec<CommunityOverview>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a deployment admin", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<AppJson<Vec<CommunityOverview>>, ApiError> {
    caller.require_admin()?;
    Ok(AppJson(overview(&state.db).await?))
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
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewCommunityRequest>,
) -> Result<(StatusCode, AppJson<CommunitySummary>), ApiError> {
    caller.require_admin()?;
    let id = create_community(&state.db, &body, Some(caller.user_id)).await?;
    Ok((
        StatusCode::CREATED,
        AppJson(CommunitySummary {
            id,
            name: body.name.into_string(),
            office_phone: body.office_phone.trim().to_owned(),
        }),
    ))
}
