//! Communities: the compounds one deployment serves, and their buildings.

mod buildings;
mod list;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_communities))
        .routes(routes!(buildings::list_buildings))
}
