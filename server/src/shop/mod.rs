//! The points supermarket's shelf: goods with a point price and stock, and
//! redemptions that take points and stock in one transaction, handed over
//! (fulfilled) or cancelled exactly once.

mod handover;
mod items;
mod redeem;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(items::list, items::create))
        .routes(routes!(items::update))
        .routes(routes!(redeem::list, redeem::redeem))
        .routes(routes!(handover::fulfil))
        .routes(routes!(handover::cancel))
}
