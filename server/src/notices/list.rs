//! `GET /api/v1/notices`: the notices a household (or the office) sees.

use app::model::{ErrorBody, NoticeList, NoticeQuery};
use axum::extract::State;

use super::audience::{Reader, of_household, reader};
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
    let unread: Vec<_> = unread_of(&current).collect();
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

/// Whose unread notices a signed-in person's first screen shows: the
/// household acted for (and whether as its helper), else the community
/// worked in — the same readers `audience::reader` gives the list.
pub enum UnreadFor {
    Household { household_id: i64, as_helper: bool },
    Office { community_id: i64 },
}

/// What `GET /notices` gives as `unread` (the count) and `unread_urgent`
/// (id and title), for the 通知 badge and the banner on a signed-in
/// person's first screen (`site::first_screen`).
pub async fn unread(
    state: &AppState,
    user_id: i64,
    of: UnreadFor,
) -> sqlx::Result<(i64, Vec<(i64, String)>)> {
    let reader = match of {
        UnreadFor::Household {
            household_id,
            as_helper,
        } => match of_household(state, household_id, as_helper).await? {
            Some(reader) => reader,
            None => return Ok((0, Vec::new())),
        },
        UnreadFor::Office { community_id } => Reader::Office { community_id },
    };
    let current = store::current(state.db.reader(), reader, user_id).await?;
    let unread: Vec<_> = unread_of(&current).collect();
    let count = i64::try_from(unread.len()).unwrap_or(i64::MAX);
    let urgent = unread
        .into_iter()
        .filter(|n| n.urgent != 0)
        .map(|n| (n.id, n.title.clone()))
        .collect();
    Ok((count, urgent))
}

/// The unread ones among the current notices.
fn unread_of(current: &[store::NoticeRow]) -> impl Iterator<Item = &store::NoticeRow> {
    current.iter().filter(|n| n.read == 0)
}
