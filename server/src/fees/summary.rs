//! Collection figures for managers, the arrears list, and CSV exports.

use app::model::ErrorCode;
use std::collections::BTreeMap;

use app::model::{Arrear, Collection, ErrorBody, ExportQuery, FeeSummary, SummaryQuery};
use axum::extract::State;
use axum::response::IntoResponse;
use sqlx::FromRow;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::accounts::session::Caller;
use crate::csv_out::{Cell, Csv};
use crate::db::{DAY, now_millis};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(summary))
        .routes(routes!(export_bills))
        .routes(routes!(export_payments))
}

/// Today's date in Shanghai, "YYYY-MM-DD".
pub fn today() -> String {
    let (y, m, d, _, _) =
        app::model::time::civil(now_millis(), app::model::time::SHANGHAI_OFFSET_MINUTES);
    format!("{y:04}-{m:02}-{d:02}")
}

#[derive(FromRow)]
struct HouseholdTotal {
    household_id: i64,
    building: String,
    flat_label: String,
    contact_phone: String,
    billed: i64,
    paid: i64,
    due_at: i64,
}

/// Collection rate by households and by money, for the community and per
/// building, and the arrears list, for one period.
#[utoipa::path(get, path = "/v1/fees/summary", tag = "fees", params(SummaryQuery),
    responses(
        (status = 200, description = "Collection and arrears", body = FeeSummary),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
async fn summary(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<SummaryQuery>,
) -> Result<AppJson<FeeSummary>, ApiError> {
    let community = caller.managed_community(query.community_id)?;
    let pool = state.db.reader();
    let periods: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT period FROM fee_bills WHERE community_id = $1 ORDER BY period DESC",
    )
    .bind(community)
    .fetch_all(pool)
    .await?;
    let period = query
        .period
        .clone()
        .or_else(|| periods.first().cloned())
        .unwrap_or_default();
    if period.len() > 16 {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPeriod,
            "周期写法不对",
        ));
    }
    // One row per household: a household with several bills in the period
    // counts as paid only when all of them are.
    let rows: Vec<HouseholdTotal> = sqlx::query_as(
        "SELECT h.id AS household_id, b.name AS building, h.flat_label, h.contact_phone,
                CAST(SUM(f.amount_fen) AS BIGINT) AS billed, CAST(SUM(f.paid_fen) AS BIGINT) AS paid,
                CAST(MIN(f.due_at) AS BIGINT) AS due_at
         FROM fee_bills f JOIN households h ON h.id = f.household_id JOIN buildings b ON b.id = h.building_id
         WHERE f.community_id = $1 AND f.period = $2
         GROUP BY h.id, b.name, b.sort_order, b.id, h.flat_label, h.contact_phone
         ORDER BY b.sort_order, b.id, h.id",
    )
    .bind(community)
    .bind(&period)
    .fetch_all(pool)
    .await?;
    let phones: Vec<(i64, String)> = sqlx::query_as(
        "SELECT m.household_id, u.phone FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.community_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL ORDER BY m.id",
    )
    .bind(community)
    .fetch_all(pool)
    .await?;
    let mut by_household: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (h, phone) in phones {
        by_household.entry(h).or_default().push(phone);
    }
    let now = now_millis();
    let mut total = Collection {
        name: String::new(),
        billed_households: 0,
        paid_households: 0,
        billed_fen: 0,
        collected_fen: 0,
    };
    let mut buildings: Vec<Collection> = Vec::new();
    let mut arrears = Vec::new();
    for row in rows {
        let paid = row.paid >= row.billed;
        add(&mut total, &row, paid);
        match buildings.last_mut() {
            Some(b) if b.name == row.building => add(b, &row, paid),
            _ => {
                let mut b = Collection {
                    name: row.building.clone(),
                    billed_households: 0,
                    paid_households: 0,
                    billed_fen: 0,
                    collected_fen: 0,
                };
                add(&mut b, &row, paid);
                buildings.push(b);
            }
        }
        if !paid {
            let mut phones = by_household.remove(&row.household_id).unwrap_or_default();
            if phones.is_empty() && !row.contact_phone.is_empty() {
                phones.push(row.contact_phone.clone());
            }
            arrears.push(Arrear {
                household_id: row.household_id,
                building: row.building,
                flat_label: row.flat_label,
                owed_fen: row.billed - row.paid,
                months_overdue: if now > row.due_at {
                    (now - row.due_at) / (30 * DAY)
                } else {
                    0
                },
                phones,
            });
        }
    }
    arrears.sort_by(|a, b| {
        b.owed_fen
            .cmp(&a.owed_fen)
            .then(a.household_id.cmp(&b.household_id))
    });
    Ok(AppJson(FeeSummary {
        community_id: community,
        period,
        periods,
        total,
        buildings,
        arrears,
    }))
}

fn add(c: &mut Collection, row: &HouseholdTotal, paid: bool) {
    c.billed_households += 1;
    c.paid_households += i64::from(paid);
    c.billed_fen += row.billed;
    c.collected_fen += row.paid;
}

/// Bills as CSV: building, flat, period, billed, paid, owed, due date.
#[utoipa::path(get, path = "/v1/fees/export/bills.csv", tag = "fees", params(ExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
async fn export_bills(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let community = caller.managed_community(Some(query.community_id))?;
    let rows: Vec<(String, String, String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT b.name, h.flat_label, s.name, f.period, f.amount_fen, f.paid_fen, f.due_at
         FROM fee_bills f JOIN households h ON h.id = f.household_id JOIN buildings b ON b.id = h.building_id
         JOIN fee_schedules s ON s.id = f.schedule_id
         WHERE f.community_id = $1 AND ($2 IS NULL OR f.period = $2)
         ORDER BY f.period, b.sort_order, b.id, h.id",
    )
    .bind(community)
    .bind(query.period.clone())
    .fetch_all(state.db.reader())
    .await?;
    let mut out = Csv::new(&[
        "楼",
        "门牌",
        "收费项目",
        "周期",
        "应收(元)",
        "已收(元)",
        "欠(元)",
        "到期日",
    ])?;
    for (building, flat, schedule, period, amount, paid, due) in rows {
        let due = app::model::time::rfc3339(due);
        out.row([
            building.into(),
            flat.into(),
            schedule.into(),
            period.into(),
            Cell::yuan(amount),
            Cell::yuan(paid),
            Cell::yuan(amount - paid),
            due[..10].into(),
        ])?;
    }
    out.response("bills.csv")
}

/// building, flat, period, receipt, amount, method, date, note.
type PaymentLine = (String, String, String, String, i64, String, String, String);

/// Payments (and reversals) as CSV.
#[utoipa::path(get, path = "/v1/fees/export/payments.csv", tag = "fees", params(ExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
async fn export_payments(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let community = caller.managed_community(Some(query.community_id))?;
    let rows: Vec<PaymentLine> = sqlx::query_as(
        "SELECT b.name, h.flat_label, f.period, p.receipt_no, p.amount_fen, p.method, p.paid_on, p.note
         FROM fee_payments p JOIN fee_bills f ON f.id = p.bill_id JOIN households h ON h.id = f.household_id
         JOIN buildings b ON b.id = h.building_id
         WHERE f.community_id = $1 AND ($2 IS NULL OR f.period = $2)
         ORDER BY p.id",
    )
    .bind(community)
    .bind(query.period.clone())
    .fetch_all(state.db.reader())
    .await?;
    let mut out = Csv::new(&[
        "楼",
        "门牌",
        "周期",
        "收据号",
        "金额(元)",
        "方式",
        "日期",
        "备注",
    ])?;
    for (building, flat, period, receipt, amount, method, paid_on, note) in rows {
        out.row([
            building.into(),
            flat.into(),
            period.into(),
            receipt.into(),
            Cell::yuan(amount),
            method.into(),
            paid_on.into(),
            note.into(),
        ])?;
    }
    out.response("payments.csv")
}
