//! `GET /api/v1/notices`: the notices a household (or the office) sees.

use app::model::{ErrorBody, NoticeList, NoticeQuery};
use axum::extract::State;

use super::audience::reader;
use super::store;
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// Notices for my household (or, for the office, the community): current
/// ones, or with `archived=true` the expired and archived ones.
#[utoipa::path(get, path = "/v1/notices", tag = "notices", params(NoticeQuery),
    responses(
        (status = 200, description = "Pinned and urgent first, then newest; with unread counts", body = NoticeList),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household or community; or not of that community", body = ErrorBody),
    ))]
pub async fn list_notices(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<NoticeQuery>,
) -> Result<AppJson<NoticeList>, ApiError> {
    let (page, limit) = crate::extract::paging(query.limit, query.offset)?;
    let reader = reader(&state, &caller, query.community_id).await?;
    let rows = store::visible(state.db.reader(), reader, caller.user_id).await?;
    let targets = store::targets(state.db.reader(), reader.community_id()).await?;
    let now = now_millis();
    let archived = query.archived.unwrap_or(false);
    let unread: Vec<_> = rows
        .iter()
        .filter(|n| n.is_current(now) && n.read == 0)
        .collect();
    let unread_urgent = unread
        .iter()
        .filter(|n| n.urgent != 0)
        .map(|n| n.summary(store::names_for(&targets, n.id)))
        .collect();
    let unread = i64::try_from(unread.len()).unwrap_or(i64::MAX);
    let chosen: Vec<_> = rows
        .iter()
        .filter(|n| n.is_current(now) != archived)
        .skip(page.offset() as usize)
        .take(limit as usize + 1)
        .map(|n| n.summary(store::names_for(&targets, n.id)))
        .collect();
    let page = app::model::Page::from_overfetch(chosen, &page, limit);
    Ok(AppJson(NoticeList {
        items: page.items,
        next_offset: page.next_offset,
        unread,
        unread_urgent,
    }))
}
