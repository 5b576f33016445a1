//! `POST /api/v1/activities/{id}/signups`: 报名 — oneself, a family member
//! (a helper for the parent, a member without a phone), or, from the
//! office, anyone of the community. A full session puts them on the
//! waiting list. `DELETE …/signups/{signup_id}`: 去不了了, up to the start;
//! the first on the waiting list moves up in the same transaction.

use app::model::{ErrorBody, ErrorCode, InboxKind, NewSignup, Signup, SignupStatus};
use axum::extract::State;
use axum::http::StatusCode;

use super::access::{for_person, visible};
use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::inbox::{self, News, To};
use crate::state::AppState;

#[utoipa::path(post, path = "/v1/activities/{id}/signups", tag = "activities",
    params(("id" = i64, Path, description = "Activity id")), request_body = NewSignup,
    responses(
        (status = 201, description = "Signed up: in, or on the waiting list", body = Signup),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header; or the person's building is not invited", body = ErrorBody),
        (status = 404, description = "No such activity, session or person the caller may sign up", body = ErrorBody),
        (status = 409, description = "Already signed up; started, closed or called off", body = ErrorBody),
        (status = 422, description = "Unknown fields", body = ErrorBody),
    ))]
pub async fn sign_up(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<NewSignup>,
) -> Result<(StatusCode, AppJson<Signup>), ApiError> {
    let (row, _) = visible(&state, &caller, id).await?;
    let community = row.community_id;
    let person = body.user_id.unwrap_or(caller.user_id);
    let (household, building) = for_person(&state, &caller, community, person).await?;
    if !store::invites(state.db.reader(), id, building).await? {
        return Err(ApiError::ForbiddenBecause {
            code: ErrorCode::NotInvited,
            message: "这个活动不是给这栋楼的",
        });
    }
    let now = now_millis();
    let session = match body.session_id {
        Some(s) => s,
        None => row.shown.session_id,
    };
    let mut tx = state.db.writer().begin().await?;
    let at = store::session_of(&mut tx, id, Some(session), now)
        .await?
        .ok_or(ApiError::NotFound)?;
    refuse_if_over(at.cancelled_at, at.closed_at, at.starts_at <= now)?;
    if store::live_signup(&mut tx, at.id, person).await? {
        return Err(ApiError::conflict(
            ErrorCode::AlreadySignedUp,
            "已经报过名了",
        ));
    }
    let status = if store::take_place(&mut tx, at.id).await? {
        SignupStatus::In
    } else {
        SignupStatus::Waiting
    };
    let acting = (caller.user_id != person).then_some(household);
    let signup = store::insert_signup(
        &mut tx,
        at.id,
        person,
        status,
        (caller.user_id, acting),
        now,
    )
    .await
    .map_err(|e| {
        if crate::db::is_unique_violation(&e) {
            ApiError::conflict(ErrorCode::AlreadySignedUp, "已经报过名了")
        } else {
            e.into()
        }
    })?;
    let mut entry = Entry::new("activities.signup", Some(caller.user_id))
        .community(community)
        .detail(serde_json::json!({
            "activity": id, "session": at.id, "person": person, "status": status.as_str(),
        }));
    if let Some(h) = acting {
        entry = entry.household(h);
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let made = store::signup(state.db.reader(), signup)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, AppJson(made.wire())))
}

/// 409 for a session that cannot change any more.
fn refuse_if_over(
    cancelled: Option<i64>,
    closed: Option<i64>,
    started: bool,
) -> Result<(), ApiError> {
    if cancelled.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::ActivityCancelled,
            "这个活动已经取消了",
        ));
    }
    if closed.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::ActivityClosed,
            "这个活动已经结束记分了",
        ));
    }
    if started {
        return Err(ApiError::conflict(
            ErrorCode::ActivityStarted,
            "活动已经开始，不能再报名或取消了",
        ));
    }
    Ok(())
}

#[utoipa::path(delete, path = "/v1/activities/{id}/signups/{signup_id}", tag = "activities",
    params(("id" = i64, Path, description = "Activity id"), ("signup_id" = i64, Path, description = "Sign-up id")),
    responses(
        (status = 200, description = "Withdrawn", body = Signup),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such sign-up the caller may withdraw", body = ErrorBody),
        (status = 409, description = "Started, closed, called off, or withdrawn already", body = ErrorBody),
    ))]
pub async fn withdraw(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((id, signup_id)): AppPath<(i64, i64)>,
) -> Result<AppJson<Signup>, ApiError> {
    let (row, _) = visible(&state, &caller, id).await?;
    let community = row.community_id;
    let found = store::signup(state.db.reader(), signup_id)
        .await?
        .filter(|s| s.activity_id == id)
        .ok_or(ApiError::NotFound)?;
    let (household, _) = for_person(&state, &caller, community, found.user_id).await?;
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    let at = store::session_of(&mut tx, id, Some(found.session_id), now)
        .await?
        .ok_or(ApiError::NotFound)?;
    refuse_if_over(at.cancelled_at, at.closed_at, at.starts_at <= now)?;
    let Some(was) = store::cancel_signup(&mut tx, signup_id, caller.user_id, now).await? else {
        return Err(ApiError::conflict(
            ErrorCode::AlreadyCancelled,
            "已经取消了",
        ));
    };
    let moved = if was == SignupStatus::In {
        store::move_up(&mut tx, at.id).await?
    } else {
        None
    };
    if let Some(person) = moved {
        let news = News {
            kind: InboxKind::ActivityIn,
            subject: id,
            words: &row.title,
            amount: None,
            at: now,
        };
        let to = To::Resident {
            user: person,
            community,
            except: caller.user_id,
        };
        inbox::deliver(&mut tx, &news, to).await?;
    }
    let mut entry = Entry::new("activities.withdraw", Some(caller.user_id))
        .community(community)
        .detail(serde_json::json!({
            "activity": id, "session": at.id, "person": found.user_id, "moved_up": moved,
        }));
    if caller.user_id != found.user_id {
        entry = entry.household(household);
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let now_row = store::signup(state.db.reader(), signup_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(AppJson(now_row.wire()))
}
