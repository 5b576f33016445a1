//! Households: the office's CSV of buildings and flats in and out, the
//! household list, and the registration slips with their codes.

mod codes;
mod csv_in;
pub mod routes;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    // The import takes a file larger than a JSON body; only its routes do.
    routes::router()
        .layer(axum::extract::DefaultBodyLimit::max(routes::IMPORT_LIMIT))
        .routes(routes!(codes::registration_slips))
        .routes(routes!(codes::regenerate_code))
}
