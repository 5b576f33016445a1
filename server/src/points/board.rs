//! 红榜: residents ranked by points earned in a month (not spent), with
//! names as the community chooses; and that choice.

use app::model::{BoardQuery, ErrorBody, Leaderboard, PointSettings, rank, surname_only};
use axum::extract::State;

use super::access::member_community;
use super::{month_bounds, store};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// How many lines the board shows.
const BOARD_SIZE: i64 = 50;

/// The month's red board of the caller's community.
#[utoipa::path(get, path = "/v1/points/leaderboard", tag = "points", params(BoardQuery),
    responses(
        (status = 200, description = "Top 50, ties sharing a rank", body = Leaderboard),
        (status = 400, description = "Invalid month", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a member of this community", body = ErrorBody),
    ))]
pub async fn leaderboard(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<BoardQuery>,
) -> Result<AppJson<Leaderboard>, ApiError> {
    let community = member_community(&caller, query.community_id)?;
    let (year, month) = super::parse_month(query.month.as_deref())?;
    let (from, to) = month_bounds(year, month);
    let db = state.db.reader();
    let full = store::board_names(db, community).await? == "full";
    let rows = store::board(db, community, &from, &to, BOARD_SIZE).await?;
    let people: Vec<i64> = rows.iter().map(|r| r.user_id).collect();
    let mut lines = rank(
        rows.into_iter()
            .map(|r| {
                let shown = if full { r.name } else { surname_only(&r.name) };
                (shown, r.building.unwrap_or_default(), r.earned)
            })
            .collect(),
    );
    // Which activities earned it ("巡逻 …"); `rank` keeps the order.
    for (person, title) in store::board_activities(db, community, (&from, &to), &people).await? {
        if let Some(line) = people
            .iter()
            .position(|p| *p == person)
            .and_then(|i| lines.get_mut(i))
            && line.activities.len() < 3
            && !line.activities.contains(&title)
        {
            line.activities.push(title);
        }
    }
    Ok(AppJson(Leaderboard {
        community_id: community,
        month: from[..7].to_owned(),
        lines,
    }))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SettingsQuery {
    /// Default: the first community managed.
    community_id: Option<i64>,
}

/// How names show on the red board (managers).
#[utoipa::path(get, path = "/v1/points/settings", tag = "points", params(SettingsQuery),
    responses(
        (status = 200, description = "Settings", body = PointSettings),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn settings(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<SettingsQuery>,
) -> Result<AppJson<PointSettings>, ApiError> {
    let community = caller.managed_community(query.community_id)?;
    let names = store::board_names(state.db.reader(), community).await?;
    Ok(AppJson(PointSettings {
        community_id: community,
        board_full_names: names == "full",
    }))
}

/// Chooses full names or surname + 某 for the red board.
#[utoipa::path(patch, path = "/v1/points/settings", tag = "points", request_body = PointSettings,
    responses(
        (status = 200, description = "Saved", body = PointSettings),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn update_settings(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<PointSettings>,
) -> Result<AppJson<PointSettings>, ApiError> {
    caller.require_manager(body.community_id)?;
    let names = if body.board_full_names {
        "full"
    } else {
        "surname"
    };
    let mut tx = state.db.writer().begin().await?;
    store::set_board_names(&mut tx, body.community_id, names).await?;
    audit::record(
        &mut tx,
        Entry::new("points.settings", Some(caller.user_id))
            .community(body.community_id)
            .detail(serde_json::json!({ "board_names": names })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(body))
}
