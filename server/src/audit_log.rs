//! `/api/v1/audit`: managers browse and export their community's audit log.

use app::model::ErrorCode;
use app::model::{AuditEntry, AuditExportQuery, AuditPage, AuditQuery, ErrorBody};
use axum::extract::State;
use axum::response::IntoResponse;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::accounts::session::Caller;
use crate::csv_out::Csv;
use crate::db::{DAY, parse_rfc3339, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(export))
}

type Row = (
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

/// (community, action pattern, from ms, to ms) after checking the query.
fn filters(
    caller: &Caller,
    q: &AuditExportQuery,
) -> Result<(i64, Option<String>, i64, i64), ApiError> {
    let community = caller.managed_community(q.community_id)?;
    let day = |d: &Option<String>, fallback: i64| -> Result<i64, ApiError> {
        match d {
            None => Ok(fallback),
            Some(d) => parse_rfc3339(&format!("{d}T00:00:00+08:00"))
                .filter(|_| d.len() == 10)
                .ok_or_else(|| {
                    ApiError::bad_request(ErrorCode::InvalidDate, "日期要写成 2026-03-01 这样")
                }),
        }
    };
    let from = day(&q.from, 0)?;
    let to = day(&q.to, i64::MAX - DAY)? + DAY;
    let action = match q.action.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(a)
            if a.len() <= 50
                && a.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_') =>
        {
            Some(if a.ends_with('.') {
                format!("{a}%")
            } else {
                a.to_owned()
            })
        }
        Some(_) => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidAction,
                "action 只能是小写字母、点和下划线",
            ));
        }
    };
    Ok((community, action, from, to))
}

async fn rows(
    state: &AppState,
    f: (i64, Option<String>, i64, i64),
    limit: u32,
    offset: u32,
) -> Result<Vec<Row>, ApiError> {
    let (community, action, from, to) = f;
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT a.id, a.at, u.name, b.name || ' ' || h.flat_label, NULL, a.action, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
         LEFT JOIN households h ON h.id = a.acting_household_id
         LEFT JOIN buildings b ON b.id = h.building_id
         WHERE a.community_id = $1 AND a.at >= $2 AND a.at < $3 AND ($4 IS NULL OR a.action LIKE $4)
         ORDER BY a.id DESC LIMIT {limit} OFFSET {offset}"
    )))
    .bind(community)
    .bind(from)
    .bind(to)
    .bind(action)
    .fetch_all(state.db.reader())
    .await?)
}

fn wire((id, at, actor_name, household, _, action, detail): Row) -> AuditEntry {
    AuditEntry {
        id,
        at: rfc3339(at),
        actor_name,
        household,
        action,
        detail,
    }
}

/// The community's audit log, newest first, filterable by action and dates.
#[utoipa::path(get, path = "/v1/audit", tag = "audit", params(AuditQuery),
    responses(
        (status = 200, description = "One page", body = AuditPage),
        (status = 400, description = "Invalid dates, action or limit", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<AuditQuery>,
) -> Result<AppJson<AuditPage>, ApiError> {
    let (page, limit) = crate::extract::paging(query.limit, query.offset)?;
    let f = filters(&caller, &query.filters())?;
    let items: Vec<AuditEntry> = rows(&state, f, limit + 1, page.offset())
        .await?
        .into_iter()
        .map(wire)
        .collect();
    let page = app::model::Page::from_overfetch(items, &page, limit);
    Ok(AppJson(AuditPage {
        items: page.items,
        next_offset: page.next_offset,
    }))
}

/// The same, as CSV (up to 50,000 lines).
#[utoipa::path(get, path = "/v1/audit/export.csv", tag = "audit", params(AuditExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid dates or action", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
async fn export(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<AuditExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let f = filters(&caller, &query)?;
    let mut out = Csv::new(&["时间", "操作人", "代办住户", "操作", "详情"])?;
    for e in rows(&state, f, 50_000, 0).await?.into_iter().map(wire) {
        out.row([
            e.at.into(),
            e.actor_name.into(),
            e.household.into(),
            e.action.into(),
            e.detail.into(),
        ])?;
    }
    out.response("audit.csv")
}
