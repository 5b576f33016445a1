//! `/api/v1/notices`: list, read, publish, edit, and reach.

use app::model::ErrorCode;
use app::model::{
    Building, Contact, ErrorBody, NewNotice, Notice, NoticeList, NoticeQuery, NoticeReach,
    NoticeUpdate, Role, UnreachedHousehold,
};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::audience::{Reader, reader};
use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{now_millis, parse_rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notices, publish_notice))
        .routes(routes!(get_notice, edit_notice))
        .routes(routes!(notice_reads))
        .routes(routes!(list_buildings))
}

/// Building names per notice, from one query for the community.
fn names_for(targets: &[(i64, String)], notice: i64) -> Vec<String> {
    targets
        .iter()
        .filter(|(n, _)| *n == notice)
        .map(|(_, b)| b.clone())
        .collect()
}

/// Notices for my household (or, for the office, the community): current
/// ones, or with `archived=true` the expired and archived ones.
#[utoipa::path(get, path = "/v1/notices", tag = "notices", params(NoticeQuery),
    responses(
        (status = 200, description = "Pinned and urgent first, then newest; with unread counts", body = NoticeList),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household or community; or not of that community", body = ErrorBody),
    ))]
async fn list_notices(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<NoticeQuery>,
) -> Result<AppJson<NoticeList>, ApiError> {
    let (page, limit) = crate::extract::paging(query.limit, query.offset)?;
    let reader = reader(&state, &caller, query.community_id).await?;
    let rows = store::visible(state.db.reader(), reader, caller.user_id).await?;
    let targets = store::targets(state.db.reader(), reader.community_id()).await?;
    let now = now_millis();
    let archived = query.archived.unwrap_or(false);
    let unread: Vec<_> = rows
        .iter()
        .filter(|n| n.is_current(now) && n.read == 0)
        .collect();
    let unread_urgent = unread
        .iter()
        .filter(|n| n.urgent != 0)
        .map(|n| n.summary(names_for(&targets, n.id)))
        .collect();
    let unread = i64::try_from(unread.len()).unwrap_or(i64::MAX);
    let chosen: Vec<_> = rows
        .iter()
        .filter(|n| n.is_current(now) != archived)
        .skip(page.offset() as usize)
        .take(limit as usize + 1)
        .map(|n| n.summary(names_for(&targets, n.id)))
        .collect();
    let page = app::model::Page::from_overfetch(chosen, &page, limit);
    Ok(AppJson(NoticeList {
        items: page.items,
        next_offset: page.next_offset,
        unread,
        unread_urgent,
    }))
}

/// Opens a notice, which records my read receipt (once; a helper's read
/// counts for the household they act for).
#[utoipa::path(get, path = "/v1/notices/{id}", tag = "notices",
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 200, description = "The notice", body = Notice),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household or community", body = ErrorBody),
        (status = 404, description = "No such notice, or not for you", body = ErrorBody),
    ))]
async fn get_notice(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Notice>, ApiError> {
    // Office people see it from the notice's own community.
    let community = store::community_of(state.db.reader(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let office = caller.memberships.iter().any(|m| {
        matches!(m.role.0, Role::Manager | Role::Staff) && m.community_id == Some(community)
    });
    let reader = match reader(&state, &caller, office.then_some(community)).await {
        Ok(r) => r,
        Err(ApiError::Forbidden | ApiError::ForbiddenBecause { .. }) => {
            return Err(ApiError::NotFound);
        }
        Err(e) => return Err(e),
    };
    let mut row = store::one(state.db.reader(), reader, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Reader::Household {
        household_id,
        as_helper,
        ..
    } = reader
        && row.read == 0
    {
        store::record_read(
            state.db.writer(),
            id,
            caller.user_id,
            household_id,
            as_helper,
        )
        .await?;
        row.read = 1;
    }
    let targets = store::targets(state.db.reader(), row.community_id).await?;
    let (community_name,): (String,) = sqlx::query_as("SELECT name FROM communities WHERE id = $1")
        .bind(row.community_id)
        .fetch_one(state.db.reader())
        .await?;
    let revisions: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM notice_revisions WHERE notice_id = $1",
    )
    .bind(id)
    .fetch_one(state.db.reader())
    .await?;
    Ok(AppJson(Notice {
        summary: row.summary(names_for(&targets, id)),
        body: row.body.clone(),
        community_name,
        archived: row.archived_at.is_some(),
        revisions,
    }))
}

/// A future RFC 3339 time, or a 400.
fn future_time(input: &str) -> Result<i64, ApiError> {
    let at = parse_rfc3339(input)
        .ok_or_else(|| ApiError::bad_request(ErrorCode::InvalidExpiry, "到期时间格式不对"))?;
    if at <= now_millis() {
        return Err(ApiError::bad_request(
            ErrorCode::ExpiryInPast,
            "到期时间不能早于现在",
        ));
    }
    Ok(at)
}

/// Publishes a notice to the whole community or to some of its buildings.
#[utoipa::path(post, path = "/v1/notices", tag = "notices", request_body = NewNotice,
    responses(
        (status = 201, description = "Published", body = Notice),
        (status = 400, description = "Empty title, body too long, expiry in the past, buildings not of this community", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields, unknown category", body = ErrorBody),
    ))]
async fn publish_notice(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewNotice>,
) -> Result<(StatusCode, AppJson<Notice>), ApiError> {
    caller.require_manager(body.community_id)?;
    let title = body.title.as_str();
    let text_body = body.body.as_str();
    let expires = body.expires_at.as_deref().map(future_time).transpose()?;
    let mut buildings = body.building_ids.clone();
    buildings.sort_unstable();
    buildings.dedup();
    if buildings.len() > 200 {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidBuildings,
            "选的楼太多了",
        ));
    }
    let mut tx = state.db.writer().begin().await?;
    for building in &buildings {
        let ok: Option<i64> =
            sqlx::query_scalar("SELECT id FROM buildings WHERE id = $1 AND community_id = $2")
                .bind(*building)
                .bind(body.community_id)
                .fetch_optional(&mut *tx)
                .await?;
        if ok.is_none() {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidBuildings,
                "选的楼不属于这个小区",
            ));
        }
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notices (community_id, author_id, title, body, category, pinned, urgent, published_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(body.community_id)
    .bind(caller.user_id)
    .bind(title)
    .bind(text_body)
    .bind(body.category.as_str())
    .bind(i64::from(body.pinned))
    .bind(i64::from(body.urgent))
    .bind(now_millis())
    .bind(expires)
    .fetch_one(&mut *tx)
    .await?;
    for building in &buildings {
        sqlx::query("INSERT INTO notice_targets (notice_id, building_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*building)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut *tx,
        Entry::new("notices.publish", Some(caller.user_id))
            .community(body.community_id)
            .detail(json!({ "notice": id, "urgent": body.urgent, "buildings": buildings })),
    )
    .await?;
    tx.commit().await?;
    let notice = get_notice(State(state), caller, AppPath(id)).await?;
    Ok((StatusCode::CREATED, notice))
}

/// Edits or archives a notice. Changing title or body keeps the old text.
#[utoipa::path(patch, path = "/v1/notices/{id}", tag = "notices", request_body = NoticeUpdate,
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 200, description = "Edited", body = Notice),
        (status = 400, description = "Invalid title, body or expiry", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager (a resident or staff of the community); or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such notice, or another community's", body = ErrorBody),
        (status = 422, description = "Unknown fields or values", body = ErrorBody),
    ))]
async fn edit_notice(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<NoticeUpdate>,
) -> Result<AppJson<Notice>, ApiError> {
    let community = manager_or_hide(&state, &caller, id).await?;
    let title = body.title.as_deref().map(str::to_owned);
    let text_body = body.body.as_deref().map(str::to_owned);
    let expires = match body.expires_at.as_deref() {
        None => None,
        Some("") => Some(None),
        Some(t) => Some(Some(future_time(t)?)),
    };
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    let (old_title, old_body): (String, String) =
        sqlx::query_as("SELECT title, body FROM notices WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    let new_title = title.unwrap_or_else(|| old_title.clone());
    let new_body = text_body.unwrap_or_else(|| old_body.clone());
    if new_title != old_title || new_body != old_body {
        sqlx::query(
            "INSERT INTO notice_revisions (notice_id, title, body, replaced_by, replaced_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(&old_title)
        .bind(&old_body)
        .bind(caller.user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE notices SET title = $1, body = $2, updated_at = $3 WHERE id = $4")
            .bind(&new_title)
            .bind(&new_body)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(category) = body.category {
        sqlx::query("UPDATE notices SET category = $1 WHERE id = $2")
            .bind(category.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(pinned) = body.pinned {
        sqlx::query("UPDATE notices SET pinned = $1 WHERE id = $2")
            .bind(i64::from(pinned))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(urgent) = body.urgent {
        sqlx::query("UPDATE notices SET urgent = $1 WHERE id = $2")
            .bind(i64::from(urgent))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(expires) = expires {
        sqlx::query("UPDATE notices SET expires_at = $1 WHERE id = $2")
            .bind(expires)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(archived) = body.archived {
        sqlx::query("UPDATE notices SET archived_at = $1 WHERE id = $2")
            .bind(archived.then_some(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut *tx,
        Entry::new("notices.edit", Some(caller.user_id))
            .community(community)
            .detail(json!({ "notice": id })),
    )
    .await?;
    tx.commit().await?;
    get_notice(State(state), caller, AppPath(id)).await
}

/// The notice's community when the caller manages it; 403 for people of the
/// community who may read it but not manage it; 404 for everyone else.
async fn manager_or_hide(state: &AppState, caller: &Caller, notice: i64) -> Result<i64, ApiError> {
    let community = store::community_of(state.db.reader(), notice)
        .await?
        .ok_or(ApiError::NotFound)?;
    if caller.manages(community) {
        return Ok(community);
    }
    let member = caller
        .memberships
        .iter()
        .any(|m| m.community_id == Some(community));
    Err(if member {
        ApiError::Forbidden
    } else {
        ApiError::NotFound
    })
}

/// Who the notice has reached: by household and by person, and the
/// households where nobody has read it, with phones, for knocking on doors.
#[utoipa::path(get, path = "/v1/notices/{id}/reads", tag = "notices",
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 200, description = "Reach", body = NoticeReach),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager (a resident or staff of the community)", body = ErrorBody),
        (status = 404, description = "No such notice, or another community's", body = ErrorBody),
    ))]
async fn notice_reads(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<NoticeReach>, ApiError> {
    let community = manager_or_hide(&state, &caller, id).await?;
    let title: String = sqlx::query_scalar("SELECT title FROM notices WHERE id = $1")
        .bind(id)
        .fetch_one(state.db.reader())
        .await?;
    let households = store::target_households(state.db.reader(), community, id).await?;
    let people = store::people(state.db.reader(), community, id).await?;
    // Contacts by household, so the list is built in one pass over each.
    let mut contacts: std::collections::HashMap<i64, Vec<Contact>> =
        std::collections::HashMap::new();
    let targeted: std::collections::HashSet<i64> =
        households.iter().map(|h| h.household_id).collect();
    let (mut people_total, mut people_read) = (0_i64, 0_i64);
    for p in people
        .into_iter()
        .filter(|p| targeted.contains(&p.household_id))
    {
        people_total += 1;
        people_read += i64::from(p.read != 0);
        contacts.entry(p.household_id).or_default().push(Contact {
            name: p.name,
            phone: p.phone,
            role: Role::parse(&p.role).unwrap_or(Role::Resident),
        });
    }
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let households_read = count(households.iter().filter(|h| h.read != 0).count());
    let total = count(households.len());
    let unreached = households
        .into_iter()
        .filter(|h| h.read == 0)
        .map(|h| UnreachedHousehold {
            contacts: contacts.remove(&h.household_id).unwrap_or_default(),
            household_id: h.household_id,
            building: h.building,
            flat_label: h.flat_label,
        })
        .collect();
    Ok(AppJson(NoticeReach {
        notice_id: id,
        title,
        households: total,
        households_read,
        people: people_total,
        people_read,
        unreached,
    }))
}

/// The buildings of a community (public, like the community list: a notice
/// editor and a registration page need them before anything private).
#[utoipa::path(get, path = "/v1/communities/{id}/buildings", tag = "communities",
    params(("id" = i64, Path, description = "Community id")),
    responses(
        (status = 200, description = "Buildings in their usual order", body = Vec<Building>),
        (status = 404, description = "No such community", body = ErrorBody),
    ))]
async fn list_buildings(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> Result<AppJson<Vec<Building>>, ApiError> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM communities WHERE id = $1")
        .bind(id)
        .fetch_optional(state.db.reader())
        .await?;
    exists.ok_or(ApiError::NotFound)?;
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, kind FROM buildings WHERE community_id = $1 ORDER BY sort_order, id",
    )
    .bind(id)
    .fetch_all(state.db.reader())
    .await?;
    Ok(AppJson(
        rows.into_iter()
            .map(|(id, name, kind)| Building {
                id,
                name,
                kind: app::model::BuildingKind::parse(&kind)
                    .unwrap_or(app::model::BuildingKind::Block),
            })
            .collect(),
    ))
}
