//! `POST /api/v1/fees/reminders` (managers): a polite reminder (催缴) of a
//! period's fee to chosen households of its arrears, or to all of them, as
//! news for their residents and helpers; the page prints the door slips.
//! A household hears of a period at most once a week.

use std::collections::{BTreeSet, HashMap};

use app::model::{
    BillingPeriod, ErrorBody, ErrorCode, InboxKind, MAX_REMINDERS, NewReminders, Reminded,
    RemindersSent,
};
use axum::extract::State;
use serde_json::json;

use super::store::{self, ReminderLine};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::inbox::store::{News, To, deliver};
use crate::state::AppState;

#[utoipa::path(post, path = "/v1/fees/reminders", tag = "fees", request_body = NewReminders,
    responses(
        (status = 200, description = "Sent to some; the others were reminded of the period within a week", body = RemindersSent),
        (status = 400, description = "Bad period; no or too many households; a household that owes nothing for the period", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn send_reminders(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewReminders>,
) -> Result<AppJson<RemindersSent>, ApiError> {
    caller.require_manager(body.community_id)?;
    let community = body.community_id;
    let period = body.period.as_str();
    let labelled = [
        BillingPeriod::Month,
        BillingPeriod::Quarter,
        BillingPeriod::Year,
    ]
    .into_iter()
    .any(|kind| kind.label(period).is_some());
    if !labelled {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPeriod,
            "周期要写成 2026、2026-Q1 或 2026-03 这样",
        ));
    }
    let chosen: Option<BTreeSet<i64>> = match &body.household_ids {
        Some(ids) if ids.is_empty() => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidQuery,
                "请至少选一户",
            ));
        }
        Some(ids) if ids.len() > MAX_REMINDERS => {
            return Err(ApiError::bad_request(
                ErrorCode::TooManyRows,
                "一次最多提醒 1000 户",
            ));
        }
        Some(ids) => Some(ids.iter().copied().collect()),
        None => None,
    };
    let pool = state.db.reader();
    let owing: Vec<_> = store::household_totals(pool, community, period)
        .await?
        .into_iter()
        .filter(|h| h.paid < h.billed)
        .filter(|h| chosen.as_ref().is_none_or(|c| c.contains(&h.household_id)))
        .collect();
    if chosen.is_some_and(|c| c.len() != owing.len()) {
        return Err(ApiError::bad_request(
            ErrorCode::NotInArrears,
            "所选住户这一期没有欠费",
        ));
    }
    let now = now_millis();
    let mut sent = Vec::new();
    let mut held = Vec::new();
    let mut tx = state.db.writer().begin().await?;
    for h in owing {
        let owed_fen = h.billed - h.paid;
        let line = ReminderLine {
            household: h.household_id,
            community,
            period,
            owed_fen,
            by: caller.user_id,
            now,
        };
        let reminded = Reminded {
            household_id: h.household_id,
            building: h.building,
            flat_label: h.flat_label,
            owed_fen,
            reminded_at: rfc3339(now),
        };
        if store::remind(&mut tx, &line).await? {
            let news = News {
                kind: InboxKind::FeeReminder,
                subject: h.household_id,
                words: period,
                amount: Some(owed_fen),
                at: now,
            };
            let to = To::Household {
                household: h.household_id,
                except: caller.user_id,
            };
            deliver(&mut tx, &news, to).await?;
            sent.push(reminded);
        } else {
            held.push(reminded);
        }
    }
    if !sent.is_empty() {
        audit::record(
            &mut tx,
            Entry::new("fees.remind", Some(caller.user_id))
                .community(community)
                .detail(json!({ "period": period, "households": sent.len() })),
        )
        .await?;
    }
    tx.commit().await?;
    // The others: when they last heard of it.
    let earlier: HashMap<i64, i64> = store::reminders(pool, community, period)
        .await?
        .into_iter()
        .collect();
    for h in &mut held {
        if let Some(at) = earlier.get(&h.household_id) {
            h.reminded_at = rfc3339(*at);
        }
    }
    Ok(AppJson(RemindersSent {
        period: period.to_owned(),
        sent,
        too_soon: held,
    }))
}
