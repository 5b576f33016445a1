//! `POST /api/v1/fees/claims/{id}/decline` (managers): the office did not
//! find the money, and says why; the household reads it on the bill.

use app::model::{Claim, DeclineClaim, ErrorBody, InboxKind};
use axum::extract::State;
use serde_json::json;

use super::claims::{answered, claim_now, waiting};
use super::store::{self, Answer};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::inbox::store::{News, To, deliver};
use crate::state::AppState;

#[utoipa::path(post, path = "/v1/fees/claims/{id}/decline", tag = "fees", request_body = DeclineClaim,
    params(("id" = i64, Path, description = "Claim id")),
    responses(
        (status = 200, description = "Declined; the household reads the reason", body = Claim),
        (status = 400, description = "No reason given", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such claim in a community the caller manages", body = ErrorBody),
        (status = 409, description = "Already answered", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn decline_claim(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<DeclineClaim>,
) -> Result<AppJson<Claim>, ApiError> {
    let claim = waiting(&state, &caller, id).await?;
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    if !store::answer_claim(
        &mut tx,
        id,
        Answer::Declined {
            reason: body.reason.as_str(),
        },
        caller.user_id,
        now,
    )
    .await?
    {
        return Err(answered());
    }
    deliver(
        &mut tx,
        &News {
            kind: InboxKind::ClaimDeclined,
            subject: claim.bill_id,
            words: body.reason.as_str(),
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
        Entry::new("fees.claim_decline", Some(caller.user_id))
            .household(claim.household_id)
            .community(claim.community_id)
            .detail(json!({ "claim": id, "reason": body.reason.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(claim_now(&state, id).await?))
}
