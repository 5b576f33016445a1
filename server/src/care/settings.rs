//! `GET /api/v1/care/settings` and `PUT`: a person's 报平安 — whether it is
//! on, by what time, who watches, away until when — and today's state.

use app::model::{
    CareQuery, CareSettings, CareUpdate, DEFAULT_DEADLINE, ErrorBody, ErrorCode, Watcher,
    deadline_minutes, deadline_text,
};
use axum::extract::State;

use super::access::{Person, person};
use super::store::{self, NewPlan};
use super::today_and_minutes;
use crate::accounts::phone::PhoneNumber;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{DAY, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// Away for at most this many days ahead.
const MAX_AWAY_DAYS: i64 = 60;

#[utoipa::path(get, path = "/v1/care/settings", tag = "care", params(CareQuery),
    responses(
        (status = 200, description = "The plan (or that there is none) and today's state", body = CareSettings),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household; or not the resident's own or their helper", body = ErrorBody),
        (status = 404, description = "No such resident in the household acted for", body = ErrorBody),
    ))]
pub async fn get_settings(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<CareQuery>,
) -> Result<AppJson<CareSettings>, ApiError> {
    let who = person(&state, &caller, query.user_id).await?;
    Ok(AppJson(settings_of(&state, who).await?))
}

#[utoipa::path(put, path = "/v1/care/settings", tag = "care", request_body = CareUpdate,
    responses(
        (status = 200, description = "Saved", body = CareSettings),
        (status = 400, description = "A time outside 5:00–22:00, a date not ahead or too far, an unknown volunteer", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household; or not the resident's own or their helper; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such resident in the household acted for", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn put_settings(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<CareUpdate>,
) -> Result<AppJson<CareSettings>, ApiError> {
    let who = person(&state, &caller, body.user_id).await?;
    let now = state.care_now();
    let (today, minutes) = today_and_minutes(now);
    let deadline = deadline_minutes(body.deadline.as_deref().unwrap_or(DEFAULT_DEADLINE))
        .ok_or_else(|| {
            ApiError::bad_request(
                ErrorCode::InvalidDeadline,
                "时间请写成 8:30 这样，在早上 5 点到晚上 10 点之间",
            )
        })?;
    let paused_until = match body.paused_until.as_deref() {
        None => None,
        Some(day) => Some(away_until(day, now)?),
    };
    let volunteer = match body.volunteer_phone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(phone) => {
            let phone = PhoneNumber::parse(phone).ok_or_else(unknown_volunteer)?;
            let found =
                store::resident_by_phone(state.db.reader(), who.community_id, phone.as_str())
                    .await?
                    .filter(|v| *v != who.user_id)
                    .ok_or_else(unknown_volunteer)?;
            Some(found)
        }
    };
    let mut tx = state.db.writer().begin().await?;
    if body.enabled {
        let plan = store::plan(&mut tx, who.user_id).await?;
        let checked = plan.as_ref().is_some_and(|p| p.checked_in(&today));
        let tomorrow = crate::points::day_of(now + DAY);
        let starts_day = if minutes >= deadline && !checked {
            &tomorrow
        } else {
            &today
        };
        store::save(
            &mut tx,
            &NewPlan {
                user: who.user_id,
                household: who.household_id,
                deadline_minutes: deadline,
                watch_office: body.watch_office,
                volunteer,
                paused_until: paused_until.as_deref(),
                starts_day,
                at: now,
            },
        )
        .await?;
    } else {
        store::remove(&mut tx, who.user_id).await?;
    }
    audit::record(
        &mut tx,
        Entry::new("care.settings", Some(caller.user_id))
            .community(who.community_id)
            .household(who.household_id)
            .detail(serde_json::json!({
                "person": who.user_id, "enabled": body.enabled, "deadline": deadline_text(deadline),
                "office": body.watch_office, "volunteer": volunteer, "away_until": paused_until,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(settings_of(&state, who).await?))
}

fn unknown_volunteer() -> ApiError {
    ApiError::bad_request(
        ErrorCode::UnknownVolunteer,
        "这个手机号不是本小区登记的住户，不能当志愿者",
    )
}

/// A day from today up to [`MAX_AWAY_DAYS`] ahead.
fn away_until(day: &str, now: i64) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(
            ErrorCode::InvalidDate,
            "回来的日子请写成 2026-12-20 这样，在今天到 60 天以后之间",
        )
    };
    // Noon of that day, read back: only a real calendar day survives.
    let noon = crate::db::parse_rfc3339(&format!("{day}T12:00:00+08:00"))
        .filter(|_| day.len() == 10)
        .ok_or_else(bad)?;
    let (today, _) = today_and_minutes(now);
    let latest = crate::points::day_of(now + MAX_AWAY_DAYS * DAY);
    if crate::points::day_of(noon) != day || day < today.as_str() || day > latest.as_str() {
        return Err(bad());
    }
    Ok(day.to_owned())
}

/// What `GET` answers for a person.
pub async fn settings_of(state: &AppState, who: Person) -> Result<CareSettings, ApiError> {
    let db = state.db.reader();
    let (name, phone) = store::person(db, who.user_id).await?;
    let plan = store::plan(db, who.user_id).await?;
    let (today, minutes) = today_and_minutes(state.care_now());
    let watchers = if plan.is_some() {
        store::watchers(db, who.user_id)
            .await?
            .into_iter()
            .map(|(name, kind)| Watcher { name, kind })
            .collect()
    } else {
        Vec::new()
    };
    Ok(match plan {
        Some(p) => CareSettings {
            user_id: who.user_id,
            name,
            phone,
            enabled: true,
            deadline: deadline_text(p.deadline_minutes),
            watch_office: p.watch_office != 0,
            checked_in_today: p.checked_in(&today),
            missed_today: p.missed(&today, minutes),
            volunteer_name: p.volunteer_name,
            volunteer_phone: p.volunteer_phone,
            paused_until: p.paused_until.filter(|d| d.as_str() >= today.as_str()),
            last_checkin_at: p.last_at.map(rfc3339),
            watchers,
        },
        None => CareSettings {
            user_id: who.user_id,
            name,
            phone,
            enabled: false,
            deadline: DEFAULT_DEADLINE.to_owned(),
            watch_office: false,
            volunteer_name: None,
            volunteer_phone: None,
            paused_until: None,
            checked_in_today: false,
            missed_today: false,
            last_checkin_at: None,
            watchers,
        },
    })
}
