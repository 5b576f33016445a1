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

/// A community with its household and manager counts.
#[derive(FromRow)]
pub struct OverviewRow {
    id: i64,
    name: String,
    address: String,
    office_phone: String,
    time_zone: String,
    households: i64,
    managers: i64,
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
        }
    }
}

pub async fn overview<'e, E>(executor: E) -> sqlx::Result<Vec<OverviewRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT c.id, c.name, c.address, c.office_phone, c.time_zone,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM households h WHERE h.community_id = c.id) AS households,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m
                 WHERE m.community_id = c.id AND m.role = 'manager' AND m.revoked_at IS NULL) AS managers
         FROM communities c ORDER BY c.id",
    )
    .fetch_all(executor)
    .await
}
