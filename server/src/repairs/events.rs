//! `POST /api/v1/repairs/{id}/events`: comment, assign, change status, rate,
//! reopen. The life cycle itself is `app::model::transition`.

use app::model::ErrorCode;
use app::model::{
    ErrorBody, EventKind, InboxKind, Move, NORMAL_WITHIN_HOURS, Party, Refusal, RepairAction,
    RepairDetail, RepairStatus, Role, TicketState, URGENT_WITHIN_HOURS, transition,
};
use axum::extract::State;
use axum::http::StatusCode;

use super::access::parties;
use super::detail::detail_of;
use super::store::{self, Change, NewEvent, TicketRow};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{HOUR, now_millis};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::inbox::{self, News, To};
use crate::state::AppState;

/// Adds one change to a ticket's timeline.
#[utoipa::path(post, path = "/v1/repairs/{id}/events", tag = "repairs",
    params(("id" = i64, Path, description = "Ticket id")),
    request_body = RepairAction,
    responses(
        (status = 201, description = "Done; the ticket as it is now", body = RepairDetail),
        (status = 400, description = "Missing or too long note, stars not 1–5, unknown assignee, not a status to set", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not yours to do; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "Absent or not yours to see", body = ErrorBody),
        (status = 409, description = "Not allowed from the ticket's state (or it changed meanwhile), or too late to reopen", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn add_event(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(action): AppJson<RepairAction>,
) -> Result<(StatusCode, AppJson<RepairDetail>), ApiError> {
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    let row = store::ticket(&mut tx, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mine = parties(&caller, &row.key());
    if mine.is_empty() {
        return Err(ApiError::NotFound);
    }
    let (mv, note, stars, assignee) = checked(&action)?;
    let from = row.status();
    let ticket = TicketState {
        status: from,
        has_assignee: row.assignee_id.is_some(),
        resolved_at: row.resolved_at,
    };
    let to = transition(ticket, mv, &mine, now).map_err(refusal)?;
    if let Some(worker) = assignee {
        check_worker(&mut tx, row.community_id, worker).await?;
    }
    let party = mine
        .iter()
        .copied()
        .find(|p| mv.allowed_to(*p))
        .unwrap_or(Party::Manager);
    let (role, for_household) = match party {
        Party::Household => {
            let h = row.household_id.unwrap_or_default();
            (caller.household_role(h).unwrap_or(Role::Resident), Some(h))
        }
        Party::Assignee => (Role::Staff, None),
        Party::Manager => (Role::Manager, None),
    };
    apply(&mut tx, &row, mv, to, assignee, stars, now).await?;
    let kind = match mv {
        Move::Comment => EventKind::Comment,
        Move::Assign => EventKind::Assign,
        Move::Status(_) => EventKind::Status,
        Move::Rate => EventKind::Rating,
        Move::Reopen => EventKind::Reopen,
    };
    store::append(
        &mut tx,
        NewEvent {
            ticket: id,
            kind,
            actor: Some((caller.user_id, role)),
            for_household,
            from: Some(from),
            to: Some(to),
            assignee,
            stars,
            note,
            at: now,
        },
    )
    .await?;
    tell(&mut tx, &row, (mv, to, assignee), caller.user_id, now).await?;
    store::mark_seen(&mut tx, caller.user_id, id, now).await?;
    let mut entry = Entry::new("repair.event", Some(caller.user_id))
        .community(row.community_id)
        .detail(serde_json::json!({
            "ticket": id, "kind": kind.as_str(), "from": from.as_str(), "to": to.as_str(),
        }));
    if let Some(h) = for_household {
        entry = entry.household(h);
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let detail = detail_of(&state, &caller, id, now).await?;
    Ok((StatusCode::CREATED, AppJson(detail)))
}

/// The inbox news of a move: the household hears of assignment, the work
/// starting, the fix and others' comments; a worker of being given the
/// ticket and of the household's comments. Nobody hears of their own move.
async fn tell(
    tx: &mut crate::db::Tx,
    row: &TicketRow,
    (mv, to, assignee): (Move, RepairStatus, Option<i64>),
    actor: i64,
    at: i64,
) -> sqlx::Result<()> {
    let news = |kind| News {
        kind,
        subject: row.id,
        words: row.words(),
        amount: None,
        at,
    };
    let for_household = match mv {
        Move::Assign => Some(InboxKind::TicketAssigned),
        Move::Status(_) if to == RepairStatus::InProgress => Some(InboxKind::TicketStarted),
        Move::Status(_) if to == RepairStatus::Resolved => Some(InboxKind::TicketResolved),
        Move::Comment => Some(InboxKind::TicketComment),
        _ => None,
    };
    if let (Some(kind), Some(household)) = (for_household, row.household_id) {
        let to = To::Household {
            household,
            except: actor,
        };
        inbox::deliver(tx, &news(kind), to).await?;
    }
    let for_worker = match mv {
        Move::Assign => Some(InboxKind::TicketGiven),
        Move::Comment => Some(InboxKind::TicketComment),
        _ => None,
    };
    // The row was read before this move: a new assignee is the move's own.
    let worker = assignee.or(row.assignee_id);
    if let (Some(kind), Some(worker)) = (for_worker, worker.filter(|w| *w != actor)) {
        inbox::deliver(tx, &news(kind), To::Person(worker)).await?;
    }
    Ok(())
}

/// The move an action asks for, with its note, stars and assignee.
type Checked<'a> = (Move, &'a str, Option<i64>, Option<i64>);

/// The checks that need no database.
fn checked(action: &RepairAction) -> Result<Checked<'_>, ApiError> {
    let (mv, note, stars, assignee, note_needed) = match action {
        RepairAction::Comment { note } => (Move::Comment, note, None, None, true),
        RepairAction::Assign { assignee_id, note } => {
            (Move::Assign, note, None, Some(*assignee_id), false)
        }
        RepairAction::Status { status, note } => (
            Move::Status(*status),
            note,
            None,
            None,
            matches!(status, RepairStatus::Rejected | RepairStatus::Closed),
        ),
        RepairAction::Rating { stars, note } => {
            if !(1..=5).contains(stars) {
                return Err(ApiError::bad_request(
                    ErrorCode::InvalidStars,
                    "请打 1 到 5 颗星",
                ));
            }
            (Move::Rate, note, Some(*stars), None, false)
        }
        RepairAction::Reopen { note } => (Move::Reopen, note, None, None, true),
    };
    let note = note.as_str();
    if note_needed && note.is_empty() {
        return Err(ApiError::bad_request(
            ErrorCode::NoteRequired,
            "请写几句说明（原因或处理结果）",
        ));
    }
    Ok((mv, note, stars, assignee))
}

fn refusal(r: Refusal) -> ApiError {
    match r {
        Refusal::NotYours => ApiError::Forbidden,
        Refusal::WrongState => ApiError::conflict(
            ErrorCode::InvalidTransition,
            "这张报修单现在的状态不能这样改，请刷新看看最新进展，或打物业电话",
        ),
        Refusal::TooLate => ApiError::conflict(
            ErrorCode::ReopenTooLate,
            "已经修好超过 7 天，不能再重开，请重新报修或打物业电话",
        ),
        Refusal::NotATarget => {
            ApiError::bad_request(ErrorCode::InvalidStatus, "这个状态要通过派单或重开来改")
        }
    }
}

/// A live staff member or manager of the ticket's community.
async fn check_worker(tx: &mut crate::db::Tx, community: i64, worker: i64) -> Result<(), ApiError> {
    if !store::is_worker(&mut *tx, community, worker).await? {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidAssignee,
            "只能派给本小区的维修人员",
        ));
    }
    Ok(())
}

/// Writes the new state, only if nobody changed the ticket meanwhile.
async fn apply(
    tx: &mut crate::db::Tx,
    row: &TicketRow,
    mv: Move,
    to: RepairStatus,
    assignee: Option<i64>,
    stars: Option<i64>,
    now: i64,
) -> Result<(), ApiError> {
    let from = row.status();
    if mv == Move::Comment {
        // A comment changes no state, so it never conflicts with another
        // write: it only marks the ticket as changed (for badges).
        store::touch(&mut *tx, row.id, now).await?;
        return Ok(());
    }
    let ended = to != from
        && matches!(
            to,
            RepairStatus::Closed | RepairStatus::Cancelled | RepairStatus::Rejected
        );
    let (resolved_at, closed_at, due_at, rating) = if mv == Move::Reopen {
        // A fresh clock: the office owes a new visit.
        let hours = if row.urgent != 0 {
            URGENT_WITHIN_HOURS
        } else {
            NORMAL_WITHIN_HOURS
        };
        (None, None, now + hours * HOUR, None)
    } else {
        let resolved_at = if matches!(to, RepairStatus::Resolved | RepairStatus::Closed) {
            row.resolved_at.or(Some(now))
        } else {
            row.resolved_at
        };
        let closed_at = if ended { Some(now) } else { row.closed_at };
        (resolved_at, closed_at, row.due_at, stars.or(row.rating))
    };
    let change = Change {
        ticket: row.id,
        from,
        read_at: row.updated_at,
        to,
        assignee,
        resolved_at,
        closed_at,
        due_at,
        rating,
        at: now,
    };
    if !store::change(&mut *tx, change).await? {
        return Err(ApiError::conflict(
            ErrorCode::ChangedMeanwhile,
            "这张报修单刚被别人改过，请刷新后再试",
        ));
    }
    Ok(())
}
