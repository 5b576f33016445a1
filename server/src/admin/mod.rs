//! Running a deployment: communities and their first managers, from the
//! command line (`server community create …`) or by an admin over the API.
//! Nothing here reads a household's private data.

use app::model::ErrorCode;
pub mod cli;
pub mod routes;

use app::model::{CommunityOverview, NewCommunityRequest, PersonName, Role};
use sqlx::FromRow;

use crate::accounts::password;
use crate::accounts::password::check as check_password;
use crate::accounts::phone::parse as parse_phone;
use crate::accounts::store::{self, Scope};
use crate::communities::store::{NewCommunity, insert};
use crate::db::Db;
use crate::error::ApiError;

/// Checks and creates a community; returns its id.
pub async fn create_community(db: &Db, new: &NewCommunityRequest) -> Result<i64, ApiError> {
    let name = new.name.as_str();
    let time_zone = new.time_zone.as_deref().unwrap_or("Asia/Shanghai");
    let phone = new.office_phone.trim();
    let phone_ok = (3..=30).contains(&phone.len())
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+'));
    if !phone_ok {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPhone,
            "物业电话只能有数字、空格、- 和 +",
        ));
    }
    if time_zone.is_empty() || time_zone.len() > 64 {
        return Err(ApiError::bad_request(ErrorCode::InvalidFields, "时区不对"));
    }
    let taken: i64 =
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM communities WHERE name = $1")
            .bind(name)
            .fetch_one(db.writer())
            .await?;
    if taken > 0 {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名字的小区了",
        ));
    }
    let id = insert(
        db.writer(),
        &NewCommunity {
            name,
            address: &new.address,
            office_phone: phone,
            time_zone,
        },
    )
    .await?;
    Ok(id)
}

/// Creates a manager account for a community; returns the user id.
pub async fn create_manager(
    db: &Db,
    community_id: i64,
    phone: &str,
    name: &PersonName,
    new_password: String,
) -> Result<i64, ApiError> {
    let phone = parse_phone(phone)?;
    check_password(&new_password)?;
    let hash = password::hash(new_password).await?;
    let mut tx = db.writer().begin().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM communities WHERE id = $1")
        .bind(community_id)
        .fetch_optional(&mut *tx)
        .await?;
    exists.ok_or(ApiError::NotFound)?;
    let scope = Scope::Community(community_id);
    let id = store::create_person(&mut tx, phone.as_str(), name, &hash, Role::Manager, scope)
        .await?
        .ok_or_else(crate::accounts::staff::phone_taken)?;
    tx.commit().await?;
    Ok(id)
}

#[derive(FromRow)]
struct OverviewRow {
    id: i64,
    name: String,
    address: String,
    office_phone: String,
    time_zone: String,
    households: i64,
    managers: i64,
}

/// Every community with its counts.
pub async fn overview(db: &Db) -> Result<Vec<CommunityOverview>, ApiError> {
    let rows: Vec<OverviewRow> = sqlx::query_as(
        "SELECT c.id, c.name, c.address, c.office_phone, c.time_zone,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM households h WHERE h.community_id = c.id) AS households,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m
                 WHERE m.community_id = c.id AND m.role = 'manager' AND m.revoked_at IS NULL) AS managers
         FROM communities c ORDER BY c.id",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CommunityOverview {
            id: r.id,
            name: r.name,
            address: r.address,
            office_phone: r.office_phone,
            time_zone: r.time_zone,
            households: r.households,
            managers: r.managers,
        })
        .collect())
}
