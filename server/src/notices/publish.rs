//! `POST /api/v1/notices`: a manager publishes to the community or some
//! of its buildings.

use app::model::{ErrorBody, ErrorCode, NewNotice, Notice};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{now_millis, parse_rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// A future RFC 3339 time, or a 400.
pub(super) fn future_time(input: &str) -> Result<i64, ApiError> {
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
pub async fn publish_notice(
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
    // One query for all of them, not one a building.
    if store::buildings_in(&mut tx, body.community_id, &buildings).await? != buildings.len() {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidBuildings,
            "选的楼不属于这个小区",
        ));
    }
    let new = store::NoticeLine {
        community: body.community_id,
        author: caller.user_id,
        title,
        body: text_body,
        category: body.category,
        pinned: body.pinned,
        urgent: body.urgent,
        now: now_millis(),
        expires,
    };
    let id = store::insert(&mut tx, &new, &buildings).await?;
    if body.urgent {
        // Every household it is for hears at once: one statement.
        let news = crate::inbox::News {
            kind: app::model::InboxKind::UrgentNotice,
            subject: id,
            words: new.title,
            amount: None,
            at: new.now,
        };
        let to = crate::inbox::To::NoticeReaders {
            community: body.community_id,
            notice: id,
        };
        crate::inbox::deliver(&mut tx, &news, to).await?;
    }
    audit::record(
        &mut tx,
        Entry::new("notices.publish", Some(caller.user_id))
            .community(body.community_id)
            .detail(json!({ "notice": id, "urgent": body.urgent, "buildings": buildings })),
    )
    .await?;
    tx.commit().await?;
    let notice = super::detail::get_notice(State(state), caller, AppPath(id)).await?;
    Ok((StatusCode::CREATED, notice))
}
