//! `GET /api/v1/disclosures/{id}`: a published month's figures, for anyone
//! of its community.

use app::model::{Disclosure, ErrorBody};
use axum::extract::State;

use super::{member_of, store};
use crate::accounts::session::Caller;
use crate::db::rfc3339;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

pub fn wire(row: store::DisclosureRow) -> Result<Disclosure, ApiError> {
    let figures = serde_json::from_str(&row.figures)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored figures unreadable: {e}")))?;
    Ok(Disclosure {
        id: row.id,
        community_id: row.community_id,
        month: row.month,
        figures,
        note: row.note,
        notice_id: row.notice_id,
        published_at: rfc3339(row.published_at),
    })
}

#[utoipa::path(get, path = "/v1/disclosures/{id}", tag = "disclosures",
    params(("id" = i64, Path, description = "Disclosure id")),
    responses(
        (status = 200, description = "The month's figures as published", body = Disclosure),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such disclosure in a community of the caller's", body = ErrorBody),
    ))]
pub async fn get_disclosure(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Disclosure>, ApiError> {
    let row = store::one(state.db.reader(), id)
        .await?
        .filter(|d| member_of(&caller, d.community_id))
        .ok_or(ApiError::NotFound)?;
    Ok(AppJson(wire(row)?))
}
