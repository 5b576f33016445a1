//! `GET /api/v1/repairs`: the household's tickets, the staff member's, or the
//! office queue; and the staff a ticket can be given to.

use app::model::ErrorCode;
use app::model::{
    ErrorBody, RepairList, RepairScope, RepairStatus, RepairSummaryQuery, RepairsQuery, Worker,
};
use axum::extract::State;

use super::store::{self, TICKET_SELECT, TicketRow};
use crate::accounts::session::Caller;
use crate::db::{Sql, now_millis};
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
    let (page, limit) = crate::extract::paging(query.limit, query.offset)?;
    let now = now_millis();
    let scope = query.scope.unwrap_or_default();
    // `$1` in TICKET_SELECT is the caller (whose views mark "new").
    let mut q = Sql::new(TICKET_SELECT);
    q.bind_written(caller.user_id).push(" WHERE ");
    let (order, for_household) = match scope {
        RepairScope::Household => {
            q.push("t.household_id = ")
                .bind(caller.require_household()?);
            ("t.created_at DESC, t.id DESC", true)
        }
        RepairScope::Assigned => {
            q.push("t.assignee_id = ").bind(caller.user_id);
            (
                "CASE WHEN t.status IN ('assigned', 'in_progress') THEN 0 ELSE 1 END, t.urgent DESC, t.created_at",
                false,
            )
        }
        RepairScope::Queue => {
            queue_filter(&mut q, &caller, &query, now)?;
            ("t.urgent DESC, t.created_at, t.id", false)
        }
    };
    q.push(" ORDER BY ")
        .push(order)
        .push(" LIMIT ")
        .bind(i64::from(limit + 1))
        .push(" OFFSET ")
        .bind(i64::from(page.offset()));
    let rows: Vec<TicketRow> = q.fetch_all(state.db.reader()).await?;
    let items = store::wire_all(state.db.reader(), rows, now, for_household).await?;
    let page = app::model::Page::from_overfetch(items, &page, limit);
    Ok(AppJson(RepairList {
        items: page.items,
        next_offset: page.next_offset,
    }))
}

/// The office queue's conditions, every value bound.
fn queue_filter(
    q: &mut Sql,
    caller: &Caller,
    query: &RepairsQuery,
    now: i64,
) -> Result<(), ApiError> {
    let community = caller.managed_community(query.community_id)?;
    q.push("t.community_id = ").bind(community);
    match query.status.as_deref() {
        None | Some("open") => {
            q.push(" AND t.status IN ('submitted', 'assigned', 'in_progress')");
        }
        Some("all") => {}
        Some(name) => {
            let status = RepairStatus::parse(name).ok_or_else(|| {
                ApiError::bad_request(
                    ErrorCode::InvalidStatus,
                    "status 只能是 open、all 或一个状态名",
                )
            })?;
            q.push(" AND t.status = ").bind(status.as_str().to_owned());
        }
    }
    if let Some(c) = query.category {
        q.push(" AND t.category = ").bind(c.as_str().to_owned());
    }
    if let Some(b) = query.building_id {
        q.push(" AND t.building_id = ").bind(b);
    }
    if let Some(a) = query.assignee_id {
        q.push(" AND t.assignee_id = ").bind(a);
    }
    if query.overdue == Some(true) {
        q.push(" AND t.status IN ('submitted', 'assigned', 'in_progress') AND t.due_at < ")
            .bind(now);
    }
    Ok(())
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
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.name, u.phone,
            (SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets t WHERE t.assignee_id = u.id
               AND t.status IN ('assigned', 'in_progress'))
         FROM users u WHERE u.disabled_at IS NULL AND EXISTS (
            SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.community_id = $1
              AND m.role IN ('staff', 'manager') AND m.revoked_at IS NULL)
         ORDER BY (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.community_id = $1
              AND m.role = 'staff' AND m.revoked_at IS NULL) IS NULL, u.name",
    )
    .bind(community)
    .fetch_all(state.db.reader())
    .await?;
    Ok(AppJson(
        rows.into_iter()
            .map(|(user_id, name, phone, open)| Worker {
                user_id,
                name,
                phone,
                open,
            })
            .collect(),
    ))
}
