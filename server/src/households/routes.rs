//! `POST /api/v1/admin/households/import` and the CSV export.

use app::model::ErrorCode;
use std::collections::{HashMap, HashSet};

use app::model::{
    BuildingKind, ErrorBody, ExportQuery, HouseholdRow, HouseholdsQuery, ImportQuery, ImportReport,
};
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::csv_in;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::communities::store::{insert_building, insert_household};
use crate::csv_out::Csv;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// A household CSV is small: 5,000 rows fit well within 1 MiB.
pub const IMPORT_LIMIT: usize = 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import_households))
        .routes(routes!(export_households))
        .routes(routes!(list_households))
}

/// The community's households (optionally one building's), for the office to
/// find a flat.
#[utoipa::path(get, path = "/v1/admin/households", tag = "households", params(HouseholdsQuery),
    responses(
        (status = 200, description = "Households by building then flat", body = Vec<HouseholdRow>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
async fn list_households(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<HouseholdsQuery>,
) -> Result<AppJson<Vec<HouseholdRow>>, ApiError> {
    caller.require_manager(query.community_id)?;
    let rows: Vec<(i64, i64, String, String, i64, String, String)> = sqlx::query_as(
        "SELECT h.id, b.id, b.name, h.flat_label, h.area_hundredths_m2, h.contact_name, h.contact_phone
         FROM households h JOIN buildings b ON b.id = h.building_id
         WHERE h.community_id = $1 AND ($2 IS NULL OR h.building_id = $2)
         ORDER BY b.sort_order, b.id, h.id",
    )
    .bind(query.community_id)
    .bind(query.building_id)
    .fetch_all(state.db.reader())
    .await?;
    Ok(AppJson(
        rows.into_iter()
            .map(
                |(id, building_id, building, flat_label, area, contact_name, contact_phone)| {
                    HouseholdRow {
                        id,
                        building_id,
                        building,
                        flat_label,
                        area_hundredths_m2: area,
                        contact_name,
                        contact_phone,
                    }
                },
            )
            .collect(),
    ))
}

/// Imports buildings and households from CSV (columns: building,
/// building_kind, flat_label, area_m2, and optionally resident_name,
/// resident_phone; or 楼, 类型, 门牌, 面积, 姓名, 电话). With `dry_run=true`
/// it only previews; otherwise it writes everything or, if any row has a
/// problem, nothing.
#[utoipa::path(post, path = "/v1/admin/households/import", tag = "households", params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "UTF-8 or GBK"),
    responses(
        (status = 200, description = "Preview, or what was written", body = ImportReport),
        (status = 400, description = "Not CSV text, missing column, no rows", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 413, description = "Over 1 MiB", body = ErrorBody),
        (status = 422, description = "Some rows have problems (nothing written); preview with dry_run=true", body = ErrorBody),
    ))]
async fn import_households(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ImportQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<AppJson<ImportReport>, ApiError> {
    caller.require_manager(query.community_id)?;
    let body = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::bad_request(ErrorCode::UnreadableBody, "读不到上传的文件")
        }
    })?;
    let text = csv_in::decode(&body)?;
    let community = query.community_id;
    let existing: Vec<(String, String)> = sqlx::query_as(
        "SELECT b.name, h.flat_label FROM households h JOIN buildings b ON b.id = h.building_id WHERE h.community_id = $1",
    )
    .bind(community)
    .fetch_all(state.db.reader())
    .await?;
    let existing: HashSet<String> = existing
        .into_iter()
        .map(|(b, f)| format!("{b}\t{f}"))
        .collect();
    let rows = csv_in::parse(&text, &existing)?;
    let mut report = ImportReport {
        written: false,
        rows,
        buildings_created: 0,
        households_created: 0,
    };
    if let Some(first) = report.rows.iter().flat_map(|r| &r.problems).next() {
        if query.dry_run == Some(true) {
            return Ok(AppJson(report));
        }
        return Err(ApiError::Unprocessable {
            code: ErrorCode::ImportHasProblems,
            message: format!("没有导入任何住户。{first}（用 dry_run=true 预览全部问题）"),
        });
    }
    if query.dry_run == Some(true) {
        return Ok(AppJson(report));
    }
    let mut tx = state.db.writer().begin().await?;
    let known: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM buildings WHERE community_id = $1")
            .bind(community)
            .fetch_all(&mut *tx)
            .await?;
    let mut buildings: HashMap<String, i64> =
        known.into_iter().map(|(id, name)| (name, id)).collect();
    let next_order: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(MAX(sort_order), 0) AS BIGINT) FROM buildings WHERE community_id = $1")
        .bind(community)
        .fetch_one(&mut *tx)
        .await?;
    for row in &report.rows {
        let building = if let Some(id) = buildings.get(&row.building) {
            *id
        } else {
            let kind = BuildingKind::parse(&row.building_kind).unwrap_or(BuildingKind::Block);
            let id = insert_building(
                &mut *tx,
                community,
                &row.building,
                kind,
                next_order + report.buildings_created + 1,
            )
            .await?;
            report.buildings_created += 1;
            buildings.insert(row.building.clone(), id);
            id
        };
        let household = insert_household(
            &mut *tx,
            community,
            building,
            &row.flat_label,
            row.area_hundredths_m2,
        )
        .await?;
        sqlx::query("UPDATE households SET contact_name = $1, contact_phone = $2 WHERE id = $3")
            .bind(&row.resident_name)
            .bind(&row.resident_phone)
            .bind(household)
            .execute(&mut *tx)
            .await?;
        report.households_created += 1;
    }
    audit::record(
        &mut *tx,
        Entry::new("households.import", Some(caller.user_id))
            .community(community)
            .detail(json!({ "households": report.households_created, "buildings": report.buildings_created })),
    )
    .await?;
    tx.commit().await?;
    report.written = true;
    Ok(AppJson(report))
}

/// The community's households as CSV, in the import's own format.
#[utoipa::path(get, path = "/v1/admin/households/export.csv", tag = "households", params(ExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM)", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
async fn export_households(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    caller.require_manager(query.community_id)?;
    let rows: Vec<(String, String, String, i64, String, String)> = sqlx::query_as(
        "SELECT b.name, b.kind, h.flat_label, h.area_hundredths_m2, h.contact_name, h.contact_phone
         FROM households h JOIN buildings b ON b.id = h.building_id
         WHERE h.community_id = $1 ORDER BY b.sort_order, b.id, h.id",
    )
    .bind(query.community_id)
    .fetch_all(state.db.reader())
    .await?;
    // The import's own format: what is exported here imports again.
    let mut out = Csv::new(&[
        "building",
        "building_kind",
        "flat_label",
        "area_m2",
        "resident_name",
        "resident_phone",
    ])?;
    for (building, kind, flat, area, name, phone) in rows {
        out.row([
            building.into(),
            kind.into(),
            flat.into(),
            format!("{}.{:02}", area / 100, area % 100).into(),
            name.into(),
            phone.into(),
        ])?;
    }
    out.response("households.csv")
}
