//! The article's three earning rules, a shelf of daily goods led by the
//! 5-point dishcloth, and a month of volunteering so the red board has names.

use app::model::{ActivityKind, CheckinMethod, EntryKind, Role};

use crate::accounts::password;
use crate::accounts::store::{Scope, insert_membership, insert_user};
use crate::activities::store as activities;
use crate::db::{DAY, Db, now_millis};
use crate::points::day_of;
use crate::points::store::{self, Entry};

/// (name, points, unit): 治安巡逻 5 a time, 疫情防控值守 2 an hour, 环境整治 5 a time.
pub const RULES: [(&str, i64, &str); 3] = [
    ("治安巡逻", 5, "time"),
    ("疫情防控值守", 2, "hour"),
    ("环境整治", 5, "time"),
];

/// The activity each rule's volunteering was: (title, kind, place, start
/// time, hours).
const PAST: [(&str, ActivityKind, &str, &str, i64); 3] = [
    ("晚间巡逻", ActivityKind::Patrol, "大门口集合", "19:00", 2),
    ("北门值守", ActivityKind::Duty, "北门岗亭", "08:00", 3),
    (
        "中心花园大扫除",
        ActivityKind::Cleanup,
        "中心花园",
        "09:00",
        2,
    ),
];

/// An activity open for sign-up: (title, kind, place, rule, in how many
/// days, start time, hours, roster weekdays).
type OpenActivity = (
    &'static str,
    ActivityKind,
    &'static str,
    usize,
    i64,
    &'static str,
    i64,
    &'static str,
);

/// (name, description, price, stock, monthly limit).
const GOODS: [(&str, &str, i64, i64, Option<i64>); 6] = [
    ("洗碗巾", "吸水不掉毛，一包两条", 5, 100, None),
    ("香皂", "硫磺皂一块", 10, 50, None),
    ("毛巾", "纯棉，颜色随机", 15, 40, None),
    ("牙膏", "120 克", 20, 30, None),
    ("食用油", "花生油 1 升", 50, 20, None),
    ("大米", "5 公斤一袋，每人每月限换 1 袋", 60, 10, Some(1)),
];

/// Volunteers who registered (they cannot log in: their password is
/// random and never printed). (phone, name, building, flat, [(rule, days ago, quantity)]).
type Volunteer = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(usize, i64, f64)],
);
const VOLUNTEERS: [Volunteer; 5] = [
    (
        "13900000101",
        "王秀英",
        "1号楼",
        "101",
        &[(0, 1, 1.0), (0, 3, 1.0), (2, 5, 1.0), (0, 8, 1.0)],
    ),
    (
        "13900000102",
        "李桂芳",
        "2号楼",
        "305",
        &[(1, 2, 3.0), (1, 6, 2.5), (2, 9, 1.0)],
    ),
    (
        "13900000103",
        "陈玉兰",
        "4号楼",
        "202",
        &[(2, 1, 1.0), (0, 4, 1.0)],
    ),
    (
        "13900000104",
        "杨志强",
        "6号楼",
        "401",
        &[
            (0, 2, 1.0),
            (0, 3, 1.0),
            (0, 5, 1.0),
            (0, 12, 1.0),
            (2, 2, 1.0),
        ],
    ),
    (
        "13900000105",
        "赵淑珍",
        "8号楼（筒子楼）",
        "210",
        &[(1, 3, 1.5)],
    ),
];

/// What 张建国 did (the demo resident): a patrol, a clean-up, two hours of duty.
const ZHANG: &[(usize, i64, f64)] = &[(0, 2, 1.0), (2, 1, 1.0), (1, 3, 2.0)];

pub async fn seed(db: &Db, community: &str, manager: &str, resident: &str) -> anyhow::Result<()> {
    let hash = password::hash(format!("{:032x}", rand::random::<u128>())).await?;
    let mut tx = db.writer().begin().await?;
    let community_id: i64 = sqlx::query_scalar("SELECT id FROM communities WHERE name = $1")
        .bind(community)
        .fetch_one(&mut tx)
        .await?;
    let user = |phone: &str| {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE phone = $1").bind(phone.to_owned())
    };
    let manager_id = user(manager).fetch_one(&mut tx).await?;
    let resident_id = user(resident).fetch_one(&mut tx).await?;
    let now = now_millis();
    let mut rules = Vec::new();
    for (name, points, unit) in RULES {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO point_rules (community_id, name, points, unit, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(community_id)
        .bind(name)
        .bind(points)
        .bind(unit)
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        rules.push((id, points, unit));
    }
    for (name, description, price, stock, limit) in GOODS {
        sqlx::query(
            "INSERT INTO shop_items (community_id, name, description, price, stock, monthly_limit,
                created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(community_id)
        .bind(name)
        .bind(description)
        .bind(price)
        .bind(stock)
        .bind(limit)
        .bind(now)
        .execute(&mut tx)
        .await?;
    }
    let mut people = vec![(resident_id, ZHANG)];
    for (phone, name, building, flat, done) in VOLUNTEERS {
        let household: i64 = sqlx::query_scalar(
            "SELECT h.id FROM households h JOIN buildings b ON b.id = h.building_id
             WHERE b.community_id = $1 AND b.name = $2 AND h.flat_label = $3",
        )
        .bind(community_id)
        .bind(building)
        .bind(flat)
        .fetch_one(&mut tx)
        .await?;
        let id = insert_user(&mut tx, phone, name, &hash).await?;
        insert_membership(
            &mut tx,
            id,
            Role::Resident,
            Scope::Household {
                community_id,
                household_id: household,
            },
            None,
        )
        .await?;
        people.push((id, done));
    }
    // Every line of volunteering was an activity: one session a rule and a
    // day, its attendance, closed, and the points it gave.
    let mut days: Vec<(usize, i64)> = people
        .iter()
        .flat_map(|(_, done)| done.iter().map(|(rule, days_ago, _)| (*rule, *days_ago)))
        .collect();
    days.sort_unstable();
    days.dedup();
    for (rule, days_ago) in days {
        let (rule_id, points, unit) = rules[rule];
        let (title, kind, place, from, hours) = PAST[rule];
        let day = day_of(now - days_ago * DAY);
        let starts = at(&day, from)?;
        let ends = starts + hours * crate::db::HOUR;
        let what = (title, kind, place, "");
        let made = (community_id, manager_id, starts - 3 * DAY);
        let activity = publish(&mut tx, made, what, rule_id, None).await?;
        let session = activities::insert_session(&mut tx, activity, (starts, ends), None).await?;
        let unit = app::model::PointUnit::parse(unit).expect("the demo's rules name known units");
        for (user_id, done) in &people {
            for (_, _, quantity) in done.iter().filter(|(r, d, _)| (*r, *d) == (rule, days_ago)) {
                activities::check_in(
                    &mut tx,
                    session,
                    *user_id,
                    CheckinMethod::List,
                    manager_id,
                    starts,
                )
                .await?;
                #[allow(clippy::cast_possible_truncation)]
                let stayed = (quantity * 60.0) as i64 * crate::db::MINUTE;
                activities::check_out(&mut tx, session, *user_id, manager_id, starts + stayed)
                    .await?;
                let (each, halves) =
                    app::model::award_points(points, unit, *quantity).unwrap_or((points, 2));
                let mut line = Entry::new(
                    EntryKind::Award,
                    community_id,
                    *user_id,
                    each,
                    &day,
                    manager_id,
                );
                line.rule = Some(rule_id);
                line.quantity_halves = Some(halves);
                line.session = Some(session);
                line.reason = title;
                store::post(&mut tx, &line)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
        }
        activities::close(&mut tx, session, manager_id, ends).await?;
    }
    // Open for sign-up: next week's patrol, and a morning duty roster.
    let open: [OpenActivity; 2] = [
        (
            "周六晚治安巡逻",
            ActivityKind::Patrol,
            "大门口集合，戴红袖标",
            0,
            5,
            "19:00",
            2,
            "",
        ),
        (
            "门岗值守",
            ActivityKind::Duty,
            "北门岗亭",
            1,
            1,
            "08:00",
            2,
            "1234567",
        ),
    ];
    for (title, kind, place, rule, days_on, from, hours, weekdays) in open {
        let starts = at(&day_of(now + days_on * DAY), from)?;
        let places = Some(if weekdays.is_empty() { 10 } else { 2 });
        let what = (title, kind, place, weekdays);
        let activity = publish(
            &mut tx,
            (community_id, manager_id, now),
            what,
            rules[rule].0,
            places,
        )
        .await?;
        let shifts = if weekdays.is_empty() { 1 } else { 14 };
        for shift in 0..shifts {
            let at = starts + shift * DAY;
            activities::insert_session(
                &mut tx,
                activity,
                (at, at + hours * crate::db::HOUR),
                places,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// An instant on a Beijing day: "2026-12-07" at "19:00".
fn at(day: &str, time: &str) -> anyhow::Result<i64> {
    crate::db::parse_rfc3339(&format!("{day}T{time}:00+08:00"))
        .ok_or_else(|| anyhow::anyhow!("the demo's times are RFC 3339"))
}

/// An activity the manager published: (community, manager, when), (title,
/// kind, place, roster weekdays), the rule it pays and its places.
async fn publish(
    tx: &mut crate::db::Tx,
    (community, manager, when): (i64, i64, i64),
    (title, kind, place, weekdays): (&str, ActivityKind, &str, &str),
    rule: i64,
    capacity: Option<i64>,
) -> anyhow::Result<i64> {
    let row = activities::NewActivityRow {
        community,
        title,
        kind,
        place,
        details: "",
        rule,
        organiser: manager,
        capacity,
        weekdays,
        code_secret: &crate::hex::random::<16>(),
        by: manager,
        now: when,
    };
    Ok(activities::insert_activity(tx, &row).await?)
}
