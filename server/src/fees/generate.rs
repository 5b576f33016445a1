//! `POST /api/v1/fees/bills/generate`: a period's bills for every household.

use app::model::{
    ErrorBody, ErrorCode, FeeBasis, FeeSchedule, GenerateBills, GeneratePreview, GenerateResult,
    InboxKind, bill_amount,
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
        (status = 409, description = "The schedule is retired", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn generate_bills(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<GenerateBills>,
) -> Result<AppJson<GenerateResult>, ApiError> {
    let row = super::access::managed_schedule(&state, &caller, body.schedule_id).await?;
    let changes = store::rate_changes(state.db.reader(), row.community_id).await?;
    let schedule = row.wire_with(&changes);
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

/// What generating would make, without making it.
#[utoipa::path(post, path = "/v1/fees/bills/preview", tag = "fees", request_body = GenerateBills,
    responses(
        (status = 200, description = "Bills it would make and their sum; households already billed", body = GeneratePreview),
        (status = 400, description = "The period does not fit the schedule", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such schedule in a community the caller manages", body = ErrorBody),
        (status = 409, description = "The schedule is retired", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn preview_bills(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<GenerateBills>,
) -> Result<AppJson<GeneratePreview>, ApiError> {
    let db = state.db.reader();
    let row = super::access::managed_schedule(&state, &caller, body.schedule_id).await?;
    let changes = store::rate_changes(db, row.community_id).await?;
    let schedule = row.wire_with(&changes);
    if schedule.retired {
        return Err(retired());
    }
    let (_, months) = period_of(&schedule, &body.period)?;
    let rate = schedule.rate_for(&body.period);
    let billed: std::collections::HashSet<i64> = store::billed_in(db, schedule.id, &body.period)
        .await?
        .into_iter()
        .collect();
    let flats = store::flats(db, schedule.community_id).await?;
    let mut preview = GeneratePreview {
        bills: 0,
        total_fen: 0,
        existing: 0,
    };
    for flat in &flats {
        if billed.contains(&flat.id) {
            preview.existing += 1;
            continue;
        }
        let amount = amount(&schedule, rate, flat.area_hundredths_m2, months);
        if amount > 0 {
            preview.bills += 1;
            preview.total_fen += amount;
        }
    }
    Ok(AppJson(preview))
}

fn retired() -> ApiError {
    ApiError::conflict(ErrorCode::ScheduleRetired, "这个收费项目已经停用了")
}

/// The period's first day and its months, if the label fits the schedule.
fn period_of(schedule: &FeeSchedule, period: &str) -> Result<(i64, i64), ApiError> {
    let (year, month, months) = schedule.period.label(period).ok_or_else(|| {
        ApiError::bad_request(
            ErrorCode::InvalidPeriod,
            "周期写法不对：按年写 2026，按季写 2026-Q1，按月写 2026-03",
        )
    })?;
    let start = month_start(year, month)
        .ok_or_else(|| ApiError::bad_request(ErrorCode::InvalidPeriod, "周期不对"))?;
    Ok((start, months))
}

fn amount(schedule: &FeeSchedule, rate_fen: i64, area_hundredths_m2: i64, months: i64) -> i64 {
    bill_amount(
        schedule.basis == FeeBasis::PerM2,
        rate_fen,
        area_hundredths_m2,
        months,
    )
}

/// Makes the bills of a schedule for a period at the rate for that period;
/// shared with the demo seed. A retired schedule makes none (checked with
/// the schedule's row held, so a retirement or a rate change cannot cross).
pub async fn generate(
    db: &crate::db::Db,
    schedule: &FeeSchedule,
    period: &str,
) -> Result<GenerateResult, ApiError> {
    let (start, months) = period_of(schedule, period)?;
    let due = due_at(start, schedule.due_days);
    let flats = store::flats(db.reader(), schedule.community_id).await?;
    let now = now_millis();
    let mut tx = db.writer().begin().await?;
    if !store::hold_live_schedule(&mut tx, schedule.id).await? {
        return Err(retired());
    }
    let rate = store::rate_for(&mut tx, schedule.id, period)
        .await?
        .unwrap_or(schedule.rate_fen);
    let mut made = Vec::new();
    for flat in &flats {
        let amount_fen = amount(schedule, rate, flat.area_hundredths_m2, months);
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
