//! `POST /api/v1/activities/{id}/checkins`: 签到 where it happens, three
//! ways, each recorded with who checked whom in and how — the resident
//! types or scans the activity's changing code on their own phone; the
//! organiser scans the resident's personal code; or the organiser (or the
//! office) ticks names on the list, as from the paper sheet. With
//! `check_out`, the same records leaving (hourly duties).

use app::model::{CheckinMethod, CheckinResult, ErrorBody, ErrorCode, NewCheckin};
use axum::extract::State;
use axum::http::StatusCode;

use super::access::{runs, visible};
use super::store::{self, SessionOf};
use super::{CHECKIN_MARGIN, code_matches};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// The most names one list entry takes (a printed sheet holds fewer).
const MAX_LIST: usize = 200;

fn one_way() -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidFields,
        "请给出一种签到方式：活动码、个人码或名单，只能一种",
    )
}

#[utoipa::path(post, path = "/v1/activities/{id}/checkins", tag = "activities",
    params(("id" = i64, Path, description = "Activity id")), request_body = NewCheckin,
    responses(
        (status = 201, description = "Checked in (or out); those already checked in are left as they were", body = CheckinResult),
        (status = 400, description = "Not exactly one way; a wrong or old code; too many names", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Checking others in without running the activity; missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such activity, session or person of the community", body = ErrorBody),
        (status = 409, description = "Not open for check-in (too early, over, closed or called off); checking out someone not checked in", body = ErrorBody),
        (status = 422, description = "Unknown fields", body = ErrorBody),
    ))]
pub async fn check_in(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<NewCheckin>,
) -> Result<(StatusCode, AppJson<CheckinResult>), ApiError> {
    let (row, _) = visible(&state, &caller, id).await?;
    let community = row.community_id;
    let now = now_millis();
    let db = state.db.reader();
    let at = store::session_of(db, id, body.session_id, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    let ways = [
        body.code.is_some(),
        body.person_code.is_some(),
        body.user_ids.is_some(),
    ];
    if ways.iter().filter(|w| **w).count() != 1 {
        return Err(one_way());
    }
    let (method, people) = if let Some(code) = &body.code {
        // One's own phone: the person is the caller, a resident here.
        if crate::points::store::residence_in(db, community, caller.user_id)
            .await?
            .is_none()
        {
            return Err(ApiError::NotFound);
        }
        open_for_checkin(&at, now, false)?;
        if !code_matches(&at.code_secret, at.id, now, code) {
            return Err(ApiError::bad_request(
                ErrorCode::CodeExpired,
                "签到码不对或已经换了，请看组织人手机上现在的码",
            ));
        }
        (CheckinMethod::Code, vec![caller.user_id])
    } else {
        if !runs(&caller, community, at.organiser_id) {
            return Err(ApiError::Forbidden);
        }
        if let Some(code) = &body.person_code {
            open_for_checkin(&at, now, false)?;
            let person = store::person_by_code(db, code.trim())
                .await?
                .ok_or(ApiError::NotFound)?;
            (CheckinMethod::Scan, vec![person])
        } else {
            open_for_checkin(&at, now, true)?;
            let asked = body.user_ids.clone().unwrap_or_default();
            let mut people = asked.clone();
            people.sort_unstable();
            people.dedup();
            if people.is_empty() || people.len() != asked.len() || people.len() > MAX_LIST {
                return Err(ApiError::bad_request(
                    ErrorCode::InvalidResidents,
                    "请选 1 到 200 人，每人一次",
                ));
            }
            (CheckinMethod::List, people)
        }
    };
    let found = crate::points::store::residents_among(db, community, &people).await?;
    if found.len() != people.len() {
        return Err(ApiError::NotFound);
    }
    let mut tx = state.db.writer().begin().await?;
    let mut changed = Vec::new();
    for person in &people {
        let done = if body.check_out {
            let out = store::check_out(&mut tx, at.id, *person, caller.user_id, now).await?;
            if !out {
                return Err(ApiError::conflict(
                    ErrorCode::NotCheckedIn,
                    "这人还没签到，不能签退",
                ));
            }
            out
        } else {
            store::check_in(&mut tx, at.id, *person, method, caller.user_id, now).await?
        };
        if done {
            changed.push(*person);
        }
    }
    audit::record(
        &mut tx,
        Entry::new(
            if body.check_out {
                "activities.checkout"
            } else {
                "activities.checkin"
            },
            Some(caller.user_id),
        )
        .community(community)
        .detail(serde_json::json!({
            "activity": id, "session": at.id, "method": method.as_str(), "people": changed,
        })),
    )
    .await?;
    tx.commit().await?;
    let names = if changed.is_empty() {
        Vec::new()
    } else {
        store::names(state.db.reader(), &changed).await?
    };
    Ok((
        StatusCode::CREATED,
        AppJson(CheckinResult {
            session_id: at.id,
            names,
        }),
    ))
}

/// Check-in opens an hour before the start and, on the spot, ends an hour
/// after the end; the list (the paper sheet entered back) stays open until
/// the session is closed.
fn open_for_checkin(at: &SessionOf, now: i64, from_list: bool) -> Result<(), ApiError> {
    let refuse = |code, message| Err(ApiError::conflict(code, message));
    if at.cancelled_at.is_some() {
        return refuse(ErrorCode::ActivityCancelled, "这个活动已经取消了");
    }
    if at.closed_at.is_some() {
        return refuse(ErrorCode::ActivityClosed, "这个活动已经结束记分了");
    }
    if now < at.starts_at - CHECKIN_MARGIN || (!from_list && now > at.ends_at + CHECKIN_MARGIN) {
        return refuse(
            ErrorCode::CheckinNotOpen,
            "现在不是签到时间：活动开始前一小时到结束后一小时之间才能签到",
        );
    }
    Ok(())
}
