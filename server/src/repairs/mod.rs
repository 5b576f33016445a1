//! Repairs (报修): residents, helpers and the office file tickets; managers
//! assign and close; staff do the work; the household confirms, rates or
//! reopens. Every change is an event on the ticket's timeline.

pub mod access;
mod create;
mod detail;
mod events;
mod figures;
mod list;
pub(crate) mod store;
pub mod sweep;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list, create::create))
        .routes(routes!(figures::summary))
        .routes(routes!(figures::export))
        .routes(routes!(list::workers))
        .routes(routes!(detail::get_repair))
        .routes(routes!(events::add_event))
}
