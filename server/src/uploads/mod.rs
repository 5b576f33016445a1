//! `/api/v1/uploads`: photos, checked by content and re-encoded, stored by
//! random id under `<data>/uploads/`, served only to those allowed.

mod fetch;
pub mod image;
pub mod store;
mod upload;

use std::path::{Path, PathBuf};

use app::model::Photo;
use axum::extract::DefaultBodyLimit;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload::upload))
        .routes(routes!(fetch::fetch))
        // Room for an 8 MB photo; anything larger gets 413 from the limit.
        .layer(DefaultBodyLimit::max(image::MAX_UPLOAD_BYTES))
}

/// The files of an upload.
pub fn paths(dir: &Path, id: &str) -> (PathBuf, PathBuf) {
    (
        dir.join(format!("{id}.jpg")),
        dir.join(format!("{id}-thumb.jpg")),
    )
}

pub fn photo(id: String) -> Photo {
    Photo {
        url: format!("/api/v1/uploads/{id}"),
        thumb_url: format!("/api/v1/uploads/{id}?size=thumb"),
        id,
    }
}
