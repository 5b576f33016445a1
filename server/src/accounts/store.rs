//! SQL for users and their memberships.

use app::model::Role;
use sqlx::Any;

use crate::db::now_millis;

/// Inserts a user with an already-hashed password; returns the id.
pub async fn insert_user<'e, E>(
    executor: E,
    phone: &str,
    name: &str,
    password_hash: &str,
) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(phone)
    .bind(name)
    .bind(password_hash)
    .bind(now_millis())
    .fetch_one(executor)
    .await
}

/// Where a membership applies: a household (residents, helpers), a community
/// (staff, managers) or the whole deployment (admins).
pub enum Scope {
    Household {
        community_id: i64,
        household_id: i64,
    },
    Community(i64),
    Deployment,
}

/// Grants a role; `relation` is required for helpers (child, spouse, …).
pub async fn insert_membership<'e, E>(
    executor: E,
    user_id: i64,
    role: Role,
    scope: Scope,
    relation: Option<&str>,
) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let (community_id, household_id) = match scope {
        Scope::Household {
            community_id,
            household_id,
        } => (Some(community_id), Some(household_id)),
        Scope::Community(id) => (Some(id), None),
        Scope::Deployment => (None, None),
    };
    sqlx::query_scalar(
        "INSERT INTO memberships (user_id, role, community_id, household_id, relation, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(user_id)
    .bind(role.as_str())
    .bind(community_id)
    .bind(household_id)
    .bind(relation)
    .bind(now_millis())
    .fetch_one(executor)
    .await
}

/// A user as login needs them.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
}

/// The enabled user with this phone, if any.
pub async fn credentials_by_phone(
    pool: &sqlx::AnyPool,
    phone: &str,
) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as("SELECT id, password_hash FROM users WHERE phone = $1 AND disabled_at IS NULL")
        .bind(phone)
        .fetch_optional(pool)
        .await
}

/// The user with this id, if enabled.
pub async fn credentials_by_id(pool: &sqlx::AnyPool, id: i64) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as("SELECT id, password_hash FROM users WHERE id = $1 AND disabled_at IS NULL")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Sets a new password hash and ends every session of the user.
pub async fn set_password(
    tx: &mut sqlx::Transaction<'_, Any>,
    user_id: i64,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(now_millis())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// True when a user with this phone exists.
pub async fn phone_taken<'e, E>(executor: E, phone: &str) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(executor)
        .await?;
    Ok(n > 0)
}
