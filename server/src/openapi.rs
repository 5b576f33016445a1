//! The OpenAPI 3 document, generated from the handlers' annotations and
//! served at `/api/v1/openapi.json`. Paths in it are relative to `/api`.

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::{
    AppState, accounts, admin, audit_log, communities, fees, health, households, notices, points,
    repairs, shop, uploads,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "院里 Courtyard API", description = "Resident portal for old residential compounds."),
    servers((url = "/api")),
    components(schemas(app::model::ErrorBody))
)]
struct ApiDoc;

/// Every API route, with its documentation, before state is attached.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(communities::routes::router())
        .merge(accounts::routes::router())
        .merge(accounts::helpers::router())
        .merge(accounts::office::router())
        .merge(admin::routes::router())
        .merge(notices::routes::router())
        .merge(fees::routes::router())
        .merge(repairs::router())
        .merge(points::router())
        .merge(shop::router())
        .merge(audit_log::router())
        .merge(uploads::router())
        .merge(
            households::routes::router().layer(axum::extract::DefaultBodyLimit::max(
                households::routes::IMPORT_LIMIT,
            )),
        )
}
