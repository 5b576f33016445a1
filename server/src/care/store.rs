//! The care_plans table: one row a person who checks in daily, holding only
//! the last check-in and the day watchers were last told.

use sqlx::{Any, FromRow};

/// A person's plan, with their volunteer's name and phone.
#[derive(FromRow)]
pub struct PlanRow {
    pub deadline_minutes: i64,
    pub watch_office: i64,
    pub volunteer_name: Option<String>,
    pub volunteer_phone: Option<String>,
    pub paused_until: Option<String>,
    pub last_day: Option<String>,
    pub last_at: Option<i64>,
    pub starts_day: String,
}

impl PlanRow {
    /// Away on `today` (inclusive).
    pub fn away(&self, today: &str) -> bool {
        self.paused_until.as_deref().is_some_and(|p| p >= today)
    }

    pub fn checked_in(&self, today: &str) -> bool {
        self.last_day.as_deref() == Some(today)
    }

    /// Past the time without a check-in, on a day it applies and not away.
    pub fn missed(&self, today: &str, minutes: i64) -> bool {
        !self.checked_in(today)
            && !self.away(today)
            && self.starts_day.as_str() <= today
            && minutes >= self.deadline_minutes
    }
}

pub async fn plan<'e, E>(executor: E, user: i64) -> sqlx::Result<Option<PlanRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT c.deadline_minutes, c.watch_office,
                v.name AS volunteer_name, v.phone AS volunteer_phone, c.paused_until,
                c.last_day, c.last_at, c.starts_day
         FROM care_plans c LEFT JOIN users v ON v.id = c.volunteer_id WHERE c.user_id = $1",
    )
    .bind(user)
    .fetch_optional(executor)
    .await
}

/// A person's name and phone.
pub async fn person<'e, E>(executor: E, user: i64) -> sqlx::Result<(String, String)>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as("SELECT name, COALESCE(phone, '') FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(executor)
        .await
}

/// Whether `user` is a live resident of `household`.
pub async fn lives_in<'e, E>(executor: E, user: i64, household: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships
         WHERE user_id = $1 AND household_id = $2 AND role = 'resident' AND revoked_at IS NULL",
    )
    .bind(user)
    .bind(household)
    .fetch_one(executor)
    .await
    .map(|n: i64| n > 0)
}

/// A live resident of the community with this phone: a volunteer.
pub async fn resident_by_phone<'e, E>(
    executor: E,
    community: i64,
    phone: &str,
) -> sqlx::Result<Option<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE u.phone = $1 AND u.disabled_at IS NULL AND m.role = 'resident'
           AND m.revoked_at IS NULL AND m.community_id = $2 LIMIT 1",
    )
    .bind(phone.to_owned())
    .bind(community)
    .fetch_optional(executor)
    .await
}

/// What a plan is set to.
pub struct NewPlan<'a> {
    pub user: i64,
    pub household: i64,
    pub deadline_minutes: i64,
    pub watch_office: bool,
    pub volunteer: Option<i64>,
    pub paused_until: Option<&'a str>,
    /// Today, or tomorrow when the (new) time has already passed today
    /// without a check-in: nobody is alarmed the moment it is switched on.
    pub starts_day: &'a str,
    pub at: i64,
}

pub async fn save(tx: &mut crate::db::Tx, p: &NewPlan<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO care_plans (user_id, household_id, deadline_minutes, watch_office,
            volunteer_id, paused_until, starts_day, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (user_id) DO UPDATE SET household_id = excluded.household_id,
            deadline_minutes = excluded.deadline_minutes, watch_office = excluded.watch_office,
            volunteer_id = excluded.volunteer_id, paused_until = excluded.paused_until,
            starts_day = excluded.starts_day, updated_at = excluded.updated_at",
    )
    .bind(p.user)
    .bind(p.household)
    .bind(p.deadline_minutes)
    .bind(i64::from(p.watch_office))
    .bind(p.volunteer)
    .bind(p.paused_until.map(str::to_owned))
    .bind(p.starts_day.to_owned())
    .bind(p.at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn remove(tx: &mut crate::db::Tx, user: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM care_plans WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Records today's 我很好; false when the person has no plan.
pub async fn check_in(tx: &mut crate::db::Tx, user: i64, day: &str, at: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE care_plans SET last_day = $1, last_at = $2 WHERE user_id = $3")
        .bind(day.to_owned())
        .bind(at)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Who is told: the household's live helpers, the volunteer, the office.
pub async fn watchers<'e, E>(executor: E, user: i64) -> sqlx::Result<Vec<(String, String)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.name, 'helper' FROM care_plans c
           JOIN memberships m ON m.household_id = c.household_id AND m.role = 'helper'
             AND m.revoked_at IS NULL
           JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
         WHERE c.user_id = $1
         UNION ALL
         SELECT v.name, 'volunteer' FROM care_plans c JOIN users v ON v.id = c.volunteer_id
         WHERE c.user_id = $1
         UNION ALL
         SELECT co.name, 'office' FROM care_plans c JOIN households h ON h.id = c.household_id
           JOIN communities co ON co.id = h.community_id
         WHERE c.user_id = $1 AND c.watch_office = 1",
    )
    .bind(user)
    .fetch_all(executor)
    .await
}

/// Marks the plans whose time has passed on `today` without a check-in
/// (not away, not yet told today) as told; returns each person's id and
/// name. Each is marked once, whichever process sweeps.
pub async fn mark_missed(
    tx: &mut crate::db::Tx,
    today: &str,
    minutes: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "UPDATE care_plans SET missed_day = $1
         WHERE (missed_day IS NULL OR missed_day <> $1) AND (last_day IS NULL OR last_day <> $1)
           AND (paused_until IS NULL OR paused_until < $1) AND deadline_minutes <= $2
           AND starts_day <= $1
         RETURNING user_id",
    )
    .bind(today.to_owned())
    .bind(minutes)
    .fetch_all(&mut *tx)
    .await?;
    let mut people = Vec::with_capacity(ids.len());
    for id in ids {
        let (name, _) = person(&mut *tx, id).await?;
        people.push((id, name));
    }
    Ok(people)
}

/// One person not heard from today, for the office's round.
#[derive(FromRow)]
pub struct MissedRow {
    pub user_id: i64,
    pub name: String,
    pub phone: String,
    pub building: String,
    pub flat_label: String,
    pub deadline_minutes: i64,
    pub last_at: Option<i64>,
}

/// The community's people past their time today without a check-in, by
/// building and flat.
pub async fn missed<'e, E>(
    executor: E,
    community: i64,
    today: &str,
    minutes: i64,
) -> sqlx::Result<Vec<MissedRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT c.user_id, u.name, COALESCE(u.phone, '') AS phone, b.name AS building, h.flat_label,
                c.deadline_minutes, c.last_at
         FROM care_plans c JOIN users u ON u.id = c.user_id
           JOIN households h ON h.id = c.household_id JOIN buildings b ON b.id = h.building_id
         WHERE h.community_id = $1 AND (c.last_day IS NULL OR c.last_day <> $2)
           AND (c.paused_until IS NULL OR c.paused_until < $2) AND c.deadline_minutes <= $3
           AND c.starts_day <= $2
         ORDER BY b.sort_order, b.name, h.flat_label, u.name",
    )
    .bind(community)
    .bind(today.to_owned())
    .bind(minutes)
    .fetch_all(executor)
    .await
}
