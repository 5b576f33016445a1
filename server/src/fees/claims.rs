//! `GET /api/v1/fees/claims`: the office's queue of 我已付款 claims, or a
//! household's own claims with the office's answers.

use app::model::{Claim, ClaimStatus, ClaimsQuery, ErrorBody, ErrorCode};
use axum::extract::State;

use super::store::{self, ClaimRow, ClaimsOf};
use crate::accounts::session::Caller;
use crate::db::rfc3339;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;
use crate::uploads;

pub fn claim_of(r: ClaimRow) -> Claim {
    Claim {
        id: r.id,
        bill_id: r.bill_id,
        household_id: r.household_id,
        address: format!("{} {}", r.building, r.flat_label),
        schedule_name: r.schedule_name,
        period: r.period,
        owed_fen: r.owed_fen,
        amount_fen: r.amount_fen,
        method: r.method,
        paid_on: r.paid_on,
        note: r.note,
        photo: r.upload_id.map(uploads::photo),
        status: r.status,
        claimed_by: r.claimed_by,
        claimed_at: rfc3339(r.claimed_at),
        decided_by: r.decided_by,
        decided_at: r.decided_at.map(rfc3339),
        reason: r.reason,
        receipt_no: r.receipt_no,
    }
}

/// The claim as it is now (after a change the caller just made).
pub async fn claim_now(state: &AppState, id: i64) -> Result<Claim, ApiError> {
    store::claim(state.db.reader(), id)
        .await?
        .map(claim_of)
        .ok_or(ApiError::NotFound)
}

pub fn answered() -> ApiError {
    ApiError::conflict(ErrorCode::ClaimAnswered, "这条已经处理过了")
}

/// A waiting claim in a community the caller manages.
pub async fn waiting(state: &AppState, caller: &Caller, id: i64) -> Result<ClaimRow, ApiError> {
    let claim = store::claim(state.db.reader(), id)
        .await?
        .filter(|c| caller.manages(c.community_id))
        .ok_or(ApiError::NotFound)?;
    if claim.status != ClaimStatus::Pending {
        return Err(answered());
    }
    Ok(claim)
}

/// Managers: the community's claims; residents and helpers: their household's.
#[utoipa::path(get, path = "/v1/fees/claims", tag = "fees", params(ClaimsQuery),
    responses(
        (status = 200, description = "Newest first, at most 200", body = [Claim]),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Neither a manager nor in a household", body = ErrorBody),
    ))]
pub async fn list_claims(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ClaimsQuery>,
) -> Result<AppJson<Vec<Claim>>, ApiError> {
    let of = match caller.managed_community(query.community_id) {
        Ok(community) => ClaimsOf::Community(community),
        Err(refused) if query.community_id.is_some() => return Err(refused),
        Err(_) => ClaimsOf::Household(caller.require_household()?),
    };
    let rows = store::claims(state.db.reader(), of, query.status.map(ClaimStatus::as_str)).await?;
    Ok(AppJson(rows.into_iter().map(claim_of).collect()))
}
