//! Communities: the compounds one deployment serves, and their buildings.

mod buildings;
mod list;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use std::sync::atomic::{AtomicU64, Ordering};

use crate::state::AppState;

/// Changes to the community list this process has committed.
static LIST_CHANGES: AtomicU64 = AtomicU64::new(0);

/// Call once a change to the community list has committed: this process's
/// first screens read the list afresh (other processes within their
/// `LIST_KEPT`).
pub fn list_changed() {
    LIST_CHANGES.fetch_add(1, Ordering::Release);
}

/// How many changes this process has committed, to tell a kept list is stale.
pub fn list_version() -> u64 {
    LIST_CHANGES.load(Ordering::Acquire)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_communities))
        .routes(routes!(buildings::list_buildings))
}
