//! 公示: each month's accounts, generated from the ledgers themselves (fees,
//! points, the shop, repairs), published by a manager as a notice of
//! category 公示 that every household reads, hears aloud and prints for the
//! board. Totals only: no household is named.

mod detail;
mod figures;
mod list;
mod publish;
pub(crate) mod store;
mod words;

use app::model::{ErrorCode, Role};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_disclosures, publish::publish_disclosure))
        .routes(routes!(detail::get_disclosure))
}

/// True when the caller belongs to the community: lives in or helps one of
/// its households, or works in its office.
fn member_of(caller: &Caller, community: i64) -> bool {
    caller
        .memberships
        .iter()
        .any(|m| m.role != Role::Admin && m.community_id == Some(community))
}

/// The community whose 公示 the caller reads: the one asked for (theirs),
/// else the household they act for, else the first they belong to.
fn readable_community(caller: &Caller, asked: Option<i64>) -> Result<i64, ApiError> {
    if let Some(c) = asked {
        return if member_of(caller, c) {
            Ok(c)
        } else {
            Err(ApiError::Forbidden)
        };
    }
    let acting = caller.acting_for.and_then(|h| {
        caller
            .memberships
            .iter()
            .find(|m| m.household_id == Some(h))
            .and_then(|m| m.community_id)
    });
    acting
        .or_else(|| {
            caller
                .memberships
                .iter()
                .filter(|m| m.role != Role::Admin)
                .find_map(|m| m.community_id)
        })
        .ok_or(ApiError::Forbidden)
}

/// A month that has begun: "2026-11" → its first and last instant in
/// Shanghai, in Unix ms (the end exclusive).
fn month_bounds(month: &str, now: i64) -> Result<(i64, i64), ApiError> {
    let bad = || {
        ApiError::bad_request(
            ErrorCode::InvalidMonth,
            "月份要写成 2026-03 这样，而且不能是还没到的月份",
        )
    };
    let b = month.as_bytes();
    if b.len() != 7 || b[4] != b'-' {
        return Err(bad());
    }
    let year: i64 = month[..4].parse().map_err(|_| bad())?;
    let m: i64 = month[5..].parse().map_err(|_| bad())?;
    if !(2000..=2200).contains(&year) || !(1..=12).contains(&m) {
        return Err(bad());
    }
    let start = crate::fees::month_start(year, m).ok_or_else(bad)?;
    let (ny, nm) = if m == 12 {
        (year + 1, 1)
    } else {
        (year, m + 1)
    };
    let end = crate::fees::month_start(ny, nm).ok_or_else(bad)?;
    if start > now {
        return Err(bad());
    }
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_checked_and_bounded_in_shanghai() {
        let now = crate::db::parse_rfc3339("2026-12-07T10:00:00Z").expect("an instant");
        let (start, end) = month_bounds("2026-11", now).expect("November");
        assert_eq!(crate::db::rfc3339(start), "2026-10-31T16:00:00Z");
        assert_eq!(crate::db::rfc3339(end), "2026-11-30T16:00:00Z");
        assert!(month_bounds("2026-12", now).is_ok());
        let (_, end) = month_bounds("2025-12", now).expect("December");
        assert_eq!(crate::db::rfc3339(end), "2025-12-31T16:00:00Z");
        for bad in [
            "2027-01", "2026-13", "2026-00", "26-11", "2026/11", "2026-1", "abcd-ef", "",
        ] {
            assert!(month_bounds(bad, now).is_err(), "{bad}");
        }
    }
}
