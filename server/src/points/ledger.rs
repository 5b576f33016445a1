//! Reading points: a resident's ledger and balance, the home card, and the
//! residents the office picks for an award.

use app::model::{
    EntryKind, ErrorBody, Ledger, LedgerEntry, LedgerQuery, PointResident, PointSummary,
    ResidentsQuery,
};
use axum::extract::State;
use sqlx::FromRow;

use super::access::{Whose, whose};
use super::this_month;
use crate::accounts::session::Caller;
use crate::db::{now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

#[derive(FromRow)]
struct EntryRow {
    id: i64,
    kind: String,
    amount: i64,
    earned_on: String,
    quantity_halves: Option<i64>,
    reason: String,
    created_at: i64,
    rule_name: Option<String>,
    item_name: Option<String>,
    item_quantity: Option<i64>,
    recorder: String,
    recorded_by: i64,
    acting_household: Option<i64>,
    reversed: i64,
}

impl EntryRow {
    fn wire(self, owner: i64) -> LedgerEntry {
        let kind = EntryKind::parse(&self.kind).unwrap_or(EntryKind::Adjust);
        let what = match (kind, self.rule_name, self.item_name) {
            (EntryKind::Award, Some(rule), _) if self.reason.is_empty() => rule,
            (EntryKind::Award, Some(rule), _) => format!("{rule}（{}）", self.reason),
            (EntryKind::Redeem | EntryKind::Refund, _, Some(item)) => {
                format!("{item} ×{}", self.item_quantity.unwrap_or(1))
            }
            _ => self.reason,
        };
        #[allow(clippy::cast_precision_loss)]
        let quantity = self.quantity_halves.map(|h| h as f64 / 2.0);
        LedgerEntry {
            id: self.id,
            kind,
            amount: self.amount,
            earned_on: self.earned_on,
            what,
            quantity,
            by_helper: (self.acting_household.is_some() && self.recorded_by != owner)
                .then(|| self.recorder.clone()),
            recorded_by: self.recorder,
            reversed: self.reversed > 0,
            created_at: rfc3339(self.created_at),
        }
    }
}

/// Balance and this month's earnings of one resident.
async fn balance_and_earned(state: &AppState, whose: Whose) -> Result<(i64, i64), ApiError> {
    let balance: Option<i64> = sqlx::query_scalar(
        "SELECT balance FROM point_accounts WHERE user_id = $1 AND community_id = $2",
    )
    .bind(whose.user_id)
    .bind(whose.community_id)
    .fetch_optional(state.db.reader())
    .await?;
    let (from, to) = this_month(now_millis());
    let earned: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM point_entries
         WHERE user_id = $1 AND community_id = $2 AND kind IN ('award', 'adjust', 'reversal')
           AND earned_on >= $3 AND earned_on < $4",
    )
    .bind(whose.user_id)
    .bind(whose.community_id)
    .bind(from)
    .bind(to)
    .fetch_one(state.db.reader())
    .await?;
    Ok((balance.unwrap_or(0), earned))
}

/// The ledger page for a resident already allowed.
pub async fn load(state: &AppState, whose: Whose, query: &LedgerQuery) -> Result<Ledger, ApiError> {
    let (page, limit) = crate::extract::paging(query.limit, query.offset)?;
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
        .bind(whose.user_id)
        .fetch_one(state.db.reader())
        .await?;
    let (balance, earned_this_month) = balance_and_earned(state, whose).await?;
    let rows: Vec<EntryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT e.id, e.kind, e.amount, e.earned_on, e.quantity_halves, e.reason, e.created_at,
                r.name AS rule_name, i.name AS item_name, rd.quantity AS item_quantity,
                u.name AS recorder, e.recorded_by, e.acting_household,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM point_entries x WHERE x.reverses_id = e.id) AS reversed
         FROM point_entries e
         LEFT JOIN point_rules r ON r.id = e.rule_id
         LEFT JOIN shop_redemptions rd ON rd.id = e.redemption_id
         LEFT JOIN shop_items i ON i.id = rd.item_id
         JOIN users u ON u.id = e.recorded_by
         WHERE e.user_id = $1 AND e.community_id = $2
         ORDER BY e.id DESC LIMIT {} OFFSET {}",
        limit + 1,
        page.offset()
    )))
    .bind(whose.user_id)
    .bind(whose.community_id)
    .fetch_all(state.db.reader())
    .await?;
    let entries: Vec<LedgerEntry> = rows.into_iter().map(|r| r.wire(whose.user_id)).collect();
    let page = app::model::Page::from_overfetch(entries, &page, limit);
    Ok(Ledger {
        user_id: whose.user_id,
        name,
        community_id: whose.community_id,
        balance,
        earned_this_month,
        entries: page.items,
        next_offset: page.next_offset,
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
        Ok(w) => Some(balance_and_earned(&state, w).await?),
        Err(ApiError::ForbiddenBecause { .. }) => None,
        Err(e) => return Err(e),
    };
    let to_hand_over = match caller.managed_community(None) {
        Ok(c) => Some(
            sqlx::query_scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_redemptions
                 WHERE community_id = $1 AND status = 'reserved'",
            )
            .bind(c)
            .fetch_one(state.db.reader())
            .await?,
        ),
        Err(_) => None,
    };
    Ok(AppJson(PointSummary {
        balance: mine.map(|m| m.0),
        earned_this_month: mine.map(|m| m.1),
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
    let rows: Vec<(i64, String, i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT u.id, u.name, b.id, b.name, h.flat_label, a.balance
         FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN households h ON h.id = m.household_id JOIN buildings b ON b.id = h.building_id
         LEFT JOIN point_accounts a ON a.user_id = u.id AND a.community_id = h.community_id
         WHERE h.community_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.disabled_at IS NULL AND ($2 IS NULL OR b.id = $2)
         ORDER BY b.sort_order, h.flat_label, u.name",
    )
    .bind(community)
    .bind(query.building_id)
    .fetch_all(state.db.reader())
    .await?;
    Ok(AppJson(
        rows.into_iter()
            .map(
                |(user_id, name, building_id, building, flat_label, balance)| PointResident {
                    user_id,
                    name,
                    building_id,
                    building,
                    flat_label,
                    balance: balance.unwrap_or(0),
                },
            )
            .collect(),
    ))
}
