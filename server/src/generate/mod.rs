//! `server generate`: fills an empty database with a district for
//! benchmarks: 60 communities, 20,000 households, 40,000 residents, 200,000
//! repair tickets with their events, 1,000,000 points ledger entries, three
//! years of fee bills and payments, 2,000 notices with their read receipts.
//! Deterministic from the seed; `--scale` shrinks or grows every count.
//! Every resident's password is the one given (hashed once, shared).

mod rows;

use std::time::Instant;

use anyhow::bail;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::db::Db;
use rows::Batch;

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub communities: i64,
    pub households_per_community: i64,
    pub tickets_per_household: i64,
    pub entries_per_volunteer: i64,
    pub notices_per_community: i64,
}

impl Plan {
    pub fn district(scale: f64) -> Self {
        #[allow(clippy::cast_possible_truncation)]
        let scaled = |n: f64| (n * scale).round().max(1.0) as i64;
        Self {
            communities: scaled(60.0),
            households_per_community: 333,
            tickets_per_household: 10,
            // A third of the residents volunteer: 1,000,000 entries.
            entries_per_volunteer: 75,
            notices_per_community: 33,
        }
    }
}

/// How many rows of each kind went in, and how long it took.
pub struct Report {
    pub counts: Vec<(&'static str, i64)>,
    pub seconds: f64,
}

use crate::db::{DAY, HOUR, now_millis, rfc3339};

/// The Asia/Shanghai calendar date of a moment.
fn shanghai_date(at: i64) -> String {
    rfc3339(at + 8 * HOUR)[..10].to_owned()
}
const BUILDINGS: i64 = 14;
const SURNAMES: [&str; 12] = [
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 12] = [
    "建国", "秀英", "桂兰", "国强", "淑珍", "志明", "玉兰", "德胜", "凤英", "文华", "海燕", "长江",
];

pub async fn run(db: &Db, plan: Plan, seed: u64, password: &str) -> anyhow::Result<Report> {
    let started = Instant::now();
    let existing: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM communities")
        .fetch_one(db.reader())
        .await?;
    if existing > 0 {
        bail!("the database already holds communities; generate into an empty one");
    }
    let hash = crate::accounts::password::hash(password.to_owned()).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let now = now_millis();
    let start = now - 3 * 365 * DAY;
    let mut counts = Vec::new();
    let mut b = Batch::new(db);

    // Places and people.
    let per = plan.households_per_community;
    let households = plan.communities * per;
    for c in 1..=plan.communities {
        b.row(
            "communities",
            "id, name, address, office_phone, created_at",
            format!("{c}, '第{c}机械厂宿舍', '', '0372-31{c:05}', {start}"),
        )
        .await?;
        for k in 1..=BUILDINGS {
            let id = (c - 1) * BUILDINGS + k;
            b.row(
                "buildings",
                "id, community_id, name, kind, sort_order",
                format!("{id}, {c}, '{k}号楼', 'block', {k}"),
            )
            .await?;
        }
    }
    counts.push(("communities", plan.communities));
    for h in 1..=households {
        let c = (h - 1) / per + 1;
        let building = (c - 1) * BUILDINGS + (h - 1) % BUILDINGS + 1;
        let flat = format!(
            "{}{:02}",
            (h - 1) / BUILDINGS % 6 + 1,
            (h - 1) / BUILDINGS / 6 % 4 + 1
        );
        let flat = format!("{flat}-{h}");
        b.row(
            "households",
            "id, community_id, building_id, flat_label, area_hundredths_m2",
            format!(
                "{h}, {c}, {building}, '{flat}', {}",
                rng.random_range(3500..9000)
            ),
        )
        .await?;
    }
    counts.push(("households", households));
    // Two residents a household (ids 1..2H), then per community a manager
    // and three staff (ids after).
    let residents = 2 * households;
    for u in 1..=residents {
        let name = format!(
            "{}{}",
            SURNAMES[rng.random_range(0..12)],
            GIVEN[rng.random_range(0..12)]
        );
        b.row(
            "users",
            "id, phone, name, password_hash, created_at",
            format!("{u}, '139{u:08}', '{name}', '{hash}', {start}"),
        )
        .await?;
        let h = (u + 1) / 2;
        let c = (h - 1) / per + 1;
        b.row(
            "memberships",
            "id, user_id, role, community_id, household_id, created_at",
            format!("{u}, {u}, 'resident', {c}, {h}, {start}"),
        )
        .await?;
    }
    let office = |c: i64, k: i64| residents + (c - 1) * 4 + k;
    for c in 1..=plan.communities {
        for k in 1..=4 {
            let (u, role) = (office(c, k), if k == 1 { "manager" } else { "staff" });
            b.row(
                "users",
                "id, phone, name, password_hash, created_at",
                format!(
                    "{u}, '138{u:08}', '{}师傅', '{hash}', {start}",
                    SURNAMES[usize::try_from(k.rem_euclid(12)).unwrap_or(0)]
                ),
            )
            .await?;
            b.row(
                "memberships",
                "id, user_id, role, community_id, created_at",
                format!("{u}, {u}, '{role}', {c}, {start}"),
            )
            .await?;
        }
    }
    counts.push(("users", residents + plan.communities * 4));

    // Repairs: mostly closed, a few still open; three events each.
    let categories = [
        "water",
        "drainage",
        "electricity",
        "gas",
        "heating",
        "doors_windows",
        "public_area",
        "other",
    ];
    let (mut ticket, mut event) = (0_i64, 0_i64);
    for h in 1..=households {
        let c = (h - 1) / per + 1;
        let reporter = 2 * h - 1;
        for _ in 0..plan.tickets_per_household {
            ticket += 1;
            let created = rng.random_range(start..now - DAY);
            let open = rng.random_range(0..100) < 3;
            let worker = office(c, rng.random_range(2..=4));
            let (status, resolved) = if open {
                ("assigned", "NULL".to_owned())
            } else {
                ("closed", (created + 2 * DAY).to_string())
            };
            let category = categories[rng.random_range(0..categories.len())];
            b.row("repair_tickets",
                "id, community_id, household_id, category, description, urgent, contact_phone, status, channel, reporter_id, assignee_id, created_at, updated_at, due_at, resolved_at, closed_at, rating",
                format!("{ticket}, {c}, {h}, '{category}', '家里{category}坏了，麻烦来看看', {}, '139{reporter:08}', '{status}', 'resident', {reporter}, {worker}, {created}, {created}, {}, {resolved}, {resolved}, {}",
                    i64::from(rng.random_range(0..20) == 0), created + 3 * DAY, if open { "NULL".into() } else { rng.random_range(3..=5).to_string() })).await?;
            for (kind, actor, role, to) in [
                ("submitted", reporter, "resident", "submitted"),
                ("assign", office(c, 1), "manager", "assigned"),
                ("status", worker, "staff", status),
            ] {
                event += 1;
                b.row(
                    "repair_events",
                    "id, ticket_id, kind, actor_id, actor_role, to_status, note, at",
                    format!(
                        "{event}, {ticket}, '{kind}', {actor}, '{role}', '{to}', '', {created}"
                    ),
                )
                .await?;
            }
        }
    }
    counts.push(("repair_tickets", ticket));
    counts.push(("repair_events", event));

    // Points: three rules a community; a third of the residents volunteer.
    let rules = [("治安巡逻", 5), ("值守", 2), ("环境整治", 5)];
    for c in 1..=plan.communities {
        for (k, (name, points)) in rules.iter().enumerate() {
            let id = (c - 1) * 3 + i64::try_from(k).unwrap_or(0) + 1;
            let unit = if *points == 2 { "hour" } else { "time" };
            b.row(
                "point_rules",
                "id, community_id, name, points, unit, created_at",
                format!("{id}, {c}, '{name}', {points}, '{unit}', {start}"),
            )
            .await?;
        }
    }
    let mut entry = 0_i64;
    for u in (1..=residents).filter(|u| u % 3 == 0) {
        let c = ((u + 1) / 2 - 1) / per + 1;
        let mut balance = 0;
        for _ in 0..plan.entries_per_volunteer {
            entry += 1;
            let k: i64 = rng.random_range(0..3);
            let points = rules[usize::try_from(k).unwrap_or(0)].1;
            balance += points;
            let at = rng.random_range(start..now);
            let day = shanghai_date(at);
            b.row("point_entries", "id, community_id, user_id, amount, kind, rule_id, quantity_halves, earned_on, recorded_by, created_at",
                format!("{entry}, {c}, {u}, {points}, 'award', {}, 2, '{day}', {}, {at}", (c - 1) * 3 + k + 1, office(c, 1))).await?;
        }
        b.row(
            "point_accounts",
            "user_id, community_id, balance",
            format!("{u}, {c}, {balance}"),
        )
        .await?;
    }
    counts.push(("point_entries", entry));

    // Fees: one yearly schedule, three years of bills, most paid.
    let (mut bill, mut payment) = (0_i64, 0_i64);
    let this_year = shanghai_date(now)[..4].parse::<i64>().unwrap_or(2026);
    for c in 1..=plan.communities {
        b.row(
            "fee_schedules",
            "id, community_id, name, basis, rate_fen, period, due_days, created_at",
            format!("{c}, {c}, '物业费', 'per_m2', 30, 'year', 90, {start}"),
        )
        .await?;
    }
    for h in 1..=households {
        let c = (h - 1) / per + 1;
        for year in this_year - 2..=this_year {
            bill += 1;
            let amount = rng.random_range(12_000..32_000);
            let paid = if rng.random_range(0..100) < 95 {
                amount
            } else {
                0
            };
            let due = start + (year - this_year + 2) * 365 * DAY + 90 * DAY;
            b.row("fee_bills", "id, schedule_id, household_id, community_id, period, months, amount_fen, paid_fen, due_at, created_at",
                format!("{bill}, {c}, {h}, {c}, '{year}', 12, {amount}, {paid}, {due}, {start}")).await?;
            if paid > 0 {
                payment += 1;
                b.row("fee_payments", "id, bill_id, community_id, amount_fen, method, paid_on, receipt_no, recorded_by, recorded_at",
                    format!("{payment}, {bill}, {c}, {paid}, 'wechat', '{year}-03-01', 'G{payment:09}', {}, {due}", office(c, 1))).await?;
            }
        }
    }
    counts.push(("fee_bills", bill));
    counts.push(("fee_payments", payment));

    // Notices, each read by about 60 % of its community's households.
    let (mut notice, mut reads) = (0_i64, 0_i64);
    for c in 1..=plan.communities {
        for _ in 0..plan.notices_per_community {
            notice += 1;
            let at = rng.random_range(start..now);
            b.row("notices", "id, community_id, author_id, title, body, category, published_at",
                format!("{notice}, {c}, {}, '第{notice}号通知', '各位居民：本周六上午打扫楼道，请把杂物收回家。', 'general', {at}", office(c, 1))).await?;
            for h in (c - 1) * per + 1..=c * per {
                if rng.random_range(0..10) < 6 {
                    reads += 1;
                    b.row(
                        "notice_reads",
                        "notice_id, user_id, household_id, as_helper, read_at",
                        format!("{notice}, {}, {h}, 0, {at}", 2 * h - 1),
                    )
                    .await?;
                }
            }
        }
    }
    counts.push(("notices", notice));
    counts.push(("notice_reads", reads));
    b.finish().await?;
    rows::after_explicit_ids(db).await?;
    Ok(Report {
        counts,
        seconds: started.elapsed().as_secs_f64(),
    })
}
