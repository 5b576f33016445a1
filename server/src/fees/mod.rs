//! Fees (物业费): schedules, bills from flat areas, payments recorded by the
//! office (append-only, reversible), and collection figures.

mod access;
pub mod routes;
mod summary;

use crate::db::{DAY, parse_rfc3339};

/// Midnight in Shanghai on the first day of `month` of `year`, in Unix ms.
pub fn month_start(year: i64, month: i64) -> Option<i64> {
    parse_rfc3339(&format!("{year:04}-{month:02}-01T00:00:00+08:00"))
}

/// When a bill for a period starting at `start` falls due.
pub fn due_at(start: i64, due_days: i64) -> i64 {
    start + due_days * DAY
}
