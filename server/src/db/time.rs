//! Times are stored as Unix milliseconds (portable across both backends) and
//! sent as RFC 3339 UTC (see `app::model::time`).

pub use app::model::time::{parse_rfc3339, rfc3339};

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in Unix milliseconds.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Durations in milliseconds.
pub const MINUTE: i64 = 60_000;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;
