//! `GET /api/v1/audit`: one page of the log.

use app::model::{AuditEntry, AuditPage, AuditQuery, ErrorBody};
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
    let (page, limit) = crate::extract::paging(query.limit, query.offset)?;
    let f = filters(&caller, &query.filters())?;
    let items: Vec<AuditEntry> = store::rows(state.db.reader(), &f, limit + 1, page.offset())
        .await?
        .into_iter()
        .map(store::AuditRow::wire)
        .collect();
    let page = app::model::Page::from_overfetch(items, &page, limit);
    Ok(AppJson(AuditPage {
        items: page.items,
        next_offset: page.next_offset,
    }))
}
