//! The article's three earning rules, a shelf of daily goods led by the
//! 5-point dishcloth, and a month of volunteering so the red board has names.

use app::model::{EntryKind, Role};

use crate::accounts::password;
use crate::accounts::store::{Scope, insert_membership, insert_user};
use crate::db::{DAY, Db, now_millis};
use crate::points::day_of;
use crate::points::store::{self, Entry};

/// (name, points, unit): 治安巡逻 5 a time, 疫情防控值守 2 an hour, 环境整治 5 a time.
pub const RULES: [(&str, i64, &str); 3] = [
    ("治安巡逻", 5, "time"),
    ("疫情防控值守", 2, "hour"),
    ("环境整治", 5, "time"),
];

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
        &[(0, 2, 2.0), (0, 5, 1.0), (0, 12, 1.0), (2, 2, 1.0)],
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
    for (user_id, done) in people {
        for (rule, days_ago, quantity) in done {
            let (rule_id, points, unit) = rules[*rule];
            let unit =
                app::model::PointUnit::parse(unit).expect("the demo's rules name known units");
            let (each, halves) =
                app::model::award_points(points, unit, *quantity).unwrap_or((points, 2));
            let day = day_of(now - days_ago * DAY);
            let mut line = Entry::new(
                EntryKind::Award,
                community_id,
                user_id,
                each,
                &day,
                manager_id,
            );
            line.rule = Some(rule_id);
            line.quantity_halves = Some(halves);
            store::post(&mut tx, &line)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    tx.commit().await?;
    Ok(())
}
