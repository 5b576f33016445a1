//! The office's CSV exports of bills and of payments.

use app::model::{ErrorBody, ExportQuery};
use axum::extract::State;
use axum::response::IntoResponse;

use super::store;
use crate::accounts::session::Caller;
use crate::csv_out::{Cell, Csv};
use crate::error::ApiError;
use crate::extract::AppQuery;
use crate::state::AppState;

/// Bills as CSV: building, flat, period, billed, paid, owed, due date.
#[utoipa::path(get, path = "/v1/fees/export/bills.csv", tag = "fees", params(ExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn export_bills(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let community = caller.managed_community(Some(query.community_id))?;
    let rows = store::bill_lines(state.db.reader(), community, query.period.as_deref()).await?;
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
    for b in rows {
        let due = app::model::time::rfc3339(b.due_at);
        out.row([
            b.building.into(),
            b.flat_label.into(),
            b.schedule.into(),
            b.period.into(),
            Cell::yuan(b.amount_fen),
            Cell::yuan(b.paid_fen),
            Cell::yuan(b.amount_fen - b.paid_fen),
            due[..10].into(),
        ])?;
    }
    out.response("bills.csv")
}

/// Payments (and reversals) as CSV.
#[utoipa::path(get, path = "/v1/fees/export/payments.csv", tag = "fees", params(ExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn export_payments(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let community = caller.managed_community(Some(query.community_id))?;
    let rows = store::payment_lines(state.db.reader(), community, query.period.as_deref()).await?;
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
    for p in rows {
        out.row([
            p.building.into(),
            p.flat_label.into(),
            p.period.into(),
            p.receipt_no.into(),
            Cell::yuan(p.amount_fen),
            p.method.as_str().into(),
            p.paid_on.into(),
            p.note.into(),
        ])?;
    }
    out.response("payments.csv")
}
