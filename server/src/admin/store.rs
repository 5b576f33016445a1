//! What the deployment admin reads and checks across communities.

use app::model::CommunityOverview;
use sqlx::{Any, FromRow};

pub async fn community_name_taken<'e, E>(executor: E, name: &str) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 =
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM communities WHERE name = $1")
            .bind(name)
            .fetch_one(executor)
            .await?;
    Ok(n > 0)
}

/// A community with the district's totals: never a household's data.
#[derive(FromRow)]
pub struct OverviewRow {
    id: i64,
    name: String,
    address: String,
    office_phone: String,
    time_zone: String,
    households: i64,
    managers: i64,
    people: i64,
    open_tickets: i64,
    overdue_tickets: i64,
    billed_fen: i64,
    paid_fen: i64,
    points_this_month: i64,
}

impl OverviewRow {
    pub fn wire(self) -> CommunityOverview {
        CommunityOverview {
            id: self.id,
            name: self.name,
            address: self.address,
            office_phone: self.office_phone,
            time_zone: self.time_zone,
            households: self.households,
            managers: self.managers,
            people: self.people,
            open_tickets: self.open_tickets,
            overdue_tickets: self.overdue_tickets,
            billed_fen: self.billed_fen,
            paid_fen: self.paid_fen,
            points_this_month: self.points_this_month,
        }
    }
}

/// Every community with its totals. `month` is this month's first and next
/// month's first day (`YYYY-MM-DD`, Shanghai), the days points are earned on.
pub async fn overview<'e, E>(
    executor: E,
    now: i64,
    month: (&str, &str),
) -> sqlx::Result<Vec<OverviewRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT c.id, c.name, c.address, c.office_phone, c.time_zone,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM households h WHERE h.community_id = c.id) AS households,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m
                 WHERE m.community_id = c.id AND m.role = 'manager' AND m.revoked_at IS NULL) AS managers,
                (SELECT CAST(COUNT(DISTINCT m.user_id) AS BIGINT) FROM memberships m
                 WHERE m.community_id = c.id AND m.role IN ('resident', 'helper')
                   AND m.revoked_at IS NULL) AS people,
                CAST(COALESCE(t.open, 0) AS BIGINT) AS open_tickets,
                CAST(COALESCE(t.overdue, 0) AS BIGINT) AS overdue_tickets,
                (SELECT CAST(COALESCE(SUM(f.amount_fen), 0) AS BIGINT) FROM fee_bills f
                 WHERE f.community_id = c.id) AS billed_fen,
                (SELECT CAST(COALESCE(SUM(f.paid_fen), 0) AS BIGINT) FROM fee_bills f
                 WHERE f.community_id = c.id) AS paid_fen,
                (SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT)
                 FROM point_entries e JOIN point_entries a ON a.id = COALESCE(e.reverses_id, e.id)
                 WHERE e.community_id = c.id AND a.kind = 'award' AND e.kind IN ('award', 'reversal')
                   AND a.earned_on >= $2 AND a.earned_on < $3) AS points_this_month
         FROM communities c
         LEFT JOIN (SELECT community_id, COUNT(*) AS open,
                           SUM(CASE WHEN due_at < $1 THEN 1 ELSE 0 END) AS overdue
                    FROM repair_tickets
                    WHERE status IN ",
        crate::repairs::store::open_states!(),
        "
                    GROUP BY community_id) t ON t.community_id = c.id
         ORDER BY c.id"
    ))
    .bind(now)
    .bind(month.0)
    .bind(month.1)
    .fetch_all(executor)
    .await
}

/// A manager of a community, with the other communities they manage.
#[derive(FromRow)]
pub struct ManagerLine {
    pub user_id: i64,
    pub name: String,
    pub phone: String,
    pub other: Option<String>,
}

/// The live managers of a community, one line per other community managed
/// (or one with none), by name.
pub async fn managers<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<ManagerLine>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.id AS user_id, u.name, u.phone, o.name AS other
         FROM memberships m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN memberships mo ON mo.user_id = m.user_id AND mo.role = 'manager'
              AND mo.revoked_at IS NULL AND mo.community_id <> m.community_id
         LEFT JOIN communities o ON o.id = mo.community_id
         WHERE m.community_id = $1 AND m.role = 'manager' AND m.revoked_at IS NULL
         ORDER BY u.name, u.id, o.id",
    )
    .bind(community)
    .fetch_all(executor)
    .await
}

/// Ends a manager's role in one community; whether there was one to end.
pub async fn revoke_manager<'e, E>(
    executor: E,
    community: i64,
    user: i64,
    now: i64,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE memberships SET revoked_at = $3
         WHERE community_id = $1 AND user_id = $2 AND role = 'manager' AND revoked_at IS NULL",
    )
    .bind(community)
    .bind(user)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() > 0)
}
