//! `GET /api/v1/audit`: one page of the log.

use app::model::{AuditPage, AuditQuery, ErrorBody};
use axum::extract::State;

use super::{filters, store};
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// The community's audit log, newest first, filterable by action and dates.
#[utoipa::path(get, path = "/v1/audit", tag = "audit", params(AuditQuery),
    responses(
        (status = 200, description = "One page", body = AuditPage),
        (status = 400, description = "Invalid dates, action or limit", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<AuditQuery>,
) -> Result<AppJson<AuditPage>, ApiError> {
    let paging = crate::extract::keyset_paging(
        query.limit,
        query.offset,
        query.cursor.as_deref(),
        &store::ORDER,
    )?;
    let f = filters(&caller, &query.filters())?;
    let rows = store::rows(
        state.db.reader(),
        &f,
        paging.after(),
        paging.fetch(),
        paging.offset(),
    )
    .await?;
    let (rows, next) = paging.split(rows, |r| vec![r.id]);
    Ok(AppJson(AuditPage {
        items: rows.into_iter().map(store::AuditRow::wire).collect(),
        next_offset: next.offset,
        next_cursor: next.cursor,
    }))
}
