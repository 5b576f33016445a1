//! 红榜: residents ranked by points earned in a month (not spent), with
//! names as the community chooses; and that choice.

use app::model::ErrorCode;
use app::model::time::{SHANGHAI_OFFSET_MINUTES, civil};
use app::model::{BoardQuery, ErrorBody, Leaderboard, PointSettings, rank, surname_only};
use axum::extract::State;

use super::access::member_community;
use super::month_bounds;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// How many lines the board shows.
const BOARD_SIZE: i64 = 50;

fn parse_month(month: Option<&str>) -> Result<(i64, i64), ApiError> {
    let Some(m) = month else {
        let (y, m, ..) = civil(now_millis(), SHANGHAI_OFFSET_MINUTES);
        return Ok((y, m));
    };
    let parsed = (m.len() == 7 && m.as_bytes()[4] == b'-')
        .then(|| Some((m[..4].parse::<i64>().ok()?, m[5..].parse::<i64>().ok()?)))
        .flatten()
        .filter(|(y, mo)| (2000..=2100).contains(y) && (1..=12).contains(mo));
    parsed.ok_or_else(|| ApiError::bad_request(ErrorCode::InvalidMonth, "月份要写成 2026-03 这样"))
}

/// The month's red board of the caller's community.
#[utoipa::path(get, path = "/v1/points/leaderboard", tag = "points", params(BoardQuery),
    responses(
        (status = 200, description = "Top 50, ties sharing a rank", body = Leaderboard),
        (status = 400, description = "Invalid month", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a member of this community", body = ErrorBody),
    ))]
pub async fn leaderboard(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<BoardQuery>,
) -> Result<AppJson<Leaderboard>, ApiError> {
    let community = member_community(&caller, query.community_id)?;
    let (year, month) = parse_month(query.month.as_deref())?;
    let (from, to) = month_bounds(year, month);
    let full: String = sqlx::query_scalar("SELECT board_names FROM communities WHERE id = $1")
        .bind(community)
        .fetch_one(state.db.reader())
        .await?;
    let rows: Vec<(String, Option<String>, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT u.name,
            (SELECT b.name FROM memberships m JOIN households h ON h.id = m.household_id
               JOIN buildings b ON b.id = h.building_id
             WHERE m.user_id = e.user_id AND m.role = 'resident' AND h.community_id = $1
             ORDER BY m.id LIMIT 1),
            CAST(SUM(e.amount) AS BIGINT) AS earned
         FROM point_entries e JOIN users u ON u.id = e.user_id
         WHERE e.community_id = $1 AND e.kind IN ('award', 'adjust', 'reversal')
           AND e.earned_on >= $2 AND e.earned_on < $3
         GROUP BY e.user_id, u.name HAVING SUM(e.amount) > 0
         ORDER BY earned DESC, u.name LIMIT {BOARD_SIZE}"
    )))
    .bind(community)
    .bind(&from)
    .bind(&to)
    .fetch_all(state.db.reader())
    .await?;
    let lines = rows
        .into_iter()
        .map(|(name, building, points)| {
            let shown = if full == "full" {
                name
            } else {
                surname_only(&name)
            };
            (shown, building.unwrap_or_default(), points)
        })
        .collect();
    Ok(AppJson(Leaderboard {
        community_id: community,
        month: from[..7].to_owned(),
        lines: rank(lines),
    }))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SettingsQuery {
    /// Default: the first community managed.
    community_id: Option<i64>,
}

/// How names show on the red board (managers).
#[utoipa::path(get, path = "/v1/points/settings", tag = "points", params(SettingsQuery),
    responses(
        (status = 200, description = "Settings", body = PointSettings),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn settings(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<SettingsQuery>,
) -> Result<AppJson<PointSettings>, ApiError> {
    let community = caller.managed_community(query.community_id)?;
    let names: String = sqlx::query_scalar("SELECT board_names FROM communities WHERE id = $1")
        .bind(community)
        .fetch_one(state.db.reader())
        .await?;
    Ok(AppJson(PointSettings {
        community_id: community,
        board_full_names: names == "full",
    }))
}

/// Chooses full names or surname + 某 for the red board.
#[utoipa::path(patch, path = "/v1/points/settings", tag = "points", request_body = PointSettings,
    responses(
        (status = 200, description = "Saved", body = PointSettings),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn update_settings(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<PointSettings>,
) -> Result<AppJson<PointSettings>, ApiError> {
    caller.require_manager(body.community_id)?;
    let names = if body.board_full_names {
        "full"
    } else {
        "surname"
    };
    let mut tx = state.db.writer().begin().await?;
    sqlx::query("UPDATE communities SET board_names = $1 WHERE id = $2")
        .bind(names)
        .bind(body.community_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        Entry::new("points.settings", Some(caller.user_id))
            .community(body.community_id)
            .detail(serde_json::json!({ "board_names": names })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(body))
}
