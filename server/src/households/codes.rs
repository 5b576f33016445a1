//! `GET /api/v1/admin/households/codes` and
//! `POST /api/v1/admin/households/{id}/registration-code`: the registration
//! slips the office prints, one code per household.

use app::model::{ErrorBody, IssuedCode, RegistrationSlip, SlipSheet, SlipsQuery};
use axum::extract::State;
use axum::http::StatusCode;

use super::store;
use crate::accounts::codes;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::communities;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;

/// People one registration code admits: a household here is one to four
/// people (an elderly couple, a widow, a family with a grown child).
const REGISTRATION_SLOTS: i64 = 4;

/// Every household's registration code (created on first request, the same
/// on every later one), with who has registered: the printable sheet and the
/// office's list of households.
#[utoipa::path(get, path = "/v1/admin/households/codes", tag = "office", params(SlipsQuery),
    responses(
        (status = 200, description = "One slip per household", body = SlipSheet),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn registration_slips(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<SlipsQuery>,
) -> Result<AppJson<SlipSheet>, ApiError> {
    caller.require_manager(query.community_id)?;
    let (community, building) = (query.community_id, query.building_id);
    let heading = communities::store::heading(state.db.reader(), community).await?;
    let mut tx = state.db.writer().begin().await?;
    for household in store::without_code(&mut tx, community, building).await? {
        insert_code(&mut tx, household, caller.user_id).await?;
    }
    let rows = store::slips(&mut tx, community, building).await?;
    let residents = communities::store::residents(&mut tx, community).await?;
    tx.commit().await?;
    let slips = rows
        .into_iter()
        .map(|r| RegistrationSlip {
            residents: residents
                .iter()
                .filter(|n| n.household_id == r.household_id)
                .map(|n| n.name.clone())
                .collect(),
            household_id: r.household_id,
            building_id: r.building_id,
            building: r.building,
            flat_label: r.flat_label,
            code: r.code.unwrap_or_default(),
            slots_left: r.slots_left.unwrap_or(0),
            helpers: r.helpers,
        })
        .collect();
    Ok(AppJson(SlipSheet {
        community_name: heading.name,
        office_phone: heading.office_phone,
        slips,
    }))
}

/// A fresh code for a household; the old one stops working at once.
async fn insert_code(
    tx: &mut crate::db::Tx,
    household_id: i64,
    by: i64,
) -> Result<String, ApiError> {
    let code = codes::generate();
    store::insert_code(&mut *tx, household_id, &code, REGISTRATION_SLOTS, by).await?;
    Ok(code)
}

/// Voids a household's registration code and issues a new one.
#[utoipa::path(post, path = "/v1/admin/households/{id}/registration-code", tag = "office",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 201, description = "The new code", body = IssuedCode),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such household in a community the caller manages", body = ErrorBody),
    ))]
pub async fn regenerate_code(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(household_id): AppPath<i64>,
) -> Result<(StatusCode, AppJson<IssuedCode>), ApiError> {
    let community = communities::store::household_place(state.db.reader(), household_id)
        .await?
        .map(|p| p.community_id)
        .filter(|c| caller.manages(*c))
        .ok_or(ApiError::NotFound)?;
    let mut tx = state.db.writer().begin().await?;
    store::void_codes(&mut tx, household_id, now_millis()).await?;
    let code = insert_code(&mut tx, household_id, caller.user_id).await?;
    audit::record(
        &mut tx,
        Entry::new("households.code_regenerate", Some(caller.user_id))
            .household(household_id)
            .community(community),
    )
    .await?;
    tx.commit().await?;
    // Registration codes do not expire; they are voided by the next one.
    Ok((
        StatusCode::CREATED,
        AppJson(IssuedCode {
            code,
            expires_at: None,
        }),
    ))
}
