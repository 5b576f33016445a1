//! The inbox (消息): news that finds the person. Each capability writes its
//! news with [`deliver`] inside the transaction of what happened, so there is
//! no event without its items and no item for an event that rolled back;
//! a helper's copies name the household and stop when the link is revoked.
//! `GET /counts` gives every badge at once.
//!
//! The one sending seam: everything a person is told goes through
//! [`deliver`]. A channel beyond the inbox (Web Push, SMS, a WeChat
//! template message) would be a per-person preference read there and a
//! sender that picks the committed items up; none is built or faked.

pub(crate) mod counts;
mod list;
mod read;
pub(crate) mod store;
pub mod sweep;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub use store::{News, To, deliver};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_inbox))
        .routes(routes!(read::mark_read))
        .routes(routes!(counts::counts))
}
