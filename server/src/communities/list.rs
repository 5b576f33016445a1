//! `GET /api/v1/communities`: public, because the login page needs the list
//! and every screen needs the office phone before anyone has logged in.

use super::store;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;
use app::model::{CommunitySummary, ErrorBody, Page, PageQuery};
use axum::extract::State;

/// Lists the communities this deployment serves, with their office phones.
#[utoipa::path(
    get,
    path = "/v1/communities",
    tag = "communities",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of communities", body = Page<CommunitySummary>),
        (status = 400, description = "Invalid limit or offset", body = ErrorBody),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn list_communities(
    State(state): State<AppState>,
    AppQuery(query): AppQuery<PageQuery>,
) -> Result<AppJson<Page<CommunitySummary>>, ApiError> {
    let (_, limit) = crate::extract::paging(query.limit, query.offset)?;
    let rows = store::list(state.db.reader(), limit, query.offset()).await?;
    Ok(AppJson(Page::from_overfetch(rows, &query, limit)))
}
