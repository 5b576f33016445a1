//! `/api/v1/fees`: schedules, bill generation, bills, payments, reversals.

use app::model::ErrorCode;
use app::model::{
    Bill, BillHousehold, BillList, BillStatus, BillingPeriod, BillsQuery, ErrorBody, FeeBasis,
    FeeSchedule, GenerateBills, GenerateResult, NewFeeSchedule, NewPayment, Payment, PaymentMethod,
    ReversePayment, bill_amount,
};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;
use sqlx::FromRow;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::access::{bills_household, managed_bill};
use super::{due_at, month_start};
use crate::accounts::codes;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_schedules, create_schedule))
        .routes(routes!(generate_bills))
        .routes(routes!(list_bills))
        .routes(routes!(record_payment))
        .routes(routes!(reverse_payment))
        .merge(super::summary::router())
}

#[derive(FromRow)]
struct ScheduleRow {
    id: i64,
    community_id: i64,
    name: String,
    basis: String,
    rate_fen: i64,
    period: String,
    due_days: i64,
}

impl ScheduleRow {
    fn wire(self) -> FeeSchedule {
        FeeSchedule {
            id: self.id,
            community_id: self.community_id,
            name: self.name,
            basis: if self.basis == "fixed" {
                FeeBasis::Fixed
            } else {
                FeeBasis::PerM2
            },
            rate_fen: self.rate_fen,
            period: BillingPeriod::parse(&self.period).unwrap_or(BillingPeriod::Year),
            due_days: self.due_days,
        }
    }
}

const SCHEDULE_COLUMNS: &str = "id, community_id, name, basis, rate_fen, period, due_days";

/// The fee schedules of the manager's community.
#[utoipa::path(get, path = "/v1/fees/schedules", tag = "fees",
    params(("community_id" = Option<i64>, Query, description = "The manager's first community when absent")),
    responses(
        (status = 200, description = "Schedules", body = Vec<FeeSchedule>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
async fn list_schedules(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<std::collections::HashMap<String, i64>>,
) -> Result<AppJson<Vec<FeeSchedule>>, ApiError> {
    if query.keys().any(|k| k != "community_id") {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidQuery,
            "只接受 community_id",
        ));
    }
    let community = caller.managed_community(query.get("community_id").copied())?;
    let rows: Vec<ScheduleRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SCHEDULE_COLUMNS} FROM fee_schedules WHERE community_id = $1 ORDER BY id"
    )))
    .bind(community)
    .fetch_all(state.db.reader())
    .await?;
    Ok(AppJson(rows.into_iter().map(ScheduleRow::wire).collect()))
}

/// Adds a fee schedule.
#[utoipa::path(post, path = "/v1/fees/schedules", tag = "fees", request_body = NewFeeSchedule,
    responses(
        (status = 201, description = "Created", body = FeeSchedule),
        (status = 400, description = "Invalid name, rate or due days", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 409, description = "A schedule of that name exists", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
async fn create_schedule(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewFeeSchedule>,
) -> Result<(StatusCode, AppJson<FeeSchedule>), ApiError> {
    let community = caller.managed_community(Some(body.community_id))?;
    let name = body.name.as_str();
    if !(1..=1_000_000).contains(&body.rate_fen) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidAmount,
            "单价须大于 0",
        ));
    }
    let due_days = body.due_days.unwrap_or(30);
    if !(0..=366).contains(&due_days) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidDueDays,
            "缴费期限须在 0 到 366 天之间",
        ));
    }
    let taken: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_schedules WHERE community_id = $1 AND name = $2",
    )
    .bind(community)
    .bind(name)
    .fetch_one(state.db.writer())
    .await?;
    if taken > 0 {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名称的收费项目了",
        ));
    }
    let basis = if body.basis == FeeBasis::Fixed {
        "fixed"
    } else {
        "per_m2"
    };
    let row: ScheduleRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO fee_schedules (community_id, name, basis, rate_fen, period, due_days, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {SCHEDULE_COLUMNS}"
    )))
    .bind(community)
    .bind(name)
    .bind(basis)
    .bind(body.rate_fen)
    .bind(body.period.as_str())
    .bind(due_days)
    .bind(now_millis())
    .fetch_one(state.db.writer())
    .await?;
    Ok((StatusCode::CREATED, AppJson(row.wire())))
}

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
async fn generate_bills(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<GenerateBills>,
) -> Result<AppJson<GenerateResult>, ApiError> {
    let schedule: Option<ScheduleRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SCHEDULE_COLUMNS} FROM fee_schedules WHERE id = $1"
    )))
    .bind(body.schedule_id)
    .fetch_optional(state.db.reader())
    .await?;
    let schedule = schedule
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
    let households: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, area_hundredths_m2 FROM households WHERE community_id = $1 ORDER BY id",
    )
    .bind(schedule.community_id)
    .fetch_all(db.reader())
    .await?;
    let now = now_millis();
    let mut tx = db.writer().begin().await?;
    let mut created = 0;
    for (household, area) in &households {
        let amount = bill_amount(
            schedule.basis == FeeBasis::PerM2,
            schedule.rate_fen,
            *area,
            months,
        );
        if amount <= 0 {
            continue;
        }
        let done = sqlx::query(
            "INSERT INTO fee_bills (schedule_id, household_id, community_id, period, months, amount_fen, due_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
        )
        .bind(schedule.id)
        .bind(*household)
        .bind(schedule.community_id)
        .bind(period)
        .bind(months)
        .bind(amount)
        .bind(due)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        created += i64::try_from(done.rows_affected()).unwrap_or(0);
    }
    tx.commit().await?;
    let total = i64::try_from(households.len()).unwrap_or(0);
    Ok(GenerateResult {
        created,
        existing: total - created,
    })
}

#[derive(FromRow)]
struct BillRow {
    id: i64,
    schedule_name: String,
    period: String,
    amount_fen: i64,
    paid_fen: i64,
    due_at: i64,
}

#[derive(FromRow)]
struct PaymentRow {
    id: i64,
    bill_id: i64,
    amount_fen: i64,
    method: String,
    paid_on: String,
    receipt_no: String,
    note: String,
    reverses_id: Option<i64>,
}

/// A household's bills with their payments, newest period first.
#[utoipa::path(get, path = "/v1/fees/bills", tag = "fees", params(BillsQuery),
    responses(
        (status = 200, description = "The household and its bills", body = BillList),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household", body = ErrorBody),
        (status = 404, description = "Not a household of yours or of your community", body = ErrorBody),
    ))]
async fn list_bills(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<BillsQuery>,
) -> Result<AppJson<BillList>, ApiError> {
    let household_id = bills_household(&state, &caller, query.household_id).await?;
    Ok(AppJson(bill_list(&state, household_id).await?))
}

/// The bill list of one household (also the answer after a payment).
async fn bill_list(state: &AppState, household_id: i64) -> Result<BillList, ApiError> {
    let pool = state.db.reader();
    let (community_name, building, flat_label, area): (String, String, String, i64) = sqlx::query_as(
        "SELECT c.name, b.name, h.flat_label, h.area_hundredths_m2 FROM households h
         JOIN buildings b ON b.id = h.building_id JOIN communities c ON c.id = h.community_id WHERE h.id = $1",
    )
    .bind(household_id)
    .fetch_one(pool)
    .await?;
    let bills: Vec<BillRow> = sqlx::query_as(
        "SELECT f.id, s.name AS schedule_name, f.period, f.amount_fen, f.paid_fen, f.due_at
         FROM fee_bills f JOIN fee_schedules s ON s.id = f.schedule_id
         WHERE f.household_id = $1 ORDER BY f.period DESC, f.id DESC",
    )
    .bind(household_id)
    .fetch_all(pool)
    .await?;
    let payments: Vec<PaymentRow> = sqlx::query_as(
        "SELECT p.id, p.bill_id, p.amount_fen, p.method, p.paid_on, p.receipt_no, p.note, p.reverses_id
         FROM fee_payments p JOIN fee_bills f ON f.id = p.bill_id
         WHERE f.household_id = $1 ORDER BY p.id",
    )
    .bind(household_id)
    .fetch_all(pool)
    .await?;
    let reversed: std::collections::HashSet<i64> =
        payments.iter().filter_map(|p| p.reverses_id).collect();
    let now = now_millis();
    let bills = bills
        .into_iter()
        .map(|b| Bill {
            payments: payments
                .iter()
                .filter(|p| p.bill_id == b.id)
                .map(|p| Payment {
                    id: p.id,
                    bill_id: p.bill_id,
                    amount_fen: p.amount_fen,
                    method: PaymentMethod::parse(&p.method).unwrap_or(PaymentMethod::Cash),
                    paid_on: p.paid_on.clone(),
                    receipt_no: p.receipt_no.clone(),
                    note: p.note.clone(),
                    reverses: p.reverses_id,
                    reversed: reversed.contains(&p.id),
                })
                .collect(),
            status: BillStatus::derive(b.amount_fen, b.paid_fen, b.due_at, now),
            owed_fen: b.amount_fen - b.paid_fen,
            due_at: rfc3339(b.due_at),
            id: b.id,
            schedule_name: b.schedule_name,
            period: b.period,
            amount_fen: b.amount_fen,
            paid_fen: b.paid_fen,
        })
        .collect();
    Ok(BillList {
        household: BillHousehold {
            household_id,
            community_name,
            building,
            flat_label,
            area_hundredths_m2: area,
        },
        bills,
    })
}

/// A "YYYY-MM-DD" date between 2000 and 2100.
fn paid_on(input: &str) -> Result<String, ApiError> {
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
async fn record_payment(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(bill): AppPath<i64>,
    AppJson(body): AppJson<NewPayment>,
) -> Result<(StatusCode, AppJson<BillList>), ApiError> {
    let (community, household) = managed_bill(&state, &caller, bill).await?;
    if body.amount_fen <= 0 || body.amount_fen > 100_000_000 {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidAmount,
            "金额须大于 0",
        ));
    }
    let paid_on = paid_on(&body.paid_on)?;
    let receipt = match body.receipt_no.as_deref() {
        Some(r) if !r.is_empty() => r.to_owned(),
        _ => format!("R{}-{}", paid_on.replace('-', ""), codes::generate()),
    };
    let mut tx = state.db.writer().begin().await?;
    // Receipt numbers are the community's own; reversals take no part.
    let taken: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_payments
         WHERE community_id = $1 AND receipt_no = $2 AND reverses_id IS NULL",
    )
    .bind(community)
    .bind(&receipt)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Err(ApiError::conflict(
            ErrorCode::ReceiptTaken,
            "这个收据号已经用过了",
        ));
    }
    // The database refuses what would overpay: no race can either.
    let applied = sqlx::query(
        "UPDATE fee_bills SET paid_fen = paid_fen + $1 WHERE id = $2 AND paid_fen + $1 <= amount_fen",
    )
    .bind(body.amount_fen)
    .bind(bill)
    .execute(&mut *tx)
    .await?;
    if applied.rows_affected() != 1 {
        return Err(ApiError::conflict(
            ErrorCode::Overpayment,
            "收的钱比欠的多，请核对金额",
        ));
    }
    let inserted = sqlx::query(
        "INSERT INTO fee_payments (bill_id, community_id, amount_fen, method, paid_on, receipt_no, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(bill)
    .bind(community)
    .bind(body.amount_fen)
    .bind(body.method.as_str())
    .bind(&paid_on)
    .bind(&receipt)
    .bind(body.note.as_str())
    .bind(caller.user_id)
    .bind(now_millis())
    .execute(&mut *tx)
    .await;
    match inserted {
        // Another process took the number between the check and the write.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(ApiError::conflict(
                ErrorCode::ReceiptTaken,
                "这个收据号已经用过了",
            ));
        }
        other => other?,
    };
    audit::record(
        &mut *tx,
        Entry::new("fees.payment_record", Some(caller.user_id))
            .household(household)
            .community(community)
            .detail(json!({ "bill": bill, "amount_fen": body.amount_fen, "receipt_no": receipt })),
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
async fn reverse_payment(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(payment): AppPath<i64>,
    AppJson(body): AppJson<ReversePayment>,
) -> Result<(StatusCode, AppJson<BillList>), ApiError> {
    let found: Option<(i64, i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT bill_id, amount_fen, method, receipt_no, reverses_id FROM fee_payments WHERE id = $1",
    )
    .bind(payment)
    .fetch_optional(state.db.reader())
    .await?;
    let (bill, amount, method, receipt, reverses) = found.ok_or(ApiError::NotFound)?;
    let (community, household) = managed_bill(&state, &caller, bill).await?;
    let reason = body.reason.as_str();
    if reverses.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::NotReversible,
            "冲销记录不能再冲销",
        ));
    }
    let mut tx = state.db.writer().begin().await?;
    let already: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_payments WHERE reverses_id = $1",
    )
    .bind(payment)
    .fetch_one(&mut *tx)
    .await?;
    if already > 0 {
        return Err(ApiError::conflict(
            ErrorCode::AlreadyReversed,
            "这笔已经冲销过了",
        ));
    }
    let undone = sqlx::query(
        "UPDATE fee_bills SET paid_fen = paid_fen - $1 WHERE id = $2 AND paid_fen - $1 >= 0",
    )
    .bind(amount)
    .bind(bill)
    .execute(&mut *tx)
    .await?;
    if undone.rows_affected() != 1 {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "bill {bill} paid_fen below payment {payment}"
        )));
    }
    let reversal = sqlx::query(
        "INSERT INTO fee_payments (bill_id, community_id, amount_fen, method, paid_on, receipt_no, note, recorded_by, recorded_at, reverses_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(bill)
    .bind(community)
    .bind(-amount)
    .bind(&method)
    .bind(crate::fees::summary::today())
    .bind(format!("{receipt}-冲销"))
    .bind(reason)
    .bind(caller.user_id)
    .bind(now_millis())
    .bind(payment)
    .execute(&mut *tx)
    .await;
    match reversal {
        // Another process reversed it between the check and the write.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(ApiError::conflict(
                ErrorCode::AlreadyReversed,
                "这笔已经冲销过了",
            ));
        }
        other => other?,
    };
    audit::record(
        &mut *tx,
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
