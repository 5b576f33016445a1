//! Reading tickets and their timelines, and turning rows into wire types.

use std::collections::HashMap;

use app::model::{
    EventKind, Photo, Repair, RepairCategory, RepairChannel, RepairEvent, RepairStatus, Role,
    ticket_number,
};
use sqlx::{Any, FromRow};

use super::access::TicketKey;
use crate::db::{Dir, Order, Sql, optional, rfc3339};
use crate::uploads::photo;

/// The columns `TicketRow` reads; `$1` is the viewer (for "changed"). A
/// macro, so that each query is one `&'static str` made by `concat!`.
macro_rules! ticket_select {
    () => {
        "SELECT t.id, t.community_id, t.household_id, t.place, t.category,
    t.description, t.urgent, t.contact_phone, t.status, t.channel, r.name AS reporter_name,
    t.assignee_id, a.name AS assignee_name, t.created_at, t.updated_at, t.due_at, t.resolved_at,
    t.closed_at, t.rating, b.name AS building_name, h.flat_label, v.seen_at
    FROM repair_tickets t
    JOIN users r ON r.id = t.reporter_id
    LEFT JOIN users a ON a.id = t.assignee_id
    LEFT JOIN households h ON h.id = t.household_id
    LEFT JOIN buildings b ON b.id = h.building_id
    LEFT JOIN repair_views v ON v.ticket_id = t.id AND v.user_id = $1"
    };
}

/// How many of household `$2`'s tickets changed since person `$1` last
/// opened them (the 报修 badge; `GET /counts` asks it in its own query).
macro_rules! changed_tickets {
    () => {
        "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets t
         LEFT JOIN repair_views v ON v.ticket_id = t.id AND v.user_id = $1
         WHERE t.household_id = $2 AND (v.seen_at IS NULL OR t.updated_at > v.seen_at)"
    };
}
pub(crate) use changed_tickets;

/// The states in which the office still owes work.
macro_rules! open_states {
    () => {
        "('submitted', 'assigned', 'in_progress')"
    };
}
pub(crate) use open_states;

#[derive(Debug, FromRow)]
pub struct TicketRow {
    pub id: i64,
    pub community_id: i64,
    pub household_id: Option<i64>,
    place: Option<String>,
    #[sqlx(try_from = "String")]
    category: RepairCategory,
    description: String,
    pub urgent: i64,
    contact_phone: String,
    #[sqlx(try_from = "String")]
    pub status: RepairStatus,
    #[sqlx(try_from = "String")]
    channel: RepairChannel,
    reporter_name: String,
    pub assignee_id: Option<i64>,
    assignee_name: Option<String>,
    created_at: i64,
    pub updated_at: i64,
    pub due_at: i64,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub rating: Option<i64>,
    building_name: Option<String>,
    flat_label: Option<String>,
    seen_at: Option<i64>,
}

impl TicketRow {
    pub fn key(&self) -> TicketKey {
        TicketKey {
            community_id: self.community_id,
            household_id: self.household_id,
            assignee_id: self.assignee_id,
        }
    }

    pub fn status(&self) -> RepairStatus {
        self.status
    }

    /// "3号楼 201", or empty for the office's own public-place report.
    pub fn household_label(&self) -> String {
        match (&self.building_name, &self.flat_label) {
            (Some(b), Some(f)) => format!("{b} {f}"),
            _ => String::new(),
        }
    }

    /// What news of the ticket names it by: what was written, else the place.
    pub fn words(&self) -> &str {
        if self.description.is_empty() {
            self.place.as_deref().unwrap_or_default()
        } else {
            &self.description
        }
    }

    /// `changed` is only meaningful for the household; the office sees false.
    pub fn wire(self, now: i64, photos: Vec<Photo>, for_household: bool) -> Repair {
        let status = self.status();
        let address = self.place.clone().unwrap_or_else(|| self.household_label());
        Repair {
            id: self.id,
            number: ticket_number(self.id),
            community_id: self.community_id,
            household_id: self.household_id,
            address,
            place: self.place,
            category: self.category,
            description: self.description,
            urgent: self.urgent != 0,
            contact_phone: self.contact_phone,
            status,
            channel: self.channel,
            reporter_name: self.reporter_name,
            assignee_id: self.assignee_id,
            assignee_name: self.assignee_name,
            created_at: rfc3339(self.created_at),
            updated_at: rfc3339(self.updated_at),
            due_at: rfc3339(self.due_at),
            resolved_at: self.resolved_at.map(rfc3339),
            closed_at: self.closed_at.map(rfc3339),
            overdue: status.is_open() && now > self.due_at,
            rating: self.rating,
            changed: for_household && self.seen_at.is_none_or(|s| self.updated_at > s),
            photos,
        }
    }
}

/// The photos of these tickets, in order, in one query.
pub async fn photos_of<'e, E>(executor: E, ids: &[i64]) -> sqlx::Result<HashMap<i64, Vec<Photo>>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut out: HashMap<i64, Vec<Photo>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut q = Sql::new("SELECT ticket_id, upload_id FROM repair_photos WHERE ticket_id IN ");
    q.bind_list(ids.iter().copied())
        .push(" ORDER BY ticket_id, position");
    let rows: Vec<(i64, String)> = q.fetch_all(executor).await?;
    for (ticket, upload) in rows {
        out.entry(ticket).or_default().push(photo(upload));
    }
    Ok(out)
}

/// Rows to wire tickets with their photos.
pub async fn wire_all<'e, E>(
    executor: E,
    rows: Vec<TicketRow>,
    now: i64,
    for_household: bool,
) -> sqlx::Result<Vec<Repair>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut photos = photos_of(executor, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let p = photos.remove(&r.id).unwrap_or_default();
            r.wire(now, p, for_household)
        })
        .collect())
}

#[derive(FromRow)]
struct EventRow {
    id: i64,
    #[sqlx(try_from = "String")]
    kind: EventKind,
    at: i64,
    actor_name: Option<String>,
    actor_role: Option<String>,
    building_name: Option<String>,
    flat_label: Option<String>,
    from_status: Option<String>,
    to_status: Option<String>,
    assignee_name: Option<String>,
    stars: Option<i64>,
    note: String,
}

/// A ticket's timeline, oldest first.
pub async fn events<'e, E>(executor: E, ticket: i64) -> sqlx::Result<Vec<RepairEvent>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.id, e.kind, e.at, u.name AS actor_name, e.actor_role, b.name AS building_name,
                h.flat_label, e.from_status, e.to_status, a.name AS assignee_name, e.stars, e.note
         FROM repair_events e
         LEFT JOIN users u ON u.id = e.actor_id
         LEFT JOIN users a ON a.id = e.assignee_id
         LEFT JOIN households h ON h.id = e.for_household
         LEFT JOIN buildings b ON b.id = h.building_id
         WHERE e.ticket_id = $1 ORDER BY e.id",
    )
    .bind(ticket)
    .fetch_all(executor)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(RepairEvent {
                id: r.id,
                kind: r.kind,
                at: rfc3339(r.at),
                actor_name: r.actor_name,
                actor_role: optional("actor_role", r.actor_role)?,
                for_household: r
                    .building_name
                    .zip(r.flat_label)
                    .map(|(b, f)| format!("{b} {f}")),
                from_status: optional("from_status", r.from_status)?,
                to_status: optional("to_status", r.to_status)?,
                assignee_name: r.assignee_name,
                stars: r.stars,
                note: r.note,
            })
        })
        .collect()
}

/// One event to append.
pub struct NewEvent<'a> {
    pub ticket: i64,
    pub kind: EventKind,
    pub actor: Option<(i64, Role)>,
    pub for_household: Option<i64>,
    pub from: Option<RepairStatus>,
    pub to: Option<RepairStatus>,
    pub assignee: Option<i64>,
    pub stars: Option<i64>,
    pub note: &'a str,
    pub at: i64,
}

pub async fn append<'e, E>(executor: E, e: NewEvent<'_>) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO repair_events (ticket_id, kind, actor_id, actor_role, for_household,
            from_status, to_status, assignee_id, stars, note, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(e.ticket)
    .bind(e.kind.as_str())
    .bind(e.actor.map(|a| a.0))
    .bind(e.actor.map(|a| a.1.as_str()))
    .bind(e.for_household)
    .bind(e.from.map(RepairStatus::as_str))
    .bind(e.to.map(RepairStatus::as_str))
    .bind(e.assignee)
    .bind(e.stars)
    .bind(e.note)
    .bind(e.at)
    .execute(executor)
    .await?;
    Ok(())
}

/// Marks the ticket seen by this person now.
pub async fn mark_seen<'e, E>(executor: E, user: i64, ticket: i64, at: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO repair_views (user_id, ticket_id, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, ticket_id) DO UPDATE SET seen_at = excluded.seen_at",
    )
    .bind(user)
    .bind(ticket)
    .bind(at)
    .execute(executor)
    .await?;
    Ok(())
}

/// One ticket as `viewer` sees it (their "seen" mark), whoever they are:
/// the handler decides whether they may.
pub async fn ticket<'e, E>(executor: E, viewer: i64, id: i64) -> sqlx::Result<Option<TicketRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(ticket_select!(), " WHERE t.id = $2"))
        .bind(viewer)
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// What a list asks for; every value is bound.
pub enum ListScope {
    Household(i64),
    Assigned(i64),
    Queue(QueueFilter),
}

/// The office queue's conditions.
pub struct QueueFilter {
    pub community: i64,
    /// `None`: every state; `Some(None)`: the open ones; else that one.
    pub status: Option<Option<RepairStatus>>,
    pub category: Option<RepairCategory>,
    pub building: Option<i64>,
    pub assignee: Option<i64>,
    /// Open and due before this instant.
    pub overdue_at: Option<i64>,
}

/// The household's tickets: newest first.
const HOUSEHOLD_ORDER: Order = Order(&[("t.created_at", Dir::Desc), ("t.id", Dir::Desc)]);
/// A worker's: those in hand first, then urgent, then oldest.
const ASSIGNED_ORDER: Order = Order(&[
    (
        "CASE WHEN t.status IN ('assigned', 'in_progress') THEN 0 ELSE 1 END",
        Dir::Asc,
    ),
    ("t.urgent", Dir::Desc),
    ("t.created_at", Dir::Asc),
    ("t.id", Dir::Asc),
]);
/// The office queue: urgent first, then oldest.
const QUEUE_ORDER: Order = Order(&[
    ("t.urgent", Dir::Desc),
    ("t.created_at", Dir::Asc),
    ("t.id", Dir::Asc),
]);

impl ListScope {
    pub fn order(&self) -> &'static Order {
        match self {
            Self::Household(_) => &HOUSEHOLD_ORDER,
            Self::Assigned(_) => &ASSIGNED_ORDER,
            Self::Queue(_) => &QUEUE_ORDER,
        }
    }

    /// Where `row` stands in this list's order.
    pub fn position(&self, row: &TicketRow) -> Vec<i64> {
        match self {
            Self::Household(_) => vec![row.created_at, row.id],
            Self::Assigned(_) => {
                let in_hand = matches!(
                    row.status,
                    RepairStatus::Assigned | RepairStatus::InProgress
                );
                vec![i64::from(!in_hand), row.urgent, row.created_at, row.id]
            }
            Self::Queue(_) => vec![row.urgent, row.created_at, row.id],
        }
    }
}

/// A page of tickets (`fetch` rows: one more than the page tells whether
/// more follow), after the position `after` in the scope's order or from
/// `offset`.
pub async fn list<'e, E>(
    executor: E,
    viewer: i64,
    scope: &ListScope,
    after: Option<&[i64]>,
    fetch: i64,
    offset: i64,
) -> sqlx::Result<Vec<TicketRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(ticket_select!());
    q.bind_written(viewer).push(" WHERE ");
    match scope {
        ListScope::Household(h) => {
            q.push("t.household_id = ").bind(*h);
        }
        ListScope::Assigned(u) => {
            q.push("t.assignee_id = ").bind(*u);
        }
        ListScope::Queue(f) => {
            q.push("t.community_id = ").bind(f.community);
            match f.status {
                Some(None) => {
                    q.push(concat!(" AND t.status IN ", open_states!()));
                }
                Some(Some(s)) => {
                    q.push(" AND t.status = ").bind(s.as_str());
                }
                None => {}
            }
            if let Some(c) = f.category {
                q.push(" AND t.category = ").bind(c.as_str());
            }
            if let Some(b) = f.building {
                q.push(" AND t.building_id = ").bind(b);
            }
            if let Some(a) = f.assignee {
                q.push(" AND t.assignee_id = ").bind(a);
            }
            if let Some(now) = f.overdue_at {
                q.push(concat!(
                    " AND t.status IN ",
                    open_states!(),
                    " AND t.due_at < "
                ))
                .bind(now);
            }
        }
    }
    q.page(scope.order(), after, fetch, offset);
    q.fetch_all(executor).await
}

/// A household's tickets still in hand (open or awaiting confirmation), newest first.
pub async fn in_hand_of_household<'e, E>(
    executor: E,
    viewer: i64,
    household: i64,
) -> sqlx::Result<Vec<TicketRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        ticket_select!(),
        " WHERE t.household_id = $2
           AND t.status IN ('submitted', 'assigned', 'in_progress', 'resolved')
         ORDER BY t.created_at DESC LIMIT 5"
    ))
    .bind(viewer)
    .bind(household)
    .fetch_all(executor)
    .await
}

/// The 报修 badge's two counts, in one query.
#[derive(FromRow)]
pub struct Badges {
    /// The household's tickets changed since `viewer` last looked (0 without a household).
    pub changed: i64,
    /// Open tickets given to `viewer`.
    pub assigned: i64,
}

pub async fn badges<'e, E>(executor: E, viewer: i64, household: Option<i64>) -> sqlx::Result<Badges>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT (",
        changed_tickets!(),
        ") AS changed,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets
                 WHERE assignee_id = $1 AND status IN ",
        open_states!(),
        ") AS assigned"
    ))
    .bind(viewer)
    .bind(household)
    .fetch_one(executor)
    .await
}

/// The community's open tickets: new, all open, overdue at `now`.
#[derive(FromRow)]
pub struct OpenCounts {
    pub fresh: i64,
    pub open: i64,
    pub overdue: i64,
}

pub async fn open_counts<'e, E>(executor: E, community: i64, now: i64) -> sqlx::Result<OpenCounts>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END), 0) AS BIGINT) AS fresh,
                CAST(COUNT(*) AS BIGINT) AS open,
                CAST(COALESCE(SUM(CASE WHEN due_at < $2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue
         FROM repair_tickets WHERE community_id = $1 AND status IN ",
        open_states!()
    ))
    .bind(community)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// Minutes from report to repair of each ticket repaired since `since`.
pub async fn resolve_minutes_since<'e, E>(
    executor: E,
    community: i64,
    since: i64,
) -> sqlx::Result<Vec<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT (resolved_at - created_at) / 60000 FROM repair_tickets
         WHERE community_id = $1 AND resolved_at >= $2 AND status IN ('resolved', 'closed')",
    )
    .bind(community)
    .bind(since)
    .fetch_all(executor)
    .await
}

/// The stars given to tickets closed since `since`.
pub async fn ratings_since<'e, E>(executor: E, community: i64, since: i64) -> sqlx::Result<Vec<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT rating FROM repair_tickets
         WHERE community_id = $1 AND rating IS NOT NULL AND closed_at >= $2",
    )
    .bind(community)
    .bind(since)
    .fetch_all(executor)
    .await
}

/// One line of the office's CSV export.
#[derive(FromRow)]
pub struct ExportLine {
    pub id: i64,
    pub created_at: i64,
    pub urgent: i64,
    #[sqlx(try_from = "String")]
    pub category: RepairCategory,
    pub place: Option<String>,
    pub building: Option<String>,
    pub flat: Option<String>,
    #[sqlx(try_from = "String")]
    pub channel: RepairChannel,
    #[sqlx(try_from = "String")]
    pub status: RepairStatus,
    pub assignee: Option<String>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub rating: Option<i64>,
    pub description: String,
}

/// Tickets reported in `[from, until)`, oldest first.
pub async fn export_lines<'e, E>(
    executor: E,
    community: i64,
    from: i64,
    until: i64,
) -> sqlx::Result<Vec<ExportLine>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT t.id, t.created_at, t.urgent, t.category, t.place, b.name AS building,
                h.flat_label AS flat, t.channel, t.status, a.name AS assignee, t.resolved_at,
                t.closed_at, t.rating, t.description
         FROM repair_tickets t LEFT JOIN households h ON h.id = t.household_id
         LEFT JOIN buildings b ON b.id = h.building_id LEFT JOIN users a ON a.id = t.assignee_id
         WHERE t.community_id = $1 AND t.created_at >= $2 AND t.created_at < $3 ORDER BY t.id",
    )
    .bind(community)
    .bind(from)
    .bind(until)
    .fetch_all(executor)
    .await
}

/// A ticket to file.
pub struct NewTicket<'a> {
    pub community: i64,
    pub household: Option<i64>,
    pub place: Option<&'a str>,
    pub building: Option<i64>,
    pub category: RepairCategory,
    pub description: &'a str,
    pub urgent: bool,
    pub contact_phone: &'a str,
    pub channel: RepairChannel,
    pub reporter: i64,
    pub at: i64,
    pub due_at: i64,
}

/// Files the ticket as submitted; its id.
pub async fn insert<'e, E>(executor: E, t: NewTicket<'_>) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO repair_tickets (community_id, household_id, place, building_id, category,
            description, urgent, contact_phone, status, channel, reporter_id, created_at,
            updated_at, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9, $10, $11, $11, $12) RETURNING id",
    )
    .bind(t.community)
    .bind(t.household)
    .bind(t.place)
    .bind(t.building)
    .bind(t.category.as_str())
    .bind(t.description)
    .bind(i64::from(t.urgent))
    .bind(t.contact_phone)
    .bind(t.channel.as_str())
    .bind(t.reporter)
    .bind(t.at)
    .bind(t.due_at)
    .fetch_one(executor)
    .await
}

/// Puts the owner's upload on the ticket at `position`; false when it is not
/// theirs, absent, or already on a ticket.
pub async fn attach_photo<'e, E>(
    executor: E,
    ticket: i64,
    position: i64,
    upload: &str,
    owner: i64,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "INSERT INTO repair_photos (ticket_id, upload_id, position)
         SELECT $1, id, $2 FROM uploads WHERE id = $3 AND uploaded_by = $4
           AND NOT EXISTS (SELECT 1 FROM repair_photos WHERE upload_id = $3)",
    )
    .bind(ticket)
    .bind(position)
    .bind(upload)
    .bind(owner)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A live staff member or manager of the community.
pub async fn is_worker<'e, E>(executor: E, community: i64, worker: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let found: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.user_id = $1 AND m.community_id = $2 AND m.role IN ('staff', 'manager')
           AND m.revoked_at IS NULL AND u.disabled_at IS NULL",
    )
    .bind(worker)
    .bind(community)
    .fetch_one(executor)
    .await?;
    Ok(found > 0)
}

/// Marks the ticket changed (for badges) without touching its state.
pub async fn touch<'e, E>(executor: E, ticket: i64, at: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE repair_tickets SET updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(ticket)
        .execute(executor)
        .await?;
    Ok(())
}

/// A ticket's new state, written only over the state it was read in.
pub struct Change {
    pub ticket: i64,
    pub from: RepairStatus,
    pub read_at: i64,
    pub to: RepairStatus,
    pub assignee: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub due_at: i64,
    pub rating: Option<i64>,
    pub at: i64,
}

/// False when someone changed the ticket meanwhile.
pub async fn change<'e, E>(executor: E, c: Change) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE repair_tickets SET status = $1, assignee_id = COALESCE($2, assignee_id),
            resolved_at = $3, closed_at = $4, due_at = $5, rating = $6, updated_at = $7
         WHERE id = $8 AND status = $9 AND updated_at = $10",
    )
    .bind(c.to.as_str())
    .bind(c.assignee)
    .bind(c.resolved_at)
    .bind(c.closed_at)
    .bind(c.due_at)
    .bind(c.rating)
    .bind(c.at)
    .bind(c.ticket)
    .bind(c.from.as_str())
    .bind(c.read_at)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Resolved tickets whose household has not confirmed since `before`: id
/// and the `updated_at` they were read at.
pub async fn unconfirmed<'e, E>(executor: E, before: i64) -> sqlx::Result<Vec<(i64, i64)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, updated_at FROM repair_tickets WHERE status = 'resolved' AND resolved_at < $1
         ORDER BY id LIMIT 500",
    )
    .bind(before)
    .fetch_all(executor)
    .await
}

/// Closes a resolved ticket left as it was read; false when the household
/// confirmed or reopened it meanwhile.
pub async fn close_resolved<'e, E>(
    executor: E,
    ticket: i64,
    read_at: i64,
    now: i64,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE repair_tickets SET status = 'closed', closed_at = $1, updated_at = $1
         WHERE id = $2 AND status = 'resolved' AND updated_at = $3",
    )
    .bind(now)
    .bind(ticket)
    .bind(read_at)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Someone who can be given a ticket, with their open load.
#[derive(FromRow)]
pub struct WorkerRow {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub open: i64,
}

/// The community's staff first, then its managers.
pub async fn workers<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<WorkerRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.id, u.name, u.phone,
            (SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets t WHERE t.assignee_id = u.id
               AND t.status IN ('assigned', 'in_progress')) AS open
         FROM users u WHERE u.disabled_at IS NULL AND EXISTS (
            SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.community_id = $1
              AND m.role IN ('staff', 'manager') AND m.revoked_at IS NULL)
         ORDER BY (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.community_id = $1
              AND m.role = 'staff' AND m.revoked_at IS NULL) IS NULL, u.name",
    )
    .bind(community)
    .fetch_all(executor)
    .await
}
