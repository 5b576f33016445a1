//! Reading points: a resident's ledger and balance, the home card, and the
//! residents the office picks for an award.

use app::model::{
    ErrorBody, Ledger, LedgerEntry, LedgerQuery, PointResident, PointSummary, ResidentsQuery,
};
use axum::extract::State;

use super::access::{Whose, whose};
use super::{store, this_month};
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::shop;
use crate::state::AppState;

/// Name, balance and this month's earnings of one resident.
async fn head(state: &AppState, whose: Whose) -> Result<store::LedgerHead, ApiError> {
    let (from, to) = this_month(now_millis());
    Ok(store::ledger_head(
        state.db.reader(),
        whose.user_id,
        whose.community_id,
        &from,
        &to,
    )
    .await?)
}

/// The ledger page for a resident already allowed.
pub async fn load(state: &AppState, whose: Whose, query: &LedgerQuery) -> Result<Ledger, ApiError> {
    let paging = crate::extract::keyset_paging(
        query.limit,
        query.offset,
        query.cursor.as_deref(),
        &store::LEDGER_ORDER,
    )?;
    let db = state.db.reader();
    let store::LedgerHead {
        name,
        balance,
        earned: earned_this_month,
    } = head(state, whose).await?;
    let rows = store::entries(
        db,
        whose.user_id,
        whose.community_id,
        paging.after(),
        paging.fetch(),
        paging.offset(),
    )
    .await?;
    let (rows, next) = paging.split(rows, |r| vec![r.id]);
    let entries: Vec<LedgerEntry> = rows.into_iter().map(|r| r.wire(whose.user_id)).collect();
    Ok(Ledger {
        user_id: whose.user_id,
        name,
        community_id: whose.community_id,
        balance,
        earned_this_month,
        entries,
        next_offset: next.offset,
        next_cursor: next.cursor,
    })
}

/// A resident's points: balance, this month's earnings, every entry.
#[utoipa::path(get, path = "/v1/points/ledger", tag = "points", params(LedgerQuery),
    responses(
        (status = 200, description = "Ledger, newest first", body = Ledger),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No points account (not a resident or helper)", body = ErrorBody),
        (status = 404, description = "That person's points are not yours to see", body = ErrorBody),
    ))]
pub async fn ledger(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<LedgerQuery>,
) -> Result<AppJson<Ledger>, ApiError> {
    let whose = whose(&state, &caller, query.user_id).await?;
    Ok(AppJson(load(&state, whose, &query).await?))
}

/// The cards on 首页: my balance and this month's points; for managers, the
/// redemptions waiting to be handed over.
#[utoipa::path(get, path = "/v1/points/summary", tag = "points",
    responses(
        (status = 200, description = "What applies to the caller", body = PointSummary),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ))]
pub async fn summary(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<AppJson<PointSummary>, ApiError> {
    let mine = match whose(&state, &caller, None).await {
        Ok(w) => Some(head(&state, w).await?),
        Err(ApiError::ForbiddenBecause { .. }) => None,
        Err(e) => return Err(e),
    };
    let to_hand_over = match caller.managed_community(None) {
        Ok(c) => Some(shop::store::reserved_count(state.db.reader(), c).await?),
        Err(_) => None,
    };
    Ok(AppJson(PointSummary {
        balance: mine.as_ref().map(|m| m.balance),
        earned_this_month: mine.as_ref().map(|m| m.earned),
        to_hand_over,
    }))
}

/// Registered residents of the community (one building if asked), with
/// their balances, for picking whom to award.
#[utoipa::path(get, path = "/v1/points/residents", tag = "points", params(ResidentsQuery),
    responses(
        (status = 200, description = "Residents by building, flat and name", body = Vec<PointResident>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn residents(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ResidentsQuery>,
) -> Result<AppJson<Vec<PointResident>>, ApiError> {
    let community = caller.managed_community(query.community_id)?;
    let rows = store::residents(state.db.reader(), community, query.building_id).await?;
    Ok(AppJson(
        rows.into_iter()
            .map(|r| PointResident {
                user_id: r.user_id,
                name: r.name,
                building_id: r.building_id,
                building: r.building,
                flat_label: r.flat_label,
                balance: r.balance.unwrap_or(0),
                has_phone: r.has_phone != 0,
            })
            .collect(),
    ))
}
