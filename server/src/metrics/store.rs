//! The business figures a district's dashboard shows, read at each scrape.

use sqlx::Any;

use crate::db::{DAY, HOUR};

/// China has one time zone and no summer time: a day starts at 00:00 +08:00.
const CHINA: i64 = 8 * HOUR;

/// The start of today (China time), in Unix milliseconds.
pub fn day_start(now: i64) -> i64 {
    (now + CHINA).div_euclid(DAY) * DAY - CHINA
}

/// One community's row on the dashboard.
#[derive(Debug, sqlx::FromRow)]
pub struct CommunityRow {
    pub community_id: i64,
    pub name: String,
    pub open: i64,
    pub overdue: i64,
    pub redemptions_today: i64,
}

/// Every community, with its open and overdue tickets and today's swaps.
pub async fn per_community<'e, E>(
    executor: E,
    now: i64,
    today: i64,
) -> sqlx::Result<Vec<CommunityRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT c.id AS community_id, c.name,
                CAST(COALESCE(t.open, 0) AS BIGINT) AS open,
                CAST(COALESCE(t.overdue, 0) AS BIGINT) AS overdue,
                CAST(COALESCE(r.swaps, 0) AS BIGINT) AS redemptions_today
         FROM communities c
         LEFT JOIN (SELECT community_id, COUNT(*) AS open,
                           SUM(CASE WHEN due_at < $1 THEN 1 ELSE 0 END) AS overdue
                    FROM repair_tickets
                    WHERE status IN ",
        crate::repairs::store::open_states!(),
        "
                    GROUP BY community_id) t ON t.community_id = c.id
         LEFT JOIN (SELECT community_id, COUNT(*) AS swaps
                    FROM shop_redemptions
                    WHERE created_at >= $2 AND status <> 'cancelled'
                    GROUP BY community_id) r ON r.community_id = c.id
         ORDER BY c.id"
    ))
    .bind(now)
    .bind(today)
    .fetch_all(executor)
    .await
}

/// Bytes of every photo stored.
pub async fn photo_bytes<'e, E>(executor: E) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT CAST(COALESCE(SUM(bytes), 0) AS BIGINT) FROM uploads")
        .fetch_one(executor)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_starts_at_midnight_in_china() {
        // 2026-12-07T15:59:59Z is 23:59:59 in Beijing; a second later it is
        // the 8th there.
        let late = crate::db::parse_rfc3339("2026-12-07T15:59:59Z").expect("time");
        let start = crate::db::parse_rfc3339("2026-12-06T16:00:00Z").expect("time");
        assert_eq!(day_start(late), start);
        assert_eq!(day_start(late + 1000), start + DAY);
        assert_eq!(day_start(start), start);
    }
}
