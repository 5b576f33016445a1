//! `POST /api/v1/activities/{id}/close`: attendance becomes points. One
//! ledger entry per person who was there, through the awards' own ledger
//! post, linked to the session — never two: the session closes once (a
//! conditional update), and a unique index on (session, person) stands
//! behind it even across processes.

use app::model::{
    CloseResult, CloseSession, EntryKind, ErrorBody, ErrorCode, InboxKind, PointUnit, award_points,
    half_hours,
};
use axum::extract::State;
use axum::http::StatusCode;

use super::CHECKIN_MARGIN;
use super::access::{runs, visible};
use super::store::{self, SessionOf};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::inbox::{self, News, To};
use crate::points::store::Entry as LedgerLine;
use crate::state::AppState;

/// What one attendance earns: (points, quantity in halves). Per time, one
/// time; per hour, the half hours between arriving (not before the start)
/// and leaving (not after the end; the end if they never checked out).
pub fn earned(at: &SessionOf, checked_in: i64, checked_out: Option<i64>) -> Option<(i64, i64)> {
    match at.unit {
        PointUnit::Time => award_points(at.points, at.unit, 1.0),
        PointUnit::Hour => {
            let from = checked_in.max(at.starts_at);
            let to = checked_out.unwrap_or(at.ends_at).min(at.ends_at);
            let halves = half_hours(from, to);
            #[allow(clippy::cast_precision_loss)]
            let hours = halves as f64 / 2.0;
            (halves > 0)
                .then(|| award_points(at.points, at.unit, hours))
                .flatten()
        }
    }
}

#[utoipa::path(post, path = "/v1/activities/{id}/close", tag = "activities",
    params(("id" = i64, Path, description = "Activity id")), request_body = CloseSession,
    responses(
        (status = 201, description = "Closed: the points given (none again when it was closed before)", body = CloseResult),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not the organiser or a manager; missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such activity or session", body = ErrorBody),
        (status = 409, description = "Not begun yet (check-in not open), or called off", body = ErrorBody),
        (status = 422, description = "Unknown fields", body = ErrorBody),
    ))]
pub async fn close(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<CloseSession>,
) -> Result<(StatusCode, AppJson<CloseResult>), ApiError> {
    let (row, _) = visible(&state, &caller, id).await?;
    let community = row.community_id;
    if !runs(&caller, community, row.organiser_id) {
        return Err(ApiError::Forbidden);
    }
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    let at = store::session_of(&mut tx, id, body.session_id, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    if at.cancelled_at.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::ActivityCancelled,
            "这个活动已经取消了",
        ));
    }
    if now < at.starts_at - CHECKIN_MARGIN {
        return Err(ApiError::conflict(
            ErrorCode::CheckinNotOpen,
            "活动还没开始，不能结束记分",
        ));
    }
    if !store::close(&mut tx, at.id, caller.user_id, now).await? {
        return Ok((
            StatusCode::CREATED,
            AppJson(CloseResult {
                session_id: at.id,
                awarded: 0,
                points: 0,
                already_closed: true,
            }),
        ));
    }
    let day = crate::points::day_of(at.starts_at);
    let (mut awarded, mut total) = (0, 0);
    for (person, came, left) in store::attended(&mut tx, at.id).await? {
        let Some((each, halves)) = earned(&at, came, left) else {
            continue;
        };
        let mut line = LedgerLine::new(
            EntryKind::Award,
            community,
            person,
            each,
            &day,
            caller.user_id,
        );
        line.rule = Some(at.rule_id);
        line.quantity_halves = Some(halves);
        line.session = Some(at.id);
        line.reason = &row.title;
        let entry = crate::points::store::post(&mut tx, &line).await?;
        let news = News {
            kind: InboxKind::PointsAwarded,
            subject: entry,
            words: &row.title,
            amount: Some(each),
            at: now,
        };
        let to = To::Resident {
            user: person,
            community,
            except: caller.user_id,
        };
        inbox::deliver(&mut tx, &news, to).await?;
        awarded += 1;
        total += each;
    }
    audit::record(
        &mut tx,
        Entry::new("activities.close", Some(caller.user_id))
            .community(community)
            .detail(serde_json::json!({
                "activity": id, "session": at.id, "people": awarded, "points": total,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(CloseResult {
            session_id: at.id,
            awarded,
            points: total,
            already_closed: false,
        }),
    ))
}
