//! `GET /api/v1/inbox`: my news, newest first.

use app::model::{ErrorBody, Inbox, InboxItem, InboxQuery};
use axum::extract::State;

use super::store;
use crate::accounts::session::Caller;
use crate::db::rfc3339;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/inbox", tag = "inbox", params(InboxQuery),
    responses(
        (status = 200, description = "Newest first, with the unread count", body = Inbox),
        (status = 400, description = "Invalid query or cursor", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ))]
pub async fn list_inbox(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<InboxQuery>,
) -> Result<AppJson<Inbox>, ApiError> {
    let paging =
        crate::extract::keyset_paging(query.limit, None, query.cursor.as_deref(), &store::ORDER)?;
    let db = state.db.reader();
    let rows = store::items(db, caller.user_id, paging.after(), paging.fetch()).await?;
    let (rows, next) = paging.split(rows, store::ItemRow::position);
    let unread = store::unread(db, caller.user_id).await?;
    Ok(AppJson(Inbox {
        items: rows.into_iter().map(wire).collect(),
        unread,
        next_cursor: next.cursor,
    }))
}

fn wire(row: store::ItemRow) -> InboxItem {
    InboxItem {
        id: row.id,
        kind: row.kind,
        subject_id: row.subject_id,
        link: row.kind.link(row.subject_id),
        words: row.words,
        amount: row.amount,
        phone: row.phone,
        for_household_id: row.for_household_id,
        created_at: rfc3339(row.created_at),
        read: row.read_at.is_some(),
    }
}
