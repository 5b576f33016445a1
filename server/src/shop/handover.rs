//! Handing goods over (fulfil) or calling a redemption off (cancel): each a
//! conditional update from `reserved`, so either happens exactly once, and
//! a cancel returns points and stock in the same transaction.

use app::model::ErrorCode;
use app::model::{CancelRedemption, EntryKind, ErrorBody, Redemption};
use axum::extract::State;

use super::redeem::{RedemptionRow, SELECT};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::points::access::whose;
use crate::points::day_of;
use crate::points::store::{self, Entry as LedgerLine};
use crate::state::AppState;

async fn load(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
) -> Result<Option<RedemptionRow>, ApiError> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE r.id = $1")))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

fn not_reserved(status: &str) -> ApiError {
    if status == "fulfilled" {
        ApiError::conflict(ErrorCode::AlreadyFulfilled, "这件东西已经领走了")
    } else {
        ApiError::conflict(ErrorCode::AlreadyCancelled, "这次兑换已经取消了")
    }
}

/// Marks a redemption handed over (managers, after giving the goods).
#[utoipa::path(post, path = "/v1/shop/redemptions/{id}/fulfil", tag = "shop",
    params(("id" = i64, Path, description = "Redemption id")),
    responses(
        (status = 200, description = "Handed over", body = Redemption),
        (status = 400, description = "Malformed id", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "The resident's own swap (the office hands it over), or a missing CSRF header", body = ErrorBody),
        (status = 404, description = "Absent, or neither yours nor of a community you manage", body = ErrorBody),
        (status = 409, description = "Already handed over or cancelled", body = ErrorBody),
    ))]
pub async fn fulfil(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Redemption>, ApiError> {
    let mut tx = state.db.writer().begin().await?;
    let row = load(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    if !caller.manages(row.community_id) {
        // The resident (or their helper) sees their own swap: they are told
        // it is the office's to hand over. Anyone else learns nothing.
        return Err(match whose(&state, &caller, Some(row.user_id)).await {
            Ok(w) if w.community_id == row.community_id => ApiError::ForbiddenBecause {
                code: ErrorCode::OfficeHandsOver,
                message: "东西由物业办公室交给您，请带取货码去领",
            },
            _ => ApiError::NotFound,
        });
    }
    let done = sqlx::query(
        "UPDATE shop_redemptions SET status = 'fulfilled', closed_at = $1, closed_by = $2
         WHERE id = $3 AND status = 'reserved'",
    )
    .bind(now_millis())
    .bind(caller.user_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(not_reserved(&row.status));
    }
    audit::record(
        &mut *tx,
        Entry::new("shop.fulfil", Some(caller.user_id))
            .community(row.community_id)
            .detail(serde_json::json!({ "redemption": id })),
    )
    .await?;
    let row = load(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(AppJson(row.wire()))
}

/// Calls a redemption off before the goods are handed over: by the
/// resident (or their helper), or a manager. Points and stock come back.
#[utoipa::path(post, path = "/v1/shop/redemptions/{id}/cancel", tag = "shop",
    params(("id" = i64, Path, description = "Redemption id")), request_body = CancelRedemption,
    responses(
        (status = 200, description = "Cancelled; points and stock returned", body = Redemption),
        (status = 400, description = "Reason too long", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "Absent or not yours", body = ErrorBody),
        (status = 409, description = "Already handed over or cancelled", body = ErrorBody),
        (status = 422, description = "Unknown fields", body = ErrorBody),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<CancelRedemption>,
) -> Result<AppJson<Redemption>, ApiError> {
    let reason = body.reason.as_str();
    let owner: Option<(i64, i64)> =
        sqlx::query_as("SELECT user_id, community_id FROM shop_redemptions WHERE id = $1")
            .bind(id)
            .fetch_optional(state.db.reader())
            .await?;
    let (user, community) = owner.ok_or(ApiError::NotFound)?;
    let manager = caller.manages(community);
    let acting = if manager {
        None
    } else {
        match whose(&state, &caller, Some(user)).await {
            Ok(w) if w.community_id == community => w.acting_household,
            _ => return Err(ApiError::NotFound),
        }
    };
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    let row = load(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    let done = sqlx::query(
        "UPDATE shop_redemptions SET status = 'cancelled', closed_at = $1, closed_by = $2
         WHERE id = $3 AND status = 'reserved'",
    )
    .bind(now)
    .bind(caller.user_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(not_reserved(&row.status));
    }
    sqlx::query("UPDATE shop_items SET stock = stock + $1, updated_at = $2 WHERE id = $3")
        .bind(row.quantity)
        .bind(now)
        .bind(row.item_id)
        .execute(&mut *tx)
        .await?;
    let day = day_of(now);
    let mut line = LedgerLine::new(
        EntryKind::Refund,
        community,
        user,
        row.points,
        &day,
        caller.user_id,
    );
    line.redemption = Some(id);
    line.reason = reason;
    line.acting_household = acting;
    store::post(&mut tx, &line).await?;
    audit::record(
        &mut *tx,
        Entry::new("shop.cancel", Some(caller.user_id))
            .community(community)
            .detail(serde_json::json!({ "redemption": id, "points": row.points })),
    )
    .await?;
    let row = load(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(AppJson(row.wire()))
}
