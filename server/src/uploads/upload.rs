//! `POST /api/v1/uploads`: a photo, read by its bytes, re-encoded.

use app::model::{ErrorBody, ErrorCode, Upload};
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};

use super::image::{Refused, reencode};
use super::{photo, store};
use crate::accounts::session::Caller;
use crate::db::{HOUR, now_millis};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Uploads one person may make in an hour (a ticket takes at most 4).
const UPLOADS_PER_HOUR: i64 = 40;

/// Uploads a photo (JPEG, PNG or WebP, up to 8 MB) as the raw request body.
/// It is re-encoded as JPEG without EXIF, with a thumbnail.
#[utoipa::path(post, path = "/v1/uploads", tag = "uploads",
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "The photo's bytes (image/png, image/webp and application/octet-stream are taken too; the type is read from the bytes)"),
    responses(
        (status = 201, description = "Stored", body = Upload),
        (status = 400, description = "Not a JPEG, PNG or WebP photo, or one that does not decode", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 413, description = "Larger than 8 MB", body = ErrorBody),
        (status = 415, description = "A Content-Type that is not an image or octet-stream", body = ErrorBody),
        (status = 429, description = "Too many uploads this hour", body = ErrorBody),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, AppJson<Upload>), ApiError> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !matches!(
        declared,
        "image/jpeg" | "image/png" | "image/webp" | "application/octet-stream"
    ) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let bytes = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::bad_request(ErrorCode::UnreadableBody, r.body_text())
        }
    })?;
    let recent = store::count_since(state.db.reader(), caller.user_id, now_millis() - HOUR).await?;
    if recent >= UPLOADS_PER_HOUR {
        return Err(ApiError::TooManyRequests(
            "一小时内上传的照片太多了，请稍后再试",
        ));
    }
    let encoded = tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|refused| match refused {
            Refused::NotAnImage => {
                ApiError::bad_request(ErrorCode::NotAnImage, "只能上传照片（JPEG、PNG 或 WebP）")
            }
            Refused::Unreadable => {
                ApiError::bad_request(ErrorCode::UnreadableImage, "这张照片打不开，请换一张")
            }
        })?;
    let id = hex_id();
    let (width, height, bytes) = (encoded.width, encoded.height, encoded.full.len());
    // The bytes first, then the row: a row never names a missing photo, and
    // bytes whose row failed are taken away again.
    if let Err(e) = state.photos.put(&id, encoded.full, encoded.thumb).await {
        let _ = state.photos.delete(&id).await;
        return Err(ApiError::Internal(e.into()));
    }
    let record = store::NewUpload {
        id: &id,
        by: caller.user_id,
        width,
        height,
        bytes,
        at: now_millis(),
    };
    if let Err(e) = store::insert(state.db.writer(), record).await {
        let _ = state.photos.delete(&id).await;
        return Err(e.into());
    }
    Ok((
        StatusCode::CREATED,
        AppJson(Upload {
            photo: photo(id),
            width,
            height,
        }),
    ))
}

fn hex_id() -> String {
    crate::hex::random::<16>()
}
