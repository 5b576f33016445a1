//! Fees (物业费): schedules, bills from flat areas, payments recorded by the
//! office (append-only, reversible) or claimed from afar and confirmed by it
//! (我已付款), the office's collection codes, collection figures and polite
//! reminders (催缴).

mod access;
mod bills;
mod claim;
mod claims;
mod confirm;
mod decline;
mod export;
mod generate;
mod payments;
pub mod record;
mod remind;
mod schedule_rate;
mod schedule_retire;
mod schedules;
mod settings;
pub(crate) mod store;
mod summary;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use generate::generate;

use crate::db::{DAY, parse_rfc3339};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            schedules::list_schedules,
            schedules::create_schedule
        ))
        .routes(routes!(schedule_rate::change_rate))
        .routes(routes!(schedule_retire::retire_schedule))
        .routes(routes!(generate::generate_bills))
        .routes(routes!(generate::preview_bills))
        .routes(routes!(bills::list_bills))
        .routes(routes!(payments::record_payment))
        .routes(routes!(payments::reverse_payment))
        .routes(routes!(summary::summary))
        .routes(routes!(export::export_bills))
        .routes(routes!(export::export_payments))
        .routes(routes!(settings::get_settings, settings::put_settings))
        .routes(routes!(claim::claim_paid))
        .routes(routes!(claims::list_claims))
        .routes(routes!(confirm::confirm_claim))
        .routes(routes!(decline::decline_claim))
        .routes(routes!(remind::send_reminders))
}

/// Midnight in Shanghai on the first day of `month` of `year`, in Unix ms.
pub fn month_start(year: i64, month: i64) -> Option<i64> {
    parse_rfc3339(&format!("{year:04}-{month:02}-01T00:00:00+08:00"))
}

/// When a bill for a period starting at `start` falls due.
pub fn due_at(start: i64, due_days: i64) -> i64 {
    start + due_days * DAY
}
