//! Notices (通知公告): managers publish to a community or some buildings;
//! residents read (each read a receipt); managers see whom it has not reached.

pub(crate) mod audience;
mod detail;
mod edit;
mod list;
mod publish;
mod reads;
pub(crate) mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub use list::{UnreadFor, unread};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_notices, publish::publish_notice))
        .routes(routes!(detail::get_notice, edit::edit_notice))
        .routes(routes!(reads::notice_reads))
}
