//! `POST /api/v1/fees/claims/{id}/confirm` (managers): the office found the
//! money, and the payment is booked the one way all payments are — receipt,
//! collection rate and all.

use app::model::{Claim, ConfirmClaim, ErrorBody, InboxKind};
use axum::extract::State;
use serde_json::json;

use super::claims::{answered, claim_now, waiting};
use super::record::{Received, record};
use super::store::{self, Answer};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::inbox::store::{News, To, deliver};
use crate::state::AppState;

#[utoipa::path(post, path = "/v1/fees/claims/{id}/confirm", tag = "fees", request_body = ConfirmClaim,
    params(("id" = i64, Path, description = "Claim id")),
    responses(
        (status = 200, description = "Confirmed: the payment is recorded, with its receipt", body = Claim),
        (status = 400, description = "Bad receipt number", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such claim in a community the caller manages", body = ErrorBody),
        (status = 409, description = "Already answered; more than the bill still owes; or the receipt number is taken", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn confirm_claim(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<ConfirmClaim>,
) -> Result<AppJson<Claim>, ApiError> {
    let claim = waiting(&state, &caller, id).await?;
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    let booked = record(
        &mut tx,
        Received {
            bill: claim.bill_id,
            community: claim.community_id,
            household: claim.household_id,
            amount_fen: claim.amount_fen,
            method: claim.method,
            paid_on: &claim.paid_on,
            receipt_no: body.receipt_no.as_ref().map(app::model::Text::as_str),
            note: &claim.note,
            by: caller.user_id,
            via: "claim",
            now,
        },
    )
    .await?;
    // Two confirmations at once: the second finds it answered, and its
    // payment goes with its rolled-back transaction.
    if !store::answer_claim(
        &mut tx,
        id,
        Answer::Confirmed {
            payment: booked.payment_id,
        },
        caller.user_id,
        now,
    )
    .await?
    {
        return Err(answered());
    }
    // The claimant and the household hear of it (not the office person).
    deliver(
        &mut tx,
        &News {
            kind: InboxKind::ClaimConfirmed,
            subject: claim.bill_id,
            words: &claim.period,
            amount: Some(claim.amount_fen),
            at: now,
        },
        To::Household {
            household: claim.household_id,
            except: caller.user_id,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::new("fees.claim_confirm", Some(caller.user_id))
            .household(claim.household_id)
            .community(claim.community_id)
            .detail(json!({ "claim": id, "receipt_no": booked.receipt_no })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(claim_now(&state, id).await?))
}
