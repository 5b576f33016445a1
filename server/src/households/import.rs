//! `POST /api/v1/admin/households/import`: buildings and flats from the
//! office's CSV, all or nothing.

use std::collections::{HashMap, HashSet};

use app::model::{BuildingKind, ErrorBody, ErrorCode, ImportQuery, ImportReport, Role};
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde_json::json;

use super::{csv_in, store};
use crate::accounts::session::Caller;
use crate::accounts::store::{Scope, insert_membership};
use crate::audit::{self, Entry};
use crate::communities::{
    self,
    store::{insert_building, insert_household},
};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// A household CSV is small: 5,000 rows fit well within 1 MiB.
pub const IMPORT_LIMIT: usize = 1024 * 1024;

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
pub async fn import(
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
    let flats: HashMap<String, i64> = store::households(state.db.reader(), community, None)
        .await?
        .into_iter()
        .map(|h| (format!("{}\t{}", h.building, h.flat_label), h.id))
        .collect();
    let existing: HashSet<String> = flats.keys().cloned().collect();
    let rows = csv_in::parse(&text, &existing)?;
    let mut report = ImportReport {
        written: false,
        rows,
        buildings_created: 0,
        households_created: 0,
        households_updated: 0,
        members_created: 0,
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
    let known = communities::store::buildings(&mut tx, community).await?;
    let next_order = known.iter().map(|b| b.sort_order).max().unwrap_or(0);
    let mut buildings: HashMap<String, i64> = known.into_iter().map(|b| (b.name, b.id)).collect();
    for row in &report.rows {
        let household =
            if let Some(id) = flats.get(&format!("{}\t{}", row.building, row.flat_label)) {
                store::set_area(&mut tx, *id, row.area_hundredths_m2).await?;
                report.households_updated += 1;
                *id
            } else {
                let building = if let Some(id) = buildings.get(&row.building) {
                    *id
                } else {
                    // Rows with an unknown kind were refused above.
                    let kind = BuildingKind::try_from(row.building_kind.clone())
                        .map_err(|e| ApiError::Internal(e.into()))?;
                    let id = insert_building(
                        &mut tx,
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
                let id = insert_household(
                    &mut tx,
                    community,
                    building,
                    &row.flat_label,
                    row.area_hundredths_m2,
                )
                .await?;
                report.households_created += 1;
                id
            };
        store::set_contact(&mut tx, household, &row.resident_name, &row.resident_phone).await?;
        // A name without a phone: someone the office keeps (代管成员),
        // added once.
        if !row.resident_name.is_empty()
            && row.resident_phone.is_empty()
            && !store::has_member_named(&mut tx, household, &row.resident_name).await?
        {
            let member = store::insert_member(&mut tx, &row.resident_name, caller.user_id).await?;
            insert_membership(
                &mut tx,
                member,
                Role::Resident,
                Scope::Household {
                    community_id: community,
                    household_id: household,
                },
                None,
            )
            .await?;
            report.members_created += 1;
        }
    }
    audit::record(
        &mut tx,
        Entry::new("households.import", Some(caller.user_id))
            .community(community)
            .detail(json!({
                "households": report.households_created, "updated": report.households_updated,
                "buildings": report.buildings_created, "members": report.members_created,
            })),
    )
    .await?;
    tx.commit().await?;
    report.written = true;
    Ok(AppJson(report))
}
