//! `GET /api/v1/admin/households/codes` and
//! `POST /api/v1/admin/households/{id}/registration-code`: the registration
//! slips the office prints, one code per household.

use app::model::{ErrorBody, IssuedCode, RegistrationSlip, SlipSheet, SlipsQuery};
use axum::extract::State;
use axum::http::StatusCode;
use sqlx::FromRow;

use crate::accounts::codes;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;

/// People one registration code admits: a household here is one to four
/// people (an elderly couple, a widow, a family with a grown child).
const REGISTRATION_SLOTS: i64 = 4;

#[derive(FromRow)]
struct SlipRow {
    household_id: i64,
    building_id: i64,
    building: String,
    flat_label: String,
    code: Option<String>,
    slots_left: Option<i64>,
    helpers: i64,
}

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
    let (community_name, office_phone): (String, String) =
        sqlx::query_as("SELECT name, office_phone FROM communities WHERE id = $1")
            .bind(query.community_id)
            .fetch_one(state.db.reader())
            .await?;
    let mut tx = state.db.writer().begin().await?;
    let missing: Vec<i64> = sqlx::query_scalar(
        "SELECT h.id FROM households h WHERE h.community_id = $1
           AND ($2 IS NULL OR h.building_id = $2)
           AND NOT EXISTS (SELECT 1 FROM registration_codes r
                           WHERE r.household_id = h.id AND r.voided_at IS NULL)",
    )
    .bind(query.community_id)
    .bind(query.building_id)
    .fetch_all(&mut *tx)
    .await?;
    for household in &missing {
        insert_code(&mut tx, *household, caller.user_id).await?;
    }
    let rows: Vec<SlipRow> = sqlx::query_as(
        "SELECT h.id AS household_id, b.id AS building_id, b.name AS building, h.flat_label,
                r.code, r.slots_left,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m
                 WHERE m.household_id = h.id AND m.role = 'helper' AND m.revoked_at IS NULL) AS helpers
         FROM households h JOIN buildings b ON b.id = h.building_id
         LEFT JOIN registration_codes r ON r.household_id = h.id AND r.voided_at IS NULL
         WHERE h.community_id = $1 AND ($2 IS NULL OR h.building_id = $2)
         ORDER BY b.sort_order, b.id, h.id",
    )
    .bind(query.community_id)
    .bind(query.building_id)
    .fetch_all(&mut *tx)
    .await?;
    let residents: Vec<(i64, String)> = sqlx::query_as(
        "SELECT m.household_id, u.name FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.community_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL ORDER BY m.id",
    )
    .bind(query.community_id)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let slips = rows
        .into_iter()
        .map(|r| RegistrationSlip {
            residents: residents
                .iter()
                .filter(|(h, _)| *h == r.household_id)
                .map(|(_, n)| n.clone())
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
        community_name,
        office_phone,
        slips,
    }))
}

/// A fresh code for a household; the old one stops working at once.
async fn insert_code(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    household_id: i64,
    by: i64,
) -> Result<String, ApiError> {
    let code = codes::generate();
    sqlx::query(
        "INSERT INTO registration_codes (household_id, code, slots_left, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(household_id)
    .bind(&code)
    .bind(REGISTRATION_SLOTS)
    .bind(by)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
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
    let community = crate::communities::store::of_household(state.db.reader(), household_id)
        .await?
        .filter(|c| caller.manages(*c))
        .ok_or(ApiError::NotFound)?;
    let mut tx = state.db.writer().begin().await?;
    sqlx::query("UPDATE registration_codes SET voided_at = $1 WHERE household_id = $2 AND voided_at IS NULL")
        .bind(now_millis())
        .bind(household_id)
        .execute(&mut *tx)
        .await?;
    let code = insert_code(&mut tx, household_id, caller.user_id).await?;
    audit::record(
        &mut *tx,
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
