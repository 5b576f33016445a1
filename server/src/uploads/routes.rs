use app::model::ErrorCode;
use std::path::{Path, PathBuf};

use app::model::{ErrorBody, Photo, Upload};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::image::{MAX_UPLOAD_BYTES, Refused, reencode};
use crate::accounts::session::Caller;
use crate::db::{HOUR, now_millis};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::repairs::access::{TicketKey, parties};
use crate::state::AppState;

/// Uploads one person may make in an hour (a ticket takes at most 4).
const UPLOADS_PER_HOUR: i64 = 40;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .routes(routes!(fetch))
        // Room for an 8 MB photo; anything larger gets 413 from the limit.
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
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
async fn upload(
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
    let recent: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM uploads WHERE uploaded_by = $1 AND created_at > $2",
    )
    .bind(caller.user_id)
    .bind(now_millis() - HOUR)
    .fetch_one(state.db.reader())
    .await?;
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
    let (full, thumb) = paths(&state.uploads_dir, &id);
    tokio::fs::create_dir_all(&state.uploads_dir)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let written = async {
        tokio::fs::write(&full, &encoded.full).await?;
        tokio::fs::write(&thumb, &encoded.thumb).await
    }
    .await;
    let stored = match written {
        Ok(()) => sqlx::query(
            "INSERT INTO uploads (id, uploaded_by, width, height, bytes, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(caller.user_id)
        .bind(i64::from(encoded.width))
        .bind(i64::from(encoded.height))
        .bind(i64::try_from(encoded.full.len()).unwrap_or(i64::MAX))
        .bind(now_millis())
        .execute(state.db.writer())
        .await
        .map(|_| ())
        .map_err(ApiError::from),
        Err(e) => Err(ApiError::Internal(e.into())),
    };
    if let Err(e) = stored {
        let _ = tokio::fs::remove_file(&full).await;
        let _ = tokio::fs::remove_file(&thumb).await;
        return Err(e);
    }
    Ok((
        StatusCode::CREATED,
        AppJson(Upload {
            photo: photo(id),
            width: encoded.width,
            height: encoded.height,
        }),
    ))
}

fn hex_id() -> String {
    crate::hex::random::<16>()
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct FetchQuery {
    /// `thumb` for the ~320 px thumbnail.
    size: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Owner {
    uploaded_by: i64,
    community_id: Option<i64>,
    household_id: Option<i64>,
    assignee_id: Option<i64>,
}

/// A photo, to its uploader and to those who may see a ticket it belongs to.
#[utoipa::path(get, path = "/v1/uploads/{id}", tag = "uploads",
    params(("id" = String, Path, description = "Upload id"), FetchQuery),
    responses(
        (status = 200, description = "JPEG", content_type = "image/jpeg", body = Vec<u8>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "Absent or not yours to see", body = ErrorBody),
    ))]
async fn fetch(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<String>,
    AppQuery(query): AppQuery<FetchQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let thumb = match query.size.as_deref() {
        None | Some("full") => false,
        Some("thumb") => true,
        Some(_) => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidSize,
                "size 只能是 thumb 或 full",
            ));
        }
    };
    if id.len() != 32
        || !id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return Err(ApiError::NotFound);
    }
    let owners: Vec<Owner> = sqlx::query_as(
        "SELECT u.uploaded_by, t.community_id, t.household_id, t.assignee_id
         FROM uploads u LEFT JOIN repair_photos p ON p.upload_id = u.id
         LEFT JOIN repair_tickets t ON t.id = p.ticket_id WHERE u.id = $1",
    )
    .bind(&id)
    .fetch_all(state.db.reader())
    .await?;
    let allowed = owners.iter().any(|o| {
        o.uploaded_by == caller.user_id
            || o.community_id.is_some_and(|community_id| {
                !parties(
                    &caller,
                    &TicketKey {
                        community_id,
                        household_id: o.household_id,
                        assignee_id: o.assignee_id,
                    },
                )
                .is_empty()
            })
    });
    // Photos of goods on a shelf are for anyone logged in (asked only when
    // nothing else already allows it).
    let on_shelf = !allowed && !owners.is_empty() && {
        let n: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_items WHERE photo_id = $1",
        )
        .bind(&id)
        .fetch_one(state.db.reader())
        .await?;
        n > 0
    };
    if !allowed && !on_shelf {
        return Err(ApiError::NotFound);
    }
    let (full, small) = paths(&state.uploads_dir, &id);
    let bytes = tokio::fs::read(if thumb { small } else { full })
        .await
        .map_err(|_| ApiError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        bytes,
    ))
}
