//! The ledgers a month's 公示 adds up, and the published ones.

use app::model::{FeeLine, PointLine};
use sqlx::{Any, FromRow};

/// A community's and month's bounds: `$1` the community, `$2` the month's
/// first instant, `$3` the next month's.
pub struct Month {
    pub community: i64,
    pub start: i64,
    pub end: i64,
}

#[derive(FromRow)]
struct FeeRow {
    name: String,
    billed_fen: i64,
    billed_to_date_fen: i64,
    collected_fen: i64,
    collected_to_date_fen: i64,
}

/// Fees by building: bills issued in the month and by its end, payments
/// booked (less reversals) in the month and by its end on those bills.
pub async fn fees<'e, E>(executor: E, m: &Month) -> sqlx::Result<Vec<FeeLine>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let rows: Vec<FeeRow> = sqlx::query_as(
        "SELECT bu.name AS name,
            CAST(SUM(CASE WHEN f.created_at >= $2 THEN f.amount_fen ELSE 0 END) AS BIGINT) AS billed_fen,
            CAST(SUM(f.amount_fen) AS BIGINT) AS billed_to_date_fen,
            CAST(COALESCE(SUM(p.in_month), 0) AS BIGINT) AS collected_fen,
            CAST(COALESCE(SUM(p.to_date), 0) AS BIGINT) AS collected_to_date_fen
         FROM fee_bills f
         JOIN households h ON h.id = f.household_id
         JOIN buildings bu ON bu.id = h.building_id
         LEFT JOIN (SELECT bill_id,
                        SUM(CASE WHEN recorded_at >= $2 THEN amount_fen ELSE 0 END) AS in_month,
                        SUM(amount_fen) AS to_date
                    FROM fee_payments
                    WHERE recorded_at < $3
                      AND bill_id IN (SELECT id FROM fee_bills WHERE community_id = $1)
                    GROUP BY bill_id) p ON p.bill_id = f.id
         WHERE f.community_id = $1 AND f.created_at < $3
         GROUP BY bu.id, bu.name, bu.sort_order
         ORDER BY bu.sort_order, bu.id",
    )
    .bind(m.community)
    .bind(m.start)
    .bind(m.end)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| FeeLine {
            name: r.name,
            billed_fen: r.billed_fen,
            collected_fen: r.collected_fen,
            billed_to_date_fen: r.billed_to_date_fen,
            collected_to_date_fen: r.collected_to_date_fen,
        })
        .collect())
}

#[derive(FromRow)]
struct PointRow {
    rule: String,
    times: i64,
    points: i64,
}

/// Points awarded in the month by earning rule, less those taken back in it.
pub async fn points<'e, E>(executor: E, m: &Month) -> sqlx::Result<Vec<PointLine>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let rows: Vec<PointRow> = sqlx::query_as(
        "SELECT r.name AS rule,
            CAST(SUM(CASE WHEN e.kind = 'award' THEN 1 ELSE -1 END) AS BIGINT) AS times,
            CAST(SUM(e.amount) AS BIGINT) AS points
         FROM point_entries e
         JOIN point_entries a ON a.id = COALESCE(e.reverses_id, e.id)
         JOIN point_rules r ON r.id = a.rule_id
         WHERE e.community_id = $1 AND e.created_at >= $2 AND e.created_at < $3
           AND a.kind = 'award' AND e.kind IN ('award', 'reversal')
         GROUP BY r.id, r.name
         ORDER BY r.id",
    )
    .bind(m.community)
    .bind(m.start)
    .bind(m.end)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.points != 0 || r.times != 0)
        .map(|r| PointLine {
            rule: r.rule,
            times: r.times,
            points: r.points,
        })
        .collect())
}

/// Points spent on swaps (less refunds), goods in (stock raised), goods
/// handed over.
pub async fn shop<'e, E>(executor: E, m: &Month) -> sqlx::Result<(i64, i64, i64)>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT
            CAST(COALESCE((SELECT -SUM(amount) FROM point_entries
                WHERE community_id = $1 AND kind IN ('redeem', 'refund')
                  AND created_at >= $2 AND created_at < $3), 0) AS BIGINT),
            CAST(COALESCE((SELECT SUM(delta) FROM shop_stock_changes
                WHERE community_id = $1 AND delta > 0
                  AND changed_at >= $2 AND changed_at < $3), 0) AS BIGINT),
            CAST(COALESCE((SELECT SUM(quantity) FROM shop_redemptions
                WHERE community_id = $1 AND status = 'fulfilled'
                  AND closed_at >= $2 AND closed_at < $3), 0) AS BIGINT)",
    )
    .bind(m.community)
    .bind(m.start)
    .bind(m.end)
    .fetch_one(executor)
    .await
}

/// Tickets reported in the month.
pub async fn repairs_received<'e, E>(executor: E, m: &Month) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM repair_tickets
         WHERE community_id = $1 AND created_at >= $2 AND created_at < $3",
    )
    .bind(m.community)
    .bind(m.start)
    .bind(m.end)
    .fetch_one(executor)
    .await
}

/// Tickets closed in the month: minutes from report to fixed, and the stars.
pub async fn repairs_closed<'e, E>(executor: E, m: &Month) -> sqlx::Result<Vec<(i64, Option<i64>)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT CAST((resolved_at - created_at) / 60000 AS BIGINT), CAST(rating AS BIGINT)
         FROM repair_tickets
         WHERE community_id = $1 AND status = 'closed' AND closed_at >= $2 AND closed_at < $3",
    )
    .bind(m.community)
    .bind(m.start)
    .bind(m.end)
    .fetch_all(executor)
    .await
}

// Published ones.

#[derive(FromRow)]
pub struct DisclosureRow {
    pub id: i64,
    pub community_id: i64,
    pub month: String,
    pub figures: String,
    pub note: String,
    pub notice_id: i64,
    pub published_at: i64,
}

macro_rules! columns {
    () => {
        "SELECT id, community_id, month, figures, note, notice_id, published_at FROM disclosures "
    };
}

pub async fn list<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<DisclosureRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        columns!(),
        "WHERE community_id = $1 ORDER BY month DESC LIMIT 240"
    ))
    .bind(community)
    .fetch_all(executor)
    .await
}

pub async fn one<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<DisclosureRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(columns!(), "WHERE id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// A month's figures as published.
pub struct DisclosureLine<'a> {
    pub community: i64,
    pub month: &'a str,
    pub figures: &'a str,
    pub note: &'a str,
    pub notice: i64,
    pub by: i64,
    pub now: i64,
}

/// The new disclosure's id; `None` when the month is published already.
pub async fn insert(tx: &mut crate::db::Tx, d: &DisclosureLine<'_>) -> sqlx::Result<Option<i64>> {
    let done = sqlx::query_scalar(
        "INSERT INTO disclosures (community_id, month, figures, note, notice_id, published_by,
             published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(d.community)
    .bind(d.month)
    .bind(d.figures)
    .bind(d.note)
    .bind(d.notice)
    .bind(d.by)
    .bind(d.now)
    .fetch_one(&mut *tx)
    .await;
    match done {
        Ok(id) => Ok(Some(id)),
        Err(e) if crate::db::is_unique_violation(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn published<'e, E>(executor: E, community: i64, month: &str) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM disclosures WHERE community_id = $1 AND month = $2",
    )
    .bind(community)
    .bind(month)
    .fetch_one(executor)
    .await
    .map(|n| n > 0)
}
