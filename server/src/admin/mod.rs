//! Running a deployment: communities and their first managers, from the
//! command line (`server community create …`) or by an admin over the API.
//! Nothing here reads a household's private data.

pub mod cli;
mod communities;
mod managers;
mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use communities::{create_community, overview};
pub use managers::create_manager;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(communities::list, communities::create))
        .routes(routes!(managers::add))
}
