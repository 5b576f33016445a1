//! `POST /api/v1/fees/bills/{id}/payments` and
//! `POST /api/v1/fees/payments/{id}/reverse`: what the office received, and
//! the negative entry that undoes a mistake (payments are never edited).

use app::model::{BillList, ErrorBody, ErrorCode, NewPayment, ReversePayment};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::access::managed_bill;
use super::bills::bill_list;
use super::record::{Received, record};
use super::store::{self, PaymentLine};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// A "YYYY-MM-DD" date between 2000 and 2100.
pub fn paid_on(input: &str) -> Result<String, ApiError> {
    let ok = input.len() == 10
        && app::model::time::parse_rfc3339(&format!("{input}T00:00:00Z")).is_some()
        && input[..4]
            .parse::<i64>()
            .is_ok_and(|y| (2000..=2100).contains(&y));
    if ok {
        Ok(input.to_owned())
    } else {
        Err(ApiError::bad_request(
            ErrorCode::InvalidDate,
            "日期写法不对，应为 2026-03-02",
        ))
    }
}

/// More than 0 and at most ¥1,000,000.
pub fn check_amount(fen: i64) -> Result<(), ApiError> {
    if fen <= 0 || fen > 100_000_000 {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidAmount,
            "金额须大于 0",
        ));
    }
    Ok(())
}

/// Records a payment the office received (partial payments allowed; more
/// than is owed is refused).
#[utoipa::path(post, path = "/v1/fees/bills/{id}/payments", tag = "fees", request_body = NewPayment,
    params(("id" = i64, Path, description = "Bill id")),
    responses(
        (status = 201, description = "Recorded; the household's bills as they are now", body = BillList),
        (status = 400, description = "Amount not above 0, bad date, receipt number or note", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such bill in a community the caller manages", body = ErrorBody),
        (status = 409, description = "More than is owed, or the receipt number is taken", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields, unknown method", body = ErrorBody),
    ))]
pub async fn record_payment(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(bill): AppPath<i64>,
    AppJson(body): AppJson<NewPayment>,
) -> Result<(StatusCode, AppJson<BillList>), ApiError> {
    let (community, household) = managed_bill(&state, &caller, bill).await?;
    check_amount(body.amount_fen)?;
    let paid_on = paid_on(&body.paid_on)?;
    let mut tx = state.db.writer().begin().await?;
    record(
        &mut tx,
        Received {
            bill,
            community,
            household,
            amount_fen: body.amount_fen,
            method: body.method,
            paid_on: &paid_on,
            receipt_no: body.receipt_no.as_ref().map(app::model::Text::as_str),
            note: body.note.as_str(),
            by: caller.user_id,
            via: "office",
            now: now_millis(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(bill_list(&state, household).await?),
    ))
}

/// Reverses a mistaken payment with a negative entry (never a deletion).
#[utoipa::path(post, path = "/v1/fees/payments/{id}/reverse", tag = "fees", request_body = ReversePayment,
    params(("id" = i64, Path, description = "Payment id")),
    responses(
        (status = 201, description = "Reversed; the household's bills as they are now", body = BillList),
        (status = 400, description = "No reason given", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such payment in a community the caller manages", body = ErrorBody),
        (status = 409, description = "Already reversed, or itself a reversal", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn reverse_payment(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(payment): AppPath<i64>,
    AppJson(body): AppJson<ReversePayment>,
) -> Result<(StatusCode, AppJson<BillList>), ApiError> {
    let found = store::payment(state.db.reader(), payment).await?;
    let original = found.ok_or(ApiError::NotFound)?;
    let (community, household) = managed_bill(&state, &caller, original.bill_id).await?;
    let reason = body.reason.as_str();
    if original.reverses_id.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::NotReversible,
            "冲销记录不能再冲销",
        ));
    }
    let mut tx = state.db.writer().begin().await?;
    if store::reversed(&mut tx, payment).await? {
        return Err(already_reversed());
    }
    if !store::move_paid(&mut tx, original.bill_id, -original.amount_fen).await? {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "bill {} paid_fen below payment {payment}",
            original.bill_id
        )));
    }
    // Its own receipt number with 冲销: reversals take no part in the
    // community's receipt rule, so one can always be recorded.
    let receipt = format!("{}-冲销", original.receipt_no);
    let today = crate::fees::summary::today();
    let reversal = PaymentLine {
        bill: original.bill_id,
        community,
        amount_fen: -original.amount_fen,
        method: original.method,
        paid_on: &today,
        receipt_no: &receipt,
        note: reason,
        recorded_by: caller.user_id,
        now: now_millis(),
        reverses: Some(payment),
    };
    // Another process may have reversed it since the check.
    if store::insert_payment(&mut tx, &reversal).await?.is_none() {
        return Err(already_reversed());
    }
    audit::record(
        &mut tx,
        Entry::new("fees.payment_reverse", Some(caller.user_id))
            .household(household)
            .community(community)
            .detail(json!({ "payment": payment, "reason": reason })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(bill_list(&state, household).await?),
    ))
}

fn already_reversed() -> ApiError {
    ApiError::conflict(ErrorCode::AlreadyReversed, "这笔已经冲销过了")
}
