//! Reading tickets and their timelines, and turning rows into wire types.

use std::collections::HashMap;

use app::model::{
    EventKind, Photo, Repair, RepairCategory, RepairChannel, RepairEvent, RepairStatus, Role,
    ticket_number,
};
use sqlx::{Any, FromRow};

use super::access::TicketKey;
use crate::db::rfc3339;
use crate::uploads::photo;

/// The columns `TicketRow` reads; `$1` is the viewer (for "changed").
pub const TICKET_SELECT: &str = "SELECT t.id, t.community_id, t.household_id, t.place, t.category,
    t.description, t.urgent, t.contact_phone, t.status, t.channel, r.name AS reporter_name,
    t.assignee_id, a.name AS assignee_name, t.created_at, t.updated_at, t.due_at, t.resolved_at,
    t.closed_at, t.rating, b.name AS building_name, h.flat_label, v.seen_at
    FROM repair_tickets t
    JOIN users r ON r.id = t.reporter_id
    LEFT JOIN users a ON a.id = t.assignee_id
    LEFT JOIN households h ON h.id = t.household_id
    LEFT JOIN buildings b ON b.id = h.building_id
    LEFT JOIN repair_views v ON v.ticket_id = t.id AND v.user_id = $1";

#[derive(Debug, FromRow)]
pub struct TicketRow {
    pub id: i64,
    pub community_id: i64,
    pub household_id: Option<i64>,
    place: Option<String>,
    category: String,
    description: String,
    pub urgent: i64,
    contact_phone: String,
    pub status: String,
    channel: String,
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
        RepairStatus::parse(&self.status).unwrap_or(RepairStatus::Submitted)
    }

    /// "3号楼 201", or empty for the office's own public-place report.
    pub fn household_label(&self) -> String {
        match (&self.building_name, &self.flat_label) {
            (Some(b), Some(f)) => format!("{b} {f}"),
            _ => String::new(),
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
            category: RepairCategory::parse(&self.category).unwrap_or(RepairCategory::Other),
            description: self.description,
            urgent: self.urgent != 0,
            contact_phone: self.contact_phone,
            status,
            channel: RepairChannel::parse(&self.channel).unwrap_or(RepairChannel::Office),
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
    // Ids are integers from our own rows: safe to inline.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT ticket_id, upload_id FROM repair_photos WHERE ticket_id IN ({list})
         ORDER BY ticket_id, position"
    )))
    .fetch_all(executor)
    .await?;
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
    kind: String,
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
    Ok(rows
        .into_iter()
        .map(|r| RepairEvent {
            id: r.id,
            kind: EventKind::parse(&r.kind).unwrap_or(EventKind::Comment),
            at: rfc3339(r.at),
            actor_name: r.actor_name,
            actor_role: r.actor_role.as_deref().and_then(Role::parse),
            for_household: r
                .building_name
                .zip(r.flat_label)
                .map(|(b, f)| format!("{b} {f}")),
            from_status: r.from_status.as_deref().and_then(RepairStatus::parse),
            to_status: r.to_status.as_deref().and_then(RepairStatus::parse),
            assignee_name: r.assignee_name,
            stars: r.stars,
            note: r.note,
        })
        .collect())
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
