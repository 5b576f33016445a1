//! `GET /api/v1/fees/bills`: a household's bills with their payments.

use app::model::{BillList, BillsQuery, ErrorBody};
use axum::extract::State;

use super::access::bills_household;
use super::store;
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// A household's bills with their payments, newest period first.
#[utoipa::path(get, path = "/v1/fees/bills", tag = "fees", params(BillsQuery),
    responses(
        (status = 200, description = "The household and its bills", body = BillList),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household", body = ErrorBody),
        (status = 404, description = "Not a household of yours or of your community", body = ErrorBody),
    ))]
pub async fn list_bills(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<BillsQuery>,
) -> Result<AppJson<BillList>, ApiError> {
    let household_id = bills_household(&state, &caller, query.household_id).await?;
    Ok(AppJson(bill_list(&state, household_id).await?))
}

/// The bill list of one household (also the answer after a payment).
pub async fn bill_list(state: &AppState, household_id: i64) -> Result<BillList, ApiError> {
    let pool = state.db.reader();
    let household = store::household(pool, household_id).await?;
    let bills = store::bills(pool, household_id).await?;
    let payments = store::payments(pool, household_id).await?;
    let now = now_millis();
    Ok(BillList {
        household: household.wire(household_id),
        bills: bills.into_iter().map(|b| b.wire(&payments, now)).collect(),
    })
}
