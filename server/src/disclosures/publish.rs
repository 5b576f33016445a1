//! `POST /api/v1/disclosures` (managers): generates the month's figures from
//! the ledgers and publishes them, with the manager's note, as a notice of
//! category 公示 for the whole community. A month is published once.

use app::model::{Disclosure, ErrorBody, ErrorCode, NewDisclosure, NoticeCategory};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::{detail, figures, month_bounds, store, words};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::notices::store::{NoticeLine, insert};
use crate::state::AppState;

fn published() -> ApiError {
    ApiError::conflict(ErrorCode::AlreadyPublished, "这个月的公示已经发布过了")
}

#[utoipa::path(post, path = "/v1/disclosures", tag = "disclosures", request_body = NewDisclosure,
    responses(
        (status = 201, description = "Published, with its notice", body = Disclosure),
        (status = 400, description = "A month that is malformed or has not begun; a note too long", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 409, description = "The month is published already", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn publish_disclosure(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewDisclosure>,
) -> Result<(StatusCode, AppJson<Disclosure>), ApiError> {
    caller.require_manager(body.community_id)?;
    let community = body.community_id;
    let now = now_millis();
    let bounds = month_bounds(&body.month, now)?;
    let pool = state.db.reader();
    if store::published(pool, community, &body.month).await? {
        return Err(published());
    }
    let figures = figures::generate(pool, community, &body.month, bounds).await?;
    let heading = crate::communities::store::heading(pool, community).await?;
    let note = body.note.as_str();
    let (title, text) = words::notice(&heading.name, &figures, note);
    let stored = serde_json::to_string(&figures)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("figures unwritable: {e}")))?;
    let mut tx = state.db.writer().begin().await?;
    let notice = insert(
        &mut tx,
        &NoticeLine {
            community,
            author: caller.user_id,
            title: &title,
            body: &text,
            category: NoticeCategory::Disclosure,
            pinned: false,
            urgent: false,
            now,
            expires: None,
        },
        &[],
    )
    .await?;
    let line = store::DisclosureLine {
        community,
        month: &body.month,
        figures: &stored,
        note,
        notice,
        by: caller.user_id,
        now,
    };
    // Two managers at once: the second finds the month taken, and its
    // notice goes with its rolled-back transaction.
    let Some(id) = store::insert(&mut tx, &line).await? else {
        return Err(published());
    };
    audit::record(
        &mut tx,
        Entry::new("disclosures.publish", Some(caller.user_id))
            .community(community)
            .detail(json!({ "disclosure": id, "month": body.month, "notice": notice })),
    )
    .await?;
    tx.commit().await?;
    let row = store::one(state.db.reader(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, AppJson(detail::wire(row)?)))
}
