//! Badge counts, home cards and the office's figures; the CSV export.

use app::model::ErrorCode;
use app::model::time::civil;
use app::model::{
    ErrorBody, RepairExportQuery, RepairFigures, RepairStatus, RepairSummary, RepairSummaryQuery,
};
use axum::extract::State;
use axum::response::IntoResponse;

use super::store::{self, TICKET_SELECT, TicketRow};
use crate::accounts::session::Caller;
use crate::csv_out::{Cell, Csv};
use crate::db::{DAY, now_millis, parse_rfc3339, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::fees::month_start;
use crate::state::AppState;

const OPEN: &str = "('submitted', 'assigned', 'in_progress')";

/// What the 报修 tab badge and the 首页 cards show for the caller.
#[utoipa::path(get, path = "/v1/repairs/summary", tag = "repairs", params(RepairSummaryQuery),
    responses(
        (status = 200, description = "Counts and open tickets", body = RepairSummary),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of the community asked for", body = ErrorBody),
    ))]
pub async fn summary(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<RepairSummaryQuery>,
) -> Result<AppJson<RepairSummary>, ApiError> {
    let now = now_millis();
    let db = state.db.reader();
    let household = caller.household();
    let (open, changed) = match household {
        Some(h) => {
            let rows: Vec<TicketRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{TICKET_SELECT} WHERE t.household_id = $2
                   AND t.status IN ('submitted', 'assigned', 'in_progress', 'resolved')
                 ORDER BY t.created_at DESC LIMIT 5"
            )))
            .bind(caller.user_id)
            .bind(h)
            .fetch_all(db)
            .await?;
            let changed: i64 = sqlx::query_scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets t
                 LEFT JOIN repair_views v ON v.ticket_id = t.id AND v.user_id = $1
                 WHERE t.household_id = $2 AND (v.seen_at IS NULL OR t.updated_at > v.seen_at)",
            )
            .bind(caller.user_id)
            .bind(h)
            .fetch_one(db)
            .await?;
            (store::wire_all(db, rows, now, true).await?, changed)
        }
        None => (Vec::new(), 0),
    };
    let assigned_to_me: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets WHERE assignee_id = $1 AND status IN {OPEN}"
    )))
    .bind(caller.user_id)
    .fetch_one(db)
    .await?;
    let office = match query.community_id {
        Some(c) => Some(figures(&state, caller.managed_community(Some(c))?, now).await?),
        None => match caller.managed_community(None) {
            Ok(c) => Some(figures(&state, c, now).await?),
            Err(_) => None,
        },
    };
    Ok(AppJson(RepairSummary {
        open,
        changed,
        assigned_to_me,
        office,
    }))
}

/// The office's figures for one community.
pub async fn figures(
    state: &AppState,
    community: i64,
    now: i64,
) -> Result<RepairFigures, ApiError> {
    let db = state.db.reader();
    let (new, open, overdue): (i64, i64, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END), 0) AS BIGINT),
                CAST(COUNT(*) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN due_at < $2 THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM repair_tickets WHERE community_id = $1 AND status IN {OPEN}"
    )))
    .bind(community)
    .bind(now)
    .fetch_one(db)
    .await?;
    let (year, month, ..) = civil(now, 8 * 60);
    let since = month_start(year, month).unwrap_or(now - 30 * DAY);
    let mut minutes: Vec<i64> = sqlx::query_scalar(
        "SELECT (resolved_at - created_at) / 60000 FROM repair_tickets
         WHERE community_id = $1 AND resolved_at >= $2 AND status IN ('resolved', 'closed')",
    )
    .bind(community)
    .bind(since)
    .fetch_all(db)
    .await?;
    minutes.sort_unstable();
    let median_resolve_minutes = median(&minutes);
    let stars: Vec<i64> = sqlx::query_scalar(
        "SELECT rating FROM repair_tickets
         WHERE community_id = $1 AND rating IS NOT NULL AND closed_at >= $2",
    )
    .bind(community)
    .bind(since)
    .fetch_all(db)
    .await?;
    let rated = i64::try_from(stars.len()).unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let average_rating = (rated > 0).then(|| {
        let mean = stars.iter().sum::<i64>() as f64 / rated as f64;
        (mean * 10.0).round() / 10.0
    });
    Ok(RepairFigures {
        community_id: community,
        new,
        open,
        overdue,
        median_resolve_minutes,
        average_rating,
        rated,
    })
}

/// The median of sorted values (the lower middle for an even count).
fn median(sorted: &[i64]) -> Option<i64> {
    if sorted.is_empty() {
        None
    } else {
        Some(sorted[(sorted.len() - 1) / 2])
    }
}

/// id, reported, urgent, category, address, household, channel, status,
/// assignee, resolved, closed, rating, description.
#[derive(sqlx::FromRow)]
struct ExportLine {
    id: i64,
    created_at: i64,
    urgent: i64,
    category: String,
    place: Option<String>,
    building: Option<String>,
    flat: Option<String>,
    channel: String,
    status: String,
    assignee: Option<String>,
    resolved_at: Option<i64>,
    closed_at: Option<i64>,
    rating: Option<i64>,
    description: String,
}

/// Tickets reported in a date range, as CSV (UTF-8 with BOM, opens in Excel).
#[utoipa::path(get, path = "/v1/repairs/export.csv", tag = "repairs", params(RepairExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid dates", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<RepairExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let community = caller.managed_community(query.community_id)?;
    let day = |d: &str| parse_rfc3339(&format!("{d}T00:00:00+08:00")).filter(|_| d.len() == 10);
    let (Some(from), Some(to)) = (day(&query.from), day(&query.to)) else {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidDate,
            "日期要写成 2026-03-01 这样",
        ));
    };
    if to < from || to - from > 366 * DAY {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidRange,
            "结束日期要在开始日期之后，最长一年",
        ));
    }
    let rows: Vec<ExportLine> = sqlx::query_as(
        "SELECT t.id, t.created_at, t.urgent, t.category, t.place, b.name AS building,
                h.flat_label AS flat, t.channel, t.status, a.name AS assignee, t.resolved_at,
                t.closed_at, t.rating, t.description
         FROM repair_tickets t LEFT JOIN households h ON h.id = t.household_id
         LEFT JOIN buildings b ON b.id = h.building_id LEFT JOIN users a ON a.id = t.assignee_id
         WHERE t.community_id = $1 AND t.created_at >= $2 AND t.created_at < $3 ORDER BY t.id",
    )
    .bind(community)
    .bind(from)
    .bind(to + DAY)
    .fetch_all(state.db.reader())
    .await?;
    let mut out = Csv::new(&[
        "单号",
        "报修时间",
        "紧急",
        "类别",
        "地点",
        "楼",
        "门牌",
        "渠道",
        "状态",
        "维修人员",
        "修好时间",
        "关闭时间",
        "评分",
        "描述",
    ])?;
    let time = |t: Option<i64>| Cell::from(t.map(rfc3339));
    for r in rows {
        out.row([
            app::model::ticket_number(r.id).into(),
            rfc3339(r.created_at).into(),
            if r.urgent != 0 { "是" } else { "" }.into(),
            r.category.into(),
            r.place.into(),
            r.building.into(),
            r.flat.into(),
            r.channel.into(),
            RepairStatus::parse(&r.status)
                .map_or(r.status.clone(), |s| s.as_str().to_owned())
                .into(),
            r.assignee.into(),
            time(r.resolved_at),
            time(r.closed_at),
            r.rating.map_or_else(|| Cell::from(""), Cell::number),
            r.description.into(),
        ])?;
    }
    out.response("repairs.csv")
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_is_the_middle_value() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5));
        assert_eq!(median(&[1, 2, 90]), Some(2));
        assert_eq!(median(&[1, 2, 3, 90]), Some(2));
    }
}
