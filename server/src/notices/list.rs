//! `GET /api/v1/notices`: the notices a household (or the office) sees.

use app::model::{ErrorBody, NoticeList, NoticeQuery};
use axum::extract::State;

use super::audience::reader;
use super::store;
use crate::accounts::session::Caller;
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
    let paging = crate::extract::keyset_paging(
        query.limit,
        query.offset,
        query.cursor.as_deref(),
        &store::ORDER,
    )?;
    let reader = reader(&state, &caller, query.community_id).await?;
    let db = state.db.reader();
    let current = store::current(db, reader, caller.user_id).await?;
    let rows = if query.archived.unwrap_or(false) {
        store::archive(
            db,
            reader,
            caller.user_id,
            paging.after(),
            paging.fetch(),
            paging.offset(),
        )
        .await?
    } else {
        let after = paging.after();
        current
            .iter()
            .filter(|n| after.is_none_or(|key| store::ORDER.is_after(&n.position(), key)))
            .skip(usize::try_from(paging.offset()).unwrap_or(usize::MAX))
            .take(usize::try_from(paging.fetch()).unwrap_or(usize::MAX))
            .cloned()
            .collect()
    };
    let (rows, next) = paging.split(rows, store::NoticeRow::position);
    let unread: Vec<_> = current.iter().filter(|n| n.read == 0).collect();
    Ok(AppJson(NoticeList {
        items: rows.iter().map(store::NoticeRow::summary).collect(),
        next_offset: next.offset,
        next_cursor: next.cursor,
        unread: i64::try_from(unread.len()).unwrap_or(i64::MAX),
        unread_urgent: unread
            .iter()
            .filter(|n| n.urgent != 0)
            .map(|n| n.summary())
            .collect(),
    }))
}
