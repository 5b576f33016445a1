//! `GET /api/v1/disclosures`: the community's published 公示, newest month
//! first; a manager may also ask for a month's figures before publishing.

use app::model::{DisclosureList, DisclosureQuery, DisclosureSummary, ErrorBody};
use axum::extract::State;

use super::{figures, month_bounds, readable_community, store};
use crate::accounts::session::Caller;
use crate::db::{now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/disclosures", tag = "disclosures", params(DisclosureQuery),
    responses(
        (status = 200, description = "Published months, and the draft a manager asked for", body = DisclosureList),
        (status = 400, description = "A draft month that is malformed or has not begun", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not of this community; or a draft asked for by someone who does not manage it", body = ErrorBody),
    ))]
pub async fn list_disclosures(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<DisclosureQuery>,
) -> Result<AppJson<DisclosureList>, ApiError> {
    let community = readable_community(&caller, query.community_id)?;
    let pool = state.db.reader();
    let draft = match query.draft.as_deref() {
        Some(month) => {
            caller.require_manager(community)?;
            let bounds = month_bounds(month, now_millis())?;
            Some(figures::generate(pool, community, month, bounds).await?)
        }
        None => None,
    };
    let items = store::list(pool, community)
        .await?
        .into_iter()
        .map(|d| DisclosureSummary {
            id: d.id,
            month: d.month,
            notice_id: d.notice_id,
            published_at: rfc3339(d.published_at),
        })
        .collect();
    Ok(AppJson(DisclosureList {
        community_id: community,
        items,
        draft,
    }))
}
