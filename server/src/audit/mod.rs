//! The audit log: every login, repair, award, redemption, payment and
//! office action is recorded where it happens (`store::record`, in the same
//! transaction); managers read and export their community's.

mod export;
mod list;
mod store;

use app::model::{AuditExportQuery, ErrorCode};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use store::{Entry, record};

use crate::accounts::session::Caller;
use crate::db::{DAY, parse_rfc3339};
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list))
        .routes(routes!(export::export))
}

/// What the log is filtered by, checked.
pub struct Filters {
    community: i64,
    /// An exact action, or `area.%`.
    action: Option<String>,
    from: i64,
    to: i64,
}

/// The query's filters after checking them.
fn filters(caller: &Caller, q: &AuditExportQuery) -> Result<Filters, ApiError> {
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
    Ok(Filters {
        community,
        action,
        from,
        to,
    })
}
