//! The households tables as the office sees them: flats with their contact,
//! the buildings an import adds to, and the registration codes.

use app::model::{BuildingKind, HouseholdRow};
use sqlx::{Any, FromRow};

use crate::db::now_millis;

/// A flat with its building and contact.
#[derive(FromRow)]
pub struct HouseholdLine {
    pub id: i64,
    pub building_id: i64,
    pub building: String,
    #[sqlx(try_from = "String")]
    pub building_kind: BuildingKind,
    pub flat_label: String,
    pub area_hundredths_m2: i64,
    pub contact_name: String,
    pub contact_phone: String,
}

impl HouseholdLine {
    pub fn wire(self) -> HouseholdRow {
        HouseholdRow {
            id: self.id,
            building_id: self.building_id,
            building: self.building,
            flat_label: self.flat_label,
            area_hundredths_m2: self.area_hundredths_m2,
            contact_name: self.contact_name,
            contact_phone: self.contact_phone,
        }
    }
}

/// The community's flats (of one building if given), in building order.
pub async fn households<'e, E>(
    executor: E,
    community: i64,
    building: Option<i64>,
) -> sqlx::Result<Vec<HouseholdLine>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT h.id, b.id AS building_id, b.name AS building, b.kind AS building_kind,
                h.flat_label, h.area_hundredths_m2, h.contact_name, h.contact_phone
         FROM households h JOIN buildings b ON b.id = h.building_id
         WHERE h.community_id = $1 AND ($2 IS NULL OR h.building_id = $2)
         ORDER BY b.sort_order, b.id, h.id",
    )
    .bind(community)
    .bind(building)
    .fetch_all(executor)
    .await
}

/// Who to ask for at the flat (from the import's resident columns).
pub async fn set_contact<'e, E>(
    executor: E,
    household: i64,
    name: &str,
    phone: &str,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE households SET contact_name = $1, contact_phone = $2 WHERE id = $3")
        .bind(name)
        .bind(phone)
        .bind(household)
        .execute(executor)
        .await?;
    Ok(())
}

/// Flats (of one building if given) with no live registration code.
pub async fn without_code<'e, E>(
    executor: E,
    community: i64,
    building: Option<i64>,
) -> sqlx::Result<Vec<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT h.id FROM households h WHERE h.community_id = $1
           AND ($2 IS NULL OR h.building_id = $2)
           AND NOT EXISTS (SELECT 1 FROM registration_codes r
                           WHERE r.household_id = h.id AND r.voided_at IS NULL)",
    )
    .bind(community)
    .bind(building)
    .fetch_all(executor)
    .await
}

/// A flat's slip: its live code, places left, helpers.
#[derive(FromRow)]
pub struct SlipRow {
    pub household_id: i64,
    pub building_id: i64,
    pub building: String,
    pub flat_label: String,
    pub code: Option<String>,
    pub slots_left: Option<i64>,
    pub helpers: i64,
}

pub async fn slips<'e, E>(
    executor: E,
    community: i64,
    building: Option<i64>,
) -> sqlx::Result<Vec<SlipRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT h.id AS household_id, b.id AS building_id, b.name AS building, h.flat_label,
                r.code, r.slots_left,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m
                 WHERE m.household_id = h.id AND m.role = 'helper' AND m.revoked_at IS NULL) AS helpers
         FROM households h JOIN buildings b ON b.id = h.building_id
         LEFT JOIN registration_codes r ON r.household_id = h.id AND r.voided_at IS NULL
         WHERE h.community_id = $1 AND ($2 IS NULL OR h.building_id = $2)
         ORDER BY b.sort_order, b.id, h.id",
    )
    .bind(community)
    .bind(building)
    .fetch_all(executor)
    .await
}

pub async fn insert_code<'e, E>(
    executor: E,
    household: i64,
    code: &str,
    slots: i64,
    by: i64,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO registration_codes (household_id, code, slots_left, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(household)
    .bind(code)
    .bind(slots)
    .bind(by)
    .bind(now_millis())
    .execute(executor)
    .await?;
    Ok(())
}

/// Stops the flat's live code working.
pub async fn void_codes<'e, E>(executor: E, household: i64, at: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "UPDATE registration_codes SET voided_at = $1 WHERE household_id = $2 AND voided_at IS NULL",
    )
    .bind(at)
    .bind(household)
    .execute(executor)
    .await?;
    Ok(())
}

/// A person of a household with their points in its community.
#[derive(sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub role: app::model::Role,
    pub phone: Option<String>,
    pub balance: i64,
}

impl MemberRow {
    pub fn wire(self) -> app::model::Member {
        app::model::Member {
            user_id: self.user_id,
            name: self.name,
            role: self.role,
            phone: self.phone,
            balance: self.balance,
        }
    }
}

/// The live residents of a household, then its helpers, in joining order.
pub async fn members<'e, E>(executor: E, household: i64) -> sqlx::Result<Vec<MemberRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.id AS user_id, u.name, m.role, u.phone, COALESCE(p.balance, 0) AS balance
         FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN households h ON h.id = m.household_id
         LEFT JOIN point_accounts p ON p.user_id = u.id AND p.community_id = h.community_id
         WHERE m.household_id = $1 AND m.role IN ('resident', 'helper') AND m.revoked_at IS NULL
           AND u.disabled_at IS NULL
         ORDER BY CASE m.role WHEN 'resident' THEN 0 ELSE 1 END, m.id",
    )
    .bind(household)
    .fetch_all(executor)
    .await
}

/// A person without a phone (nobody can log in as them), kept by the
/// office person who added them.
pub async fn insert_member(tx: &mut crate::db::Tx, name: &str, added_by: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, created_at, added_by)
         VALUES (NULL, $1, '', $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(crate::db::now_millis())
    .bind(added_by)
    .fetch_one(&mut *tx)
    .await
}

/// Corrects a flat's area (a re-imported list).
pub async fn set_area(tx: &mut crate::db::Tx, household: i64, area: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE households SET area_hundredths_m2 = $2 WHERE id = $1")
        .bind(household)
        .bind(area)
        .execute(&mut *tx)
        .await
        .map(drop)
}

/// Whether a live resident of the household has this name.
pub async fn has_member_named(
    tx: &mut crate::db::Tx,
    household: i64,
    name: &str,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.household_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.name = $2",
    )
    .bind(household)
    .bind(name)
    .fetch_one(&mut *tx)
    .await
    .map(|n: i64| n > 0)
}
