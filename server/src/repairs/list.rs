//! `GET /api/v1/repairs`: the household's tickets, the staff member's, or the
//! office queue; and the staff a ticket can be given to.

use app::model::ErrorCode;
use app::model::{
    ErrorBody, RepairList, RepairScope, RepairStatus, RepairSummaryQuery, RepairsQuery, Worker,
};
use axum::extract::State;

use super::store::{self, TICKET_SELECT, TicketRow};
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
    let (page, limit) = crate::extract::paging(query.limit, query.offset)?;
    let now = now_millis();
    let scope = query.scope.unwrap_or_default();
    let (filter, order, for_household) = match scope {
        RepairScope::Household => (
            household_filter(&caller)?,
            "t.created_at DESC, t.id DESC",
            true,
        ),
        RepairScope::Assigned => (
            format!("t.assignee_id = {}", caller.user_id),
            "CASE WHEN t.status IN ('assigned', 'in_progress') THEN 0 ELSE 1 END, t.urgent DESC, t.created_at",
            false,
        ),
        RepairScope::Queue => (
            queue_filter(&caller, &query, now)?,
            "t.urgent DESC, t.created_at, t.id",
            false,
        ),
    };
    let rows: Vec<TicketRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TICKET_SELECT} WHERE {filter} ORDER BY {order} LIMIT {} OFFSET {}",
        limit + 1,
        page.offset()
    )))
    .bind(caller.user_id)
    .fetch_all(state.db.reader())
    .await?;
    let items = store::wire_all(state.db.reader(), rows, now, for_household).await?;
    let page = app::model::Page::from_overfetch(items, &page, limit);
    Ok(AppJson(RepairList {
        items: page.items,
        next_offset: page.next_offset,
    }))
}

/// The household acted for (or the caller's only one). Integers only are
/// inlined; everything else is bound.
fn household_filter(caller: &Caller) -> Result<String, ApiError> {
    let household = caller.require_household()?;
    Ok(format!("t.household_id = {household}"))
}

/// The office queue's WHERE clause. Every value is an integer or one of a
/// fixed set of names, checked here before it is written into the SQL.
fn queue_filter(caller: &Caller, q: &RepairsQuery, now: i64) -> Result<String, ApiError> {
    let community = caller.managed_community(q.community_id)?;
    let mut clauses = vec![format!("t.community_id = {community}")];
    match q.status.as_deref() {
        None | Some("open") => {
            clauses.push("t.status IN ('submitted', 'assigned', 'in_progress')".into());
        }
        Some("all") => {}
        Some(name) => {
            let status = RepairStatus::parse(name).ok_or_else(|| {
                ApiError::bad_request(
                    ErrorCode::InvalidStatus,
                    "status 只能是 open、all 或一个状态名",
                )
            })?;
            clauses.push(format!("t.status = '{}'", status.as_str()));
        }
    }
    if let Some(c) = q.category {
        clauses.push(format!("t.category = '{}'", c.as_str()));
    }
    if let Some(b) = q.building_id {
        clauses.push(format!("t.building_id = {b}"));
    }
    if let Some(a) = q.assignee_id {
        clauses.push(format!("t.assignee_id = {a}"));
    }
    if q.overdue == Some(true) {
        clauses.push(format!(
            "t.status IN ('submitted', 'assigned', 'in_progress') AND t.due_at < {now}"
        ));
    }
    Ok(clauses.join(" AND "))
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
