//! Badge counts, home cards and the office's figures; the CSV export.

use app::model::ErrorCode;
use app::model::time::civil;
use app::model::{ErrorBody, RepairExportQuery, RepairFigures, RepairSummary, RepairSummaryQuery};
use axum::extract::State;
use axum::response::IntoResponse;

use super::store;
use crate::accounts::session::Caller;
use crate::csv_out::{Cell, Csv};
use crate::db::{DAY, now_millis, parse_rfc3339, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::fees::month_start;
use crate::state::AppState;

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
    let open = match household {
        Some(h) => {
            let rows = store::in_hand_of_household(db, caller.user_id, h).await?;
            store::wire_all(db, rows, now, true).await?
        }
        None => Vec::new(),
    };
    let badges = store::badges(db, caller.user_id, household).await?;
    let office = match query.community_id {
        Some(c) => Some(figures(&state, caller.managed_community(Some(c))?, now).await?),
        None => match caller.managed_community(None) {
            Ok(c) => Some(figures(&state, c, now).await?),
            Err(_) => None,
        },
    };
    Ok(AppJson(RepairSummary {
        open,
        changed: badges.changed,
        assigned_to_me: badges.assigned,
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
    let counts = store::open_counts(db, community, now).await?;
    let (year, month, ..) = civil(now, 8 * 60);
    let since = month_start(year, month).unwrap_or(now - 30 * DAY);
    let mut minutes = store::resolve_minutes_since(db, community, since).await?;
    minutes.sort_unstable();
    let median_resolve_minutes = median(&minutes);
    let stars = store::ratings_since(db, community, since).await?;
    let rated = i64::try_from(stars.len()).unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let average_rating = (rated > 0).then(|| {
        let mean = stars.iter().sum::<i64>() as f64 / rated as f64;
        (mean * 10.0).round() / 10.0
    });
    Ok(RepairFigures {
        community_id: community,
        new: counts.fresh,
        open: counts.open,
        overdue: counts.overdue,
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
    let rows = store::export_lines(state.db.reader(), community, from, to + DAY).await?;
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
            r.category.as_str().into(),
            r.place.into(),
            r.building.into(),
            r.flat.into(),
            r.channel.as_str().into(),
            r.status.as_str().into(),
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
