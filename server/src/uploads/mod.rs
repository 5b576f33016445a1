//! `/api/v1/uploads`: photos, checked by content and re-encoded, stored by
//! random id under `<data>/uploads/`, served only to those allowed.

mod fetch;
pub mod image;
pub mod storage;
pub mod store;
pub mod sweep;
mod upload;

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

/// A photo someone attaches (goods, a collection code, a transfer's
/// screenshot) must be their own upload.
pub async fn require_own(
    state: &crate::state::AppState,
    caller: &crate::accounts::session::Caller,
    id: &str,
) -> Result<(), crate::error::ApiError> {
    if !store::is_own(state.db.reader(), id, caller.user_id).await? {
        return Err(crate::error::ApiError::bad_request(
            app::model::ErrorCode::InvalidPhoto,
            "照片找不到了，请重新上传",
        ));
    }
    Ok(())
}

pub fn photo(id: String) -> Photo {
    Photo {
        url: format!("/api/v1/uploads/{id}"),
        thumb_url: format!("/api/v1/uploads/{id}?size=thumb"),
        id,
    }
}
