//! `GET /api/v1/repairs`: the household's tickets, the staff member's, or the
//! office queue; and the staff a ticket can be given to.

use app::model::ErrorCode;
use app::model::{
    ErrorBody, RepairList, RepairScope, RepairStatus, RepairSummaryQuery, RepairsQuery, Worker,
};
use axum::extract::State;

use super::store::{self, ListScope, QueueFilter};
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// Tickets: by default the household acted for (newest first); `assigned`
/// for staff; `queue` for managers (urgent and oldest first, filterable).
#[utoipa::path(get, path = "/v1/repairs", tag = "repairs", params(RepairsQuery),
    responses(
        (status = 200, description = "One page of tickets", body = RepairList),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager (queue), or no household", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<RepairsQuery>,
) -> Result<AppJson<RepairList>, ApiError> {
    let now = now_millis();
    let (scope, for_household) = match query.scope.unwrap_or_default() {
        RepairScope::Household => (ListScope::Household(caller.require_household()?), true),
        RepairScope::Assigned => (ListScope::Assigned(caller.user_id), false),
        RepairScope::Queue => (ListScope::Queue(queue_filter(&caller, &query, now)?), false),
    };
    let paging = crate::extract::keyset_paging(
        query.limit,
        query.offset,
        query.cursor.as_deref(),
        scope.order(),
    )?;
    let db = state.db.reader();
    let rows = store::list(
        db,
        caller.user_id,
        &scope,
        paging.after(),
        paging.fetch(),
        paging.offset(),
    )
    .await?;
    let (rows, next) = paging.split(rows, |row| scope.position(row));
    Ok(AppJson(RepairList {
        items: store::wire_all(db, rows, now, for_household).await?,
        next_offset: next.offset,
        next_cursor: next.cursor,
    }))
}

/// The office queue's conditions, checked.
fn queue_filter(caller: &Caller, query: &RepairsQuery, now: i64) -> Result<QueueFilter, ApiError> {
    let status = match query.status.as_deref() {
        None | Some("open") => Some(None),
        Some("all") => None,
        Some(name) => Some(Some(RepairStatus::parse(name).ok_or_else(|| {
            ApiError::bad_request(
                ErrorCode::InvalidStatus,
                "status 只能是 open、all 或一个状态名",
            )
        })?)),
    };
    Ok(QueueFilter {
        community: caller.managed_community(query.community_id)?,
        status,
        category: query.category,
        building: query.building_id,
        assignee: query.assignee_id,
        overdue_at: (query.overdue == Some(true)).then_some(now),
    })
}

/// Staff and managers of the community a ticket can be given to, with their
/// open load.
#[utoipa::path(get, path = "/v1/repairs/workers", tag = "repairs", params(RepairSummaryQuery),
    responses(
        (status = 200, description = "Who can be assigned", body = Vec<Worker>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn workers(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<RepairSummaryQuery>,
) -> Result<AppJson<Vec<Worker>>, ApiError> {
    let community = caller.managed_community(query.community_id)?;
    let rows = store::workers(state.db.reader(), community).await?;
    Ok(AppJson(
        rows.into_iter()
            .map(|w| Worker {
                user_id: w.id,
                name: w.name,
                phone: w.phone,
                open: w.open,
            })
            .collect(),
    ))
}
