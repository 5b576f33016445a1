//! `/api/v1/points/rules`: how points are earned in a community.

use app::model::ErrorCode;
use app::model::{ErrorBody, NewPointRule, PointRule, PointRuleUpdate};
use axum::extract::State;
use axum::http::StatusCode;

use super::access::member_community;
use super::store::{self, RuleRow};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RulesQuery {
    /// Default: the caller's own community.
    community_id: Option<i64>,
}

/// The earning rules: everyone in the community may read them (so they
/// know what a patrol is worth); managers also see retired ones.
#[utoipa::path(get, path = "/v1/points/rules", tag = "points", params(RulesQuery),
    responses(
        (status = 200, description = "Rules", body = Vec<PointRule>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a member of this community", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<RulesQuery>,
) -> Result<AppJson<Vec<PointRule>>, ApiError> {
    let community = member_community(&caller, query.community_id)?;
    let all = caller.manages(community);
    let rows = store::rules(state.db.reader(), community, all).await?;
    Ok(AppJson(rows.into_iter().map(RuleRow::wire).collect()))
}

fn check_points(points: i64) -> Result<(), ApiError> {
    if (1..=1000).contains(&points) {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            ErrorCode::InvalidPoints,
            "分值须在 1 到 1000 之间",
        ))
    }
}

/// Adds an earning rule.
#[utoipa::path(post, path = "/v1/points/rules", tag = "points", request_body = NewPointRule,
    responses(
        (status = 201, description = "Created", body = PointRule),
        (status = 400, description = "Invalid name or points", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 409, description = "A rule of that name exists", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewPointRule>,
) -> Result<(StatusCode, AppJson<PointRule>), ApiError> {
    caller.require_manager(body.community_id)?;
    let name = body.name.as_str();
    check_points(body.points)?;
    let mut tx = state.db.writer().begin().await?;
    if store::rule_name_taken(&mut tx, body.community_id, name).await? {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名称的积分项目了",
        ));
    }
    let row = store::insert_rule(&mut tx, body.community_id, name, body.points, body.unit).await?;
    audit::record(
        &mut tx,
        Entry::new("points.rule_create", Some(caller.user_id))
            .community(body.community_id)
            .detail(serde_json::json!({ "rule": row.id, "points": body.points })),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, AppJson(row.wire())))
}

/// Changes a rule's points (future awards only) or retires it.
#[utoipa::path(patch, path = "/v1/points/rules/{id}", tag = "points",
    params(("id" = i64, Path, description = "Rule id")), request_body = PointRuleUpdate,
    responses(
        (status = 200, description = "Changed", body = PointRule),
        (status = 400, description = "Invalid points", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "Absent or not a rule of a community you manage", body = ErrorBody),
        (status = 422, description = "Unknown fields", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<PointRuleUpdate>,
) -> Result<AppJson<PointRule>, ApiError> {
    if let Some(p) = body.points {
        check_points(p)?;
    }
    let community = store::rule(state.db.reader(), id)
        .await?
        .map(|r| r.community_id)
        .filter(|c| caller.manages(*c))
        .ok_or(ApiError::NotFound)?;
    let mut tx = state.db.writer().begin().await?;
    let row = store::update_rule(&mut tx, id, body.points, body.active).await?;
    audit::record(
        &mut tx,
        Entry::new("points.rule_update", Some(caller.user_id))
            .community(community)
            .detail(
                serde_json::json!({ "rule": id, "points": body.points, "active": body.active }),
            ),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(row.wire()))
}
