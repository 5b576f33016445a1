//! Awards (one activity, many residents), adjustments with a reason, and
//! reversals: every one a ledger entry, never an edit.

use app::model::ErrorCode;
use app::model::{
    AwardResult, EntryKind, ErrorBody, InboxKind, Ledger, LedgerQuery, NewAdjustment, NewAward,
    ReverseEntry, award_points,
};
use axum::extract::State;
use axum::http::StatusCode;

use super::access::Whose;
use super::day_of;
use super::ledger::load;
use super::store::{self, Entry as LedgerLine};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{DAY, now_millis, parse_rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::inbox::{self, News, To};
use crate::state::AppState;

/// The most residents one award takes.
const MAX_PEOPLE: usize = 200;

/// A day in the last year, not in the future (Shanghai).
fn activity_day(date: &str, now: i64) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(
            ErrorCode::InvalidDate,
            "日期要写成 2026-03-02 这样，不能是将来，也不能早于一年前",
        )
    };
    let at = parse_rfc3339(&format!("{date}T12:00:00+08:00"))
        .filter(|_| date.len() == 10)
        .ok_or_else(bad)?;
    let day = day_of(at);
    if day != date || day > day_of(now) || at < now - 366 * DAY {
        return Err(bad());
    }
    Ok(day)
}

/// Records an activity for many residents at once: one entry each.
#[utoipa::path(post, path = "/v1/points/awards", tag = "points", request_body = NewAward,
    responses(
        (status = 201, description = "Awarded", body = AwardResult),
        (status = 400, description = "Invalid date or quantity, no or too many residents, someone not a resident of the community", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "Rule absent or not of a community you manage", body = ErrorBody),
        (status = 409, description = "The rule is retired", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn award(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewAward>,
) -> Result<(StatusCode, AppJson<AwardResult>), ApiError> {
    let rule = store::rule(state.db.reader(), body.rule_id)
        .await?
        .filter(|r| caller.manages(r.community_id))
        .ok_or(ApiError::NotFound)?;
    let (community, points, unit) = (rule.community_id, rule.points, rule.unit);
    if rule.active == 0 {
        return Err(ApiError::conflict(
            ErrorCode::RuleInactive,
            "这个积分项目已经停用了",
        ));
    }
    let (each, halves) = award_points(points, unit, body.quantity).ok_or_else(|| {
        ApiError::bad_request(
            ErrorCode::InvalidQuantity,
            "次数须是 1 到 10 的整数；小时可以是半小时，最多 24 小时",
        )
    })?;
    let now = now_millis();
    let day = activity_day(&body.date, now)?;
    let note = body.note.as_str();
    let mut people = body.user_ids.clone();
    people.sort_unstable();
    people.dedup();
    if people.is_empty() || people.len() != body.user_ids.len() || people.len() > MAX_PEOPLE {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidResidents,
            "请选 1 到 200 位住户，每人一次",
        ));
    }
    let found = store::residents_among(state.db.reader(), community, &people).await?;
    if found.len() != people.len() {
        return Err(ApiError::bad_request(
            ErrorCode::UnknownResident,
            "有人不是本小区登记的住户",
        ));
    }
    let mut tx = state.db.writer().begin().await?;
    for user in &people {
        let mut line = LedgerLine::new(
            EntryKind::Award,
            community,
            *user,
            each,
            &day,
            caller.user_id,
        );
        line.rule = Some(body.rule_id);
        line.quantity_halves = Some(halves);
        line.reason = note;
        let entry = store::post(&mut tx, &line).await?;
        let news = News {
            kind: InboxKind::PointsAwarded,
            subject: entry,
            words: &rule.name,
            amount: Some(each),
            at: now,
        };
        let to = To::Resident {
            user: *user,
            community,
            except: caller.user_id,
        };
        inbox::deliver(&mut tx, &news, to).await?;
    }
    let residents = i64::try_from(people.len()).unwrap_or(0);
    audit::record(
        &mut tx,
        Entry::new("points.award", Some(caller.user_id))
            .community(community)
            .detail(serde_json::json!({
                "rule": body.rule_id, "date": day, "residents": residents, "each": each,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(AwardResult {
            residents,
            points_each: each,
            total: each * residents,
        }),
    ))
}

/// A correction, up or down, with the reason on the ledger.
#[utoipa::path(post, path = "/v1/points/adjustments", tag = "points", request_body = NewAdjustment,
    responses(
        (status = 201, description = "Adjusted; the resident's ledger", body = Ledger),
        (status = 400, description = "Zero or too large an amount, missing reason, not a resident here", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 409, description = "It would take the balance below zero", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn adjust(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewAdjustment>,
) -> Result<(StatusCode, AppJson<Ledger>), ApiError> {
    caller.require_manager(body.community_id)?;
    if body.amount == 0 || body.amount.abs() > 10_000 {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidAmount,
            "调整的积分须在 -10000 到 10000 之间，不能是 0",
        ));
    }
    let reason = body.reason.as_str();
    if store::residents_among(state.db.reader(), body.community_id, &[body.user_id])
        .await?
        .is_empty()
    {
        return Err(ApiError::bad_request(
            ErrorCode::UnknownResident,
            "这人不是本小区登记的住户",
        ));
    }
    let day = day_of(now_millis());
    let mut tx = state.db.writer().begin().await?;
    let mut line = LedgerLine::new(
        EntryKind::Adjust,
        body.community_id,
        body.user_id,
        body.amount,
        &day,
        caller.user_id,
    );
    line.reason = reason;
    let id = store::post(&mut tx, &line).await?;
    audit::record(
        &mut tx,
        Entry::new("points.adjust", Some(caller.user_id))
            .community(body.community_id)
            .detail(
                serde_json::json!({ "entry": id, "user": body.user_id, "amount": body.amount }),
            ),
    )
    .await?;
    tx.commit().await?;
    let whose = Whose {
        user_id: body.user_id,
        community_id: body.community_id,
        acting_household: None,
    };
    Ok((
        StatusCode::CREATED,
        AppJson(load(&state, whose, &LedgerQuery::default()).await?),
    ))
}

/// Undoes an award or adjustment by an opposite entry (once).
#[utoipa::path(post, path = "/v1/points/entries/{id}/reverse", tag = "points",
    params(("id" = i64, Path, description = "Ledger entry id")), request_body = ReverseEntry,
    responses(
        (status = 201, description = "Reversed; the resident's ledger", body = Ledger),
        (status = 400, description = "Missing reason", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "Absent or not of a community you manage", body = ErrorBody),
        (status = 409, description = "Already reversed, not an award or adjustment, or the points are spent", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn reverse(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<ReverseEntry>,
) -> Result<(StatusCode, AppJson<Ledger>), ApiError> {
    let reason = body.reason.as_str();
    let mut tx = state.db.writer().begin().await?;
    let found = store::entry(&mut tx, id)
        .await?
        .filter(|f| caller.manages(f.community_id))
        .ok_or(ApiError::NotFound)?;
    let (community, user, amount) = (found.community_id, found.user_id, found.amount);
    if !matches!(found.kind, EntryKind::Award | EntryKind::Adjust) {
        return Err(ApiError::conflict(
            ErrorCode::NotReversible,
            "只有发放和调整的积分可以冲销",
        ));
    }
    if found.reversed > 0 {
        return Err(ApiError::conflict(
            ErrorCode::AlreadyReversed,
            "这一笔已经冲销过了",
        ));
    }
    let mut line = LedgerLine::new(
        EntryKind::Reversal,
        community,
        user,
        -amount,
        &found.earned_on,
        caller.user_id,
    );
    line.reverses = Some(id);
    line.reason = reason;
    let entry = store::post(&mut tx, &line).await?;
    let news = News {
        kind: InboxKind::PointsReversed,
        subject: entry,
        words: reason,
        amount: Some(amount),
        at: now_millis(),
    };
    let to = To::Resident {
        user,
        community,
        except: caller.user_id,
    };
    inbox::deliver(&mut tx, &news, to).await?;
    audit::record(
        &mut tx,
        Entry::new("points.reverse", Some(caller.user_id))
            .community(community)
            .detail(serde_json::json!({ "entry": id, "user": user, "amount": -amount })),
    )
    .await?;
    tx.commit().await?;
    let whose = Whose {
        user_id: user,
        community_id: community,
        acting_household: None,
    };
    Ok((
        StatusCode::CREATED,
        AppJson(load(&state, whose, &LedgerQuery::default()).await?),
    ))
}
