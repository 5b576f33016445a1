//! A few tickets in 轻机南院 so the office queue and its figures are not
//! empty on first start: one being fixed, one waiting, one overdue in a
//! stairwell, one done and rated.

use app::model::{EventKind, RepairCategory, RepairStatus, Role};

use crate::db::{DAY, Db, HOUR, now_millis};
use crate::repairs::store::{self, NewEvent};

struct DemoTicket {
    flat: Option<(&'static str, &'static str)>,
    place: Option<&'static str>,
    category: RepairCategory,
    description: &'static str,
    urgent: bool,
    status: RepairStatus,
    hours_ago: i64,
}

const TICKETS: &[DemoTicket] = &[
    DemoTicket {
        flat: Some(("5号楼", "102")),
        place: None,
        category: RepairCategory::Heating,
        description: "暖气片不热，放过气了还是凉",
        urgent: false,
        status: RepairStatus::InProgress,
        hours_ago: 30,
    },
    DemoTicket {
        flat: None,
        place: Some("7号楼 二楼楼道灯"),
        category: RepairCategory::PublicArea,
        description: "楼道灯不亮，老人晚上下楼看不见",
        urgent: true,
        status: RepairStatus::Submitted,
        hours_ago: 26,
    },
    DemoTicket {
        flat: Some(("9号楼（筒子楼）", "301")),
        place: None,
        category: RepairCategory::Drainage,
        description: "卫生间下水慢",
        urgent: false,
        status: RepairStatus::Submitted,
        hours_ago: 3,
    },
    DemoTicket {
        flat: Some(("2号楼", "101")),
        place: None,
        category: RepairCategory::DoorsWindows,
        description: "窗户关不严，漏风",
        urgent: false,
        status: RepairStatus::Closed,
        hours_ago: 72,
    },
];

/// Seeds the tickets, reported by the manager (phone-ins) and worked by
/// the staff member.
pub async fn seed(db: &Db, community: &str, manager: &str, staff: &str) -> anyhow::Result<()> {
    let mut tx = db.writer().begin().await?;
    let community_id: i64 = sqlx::query_scalar("SELECT id FROM communities WHERE name = $1")
        .bind(community)
        .fetch_one(&mut tx)
        .await?;
    let user = |phone: &str| {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE phone = $1").bind(phone.to_owned())
    };
    let manager_id = user(manager).fetch_one(&mut tx).await?;
    let staff_id = user(staff).fetch_one(&mut tx).await?;
    let now = now_millis();
    for t in TICKETS {
        let household: Option<(i64, i64)> = match t.flat {
            Some((building, flat)) => Some(
                sqlx::query_as(
                    "SELECT h.id, h.building_id FROM households h JOIN buildings b ON b.id = h.building_id
                     WHERE b.community_id = $1 AND b.name = $2 AND h.flat_label = $3",
                )
                .bind(community_id)
                .bind(building)
                .bind(flat)
                .fetch_one(&mut tx)
                .await?,
            ),
            None => None,
        };
        let created = now - t.hours_ago * HOUR;
        let assigned = t.status != RepairStatus::Submitted;
        let resolved = (t.status == RepairStatus::Closed).then_some(created + 20 * HOUR);
        let updated = resolved.map_or(if assigned { created + HOUR } else { created }, |r| {
            r + HOUR
        });
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO repair_tickets (community_id, household_id, place, building_id, category,
                description, urgent, contact_phone, status, channel, reporter_id, assignee_id,
                created_at, updated_at, due_at, resolved_at, closed_at, rating)
             VALUES ($1, $2, $3, $4, $5, $6, $7, '0372-5551969', $8, 'office', $9, $10, $11, $12,
                $13, $14, $15, $16) RETURNING id",
        )
        .bind(community_id)
        .bind(household.map(|h| h.0))
        .bind(t.place)
        .bind(household.map(|h| h.1))
        .bind(t.category.as_str())
        .bind(t.description)
        .bind(i64::from(t.urgent))
        .bind(t.status.as_str())
        .bind(manager_id)
        .bind(assigned.then_some(staff_id))
        .bind(created)
        .bind(updated)
        .bind(created + if t.urgent { DAY } else { 3 * DAY })
        .bind(resolved)
        .bind(resolved.map(|r| r + HOUR))
        .bind(resolved.map(|_| 5_i64))
        .fetch_one(&mut tx)
        .await?;
        let event = |kind, actor, from, to, note, at| NewEvent {
            ticket: id,
            kind,
            actor: Some(actor),
            for_household: None,
            from,
            to: Some(to),
            assignee: (kind == EventKind::Assign).then_some(staff_id),
            stars: None,
            note,
            at,
        };
        let manager = (manager_id, Role::Manager);
        let worker = (staff_id, Role::Staff);
        use RepairStatus as S;
        let mut events = vec![event(
            EventKind::Submitted,
            manager,
            None,
            S::Submitted,
            "电话报修",
            created,
        )];
        if assigned {
            events.push(event(
                EventKind::Assign,
                manager,
                Some(S::Submitted),
                S::Assigned,
                "",
                created + HOUR,
            ));
        }
        if t.status == S::InProgress {
            events.push(event(
                EventKind::Status,
                worker,
                Some(S::Assigned),
                S::InProgress,
                "已上门查看，等配件",
                created + HOUR,
            ));
        }
        if let Some(r) = resolved {
            events.push(event(
                EventKind::Status,
                worker,
                Some(S::Assigned),
                S::Resolved,
                "换了密封条",
                r,
            ));
            let mut rating = event(
                EventKind::Rating,
                manager,
                Some(S::Resolved),
                S::Closed,
                "住户电话确认，很满意",
                r + HOUR,
            );
            rating.stars = Some(5);
            events.push(rating);
        }
        for e in events {
            store::append(&mut tx, e).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
