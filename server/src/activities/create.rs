//! `POST /api/v1/activities`: a manager publishes an activity — a one-off
//! or a roster of weekly shifts — paying one of the community's earning
//! rules.

use app::model::{ActivityDetail, ErrorBody, ErrorCode, NewActivity, roster_days};
use axum::extract::State;
use axum::http::StatusCode;

use super::detail::detail_of;
use super::store::{self, NewActivityRow};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{DAY, HOUR, now_millis, parse_rfc3339};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// The longest one session (a day's duty, a clean-up day).
const LONGEST: i64 = 12 * HOUR;

/// Monday = 1 … Sunday = 7, in Beijing.
fn weekday(millis: i64) -> i64 {
    let day = (millis + app::model::time::SHANGHAI_OFFSET_MINUTES * 60 * 1000).div_euclid(DAY);
    // 1970-01-01 was a Thursday.
    (day + 3).rem_euclid(7) + 1
}

fn bad_times() -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidTimes,
        "时间不对：结束要晚于开始，最长 12 小时；开始不能早于 12 小时前，也不能晚于一年后",
    )
}

/// The first session's start and end, checked.
pub fn times(starts: &str, ends: &str, now: i64) -> Result<(i64, i64), ApiError> {
    let (Some(s), Some(e)) = (parse_rfc3339(starts), parse_rfc3339(ends)) else {
        return Err(bad_times());
    };
    if e <= s || e - s > LONGEST || s < now - 12 * HOUR || s > now + 366 * DAY {
        return Err(bad_times());
    }
    Ok((s, e))
}

#[utoipa::path(post, path = "/v1/activities", tag = "activities", request_body = NewActivity,
    responses(
        (status = 201, description = "Published", body = ActivityDetail),
        (status = 400, description = "Invalid title, place, times, roster, places, buildings or organiser", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "Rule absent or not of a community you manage", body = ErrorBody),
        (status = 409, description = "The rule is retired", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewActivity>,
) -> Result<(StatusCode, AppJson<ActivityDetail>), ApiError> {
    let db = state.db.reader();
    let rule = crate::points::store::rule(db, body.rule_id)
        .await?
        .filter(|r| caller.manages(r.community_id))
        .ok_or(ApiError::NotFound)?;
    let community = rule.community_id;
    if rule.active == 0 {
        return Err(ApiError::conflict(
            ErrorCode::RuleInactive,
            "这个积分项目已经停用了",
        ));
    }
    let now = now_millis();
    let (starts, ends) = times(&body.starts_at, &body.ends_at, now)?;
    let offsets = match &body.roster {
        None => vec![0],
        Some(roster) => roster_days(weekday(starts), roster).ok_or_else(|| {
            ApiError::bad_request(
                ErrorCode::InvalidRoster,
                "值班表：请选星期几（一到日，每天一次），1 到 12 周",
            )
        })?,
    };
    if body.capacity.is_some_and(|c| !(1..=500).contains(&c)) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidCapacity,
            "人数请写 1 到 500，或者不限",
        ));
    }
    let mut buildings = body.building_ids.clone();
    buildings.sort_unstable();
    buildings.dedup();
    if buildings.len() != body.building_ids.len()
        || (!buildings.is_empty()
            && crate::notices::store::buildings_in(db, community, &buildings).await?
                != buildings.len())
    {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidBuildings,
            "选的楼不属于这个小区",
        ));
    }
    let organiser = body.organiser_id.unwrap_or(caller.user_id);
    if !store::may_organise(db, community, organiser).await? {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidOrganiser,
            "组织人须是本小区的管理员或登记的住户",
        ));
    }
    let weekdays: String = body
        .roster
        .as_ref()
        .map(|r| {
            let mut days = r.weekdays.clone();
            days.sort_unstable();
            days.iter().map(i64::to_string).collect()
        })
        .unwrap_or_default();
    let secret = crate::hex::random::<16>();
    let mut tx = state.db.writer().begin().await?;
    let id = store::insert_activity(
        &mut tx,
        &NewActivityRow {
            community,
            title: body.title.as_str(),
            kind: body.kind,
            place: body.place.as_str(),
            details: body.details.as_str(),
            rule: rule.id,
            organiser,
            capacity: body.capacity,
            weekdays: &weekdays,
            code_secret: &secret,
            by: caller.user_id,
            now,
        },
    )
    .await?;
    for building in &buildings {
        store::insert_building(&mut tx, id, *building).await?;
    }
    for offset in &offsets {
        let shift = offset * DAY;
        store::insert_session(&mut tx, id, (starts + shift, ends + shift), body.capacity).await?;
    }
    audit::record(
        &mut tx,
        Entry::new("activities.publish", Some(caller.user_id))
            .community(community)
            .detail(serde_json::json!({
                "activity": id, "title": body.title.as_str(), "sessions": offsets.len(),
            })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(detail_of(&state, &caller, id).await?),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_beijing_ones() {
        // 2026-12-07 is a Monday; 23:30 UTC on the 6th is already Monday in Beijing.
        assert_eq!(
            weekday(parse_rfc3339("2026-12-07T08:00:00+08:00").expect("t")),
            1
        );
        assert_eq!(
            weekday(parse_rfc3339("2026-12-06T23:30:00Z").expect("t")),
            1
        );
        assert_eq!(
            weekday(parse_rfc3339("2026-12-13T08:00:00+08:00").expect("t")),
            7
        );
    }

    #[test]
    fn a_session_is_forward_and_at_most_twelve_hours() {
        let now = parse_rfc3339("2026-12-07T08:00:00+08:00").expect("t");
        assert!(
            times(
                "2026-12-08T08:00:00+08:00",
                "2026-12-08T10:00:00+08:00",
                now
            )
            .is_ok()
        );
        for (s, e) in [
            ("2026-12-08T10:00:00+08:00", "2026-12-08T08:00:00+08:00"),
            ("2026-12-08T08:00:00+08:00", "2026-12-08T20:00:01+08:00"),
            ("2026-12-06T19:59:00+08:00", "2026-12-06T21:00:00+08:00"),
            ("2026-12-08 08:00", "2026-12-08T09:00:00+08:00"),
        ] {
            assert!(times(s, e, now).is_err(), "{s} {e}");
        }
    }
}
