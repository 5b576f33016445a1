//! `POST /api/v1/fees/bills/generate`: a period's bills for every household.

use app::model::{
    ErrorBody, ErrorCode, FeeBasis, FeeSchedule, GenerateBills, GenerateResult, InboxKind,
    bill_amount,
};
use axum::extract::State;
use serde_json::json;

use super::store::{self, NewBill};
use super::{due_at, month_start};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Makes one bill per household of the community for a period (idempotent:
/// bills that exist are left alone and counted as existing).
#[utoipa::path(post, path = "/v1/fees/bills/generate", tag = "fees", request_body = GenerateBills,
    responses(
        (status = 200, description = "Bills made, and bills that existed", body = GenerateResult),
        (status = 400, description = "The period does not fit the schedule", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such schedule in a community the caller manages", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn generate_bills(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<GenerateBills>,
) -> Result<AppJson<GenerateResult>, ApiError> {
    let schedule = store::schedule(state.db.reader(), body.schedule_id)
        .await?
        .filter(|s| caller.manages(s.community_id))
        .ok_or(ApiError::NotFound)?
        .wire();
    let result = generate(&state.db, &schedule, &body.period).await?;
    audit::record(
        state.db.writer(),
        Entry::new("fees.bills_generate", Some(caller.user_id))
            .community(schedule.community_id)
            .detail(json!({ "schedule": body.schedule_id, "period": body.period, "created": result.created })),
    )
    .await?;
    Ok(AppJson(result))
}

/// Makes the bills of a schedule for a period; shared with the demo seed.
pub async fn generate(
    db: &crate::db::Db,
    schedule: &FeeSchedule,
    period: &str,
) -> Result<GenerateResult, ApiError> {
    let (year, month, months) = schedule.period.label(period).ok_or_else(|| {
        ApiError::bad_request(
            ErrorCode::InvalidPeriod,
            "周期写法不对：按年写 2026，按季写 2026-Q1，按月写 2026-03",
        )
    })?;
    let start = month_start(year, month)
        .ok_or_else(|| ApiError::bad_request(ErrorCode::InvalidPeriod, "周期不对"))?;
    let due = due_at(start, schedule.due_days);
    let flats = store::flats(db.reader(), schedule.community_id).await?;
    let now = now_millis();
    let mut tx = db.writer().begin().await?;
    let mut made = Vec::new();
    for flat in &flats {
        let amount_fen = bill_amount(
            schedule.basis == FeeBasis::PerM2,
            schedule.rate_fen,
            flat.area_hundredths_m2,
            months,
        );
        if amount_fen <= 0 {
            continue;
        }
        let bill = NewBill {
            schedule: schedule.id,
            household: flat.id,
            community: schedule.community_id,
            period,
            months,
            amount_fen,
            due_at: due,
            now,
        };
        if let Some(id) = store::insert_bill(&mut tx, &bill).await? {
            made.push(id);
        }
    }
    crate::inbox::store::deliver_bills(&mut tx, InboxKind::BillIssued, &made, now).await?;
    tx.commit().await?;
    let created = i64::try_from(made.len()).unwrap_or(i64::MAX);
    let total = i64::try_from(flats.len()).unwrap_or(0);
    Ok(GenerateResult {
        created,
        existing: total - created,
    })
}
