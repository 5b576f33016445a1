//! The activities tables: activities, their sessions (a one-off's one, a
//! roster's shifts), sign-ups with their waiting list, attendance, and the
//! personal codes organisers scan.

use app::model::{
    Activity, ActivityKind, ActivitySession, CheckinMethod, PointUnit, Signup, SignupStatus,
};
use sqlx::{Any, FromRow};

use crate::db::{Sql, rfc3339};

/// The columns of an activity with its session `n`, its rule `r` and
/// organiser `o` (see [`ActivityRow`]).
macro_rules! activity_columns {
    () => {
        "a.id, a.community_id, a.title, a.kind, a.place, a.details, a.rule_id, a.organiser_id,
         a.weekdays, a.code_secret, a.cancelled_at, r.name AS rule_name, r.points, r.unit,
         o.name AS organiser_name, o.phone AS organiser_phone,
         (SELECT CAST(COUNT(*) AS BIGINT) FROM activity_sessions c WHERE c.activity_id = a.id) AS sessions,
         n.id AS session_id, n.starts_at, n.ends_at, n.capacity, n.taken, n.closed_at,
         (SELECT CAST(COUNT(*) AS BIGINT) FROM activity_signups w
           WHERE w.session_id = n.id AND w.status = 'waiting') AS waiting
         FROM activities a JOIN point_rules r ON r.id = a.rule_id
         JOIN users o ON o.id = a.organiser_id JOIN activity_sessions n ON n.activity_id = a.id"
    };
}

/// The session of an activity a list shows: the next not yet ended, else
/// the last.
macro_rules! shown_session {
    () => {
        " AND n.id = COALESCE(
            (SELECT s.id FROM activity_sessions s WHERE s.activity_id = a.id AND s.ends_at > $2
              ORDER BY s.starts_at, s.id LIMIT 1),
            (SELECT s.id FROM activity_sessions s WHERE s.activity_id = a.id
              ORDER BY s.starts_at DESC, s.id DESC LIMIT 1))"
    };
}

#[derive(FromRow)]
pub struct SessionRow {
    pub session_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: Option<i64>,
    pub taken: i64,
    pub closed_at: Option<i64>,
    pub waiting: i64,
}

impl SessionRow {
    pub fn wire(&self) -> ActivitySession {
        ActivitySession {
            id: self.session_id,
            starts_at: rfc3339(self.starts_at),
            ends_at: rfc3339(self.ends_at),
            capacity: self.capacity,
            taken: self.taken,
            waiting: self.waiting,
            closed: self.closed_at.is_some(),
        }
    }
}

#[derive(FromRow)]
pub struct ActivityRow {
    pub id: i64,
    pub community_id: i64,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub kind: ActivityKind,
    pub place: String,
    pub details: String,
    pub rule_id: i64,
    pub organiser_id: i64,
    pub weekdays: String,
    pub code_secret: String,
    pub cancelled_at: Option<i64>,
    pub rule_name: String,
    pub points: i64,
    #[sqlx(try_from = "String")]
    pub unit: PointUnit,
    pub organiser_name: String,
    pub organiser_phone: Option<String>,
    pub sessions: i64,
    #[sqlx(flatten)]
    pub shown: SessionRow,
}

impl ActivityRow {
    /// The wire form, with the buildings' names and the household's
    /// sign-ups filled in by the caller.
    pub fn wire(&self, buildings: Vec<String>, mine: Vec<Signup>) -> Activity {
        Activity {
            id: self.id,
            community_id: self.community_id,
            title: self.title.clone(),
            kind: self.kind,
            place: self.place.clone(),
            rule_name: self.rule_name.clone(),
            points: self.points,
            unit: self.unit,
            organiser_name: self.organiser_name.clone(),
            buildings,
            weekdays: weekdays(&self.weekdays),
            next: self.shown.wire(),
            sessions: self.sessions,
            cancelled: self.cancelled_at.is_some(),
            mine,
        }
    }
}

/// "135" → [1, 3, 5].
pub fn weekdays(stored: &str) -> Vec<i64> {
    stored
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(i64::from)
        .collect()
}

/// One activity with the session a list would show.
pub async fn activity<'e, E>(executor: E, id: i64, now: i64) -> sqlx::Result<Option<ActivityRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        activity_columns!(),
        " WHERE a.id = $1",
        shown_session!()
    ))
    .bind(id)
    .bind(now)
    .fetch_optional(executor)
    .await
}

/// A community's activities, for a building (its own and the whole
/// community's) or for the office (all): upcoming ones soonest first, or
/// past ones newest first.
pub async fn activities<'e, E>(
    executor: E,
    community: i64,
    now: i64,
    building: Option<i64>,
    past: bool,
) -> sqlx::Result<Vec<ActivityRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(concat!(
        "SELECT ",
        activity_columns!(),
        " WHERE a.community_id = $1",
        shown_session!()
    ));
    q.bind_written(community).bind_written(now);
    if let Some(building) = building {
        q.push(
            " AND (NOT EXISTS (SELECT 1 FROM activity_buildings ab WHERE ab.activity_id = a.id)
               OR EXISTS (SELECT 1 FROM activity_buildings ab WHERE ab.activity_id = a.id
                           AND ab.building_id = ",
        )
        .bind(building)
        .push("))");
    }
    if past {
        q.push(" AND n.ends_at <= ")
            .bind(now)
            .push(" ORDER BY n.starts_at DESC, a.id DESC LIMIT 100");
    } else {
        q.push(" AND n.ends_at > ")
            .bind(now)
            .push(" AND a.cancelled_at IS NULL ORDER BY n.starts_at, a.id LIMIT 100");
    }
    q.fetch_all(executor).await
}

/// The buildings each of these activities is for: (activity, id, name).
pub async fn buildings_of<'e, E>(
    executor: E,
    activities: &[i64],
) -> sqlx::Result<Vec<(i64, i64, String)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    if activities.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(
        "SELECT ab.activity_id, b.id, b.name FROM activity_buildings ab
         JOIN buildings b ON b.id = ab.building_id WHERE ab.activity_id IN ",
    );
    q.bind_list(activities.iter().copied())
        .push(" ORDER BY b.sort_order, b.id");
    q.fetch_all(executor).await
}

#[derive(FromRow)]
pub struct SignupRow {
    pub id: i64,
    pub activity_id: i64,
    pub session_id: i64,
    pub user_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub status: SignupStatus,
    pub position: i64,
    pub starts_at: i64,
    pub signed_by: Option<String>,
}

impl SignupRow {
    pub fn wire(&self) -> Signup {
        Signup {
            id: self.id,
            activity_id: self.activity_id,
            session_id: self.session_id,
            user_id: self.user_id,
            name: self.name.clone(),
            status: self.status,
            position: (self.status == SignupStatus::Waiting).then_some(self.position),
            starts_at: rfc3339(self.starts_at),
            signed_by: self.signed_by.clone(),
        }
    }
}

/// A sign-up with its place on the waiting list, the person's name and
/// whoever pressed 报名 for them.
macro_rules! signup_columns {
    () => {
        "SELECT g.id, s.activity_id, g.session_id, g.user_id, u.name, g.status,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM activity_signups e
                  WHERE e.session_id = g.session_id AND e.status = 'waiting' AND e.id <= g.id)
                  AS position,
                s.starts_at, CASE WHEN g.signed_by = g.user_id THEN NULL ELSE b.name END AS signed_by
         FROM activity_signups g JOIN activity_sessions s ON s.id = g.session_id
         JOIN users u ON u.id = g.user_id JOIN users b ON b.id = g.signed_by"
    };
}

pub async fn signup<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<SignupRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(signup_columns!(), " WHERE g.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// The live sign-ups, for sessions not yet ended, of the live residents of
/// a household (or of one person) for these activities.
pub async fn signups_of<'e, E>(
    executor: E,
    activities: &[i64],
    household: Option<i64>,
    person: i64,
    now: i64,
) -> sqlx::Result<Vec<SignupRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    if activities.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(concat!(
        signup_columns!(),
        " WHERE g.status <> 'cancelled' AND s.ends_at > $1 AND s.activity_id IN "
    ));
    q.bind_written(now).bind_list(activities.iter().copied());
    match household {
        Some(h) => q
            .push(
                " AND g.user_id IN (SELECT m.user_id FROM memberships m WHERE m.role = 'resident'
                   AND m.revoked_at IS NULL AND m.household_id = ",
            )
            .bind(h)
            .push(")"),
        None => q.push(" AND g.user_id = ").bind(person),
    };
    q.push(" ORDER BY s.starts_at, g.id");
    q.fetch_all(executor).await
}

/// A session's columns as [`SessionRow`] reads them, with its waiting list.
macro_rules! session_columns {
    () => {
        "SELECT n.id AS session_id, n.starts_at, n.ends_at, n.capacity, n.taken, n.closed_at,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM activity_signups w
                  WHERE w.session_id = n.id AND w.status = 'waiting') AS waiting
         FROM activity_sessions n"
    };
}

/// Every session of an activity, in time order.
pub async fn sessions<'e, E>(executor: E, activity: i64) -> sqlx::Result<Vec<SessionRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        session_columns!(),
        " WHERE n.activity_id = $1 ORDER BY n.starts_at, n.id"
    ))
    .bind(activity)
    .fetch_all(executor)
    .await
}

/// One session.
pub async fn session<'e, E>(executor: E, session: i64) -> sqlx::Result<Option<SessionRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(session_columns!(), " WHERE n.id = $1"))
        .bind(session)
        .fetch_optional(executor)
        .await
}

// Writing.

pub struct NewActivityRow<'a> {
    pub community: i64,
    pub title: &'a str,
    pub kind: ActivityKind,
    pub place: &'a str,
    pub details: &'a str,
    pub rule: i64,
    pub organiser: i64,
    pub capacity: Option<i64>,
    pub weekdays: &'a str,
    pub code_secret: &'a str,
    pub by: i64,
    pub now: i64,
}

pub async fn insert_activity(tx: &mut crate::db::Tx, a: &NewActivityRow<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO activities (community_id, title, kind, place, details, rule_id, organiser_id,
             capacity, weekdays, code_secret, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(a.community)
    .bind(a.title)
    .bind(a.kind.as_str())
    .bind(a.place)
    .bind(a.details)
    .bind(a.rule)
    .bind(a.organiser)
    .bind(a.capacity)
    .bind(a.weekdays)
    .bind(a.code_secret)
    .bind(a.by)
    .bind(a.now)
    .fetch_one(&mut *tx)
    .await
}

pub async fn insert_building(
    tx: &mut crate::db::Tx,
    activity: i64,
    building: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO activity_buildings (activity_id, building_id) VALUES ($1, $2)")
        .bind(activity)
        .bind(building)
        .execute(&mut *tx)
        .await
        .map(drop)
}

pub async fn insert_session(
    tx: &mut crate::db::Tx,
    activity: i64,
    (starts, ends): (i64, i64),
    capacity: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO activity_sessions (activity_id, starts_at, ends_at, capacity)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(activity)
    .bind(starts)
    .bind(ends)
    .bind(capacity)
    .fetch_one(&mut *tx)
    .await
}

/// Takes a place if one is free: the database's row lock (PostgreSQL) or
/// its one writer (SQLite) puts concurrent sign-ups in a line.
pub async fn take_place(tx: &mut crate::db::Tx, session: i64) -> sqlx::Result<bool> {
    sqlx::query(
        "UPDATE activity_sessions SET taken = taken + 1
         WHERE id = $1 AND (capacity IS NULL OR taken < capacity)",
    )
    .bind(session)
    .execute(&mut *tx)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// A live sign-up of this person for this session, if any.
pub async fn live_signup(tx: &mut crate::db::Tx, session: i64, user: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM activity_signups
         WHERE session_id = $1 AND user_id = $2 AND status <> 'cancelled'",
    )
    .bind(session)
    .bind(user)
    .fetch_one(&mut *tx)
    .await
    .map(|n: i64| n > 0)
}

pub async fn insert_signup(
    tx: &mut crate::db::Tx,
    session: i64,
    user: i64,
    status: SignupStatus,
    (by, household): (i64, Option<i64>),
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO activity_signups (session_id, user_id, status, signed_by, acting_household,
             created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(session)
    .bind(user)
    .bind(status.as_str())
    .bind(by)
    .bind(household)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
}

/// Withdraws a live sign-up; its former status, or `None` when it was not
/// live any more.
pub async fn cancel_signup(
    tx: &mut crate::db::Tx,
    id: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<Option<SignupStatus>> {
    let was: Option<String> = sqlx::query_scalar(
        "SELECT status FROM activity_signups WHERE id = $1 AND status <> 'cancelled'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(was) = was.as_deref().and_then(SignupStatus::parse) else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE activity_signups SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3
         WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    Ok(Some(was))
}

/// Gives a freed place back, then to the first on the waiting list (in
/// arrival order); the person moved up, if any.
pub async fn move_up(tx: &mut crate::db::Tx, session: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query("UPDATE activity_sessions SET taken = taken - 1 WHERE id = $1")
        .bind(session)
        .execute(&mut *tx)
        .await?;
    let next: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, user_id FROM activity_signups WHERE session_id = $1 AND status = 'waiting'
         ORDER BY id LIMIT 1",
    )
    .bind(session)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((next, person)) = next else {
        return Ok(None);
    };
    if !take_place(tx, session).await? {
        return Ok(None);
    }
    sqlx::query("UPDATE activity_signups SET status = 'in' WHERE id = $1")
        .bind(next)
        .execute(&mut *tx)
        .await?;
    Ok(Some(person))
}

// Attendance.

/// A session with its activity's community, secret, organiser and rule.
#[derive(FromRow)]
pub struct SessionOf {
    pub id: i64,
    pub activity_id: i64,
    pub community_id: i64,
    pub organiser_id: i64,
    pub code_secret: String,
    pub rule_id: i64,
    pub rule_name: String,
    pub points: i64,
    #[sqlx(try_from = "String")]
    pub unit: PointUnit,
    pub starts_at: i64,
    pub ends_at: i64,
    pub closed_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

macro_rules! session_of {
    () => {
        "SELECT n.id, n.activity_id, a.community_id, a.organiser_id, a.code_secret, a.rule_id,
                r.name AS rule_name, r.points, r.unit, n.starts_at, n.ends_at, n.closed_at,
                a.cancelled_at
         FROM activity_sessions n JOIN activities a ON a.id = n.activity_id
         JOIN point_rules r ON r.id = a.rule_id WHERE n.activity_id = $1"
    };
}

/// The session asked for, or the one an organiser means now: happening (or
/// about to), else the next, else the last begun.
pub async fn session_of<'e, E>(
    executor: E,
    activity: i64,
    asked: Option<i64>,
    now: i64,
) -> sqlx::Result<Option<SessionOf>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    match asked {
        Some(id) => {
            sqlx::query_as(concat!(session_of!(), " AND n.id = $2"))
                .bind(activity)
                .bind(id)
                .fetch_optional(executor)
                .await
        }
        None => {
            sqlx::query_as(concat!(
                session_of!(),
                " ORDER BY CASE WHEN n.ends_at > $2 THEN 0 ELSE 1 END,
                   CASE WHEN n.ends_at > $2 THEN n.starts_at ELSE -n.starts_at END, n.id
                 LIMIT 1"
            ))
            .bind(activity)
            .bind(now)
            .fetch_optional(executor)
            .await
        }
    }
}

/// Records arrival; false when they were checked in already.
pub async fn check_in(
    tx: &mut crate::db::Tx,
    session: i64,
    user: i64,
    method: CheckinMethod,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let there: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM activity_attendance
         WHERE session_id = $1 AND user_id = $2",
    )
    .bind(session)
    .bind(user)
    .fetch_one(&mut *tx)
    .await?;
    if there > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO activity_attendance (session_id, user_id, method, checked_in_by, checked_in_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(session)
    .bind(user)
    .bind(method.as_str())
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map(|_| true)
}

/// Records leaving; false when they never checked in.
pub async fn check_out(
    tx: &mut crate::db::Tx,
    session: i64,
    user: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    sqlx::query(
        "UPDATE activity_attendance SET checked_out_at = $3, checked_out_by = $4
         WHERE session_id = $1 AND user_id = $2 AND checked_in_at <= $3",
    )
    .bind(session)
    .bind(user)
    .bind(now)
    .bind(by)
    .execute(&mut *tx)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// Someone on the list: signed up or checked in (or both).
#[derive(FromRow)]
pub struct LineRow {
    pub user_id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub building: String,
    pub flat_label: String,
    pub signup: Option<String>,
    pub method: Option<String>,
    pub checked_in_at: Option<i64>,
    pub checked_in_by: Option<String>,
    pub checked_out_at: Option<i64>,
}

/// The attendance list of a session: everyone signed up (in or waiting) and
/// everyone checked in, by building and flat.
pub async fn lines<'e, E>(executor: E, session: i64) -> sqlx::Result<Vec<LineRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT p.user_id, u.name, u.phone,
                COALESCE((SELECT b.name FROM memberships m JOIN households h ON h.id = m.household_id
                   JOIN buildings b ON b.id = h.building_id WHERE m.user_id = p.user_id
                   AND m.role = 'resident' AND m.revoked_at IS NULL ORDER BY m.id LIMIT 1), '')
                  AS building,
                COALESCE((SELECT h.flat_label FROM memberships m JOIN households h
                   ON h.id = m.household_id WHERE m.user_id = p.user_id AND m.role = 'resident'
                   AND m.revoked_at IS NULL ORDER BY m.id LIMIT 1), '') AS flat_label,
                g.status AS signup, t.method, t.checked_in_at, c.name AS checked_in_by,
                t.checked_out_at
         FROM (SELECT user_id FROM activity_signups WHERE session_id = $1 AND status <> 'cancelled'
               UNION SELECT user_id FROM activity_attendance WHERE session_id = $1) p
         JOIN users u ON u.id = p.user_id
         LEFT JOIN activity_signups g ON g.session_id = $1 AND g.user_id = p.user_id
              AND g.status <> 'cancelled'
         LEFT JOIN activity_attendance t ON t.session_id = $1 AND t.user_id = p.user_id
         LEFT JOIN users c ON c.id = t.checked_in_by
         ORDER BY building, flat_label, g.id, p.user_id",
    )
    .bind(session)
    .fetch_all(executor)
    .await
}

/// Closes a session once: false when it was closed already (by anyone,
/// from any process).
pub async fn close(tx: &mut crate::db::Tx, session: i64, by: i64, now: i64) -> sqlx::Result<bool> {
    sqlx::query(
        "UPDATE activity_sessions SET closed_at = $2, closed_by = $3
         WHERE id = $1 AND closed_at IS NULL",
    )
    .bind(session)
    .bind(now)
    .bind(by)
    .execute(&mut *tx)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// Who attended a session: (person, checked in, checked out).
pub async fn attended(
    tx: &mut crate::db::Tx,
    session: i64,
) -> sqlx::Result<Vec<(i64, i64, Option<i64>)>> {
    sqlx::query_as(
        "SELECT user_id, checked_in_at, checked_out_at FROM activity_attendance
         WHERE session_id = $1 ORDER BY user_id",
    )
    .bind(session)
    .fetch_all(&mut *tx)
    .await
}

/// Sets the organiser, title, place and details, or calls it off.
pub async fn update(
    tx: &mut crate::db::Tx,
    id: i64,
    change: &Change<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE activities SET title = COALESCE($2, title), place = COALESCE($3, place),
             details = COALESCE($4, details), organiser_id = COALESCE($5, organiser_id),
             cancelled_at = CASE WHEN $6 = 1 THEN COALESCE(cancelled_at, $7)
                                 WHEN $6 = 0 THEN NULL ELSE cancelled_at END,
             updated_at = $7
         WHERE id = $1",
    )
    .bind(id)
    .bind(change.title)
    .bind(change.place)
    .bind(change.details)
    .bind(change.organiser)
    .bind(change.cancelled.map(i64::from))
    .bind(now)
    .execute(&mut *tx)
    .await
    .map(drop)
}

pub struct Change<'a> {
    pub title: Option<&'a str>,
    pub place: Option<&'a str>,
    pub details: Option<&'a str>,
    pub organiser: Option<i64>,
    pub cancelled: Option<bool>,
}

// People.

/// Whether someone may organise in a community: a manager of it, or a live
/// resident of it.
pub async fn may_organise<'e, E>(executor: E, community: i64, user: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m JOIN users u ON u.id = m.user_id
         LEFT JOIN households h ON h.id = m.household_id
         WHERE m.user_id = $1 AND m.revoked_at IS NULL AND u.disabled_at IS NULL
           AND u.phone IS NOT NULL
           AND ((m.role = 'manager' AND m.community_id = $2)
                OR (m.role = 'resident' AND h.community_id = $2))",
    )
    .bind(user)
    .bind(community)
    .fetch_one(executor)
    .await
    .map(|n: i64| n > 0)
}

/// Whether an activity is for this building (or for everyone).
pub async fn invites<'e, E>(executor: E, activity: i64, building: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(CASE WHEN NOT EXISTS (SELECT 1 FROM activity_buildings WHERE activity_id = $1)
                  OR EXISTS (SELECT 1 FROM activity_buildings WHERE activity_id = $1
                             AND building_id = $2) THEN 1 ELSE 0 END AS BIGINT)",
    )
    .bind(activity)
    .bind(building)
    .fetch_one(executor)
    .await
    .map(|n: i64| n == 1)
}

/// The person with this personal code.
pub async fn person_by_code<'e, E>(executor: E, code: &str) -> sqlx::Result<Option<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT user_id FROM person_codes WHERE code = $1")
        .bind(code)
        .fetch_optional(executor)
        .await
}

/// A person's code, if made.
pub async fn code_of<'e, E>(executor: E, user: i64) -> sqlx::Result<Option<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT code FROM person_codes WHERE user_id = $1")
        .bind(user)
        .fetch_optional(executor)
        .await
}

/// A person's code, made on first use.
pub async fn person_code(
    tx: &mut crate::db::Tx,
    user: i64,
    fresh: &str,
    now: i64,
) -> sqlx::Result<String> {
    let have: Option<String> =
        sqlx::query_scalar("SELECT code FROM person_codes WHERE user_id = $1")
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(code) = have {
        return Ok(code);
    }
    sqlx::query("INSERT INTO person_codes (user_id, code, created_at) VALUES ($1, $2, $3)")
        .bind(user)
        .bind(fresh)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(fresh.to_owned())
}

/// Names of people, by id.
pub async fn names<'e, E>(executor: E, users: &[i64]) -> sqlx::Result<Vec<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new("SELECT name FROM users WHERE id IN ");
    q.bind_list(users.iter().copied()).push(" ORDER BY id");
    q.fetch_all::<(String,), _>(executor)
        .await
        .map(|rows| rows.into_iter().map(|(n,)| n).collect())
}

// The office's figures.

#[derive(FromRow)]
pub struct TurnoutRow {
    pub activity_id: i64,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub kind: ActivityKind,
    pub sessions: i64,
    pub signed_up: i64,
    pub attended: i64,
    pub points: i64,
}

impl TurnoutRow {
    pub fn wire(self) -> app::model::TurnoutLine {
        app::model::TurnoutLine {
            activity_id: self.activity_id,
            title: self.title,
            kind: self.kind,
            sessions: self.sessions,
            signed_up: self.signed_up,
            attended: self.attended,
            points: self.points,
        }
    }
}

/// Each activity with sessions starting in `[from, to)`: its sittings, live
/// sign-ups, attendance and the points its closings gave.
pub async fn turnout<'e, E>(
    executor: E,
    community: i64,
    from: i64,
    to: i64,
) -> sqlx::Result<Vec<TurnoutRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT a.id AS activity_id, a.title, a.kind,
                CAST(COUNT(*) AS BIGINT) AS sessions,
                CAST(SUM((SELECT COUNT(*) FROM activity_signups g
                     WHERE g.session_id = n.id AND g.status <> 'cancelled')) AS BIGINT) AS signed_up,
                CAST(SUM((SELECT COUNT(*) FROM activity_attendance t
                     WHERE t.session_id = n.id)) AS BIGINT) AS attended,
                CAST(SUM((SELECT COALESCE(SUM(e.amount), 0) FROM point_entries e
                     WHERE e.session_id = n.id AND e.kind = 'award')) AS BIGINT) AS points
         FROM activities a JOIN activity_sessions n ON n.activity_id = a.id
         WHERE a.community_id = $1 AND n.starts_at >= $2 AND n.starts_at < $3
         GROUP BY a.id, a.title, a.kind
         ORDER BY MIN(n.starts_at), a.id",
    )
    .bind(community)
    .bind(from)
    .bind(to)
    .fetch_all(executor)
    .await
}

/// How many different people came to the community's activities.
pub async fn people_who_came<'e, E>(
    executor: E,
    community: i64,
    from: i64,
    to: i64,
) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(COUNT(DISTINCT t.user_id) AS BIGINT) FROM activity_attendance t
         JOIN activity_sessions n ON n.id = t.session_id JOIN activities a ON a.id = n.activity_id
         WHERE a.community_id = $1 AND n.starts_at >= $2 AND n.starts_at < $3",
    )
    .bind(community)
    .bind(from)
    .bind(to)
    .fetch_one(executor)
    .await
}

/// One person at one session, for the CSV.
#[derive(FromRow)]
pub struct ExportLine {
    pub title: String,
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub name: String,
    pub building: String,
    pub flat_label: String,
    pub signup: Option<String>,
    pub signed_by: Option<String>,
    pub checked_in_at: Option<i64>,
    pub method: Option<String>,
    pub checked_in_by: Option<String>,
    pub checked_out_at: Option<i64>,
    pub points: i64,
}

/// Everyone signed up for or checked in at the month's sessions.
pub async fn export_lines<'e, E>(
    executor: E,
    community: i64,
    from: i64,
    to: i64,
) -> sqlx::Result<Vec<ExportLine>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT a.title, a.kind, n.starts_at, n.ends_at, u.name,
                COALESCE(b.name, '') AS building, COALESCE(h.flat_label, '') AS flat_label,
                g.status AS signup, s.name AS signed_by, t.checked_in_at, t.method,
                c.name AS checked_in_by, t.checked_out_at,
                CAST(COALESCE((SELECT SUM(e.amount) FROM point_entries e WHERE e.session_id = n.id
                    AND e.user_id = p.user_id AND e.kind = 'award'), 0) AS BIGINT) AS points
         FROM (SELECT session_id, user_id FROM activity_signups WHERE status <> 'cancelled'
               UNION SELECT session_id, user_id FROM activity_attendance) p
         JOIN activity_sessions n ON n.id = p.session_id
         JOIN activities a ON a.id = n.activity_id
         JOIN users u ON u.id = p.user_id
         LEFT JOIN memberships m ON m.id = (SELECT MIN(x.id) FROM memberships x
              WHERE x.user_id = p.user_id AND x.role = 'resident' AND x.community_id = a.community_id)
         LEFT JOIN households h ON h.id = m.household_id
         LEFT JOIN buildings b ON b.id = h.building_id
         LEFT JOIN activity_signups g ON g.session_id = p.session_id AND g.user_id = p.user_id
              AND g.status <> 'cancelled'
         LEFT JOIN users s ON s.id = g.signed_by
         LEFT JOIN activity_attendance t ON t.session_id = p.session_id AND t.user_id = p.user_id
         LEFT JOIN users c ON c.id = t.checked_in_by
         WHERE a.community_id = $1 AND n.starts_at >= $2 AND n.starts_at < $3
         ORDER BY n.starts_at, a.id, b.sort_order, h.flat_label, u.name",
    )
    .bind(community)
    .bind(from)
    .bind(to)
    .fetch_all(executor)
    .await
}

/// Sessions starting within a day, published more than a day before, whose
/// people were not yet reminded: marked reminded, and returned as
/// (activity, title, community, the people going).
pub async fn to_remind(
    tx: &mut crate::db::Tx,
    now: i64,
) -> sqlx::Result<Vec<(i64, String, i64, Vec<i64>)>> {
    let due: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT n.id, a.id, a.title, a.community_id FROM activity_sessions n
         JOIN activities a ON a.id = n.activity_id
         WHERE n.reminded_at IS NULL AND n.closed_at IS NULL AND a.cancelled_at IS NULL
           AND n.starts_at > $1 AND n.starts_at <= $1 + 86400000
           AND a.created_at < n.starts_at - 86400000
         ORDER BY n.starts_at LIMIT 200",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let mut out = Vec::new();
    for (session, activity, title, community) in due {
        sqlx::query("UPDATE activity_sessions SET reminded_at = $2 WHERE id = $1")
            .bind(session)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let people: Vec<i64> = sqlx::query_scalar(
            "SELECT user_id FROM activity_signups WHERE session_id = $1 AND status = 'in'
             ORDER BY id",
        )
        .bind(session)
        .fetch_all(&mut *tx)
        .await?;
        out.push((activity, title, community, people));
    }
    Ok(out)
}
