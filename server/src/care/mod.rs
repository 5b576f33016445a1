//! 报平安: a resident (or their helper, for them) opts in to a daily "我很好"
//! by a time of their choosing; when the time passes without it, their
//! helpers — and, if chosen, a building volunteer and the office — are told
//! at once, with the phone to call. Someone away pauses it. Only the last
//! check-in is kept.

mod access;
mod checkins;
mod missed;
mod settings;
mod store;
pub mod sweep;

use app::model::time::{SHANGHAI_OFFSET_MINUTES, civil};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(settings::get_settings, settings::put_settings))
        .routes(routes!(checkins::check_in))
        .routes(routes!(missed::list_missed))
}

/// Today (YYYY-MM-DD, Beijing) on 报平安's clock.
pub fn today(state: &AppState) -> String {
    today_and_minutes(state.care_now()).0
}

/// The Beijing day ("YYYY-MM-DD") and minutes after midnight of an instant.
pub fn today_and_minutes(now: i64) -> (String, i64) {
    let (_, _, _, hour, minute) = civil(now, SHANGHAI_OFFSET_MINUTES);
    (crate::points::day_of(now), hour * 60 + minute)
}
