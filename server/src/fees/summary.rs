//! `GET /api/v1/fees/summary`: collection figures for managers and the
//! arrears list.

use app::model::ErrorCode;
use std::collections::BTreeMap;

use app::model::{Arrear, Collection, ErrorBody, FeeSummary, SummaryQuery};
use axum::extract::State;

use super::store::{self, HouseholdTotal};
use crate::accounts::session::Caller;
use crate::db::{DAY, now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// Today's date in Shanghai, "YYYY-MM-DD".
pub fn today() -> String {
    let (y, m, d, _, _) =
        app::model::time::civil(now_millis(), app::model::time::SHANGHAI_OFFSET_MINUTES);
    format!("{y:04}-{m:02}-{d:02}")
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
pub async fn summary(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<SummaryQuery>,
) -> Result<AppJson<FeeSummary>, ApiError> {
    let community = caller.managed_community(query.community_id)?;
    let pool = state.db.reader();
    let periods = store::periods(pool, community).await?;
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
    let rows = store::household_totals(pool, community, &period).await?;
    let mut by_household: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for r in crate::communities::store::residents(pool, community).await? {
        by_household
            .entry(r.household_id)
            .or_default()
            .push(r.phone);
    }
    let reminded: BTreeMap<i64, i64> = store::reminders(pool, community, &period)
        .await?
        .into_iter()
        .collect();
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
                reminded_at: reminded.get(&row.household_id).map(|at| rfc3339(*at)),
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
