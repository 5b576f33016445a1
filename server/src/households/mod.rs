//! Households: the office's CSV of buildings and flats in and out, the
//! household list, and the registration slips with their codes.

mod codes;
mod csv_in;
mod export;
mod import;
mod list;
mod members;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import::import))
        // The import takes a file larger than a JSON body; only its route does.
        .layer(axum::extract::DefaultBodyLimit::max(import::IMPORT_LIMIT))
        .routes(routes!(export::export))
        .routes(routes!(list::list))
        .routes(routes!(codes::registration_slips))
        .routes(routes!(codes::regenerate_code))
        .routes(routes!(members::members, members::add_member))
}
