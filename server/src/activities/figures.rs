//! The office's month of activities: turnout per activity (sittings,
//! sign-ups, who came, points given) and one CSV of every sign-up and
//! attendance, for the committee's records.

use app::model::{ErrorBody, Turnout, TurnoutLine, TurnoutQuery};
use axum::extract::State;
use axum::response::IntoResponse;

use super::store;
use crate::accounts::session::Caller;
use crate::csv_out::{Cell, Csv};
use crate::db::rfc3339;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::fees::month_start;
use crate::state::AppState;

/// The community asked for (which the caller manages) and the month's
/// bounds in Unix ms, with its name "YYYY-MM".
fn month_of(caller: &Caller, query: &TurnoutQuery) -> Result<(i64, (i64, i64), String), ApiError> {
    let community = caller.managed_community(query.community_id)?;
    let (y, m) = crate::points::parse_month(query.month.as_deref())?;
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let bounds = month_start(y, m)
        .zip(month_start(ny, nm))
        .ok_or(ApiError::NotFound)?;
    Ok((community, bounds, format!("{y:04}-{m:02}")))
}

#[utoipa::path(get, path = "/v1/activities/turnout", tag = "activities", params(TurnoutQuery),
    responses(
        (status = 200, description = "The month's activities with who came and the points given", body = Turnout),
        (status = 400, description = "Invalid month", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn turnout(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<TurnoutQuery>,
) -> Result<AppJson<Turnout>, ApiError> {
    let (community, (from, to), month) = month_of(&caller, &query)?;
    let db = state.db.reader();
    let lines: Vec<TurnoutLine> = store::turnout(db, community, from, to)
        .await?
        .into_iter()
        .map(store::TurnoutRow::wire)
        .collect();
    let people = store::people_who_came(db, community, from, to).await?;
    Ok(AppJson(Turnout {
        month,
        attended: lines.iter().map(|l| l.attended).sum(),
        points: lines.iter().map(|l| l.points).sum(),
        lines,
        people,
    }))
}

#[utoipa::path(get, path = "/v1/activities/export.csv", tag = "activities", params(TurnoutQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM): every sign-up and attendance of the month's sessions", content_type = "text/csv", body = String),
        (status = 400, description = "Invalid month", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community", body = ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<TurnoutQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let (community, (from, to), month) = month_of(&caller, &query)?;
    let rows = store::export_lines(state.db.reader(), community, from, to).await?;
    let mut out = Csv::new(&[
        "活动",
        "类别",
        "开始",
        "结束",
        "姓名",
        "楼",
        "门牌",
        "报名",
        "报名人",
        "签到时间",
        "签到方式",
        "签到人",
        "签退时间",
        "积分",
    ])?;
    let time = |t: Option<i64>| Cell::from(t.map(rfc3339));
    for r in rows {
        out.row([
            r.title.into(),
            r.kind.into(),
            rfc3339(r.starts_at).into(),
            rfc3339(r.ends_at).into(),
            r.name.into(),
            r.building.into(),
            r.flat_label.into(),
            r.signup.into(),
            r.signed_by.into(),
            time(r.checked_in_at),
            r.method.into(),
            r.checked_in_by.into(),
            time(r.checked_out_at),
            Cell::number(r.points),
        ])?;
    }
    out.response(&format!("activities-{month}.csv"))
}
