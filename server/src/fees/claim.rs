//! `POST /api/v1/fees/bills/{id}/claims`: 我已付款 — the household's resident,
//! or a helper for them, tells the office the money was sent by WeChat,
//! Alipay or bank transfer, optionally with a screenshot. The bill then says
//! 已告知物业，待确认 until the office answers.

use app::model::{Claim, ErrorBody, ErrorCode, NewClaim, PaymentMethod};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::claims::claim_now;
use super::payments::{check_amount, paid_on};
use super::store::{self, ClaimLine};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;
use crate::uploads;

#[utoipa::path(post, path = "/v1/fees/bills/{id}/claims", tag = "fees", request_body = NewClaim,
    params(("id" = i64, Path, description = "Bill id")),
    responses(
        (status = 201, description = "The office is told; the claim waits for its answer", body = Claim),
        (status = 400, description = "Amount not above 0, bad date or note, cash, or a screenshot that is not the caller's upload", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such bill of a household the caller lives in or helps", body = ErrorBody),
        (status = 409, description = "More than is owed, or a claim for this bill is already waiting", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields, unknown method", body = ErrorBody),
    ))]
pub async fn claim_paid(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(bill): AppPath<i64>,
    AppJson(body): AppJson<NewClaim>,
) -> Result<(StatusCode, AppJson<Claim>), ApiError> {
    let owner = store::bill_owner(state.db.reader(), bill)
        .await?
        .filter(|b| caller.household_role(b.household_id).is_some())
        .ok_or(ApiError::NotFound)?;
    if body.method == PaymentMethod::Cash {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidMethod,
            "现金请到物业办公室交；这里只告知微信、支付宝或银行转账",
        ));
    }
    check_amount(body.amount_fen)?;
    let paid_on = paid_on(&body.paid_on)?;
    if let Some(id) = &body.upload_id {
        uploads::require_own(&state, &caller, id).await?;
    }
    let mut tx = state.db.writer().begin().await?;
    if store::owed(&mut tx, bill).await?.unwrap_or(0) < body.amount_fen {
        return Err(ApiError::conflict(
            ErrorCode::Overpayment,
            "填的钱比这张账单欠的多，请核对金额",
        ));
    }
    let id = store::insert_claim(
        &mut tx,
        &ClaimLine {
            bill,
            community: owner.community_id,
            household: owner.household_id,
            amount_fen: body.amount_fen,
            method: body.method,
            paid_on: &paid_on,
            note: body.note.as_str(),
            upload: body.upload_id.as_deref(),
            by: caller.user_id,
            now: now_millis(),
        },
    )
    .await?
    .ok_or_else(|| {
        ApiError::conflict(
            ErrorCode::ClaimWaiting,
            "这张账单已经告知过物业了，请等物业确认",
        )
    })?;
    audit::record(
        &mut tx,
        Entry::new("fees.claim", Some(caller.user_id))
            .household(owner.household_id)
            .community(owner.community_id)
            .detail(json!({ "claim": id, "bill": bill, "amount_fen": body.amount_fen })),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, AppJson(claim_now(&state, id).await?)))
}
