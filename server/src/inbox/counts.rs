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
    let household = caller.household();
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
    let managed = caller.managed_community(None).ok();
    let (inbox, repairs) = inbox_and_repairs(state, caller.user_id, household, managed).await?;
    Ok(Counts {
        inbox,
        repairs,
        notices,
    })
}

/// The messages and repair badges of a signed-in person's first screen, as
/// `GET /counts` gives them (its notices are the first screen's own).
pub async fn badges(
    state: &AppState,
    user: i64,
    me: &app::model::Me,
    of: &UnreadFor,
) -> sqlx::Result<Counts> {
    let household = match of {
        UnreadFor::Household { household_id, .. } => Some(*household_id),
        UnreadFor::Office { .. } => None,
    };
    let managed = me
        .communities
        .iter()
        .find(|c| c.role == Role::Manager)
        .map(|c| c.community_id);
    let (inbox, repairs) = inbox_and_repairs(state, user, household, managed).await?;
    Ok(Counts {
        inbox,
        repairs,
        notices: 0,
    })
}

/// Unread messages; repair news of the household plus, for a manager, the
/// community's tickets not yet given to anyone.
async fn inbox_and_repairs(
    state: &AppState,
    user: i64,
    household: Option<i64>,
    managed: Option<i64>,
) -> sqlx::Result<(i64, i64)> {
    let db = state.db.reader();
    let (inbox, mut repairs) = store::unread_and_changed(db, user, household).await?;
    if let Some(community) = managed {
        repairs += crate::repairs::store::open_counts(db, community, now_millis())
            .await?
            .fresh;
    }
    Ok((inbox, repairs))
}
