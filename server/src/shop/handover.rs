//! Handing goods over (fulfil) or calling a redemption off (cancel): each a
//! conditional update from `reserved`, so either happens exactly once, and
//! a cancel returns points and stock in the same transaction.

use app::model::ErrorCode;
use app::model::{CancelRedemption, EntryKind, ErrorBody, InboxKind, Redemption, RedemptionStatus};
use axum::extract::State;

use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::points::access::whose;
use crate::points::store::Entry as LedgerLine;
use crate::points::{self, day_of};
use crate::state::AppState;

fn not_reserved(status: RedemptionStatus) -> ApiError {
    if status == RedemptionStatus::Fulfilled {
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
    let row = store::redemption(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
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
    let fulfilled = RedemptionStatus::Fulfilled;
    if !store::close_redemption(&mut tx, id, fulfilled, caller.user_id, now_millis()).await? {
        return Err(not_reserved(row.status));
    }
    audit::record(
        &mut tx,
        Entry::new("shop.fulfil", Some(caller.user_id))
            .community(row.community_id)
            .detail(serde_json::json!({ "redemption": id })),
    )
    .await?;
    let row = store::redemption(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    super::tell(
        &mut tx,
        &row,
        InboxKind::SwapHandedOver,
        caller.user_id,
        now_millis(),
    )
    .await?;
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
    let (user, community) = store::redemption(state.db.reader(), id)
        .await?
        .map(|r| (r.user_id, r.community_id))
        .ok_or(ApiError::NotFound)?;
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
    let row = store::redemption(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let cancelled = RedemptionStatus::Cancelled;
    if !store::close_redemption(&mut tx, id, cancelled, caller.user_id, now).await? {
        return Err(not_reserved(row.status));
    }
    store::return_stock(&mut tx, row.item_id, row.quantity, now).await?;
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
    points::store::post(&mut tx, &line).await?;
    audit::record(
        &mut tx,
        Entry::new("shop.cancel", Some(caller.user_id))
            .community(community)
            .detail(serde_json::json!({ "redemption": id, "points": row.points })),
    )
    .await?;
    let row = store::redemption(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    super::tell(&mut tx, &row, InboxKind::SwapCancelled, caller.user_id, now).await?;
    tx.commit().await?;
    Ok(AppJson(row.wire()))
}
