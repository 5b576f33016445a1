//! `/api/v1/points/rules`: how points are earned in a community.

use app::model::ErrorCode;
use app::model::{ErrorBody, NewPointRule, PointRule, PointRuleUpdate, PointUnit};
use axum::extract::State;
use axum::http::StatusCode;
use sqlx::FromRow;

use super::access::member_community;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;

#[derive(FromRow)]
struct RuleRow {
    id: i64,
    community_id: i64,
    name: String,
    points: i64,
    unit: String,
    active: i64,
}

impl RuleRow {
    fn wire(self) -> PointRule {
        PointRule {
            id: self.id,
            community_id: self.community_id,
            name: self.name,
            points: self.points,
            unit: PointUnit::parse(&self.unit).unwrap_or(PointUnit::Time),
            active: self.active != 0,
        }
    }
}

const COLUMNS: &str = "id, community_id, name, points, unit, active";

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
    let rows: Vec<RuleRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM point_rules WHERE community_id = $1 AND (active = 1 OR $2 = 1)
         ORDER BY active DESC, id"
    )))
    .bind(community)
    .bind(i64::from(all))
    .fetch_all(state.db.reader())
    .await?;
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
    let taken: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM point_rules WHERE community_id = $1 AND name = $2",
    )
    .bind(body.community_id)
    .bind(name)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名称的积分项目了",
        ));
    }
    let row: RuleRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO point_rules (community_id, name, points, unit, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
    )))
    .bind(body.community_id)
    .bind(name)
    .bind(body.points)
    .bind(body.unit.as_str())
    .bind(now_millis())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
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
    let community: Option<i64> =
        sqlx::query_scalar("SELECT community_id FROM point_rules WHERE id = $1")
            .bind(id)
            .fetch_optional(state.db.reader())
            .await?;
    let community = community
        .filter(|c| caller.manages(*c))
        .ok_or(ApiError::NotFound)?;
    let mut tx = state.db.writer().begin().await?;
    let row: RuleRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE point_rules SET points = COALESCE($1, points), active = COALESCE($2, active)
         WHERE id = $3 RETURNING {COLUMNS}"
    )))
    .bind(body.points)
    .bind(body.active.map(i64::from))
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
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
