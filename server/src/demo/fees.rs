//! One year of 物业费 for 轻机南院 at about 95 % collection — the figure the
//! report gives — with 张建国's household among those still owing.

use app::model::{BillingPeriod, FeeBasis, FeeSchedule};

use crate::db::{Db, now_millis};
use crate::fees::generate;

/// 0.30 元 per m² per month, billed once a year.
const RATE_FEN: i64 = 30;
/// Bills fall due at the end of the first quarter.
const DUE_DAYS: i64 = 90;
/// One household in 22 still owes: 311 of 327 paid, 95.1 %.
const OWING_EVERY: usize = 22;

pub async fn seed(
    db: &Db,
    community: &str,
    year: i64,
    manager_phone: &str,
    owing_flat: (&str, &str),
) -> anyhow::Result<()> {
    let (community_id,): (i64,) = sqlx::query_as("SELECT id FROM communities WHERE name = $1")
        .bind(community)
        .fetch_one(db.writer())
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO fee_schedules (community_id, name, basis, rate_fen, period, due_days, created_at)
         VALUES ($1, '物业费', 'per_m2', $2, 'year', $3, $4) RETURNING id",
    )
    .bind(community_id)
    .bind(RATE_FEN)
    .bind(DUE_DAYS)
    .bind(now_millis())
    .fetch_one(db.writer())
    .await?;
    let schedule = FeeSchedule {
        id,
        community_id,
        name: "物业费".into(),
        basis: FeeBasis::PerM2,
        rate_fen: RATE_FEN,
        period: BillingPeriod::Year,
        due_days: DUE_DAYS,
        retired: false,
        rate_changes: Vec::new(),
    };
    generate(db, &schedule, &year.to_string())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let manager: i64 = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(manager_phone)
        .fetch_one(db.writer())
        .await?;
    let bills: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT f.id, f.amount_fen, b.name, h.flat_label FROM fee_bills f
         JOIN households h ON h.id = f.household_id JOIN buildings b ON b.id = h.building_id
         WHERE f.schedule_id = $1 ORDER BY h.id",
    )
    .bind(id)
    .fetch_all(db.writer())
    .await?;
    let methods = ["cash", "wechat", "cash", "alipay", "bank_transfer"];
    let mut tx = db.writer().begin().await?;
    for (i, (bill, amount, building, flat)) in bills.iter().enumerate() {
        let owing = i % OWING_EVERY == 7 || (building.as_str(), flat.as_str()) == owing_flat;
        if owing {
            continue;
        }
        let paid_on = format!("{year}-{:02}-{:02}", 1 + i % 3, 1 + i % 28);
        sqlx::query("UPDATE fee_bills SET paid_fen = amount_fen WHERE id = $1")
            .bind(*bill)
            .execute(&mut tx)
            .await?;
        sqlx::query(
            "INSERT INTO fee_payments (bill_id, community_id, amount_fen, method, paid_on, receipt_no, note, recorded_by, recorded_at)
             SELECT $1, community_id, $2, $3, $4, $5, '', $6, $7 FROM fee_bills WHERE id = $1",
        )
        .bind(*bill)
        .bind(*amount)
        .bind(methods[i % methods.len()])
        .bind(&paid_on)
        .bind(format!("R{}-{:04}", paid_on.replace('-', ""), i + 1))
        .bind(manager)
        .bind(now_millis())
        .execute(&mut tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
