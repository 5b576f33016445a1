//! Running a deployment: communities and their managers, from the command
//! line (`server community create …`) or by an admin over the API and the
//! 全区 pages; the district overview. Nothing here reads a household's
//! private data: totals only.

pub mod cli;
mod communities;
mod manager_remove;
mod managers;
mod managers_list;
mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use communities::{create_community, overview};
pub use managers::create_manager;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(communities::list, communities::create))
        .routes(routes!(managers_list::list, managers::add))
        .routes(routes!(manager_remove::remove))
}
