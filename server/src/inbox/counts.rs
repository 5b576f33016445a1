//! `GET /api/v1/counts`: every badge from one cheap call — unread inbox
//! items, tickets with news, unread notices.

use app::model::{Counts, ErrorBody, Role};
use axum::extract::State;

use super::store;
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::notices::{UnreadFor, unread};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/counts", tag = "inbox",
    responses(
        (status = 200, description = "The badges' counts", body = Counts),
        (status = 401, description = "Not logged in", body = ErrorBody),
    ))]
pub async fn counts(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<AppJson<Counts>, ApiError> {
    Ok(AppJson(of(&state, &caller).await?))
}

/// The counts for the household acted for (or the office's first community).
pub async fn of(state: &AppState, caller: &Caller) -> Result<Counts, ApiError> {
    let db = state.db.reader();
    let household = caller.household();
    let badges = crate::repairs::store::badges(db, caller.user_id, household).await?;
    let mut repairs = badges.changed;
    if let Ok(community) = caller.managed_community(None) {
        repairs += crate::repairs::store::open_counts(db, community, now_millis())
            .await?
            .fresh;
    }
    let notices = match household {
        Some(household_id) => {
            let as_helper = caller.household_role(household_id) == Some(Role::Helper);
            unread(
                state,
                caller.user_id,
                UnreadFor::Household {
                    household_id,
                    as_helper,
                },
            )
            .await?
            .0
        }
        None => 0,
    };
    Ok(Counts {
        inbox: store::unread(db, caller.user_id).await?,
        repairs,
        notices,
    })
}
