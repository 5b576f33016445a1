//! SQL for users and their memberships.

use app::model::{CommunityAccess, HelperInfo, HouseholdAccess, Language, Me, Relation, Role};
use sqlx::{Any, FromRow};

use super::session::Membership;
use crate::db::{now_millis, optional, rfc3339};

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
pub async fn credentials_by_phone<'e, E>(pool: E, phone: &str) -> sqlx::Result<Option<Credentials>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as("SELECT id, password_hash FROM users WHERE phone = $1 AND disabled_at IS NULL")
        .bind(phone)
        .fetch_optional(pool)
        .await
}

/// The user with this id, if enabled.
pub async fn credentials_by_id<'e, E>(pool: E, id: i64) -> sqlx::Result<Option<Credentials>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    sqlx::query_as("SELECT id, password_hash FROM users WHERE id = $1 AND disabled_at IS NULL")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The phone a person logs in with (also where they are called back).
pub async fn phone_of<'e, E>(executor: E, user: i64) -> sqlx::Result<Option<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT phone FROM users WHERE id = $1")
        .bind(user)
        .fetch_optional(executor)
        .await
}

/// Sets a new password hash and ends every session of the user.
pub async fn set_password(
    tx: &mut crate::db::Tx,
    user_id: i64,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(now_millis())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
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
    tx: &mut crate::db::Tx,
    phone: &str,
    name: &str,
    password_hash: &str,
    role: Role,
    scope: Scope,
) -> sqlx::Result<Option<i64>> {
    if phone_taken(&mut *tx, phone).await? {
        return Ok(None);
    }
    let id = insert_user(&mut *tx, phone, name, password_hash).await?;
    insert_membership(&mut *tx, id, role, scope, None).await?;
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

/// The household's members the office keeps without a phone, in the order added.
pub async fn kept_members<'e, E>(executor: E, household: i64) -> sqlx::Result<Vec<(i64, String)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.id, u.name FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE m.household_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.phone IS NULL AND u.disabled_at IS NULL
         ORDER BY u.id",
    )
    .bind(household)
    .fetch_all(executor)
    .await
}

/// Whether `user` is a member of the household kept without a phone.
pub async fn is_kept_member(
    tx: &mut crate::db::Tx,
    household: i64,
    user: i64,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE m.household_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.phone IS NULL AND u.disabled_at IS NULL AND u.id = $2",
    )
    .bind(household)
    .bind(user)
    .fetch_one(&mut *tx)
    .await
    .map(|n: i64| n > 0)
}

/// A member of the household the office keeps without a phone, by name.
pub async fn kept_member(
    tx: &mut crate::db::Tx,
    household: i64,
    name: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE m.household_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.phone IS NULL AND u.disabled_at IS NULL AND u.name = $2
         ORDER BY u.id LIMIT 1",
    )
    .bind(household)
    .bind(name)
    .fetch_optional(&mut *tx)
    .await
}

/// A kept member registers: their record gets a phone and a password.
pub async fn give_phone(
    tx: &mut crate::db::Tx,
    user: i64,
    phone: &str,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET phone = $2, password_hash = $3, password_changed_at = $4
         WHERE id = $1 AND phone IS NULL",
    )
    .bind(user)
    .bind(phone)
    .bind(password_hash)
    .bind(now_millis())
    .execute(&mut *tx)
    .await
    .map(drop)
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

/// Marks a helper code used, once: false when someone was first. `by` is
/// the person it links, when they already exist (a registration names them
/// afterwards, with `helper_code_used_by`).
pub async fn claim_helper_code<'e, E>(
    executor: E,
    code: i64,
    now: i64,
    by: Option<i64>,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let claimed = sqlx::query(
        "UPDATE helper_codes SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(code)
    .execute(executor)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// A new helper code (its hash), valid until `expires`.
pub async fn insert_helper_code<'e, E>(
    executor: E,
    household: i64,
    code_hash: &str,
    by: i64,
    expires: i64,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO helper_codes (household_id, code_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(household)
    .bind(code_hash)
    .bind(by)
    .bind(now_millis())
    .bind(expires)
    .execute(executor)
    .await?;
    Ok(())
}

/// A live helper of a household.
#[derive(FromRow)]
pub struct HelperRow {
    id: i64,
    name: String,
    phone: String,
    #[sqlx(try_from = "String")]
    relation: Relation,
    created_at: i64,
}

impl HelperRow {
    pub fn wire(self) -> HelperInfo {
        HelperInfo {
            id: self.id,
            name: self.name,
            phone: self.phone,
            relation: self.relation,
            since: rfc3339(self.created_at),
        }
    }
}

pub async fn helpers<'e, E>(executor: E, household: i64) -> sqlx::Result<Vec<HelperRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT m.id, u.name, u.phone, m.relation, m.created_at FROM memberships m
         JOIN users u ON u.id = m.user_id
         WHERE m.household_id = $1 AND m.role = 'helper' AND m.revoked_at IS NULL ORDER BY m.id",
    )
    .bind(household)
    .fetch_all(executor)
    .await
}

/// Ends a helper link of the household: false when there is no such live link.
pub async fn revoke_helper<'e, E>(
    executor: E,
    household: i64,
    membership: i64,
    at: i64,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE memberships SET revoked_at = $1
         WHERE id = $2 AND household_id = $3 AND role = 'helper' AND revoked_at IS NULL",
    )
    .bind(at)
    .bind(membership)
    .bind(household)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
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
    office_community: Option<i64>,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "UPDATE users SET language = COALESCE($1, language), large_text = COALESCE($2, large_text),
                          office_community_id = COALESCE($4, office_community_id)
         WHERE id = $3",
    )
    .bind(language.map(app::model::Language::as_str))
    .bind(large_text.map(i64::from))
    .bind(user)
    .bind(office_community)
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
    tx: &mut crate::db::Tx,
    user: i64,
    code_hash: &str,
    by: i64,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user)
        .execute(&mut *tx)
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
    .execute(&mut *tx)
    .await?;
    Ok(())
}

// The `Me` document.

#[derive(FromRow)]
struct MeRow {
    id: i64,
    name: String,
    phone: String,
    #[sqlx(try_from = "String")]
    language: Language,
    large_text: i64,
    care_due: i64,
    office_community_id: Option<i64>,
}

#[derive(FromRow)]
struct MyHouseholdRow {
    household_id: i64,
    community_id: i64,
    community_name: String,
    office_phone: String,
    building: String,
    flat_label: String,
    #[sqlx(try_from = "String")]
    role: Role,
    relation: Option<String>,
}

#[derive(FromRow)]
/// A staff, manager or admin role; an admin's has no community.
struct MyCommunityRow {
    community_id: Option<i64>,
    community_name: Option<String>,
    office_phone: Option<String>,
    #[sqlx(try_from = "String")]
    role: Role,
}

/// `Me` for a user (four queries, whatever the number of households), on
/// `today` (YYYY-MM-DD, Beijing: whether 报平安 is due).
pub async fn me<'e, E>(pool: E, user_id: i64, today: &str) -> sqlx::Result<Me>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    let user: MeRow = sqlx::query_as(
        "SELECT id, name, phone, language, large_text, office_community_id,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM care_plans c WHERE c.user_id = users.id
                   AND (c.last_day IS NULL OR c.last_day <> $2)
                   AND (c.paused_until IS NULL OR c.paused_until < $2)
                   AND c.starts_day <= $2) AS care_due
             FROM users WHERE id = $1",
    )
    .bind(user_id)
    .bind(today.to_owned())
    .fetch_one(pool)
    .await?;
    let households: Vec<MyHouseholdRow> = sqlx::query_as(
        "SELECT h.id AS household_id, c.id AS community_id, c.name AS community_name,
                c.office_phone, b.name AS building, h.flat_label, m.role, m.relation
         FROM memberships m
         JOIN households h ON h.id = m.household_id
         JOIN buildings b ON b.id = h.building_id
         JOIN communities c ON c.id = h.community_id
         WHERE m.user_id = $1 AND m.revoked_at IS NULL AND m.role IN ('resident', 'helper')
         ORDER BY CASE m.role WHEN 'resident' THEN 0 ELSE 1 END, m.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let residents: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.household_id, u.name FROM memberships r JOIN users u ON u.id = r.user_id
         WHERE r.role = 'resident' AND r.revoked_at IS NULL AND r.household_id IN
               (SELECT household_id FROM memberships
                WHERE user_id = $1 AND revoked_at IS NULL AND household_id IS NOT NULL)
         ORDER BY r.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let communities: Vec<MyCommunityRow> = sqlx::query_as(
        "SELECT c.id AS community_id, c.name AS community_name, c.office_phone, m.role
         FROM memberships m LEFT JOIN communities c ON c.id = m.community_id
         WHERE m.user_id = $1 AND m.revoked_at IS NULL AND m.role IN ('staff', 'manager', 'admin')
         ORDER BY m.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let admin = communities.iter().any(|c| c.role == Role::Admin);
    let households = households
        .into_iter()
        .map(|h| {
            Ok(HouseholdAccess {
                residents: residents
                    .iter()
                    .filter(|(id, _)| *id == h.household_id)
                    .map(|(_, name)| name.clone())
                    .collect(),
                household_id: h.household_id,
                community_id: h.community_id,
                community_name: h.community_name,
                office_phone: h.office_phone,
                building: h.building,
                flat_label: h.flat_label,
                role: h.role,
                relation: optional("relation", h.relation)?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok(Me {
        id: user.id,
        name: user.name,
        phone: user.phone,
        language: user.language,
        large_text: user.large_text != 0,
        care_due: user.care_due > 0,
        households,
        communities: communities
            .into_iter()
            .filter_map(|c| {
                Some(CommunityAccess {
                    community_id: c.community_id?,
                    community_name: c.community_name?,
                    office_phone: c.office_phone?,
                    role: c.role,
                })
            })
            .collect(),
        admin,
        office_community_id: user.office_community_id,
    })
}

// Sessions.

/// A session with its user's live roles: one row a membership (one row of
/// `None`s when there is none).
#[derive(FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub user_id: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub absolute_expires_at: Option<i64>,
    /// The community the person's office pages speak for (several managed).
    pub office_community_id: Option<i64>,
    pub membership_id: Option<i64>,
    pub role: Option<String>,
    pub community_id: Option<i64>,
    pub household_id: Option<i64>,
}

/// The session of this token hash, if its user is enabled: one round trip.
pub async fn session_rows<'e, E>(executor: E, token_hash: &str) -> sqlx::Result<Vec<SessionRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, s.absolute_expires_at,
                u.office_community_id,
                m.id AS membership_id, m.role, m.community_id, m.household_id
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN memberships m ON m.user_id = s.user_id AND m.revoked_at IS NULL
         WHERE s.token_hash = $1 AND u.disabled_at IS NULL
         ORDER BY m.id",
    )
    .bind(token_hash)
    .fetch_all(executor)
    .await
}

/// A person's live memberships.
pub async fn memberships<'e, E>(executor: E, user_id: i64) -> sqlx::Result<Vec<Membership>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, role, community_id, household_id FROM memberships
         WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(executor)
    .await
}

/// A session to record (its token only as a hash).
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user: i64,
    pub at: i64,
    pub expires: i64,
    pub absolute: Option<i64>,
}

pub async fn insert_session<'e, E>(executor: E, s: NewSession<'_>) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, absolute_expires_at)
         VALUES ($1, $2, $3, $3, $4, $5)",
    )
    .bind(s.token_hash)
    .bind(s.user)
    .bind(s.at)
    .bind(s.expires)
    .bind(s.absolute)
    .execute(executor)
    .await?;
    Ok(())
}

/// Moves an idle session's expiry on.
pub async fn touch_session<'e, E>(executor: E, id: i64, now: i64, expires: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3")
        .bind(now)
        .bind(expires)
        .bind(id)
        .execute(executor)
        .await?;
    Ok(())
}

pub async fn delete_session<'e, E>(executor: E, id: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(id)
        .execute(executor)
        .await?;
    Ok(())
}

/// Ends the session with this token hash (logout).
pub async fn end_session<'e, E>(executor: E, token_hash: &str) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(executor)
        .await?;
    Ok(())
}

// Login throttling.

/// Failed logins since `since`: (for this phone, from this address).
pub async fn failures_since<'e, E>(
    pool: E,
    phone: &str,
    ip: &str,
    since: i64,
) -> sqlx::Result<(i64, i64)>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN phone = $1 THEN 1 ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN ip = $2 THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM login_failures WHERE at >= $3 AND (phone = $1 OR ip = $2)",
    )
    .bind(phone)
    .bind(ip)
    .bind(since)
    .fetch_one(pool)
    .await
}

/// Counts a failure and forgets those before `forget_before`, in one transaction.
pub async fn record_failure(
    pool: &crate::db::Writer,
    phone: &str,
    ip: &str,
    at: i64,
    forget_before: i64,
) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO login_failures (phone, ip, at) VALUES ($1, $2, $3)")
        .bind(phone)
        .bind(ip)
        .bind(at)
        .execute(&mut tx)
        .await?;
    sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(forget_before)
        .execute(&mut tx)
        .await?;
    tx.commit().await
}
