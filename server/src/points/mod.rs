//! Points (积分): earning rules, bulk awards, adjustments and reversals, the
//! append-only ledger whose balance never goes below zero, and the red board.

pub mod access;
mod awards;
mod board;
mod ledger;
mod rules;
pub mod store;

use app::model::time::{SHANGHAI_OFFSET_MINUTES, civil};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(rules::list, rules::create))
        .routes(routes!(rules::update))
        .routes(routes!(awards::award))
        .routes(routes!(awards::adjust))
        .routes(routes!(awards::reverse))
        .routes(routes!(ledger::ledger))
        .routes(routes!(ledger::summary))
        .routes(routes!(ledger::residents))
        .routes(routes!(board::leaderboard))
        .routes(routes!(board::settings, board::update_settings))
}

/// "2026-03" as (year, month); absent: this month in Shanghai.
pub fn parse_month(month: Option<&str>) -> Result<(i64, i64), crate::error::ApiError> {
    let Some(m) = month else {
        let (y, m, ..) = civil(crate::db::now_millis(), SHANGHAI_OFFSET_MINUTES);
        return Ok((y, m));
    };
    let parsed = (m.len() == 7 && m.as_bytes()[4] == b'-')
        .then(|| Some((m[..4].parse::<i64>().ok()?, m[5..].parse::<i64>().ok()?)))
        .flatten()
        .filter(|(y, mo)| (2000..=2100).contains(y) && (1..=12).contains(mo));
    parsed.ok_or_else(|| {
        crate::error::ApiError::bad_request(
            app::model::ErrorCode::InvalidMonth,
            "月份要写成 2026-03 这样",
        )
    })
}

/// The Shanghai calendar day of an instant, YYYY-MM-DD.
pub fn day_of(millis: i64) -> String {
    let (y, m, d, ..) = civil(millis, SHANGHAI_OFFSET_MINUTES);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The first day of the month an instant falls in and of the next month.
pub fn month_bounds(year: i64, month: i64) -> (String, String) {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    (
        format!("{year:04}-{month:02}-01"),
        format!("{ny:04}-{nm:02}-01"),
    )
}

/// This month's bounds in Shanghai.
pub fn this_month(millis: i64) -> (String, String) {
    let (y, m, ..) = civil(millis, SHANGHAI_OFFSET_MINUTES);
    month_bounds(y, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_are_shanghai_ones() {
        // 2026-03-31 17:00 UTC is already April 1st in Shanghai.
        let t = app::model::time::parse_rfc3339("2026-03-31T17:00:00Z").expect("time");
        assert_eq!(day_of(t), "2026-04-01");
        assert_eq!(this_month(t), ("2026-04-01".into(), "2026-05-01".into()));
        assert_eq!(
            month_bounds(2026, 12),
            ("2026-12-01".into(), "2027-01-01".into())
        );
    }
}
