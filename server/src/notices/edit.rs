//! `PATCH /api/v1/notices/{id}`: edit, pin, expire or archive; an edited
//! text keeps the old one in the history.

use app::model::{ErrorBody, ErrorCode, Notice, NoticeUpdate};
use axum::extract::State;
use serde_json::json;

use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// Edits or archives a notice. Changing title or body keeps the old text.
#[utoipa::path(patch, path = "/v1/notices/{id}", tag = "notices", request_body = NoticeUpdate,
    params(("id" = i64, Path, description = "Notice id")),
    responses(
        (status = 200, description = "Edited", body = Notice),
        (status = 400, description = "Invalid title, body or expiry; buildings not of this community", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager (a resident or staff of the community); or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such notice, or another community's", body = ErrorBody),
        (status = 422, description = "Unknown fields or values", body = ErrorBody),
    ))]
pub async fn edit_notice(
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
        Some(t) => Some(Some(super::publish::future_time(t)?)),
    };
    let buildings = match &body.building_ids {
        None => None,
        Some(ids) => {
            let mut ids = ids.clone();
            ids.sort_unstable();
            ids.dedup();
            if ids.len() > 200 {
                return Err(ApiError::bad_request(
                    ErrorCode::InvalidBuildings,
                    "选的楼太多了",
                ));
            }
            Some(ids)
        }
    };
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    if let Some(ids) = &buildings
        && store::buildings_in(&mut tx, community, ids).await? != ids.len()
    {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidBuildings,
            "选的楼不属于这个小区",
        ));
    }
    let old = store::text(&mut tx, id).await?;
    let new_title = title.unwrap_or_else(|| old.title.clone());
    let new_body = text_body.unwrap_or_else(|| old.body.clone());
    if new_title != old.title || new_body != old.body {
        store::revise(
            &mut tx,
            id,
            &old,
            (&new_title, &new_body),
            caller.user_id,
            now,
        )
        .await?;
    }
    let changes = store::Changes {
        category: body.category,
        pinned: body.pinned,
        urgent: body.urgent,
        expires,
        archived: body.archived.map(|a| a.then_some(now)),
    };
    store::change(&mut tx, id, &changes).await?;
    if let Some(ids) = &buildings {
        store::set_targets(&mut tx, id, ids).await?;
        // An urgent notice reaches the households it now adds, once.
        if let Some((1, title)) = store::urgency(&mut tx, id).await? {
            let news = crate::inbox::News {
                kind: app::model::InboxKind::UrgentNotice,
                subject: id,
                words: &title,
                amount: None,
                at: now,
            };
            let to = crate::inbox::To::NoticeReadersNotYetTold {
                community,
                notice: id,
            };
            crate::inbox::deliver(&mut tx, &news, to).await?;
        }
    }
    audit::record(
        &mut tx,
        Entry::new("notices.edit", Some(caller.user_id))
            .community(community)
            .detail(json!({ "notice": id, "buildings": buildings })),
    )
    .await?;
    tx.commit().await?;
    super::detail::get_notice(State(state), caller, AppPath(id)).await
}

/// The notice's community when the caller manages it; 403 for people of the
/// community who may read it but not manage it; 404 for everyone else.
pub(super) async fn manager_or_hide(
    state: &AppState,
    caller: &Caller,
    notice: i64,
) -> Result<i64, ApiError> {
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
