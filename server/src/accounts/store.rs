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

/// A person the office (or the deployment's operator) creates, with their
/// one role: `None` when the phone is registered already.
pub async fn create_person(
    tx: &mut sqlx::Transaction<'_, Any>,
    phone: &str,
    name: &str,
    password_hash: &str,
    role: Role,
    scope: Scope,
) -> sqlx::Result<Option<i64>> {
    if phone_taken(&mut **tx, phone).await? {
        return Ok(None);
    }
    let id = insert_user(&mut **tx, phone, name, password_hash).await?;
    insert_membership(&mut **tx, id, role, scope, None).await?;
    Ok(Some(id))
}

/// A household registration code that is not voided.
#[derive(sqlx::FromRow)]
pub struct RegistrationCode {
    pub id: i64,
    pub household_id: i64,
    pub community_id: i64,
}

pub async fn registration_code<'e, E>(
    executor: E,
    code: &str,
) -> sqlx::Result<Option<RegistrationCode>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT r.id, r.household_id, h.community_id FROM registration_codes r
         JOIN households h ON h.id = r.household_id
         WHERE r.code = $1 AND r.voided_at IS NULL",
    )
    .bind(code)
    .fetch_optional(executor)
    .await
}

/// Uses one of a registration code's slots: false when none is left.
pub async fn take_slot<'e, E>(executor: E, code: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let used = sqlx::query(
        "UPDATE registration_codes SET slots_left = slots_left - 1 WHERE id = $1 AND slots_left > 0",
    )
    .bind(code)
    .execute(executor)
    .await?;
    Ok(used.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
pub struct HelperCode {
    pub id: i64,
    pub household_id: i64,
    pub community_id: i64,
    pub used_at: Option<i64>,
    pub expires_at: i64,
}

pub async fn helper_code<'e, E>(executor: E, code_hash: &str) -> sqlx::Result<Option<HelperCode>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT c.id, c.household_id, h.community_id, c.used_at, c.expires_at
         FROM helper_codes c JOIN households h ON h.id = c.household_id WHERE c.code_hash = $1",
    )
    .bind(code_hash)
    .fetch_optional(executor)
    .await
}

/// Marks a helper code used, once: false when someone was first.
pub async fn claim_helper_code<'e, E>(executor: E, code: i64, now: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let claimed =
        sqlx::query("UPDATE helper_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(code)
            .execute(executor)
            .await?;
    Ok(claimed.rows_affected() == 1)
}

pub async fn helper_code_used_by<'e, E>(executor: E, code: i64, user: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE helper_codes SET used_by = $1 WHERE id = $2")
        .bind(user)
        .bind(code)
        .execute(executor)
        .await?;
    Ok(())
}

/// A reset code not used and not expired, for the person with this phone:
/// (reset id, user id).
pub async fn live_reset<'e, E>(
    executor: E,
    code_hash: &str,
    phone: &str,
    now: i64,
) -> sqlx::Result<Option<(i64, i64)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT r.id, r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.code_hash = $1 AND u.phone = $2 AND r.used_at IS NULL AND r.expires_at > $3",
    )
    .bind(code_hash)
    .bind(phone)
    .bind(now)
    .fetch_optional(executor)
    .await
}

pub async fn use_reset<'e, E>(executor: E, reset: i64, now: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(reset)
        .execute(executor)
        .await?;
    Ok(())
}

/// A person's language and large-text mode; `None` leaves one as it is.
pub async fn set_preferences<'e, E>(
    executor: E,
    user: i64,
    language: Option<app::model::Language>,
    large_text: Option<bool>,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "UPDATE users SET language = COALESCE($1, language), large_text = COALESCE($2, large_text)
         WHERE id = $3",
    )
    .bind(language.map(app::model::Language::as_str))
    .bind(large_text.map(i64::from))
    .bind(user)
    .execute(executor)
    .await?;
    Ok(())
}

/// A person of the community the office may issue a reset code for:
/// residents, helpers and staff, never a manager or an admin (a manager
/// must not take over a peer's account).
pub async fn resettable<'e, E>(
    executor: E,
    phone: &str,
    community: i64,
) -> sqlx::Result<Option<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT u.id FROM users u WHERE u.phone = $1 AND u.disabled_at IS NULL
           AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.revoked_at IS NULL
                       AND m.community_id = $2 AND m.role IN ('resident', 'helper', 'staff'))
           AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.revoked_at IS NULL
                           AND m.role IN ('manager', 'admin'))",
    )
    .bind(phone)
    .bind(community)
    .fetch_optional(executor)
    .await
}

/// Ends the person's open reset codes and stores a new one's hash.
pub async fn issue_reset(
    tx: &mut sqlx::Transaction<'_, Any>,
    user: i64,
    code_hash: &str,
    by: i64,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO password_resets (user_id, code_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user)
    .bind(code_hash)
    .bind(by)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
