//! SQL for communities, buildings and households.

use app::model::{BuildingKind, CommunitySummary};
use sqlx::FromRow;

use crate::db::now_millis;

#[derive(FromRow)]
struct CommunityRow {
    id: i64,
    name: String,
    office_phone: String,
}

/// One page of communities by name, overfetching one row (see `Page`).
pub async fn list<'e, E>(pool: E, limit: u32, offset: u32) -> sqlx::Result<Vec<CommunitySummary>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    let rows: Vec<CommunityRow> = sqlx::query_as(
        "SELECT id, name, office_phone FROM communities ORDER BY id LIMIT $1 OFFSET $2",
    )
    .bind(i64::from(limit) + 1)
    .bind(i64::from(offset))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CommunitySummary {
            id: r.id,
            name: r.name,
            office_phone: r.office_phone,
        })
        .collect())
}

/// A new community's details.
pub struct NewCommunity<'a> {
    pub name: &'a str,
    pub address: &'a str,
    pub office_phone: &'a str,
    pub time_zone: &'a str,
}

/// Inserts a community and returns its id.
pub async fn insert<'e, E>(executor: E, new: &NewCommunity<'_>) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO communities (name, address, office_phone, time_zone, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(new.name)
    .bind(new.address)
    .bind(new.office_phone)
    .bind(new.time_zone)
    .bind(now_millis())
    .fetch_one(executor)
    .await
}

/// Inserts a building and returns its id.
pub async fn insert_building<'e, E>(
    executor: E,
    community_id: i64,
    name: &str,
    kind: BuildingKind,
    sort_order: i64,
) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO buildings (community_id, name, kind, sort_order)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(community_id)
    .bind(name)
    .bind(kind.as_str())
    .bind(sort_order)
    .fetch_one(executor)
    .await
}

/// Inserts a household and returns its id.
pub async fn insert_household<'e, E>(
    executor: E,
    community_id: i64,
    building_id: i64,
    flat_label: &str,
    area_hundredths_m2: i64,
) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO households (community_id, building_id, flat_label, area_hundredths_m2)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(community_id)
    .bind(building_id)
    .bind(flat_label)
    .bind(area_hundredths_m2)
    .fetch_one(executor)
    .await
}

pub async fn exists<'e, E>(executor: E, community: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM communities WHERE id = $1")
        .bind(community)
        .fetch_optional(executor)
        .await?;
    Ok(found.is_some())
}

#[derive(sqlx::FromRow)]
pub struct BuildingRow {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: BuildingKind,
    pub sort_order: i64,
}

impl BuildingRow {
    pub fn wire(self) -> app::model::Building {
        app::model::Building {
            id: self.id,
            name: self.name,
            kind: self.kind,
        }
    }
}

/// A community's buildings in their usual order.
pub async fn buildings<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<BuildingRow>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT id, name, kind, sort_order FROM buildings WHERE community_id = $1
         ORDER BY sort_order, id",
    )
    .bind(community)
    .fetch_all(executor)
    .await
}

/// Where a household is (its community and building) and whom to call there.
#[derive(sqlx::FromRow)]
pub struct HouseholdPlace {
    pub community_id: i64,
    pub building_id: i64,
    pub contact_phone: String,
}

pub async fn household_place<'e, E>(
    executor: E,
    household: i64,
) -> sqlx::Result<Option<HouseholdPlace>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as("SELECT community_id, building_id, contact_phone FROM households WHERE id = $1")
        .bind(household)
        .fetch_optional(executor)
        .await
}

/// What heads a community's pages and printouts: its name and the office
/// phone residents are told to call.
#[derive(sqlx::FromRow)]
pub struct Heading {
    pub name: String,
    pub office_phone: String,
}

pub async fn heading<'e, E>(executor: E, community: i64) -> sqlx::Result<Heading>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as("SELECT name, office_phone FROM communities WHERE id = $1")
        .bind(community)
        .fetch_one(executor)
        .await
}

/// A registered resident of the community, by flat, oldest membership first.
#[derive(sqlx::FromRow)]
pub struct Resident {
    pub household_id: i64,
    pub name: String,
    pub phone: String,
}

pub async fn residents<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<Resident>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT m.household_id, u.name, u.phone FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.community_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.phone IS NOT NULL ORDER BY m.id",
    )
    .bind(community)
    .fetch_all(executor)
    .await
}
