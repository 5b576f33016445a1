//! SQL for notices, targets, revisions and read receipts.

use app::model::{NoticeCategory, NoticeSummary, Role};
use sqlx::{Any, FromRow};

use super::audience::Reader;
use crate::db::{Dir, Order, Sql, now_millis, rfc3339};

#[derive(Clone, FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub community_id: i64,
    pub title: String,
    pub body: String,
    #[sqlx(try_from = "String")]
    pub category: NoticeCategory,
    pub pinned: i64,
    pub urgent: i64,
    pub published_at: i64,
    pub updated_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub archived_at: Option<i64>,
    pub read: i64,
    /// The buildings it is for, by their order, joined by `SEPARATOR`;
    /// none when it is for everyone.
    buildings: Option<String>,
}

/// Between the building names of `NoticeRow::buildings` (a name is parsed
/// text, which holds no control character).
const SEPARATOR: &str = "\u{1f}";

impl NoticeRow {
    pub fn summary(&self) -> NoticeSummary {
        NoticeSummary {
            id: self.id,
            title: self.title.clone(),
            category: self.category,
            pinned: self.pinned != 0,
            urgent: self.urgent != 0,
            published_at: rfc3339(self.published_at),
            updated_at: self.updated_at.map(rfc3339),
            expires_at: self.expires_at.map(rfc3339),
            read: self.read != 0,
            buildings: self
                .buildings
                .iter()
                .flat_map(|names| names.split(SEPARATOR))
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Where it stands in `ORDER`.
    pub fn position(&self) -> Vec<i64> {
        vec![self.pinned, self.urgent, self.published_at, self.id]
    }
}

/// Best first: pinned, urgent, newest.
pub const ORDER: Order = Order(&[
    ("n.pinned", Dir::Desc),
    ("n.urgent", Dir::Desc),
    ("n.published_at", Dir::Desc),
    ("n.id", Dir::Desc),
]);

/// The notices the reader may see: a household sees the community's
/// notices for everyone and those for its building, the office all of the
/// community's. The caller adds conditions (`AND …`) and the order.
fn visible(reader: Reader, user_id: i64) -> Sql {
    let mut q = Sql::new(
        "SELECT n.id, n.community_id, n.title, n.body, n.category, n.pinned, n.urgent,
                n.published_at, n.updated_at, n.expires_at, n.archived_at,
                (SELECT string_agg(b.name, ",
    );
    q.bind(SEPARATOR).push(
        " ORDER BY b.sort_order, b.id) FROM notice_targets t
           JOIN buildings b ON b.id = t.building_id WHERE t.notice_id = n.id) AS buildings, ",
    );
    match reader {
        Reader::Household {
            community_id,
            household_id,
            building_id,
            ..
        } => {
            q.push(
                "CASE WHEN EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id
                   AND r.user_id = ",
            )
            .bind(user_id)
            .push(" AND r.household_id = ")
            .bind(household_id)
            .push(") THEN 1 ELSE 0 END AS read FROM notices n WHERE n.community_id = ")
            .bind(community_id)
            .push(
                " AND (NOT EXISTS (SELECT 1 FROM notice_targets t WHERE t.notice_id = n.id)
                   OR EXISTS (SELECT 1 FROM notice_targets t
                              WHERE t.notice_id = n.id AND t.building_id = ",
            )
            .bind(building_id)
            .push("))");
        }
        Reader::Office { community_id } => {
            q.push("1 AS read FROM notices n WHERE n.community_id = ")
                .bind(community_id);
        }
    }
    q
}

/// ` AND` a notice is current (neither archived nor expired at `now`), or
/// with `current` false, is not.
fn now_or_past(q: &mut Sql, current: bool, now: i64) -> &mut Sql {
    q.push(if current { " AND (" } else { " AND NOT (" })
        .push("n.archived_at IS NULL AND (n.expires_at IS NULL OR n.expires_at > ")
        .bind(now)
        .push("))")
}

/// The reader's current notices (neither archived nor expired), in
/// `ORDER`: few at any time, so the list and its unread counts are read
/// from them at once.
pub async fn current<'e, E>(pool: E, reader: Reader, user_id: i64) -> sqlx::Result<Vec<NoticeRow>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let mut q = visible(reader, user_id);
    now_or_past(&mut q, true, now_millis()).order_by(&ORDER);
    q.fetch_all(pool).await
}

/// A page of the reader's expired and archived notices, which only grow,
/// in `ORDER`: `fetch` of them after the position `after` (when given) and
/// `offset` more.
pub async fn archive<'e, E>(
    pool: E,
    reader: Reader,
    user_id: i64,
    after: Option<&[i64]>,
    fetch: i64,
    offset: i64,
) -> sqlx::Result<Vec<NoticeRow>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let mut q = visible(reader, user_id);
    now_or_past(&mut q, false, now_millis()).page(&ORDER, after, fetch, offset);
    q.fetch_all(pool).await
}

/// One notice if the reader may see it.
pub async fn one<'e, E>(
    pool: E,
    reader: Reader,
    user_id: i64,
    id: i64,
) -> sqlx::Result<Option<NoticeRow>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let mut q = visible(reader, user_id);
    q.push(" AND n.id = ").bind(id);
    Ok(q.fetch_all(pool).await?.into_iter().next())
}

/// Records that a person read a notice for a household (once).
pub async fn record_read<'e, E>(
    pool: E,
    notice: i64,
    user: i64,
    household: i64,
    as_helper: bool,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    sqlx::query(
        "INSERT INTO notice_reads (notice_id, user_id, household_id, as_helper, read_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(notice)
    .bind(user)
    .bind(household)
    .bind(i64::from(as_helper))
    .bind(now_millis())
    .execute(pool)
    .await?;
    Ok(())
}

/// The notice's community, if it exists.
pub async fn community_of<'e, E>(pool: E, notice: i64) -> sqlx::Result<Option<i64>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    sqlx::query_scalar("SELECT community_id FROM notices WHERE id = $1")
        .bind(notice)
        .fetch_optional(pool)
        .await
}

/// The households a notice is for, by building then flat, with whether
/// anyone read it for them.
#[derive(FromRow)]
pub struct TargetHousehold {
    pub household_id: i64,
    pub building: String,
    pub flat_label: String,
    pub read: i64,
}

pub async fn target_households<'e, E>(
    pool: E,
    community: i64,
    notice: i64,
) -> sqlx::Result<Vec<TargetHousehold>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    sqlx::query_as(
        "SELECT h.id AS household_id, b.name AS building, h.flat_label,
                CASE WHEN EXISTS (SELECT 1 FROM notice_reads r
                                  WHERE r.notice_id = $2 AND r.household_id = h.id) THEN 1 ELSE 0 END AS read
         FROM households h JOIN buildings b ON b.id = h.building_id
         WHERE h.community_id = $1
           AND (NOT EXISTS (SELECT 1 FROM notice_targets t WHERE t.notice_id = $2)
                OR h.building_id IN (SELECT t.building_id FROM notice_targets t WHERE t.notice_id = $2))
         ORDER BY b.sort_order, b.id, h.id",
    )
    .bind(community)
    .bind(notice)
    .fetch_all(pool)
    .await
}

/// Registered people of the community's households: (household, name, phone, role, read it).
#[derive(FromRow)]
pub struct Person {
    pub household_id: i64,
    pub name: String,
    pub phone: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub read: i64,
}

pub async fn people<'e, E>(pool: E, community: i64, notice: i64) -> sqlx::Result<Vec<Person>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    sqlx::query_as(
        "SELECT m.household_id, u.name, u.phone, m.role,
                CASE WHEN EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = $2
                                  AND r.user_id = m.user_id AND r.household_id = m.household_id)
                     THEN 1 ELSE 0 END AS read
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.community_id = $1 AND m.role IN ('resident', 'helper') AND m.revoked_at IS NULL
           AND u.phone IS NOT NULL
         ORDER BY CASE m.role WHEN 'resident' THEN 0 ELSE 1 END, m.id",
    )
    .bind(community)
    .bind(notice)
    .fetch_all(pool)
    .await
}

/// How many times the notice's text was changed.
pub async fn revisions<'e, E>(pool: E, notice: i64) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM notice_revisions WHERE notice_id = $1")
        .bind(notice)
        .fetch_one(pool)
        .await
}

/// How many of `ids` (distinct) are buildings of the community.
pub async fn buildings_in<'e, E>(executor: E, community: i64, ids: &[i64]) -> sqlx::Result<usize>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    if ids.is_empty() {
        return Ok(0);
    }
    let mut q =
        crate::db::Sql::new("SELECT CAST(COUNT(*) AS BIGINT) FROM buildings WHERE community_id = ");
    q.bind(community)
        .push(" AND id IN ")
        .bind_list(ids.iter().copied());
    let n: i64 = q.fetch_scalar(executor).await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// A notice to publish.
pub struct NoticeLine<'a> {
    pub community: i64,
    pub author: i64,
    pub title: &'a str,
    pub body: &'a str,
    pub category: NoticeCategory,
    pub pinned: bool,
    pub urgent: bool,
    pub now: i64,
    pub expires: Option<i64>,
}

/// Inserts the notice and the buildings it is for; returns its id.
pub async fn insert(
    tx: &mut crate::db::Tx,
    new: &NoticeLine<'_>,
    buildings: &[i64],
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notices (community_id, author_id, title, body, category, pinned, urgent, published_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.community)
    .bind(new.author)
    .bind(new.title)
    .bind(new.body)
    .bind(new.category.as_str())
    .bind(i64::from(new.pinned))
    .bind(i64::from(new.urgent))
    .bind(new.now)
    .bind(new.expires)
    .fetch_one(&mut *tx)
    .await?;
    add_targets(tx, id, buildings).await?;
    Ok(id)
}

async fn add_targets(tx: &mut crate::db::Tx, notice: i64, buildings: &[i64]) -> sqlx::Result<()> {
    for building in buildings {
        sqlx::query("INSERT INTO notice_targets (notice_id, building_id) VALUES ($1, $2)")
            .bind(notice)
            .bind(*building)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The buildings a notice is for, from now on (none: the whole community).
pub async fn set_targets(
    tx: &mut crate::db::Tx,
    notice: i64,
    buildings: &[i64],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM notice_targets WHERE notice_id = $1")
        .bind(notice)
        .execute(&mut *tx)
        .await?;
    add_targets(tx, notice, buildings).await
}

/// Whether the notice is urgent, and its title (for news of it).
pub async fn urgency<'e, E>(executor: E, notice: i64) -> sqlx::Result<Option<(i64, String)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as("SELECT urgent, title FROM notices WHERE id = $1")
        .bind(notice)
        .fetch_optional(executor)
        .await
}

#[derive(FromRow)]
pub struct NoticeText {
    pub title: String,
    pub body: String,
}

pub async fn text<'e, E>(executor: E, notice: i64) -> sqlx::Result<NoticeText>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as("SELECT title, body FROM notices WHERE id = $1")
        .bind(notice)
        .fetch_one(executor)
        .await
}

/// Keeps the old text in the history and writes the new.
pub async fn revise(
    tx: &mut crate::db::Tx,
    notice: i64,
    old: &NoticeText,
    (title, body): (&str, &str),
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO notice_revisions (notice_id, title, body, replaced_by, replaced_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(notice)
    .bind(&old.title)
    .bind(&old.body)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE notices SET title = $1, body = $2, updated_at = $3 WHERE id = $4")
        .bind(title)
        .bind(body)
        .bind(now)
        .bind(notice)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// What an edit changes besides the text; `None` leaves a field alone.
pub struct Changes {
    pub category: Option<NoticeCategory>,
    pub pinned: Option<bool>,
    pub urgent: Option<bool>,
    /// `Some(None)` removes the expiry.
    pub expires: Option<Option<i64>>,
    /// `Some(None)` restores an archived notice.
    pub archived: Option<Option<i64>>,
}

pub async fn change(tx: &mut crate::db::Tx, notice: i64, c: &Changes) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE notices SET category = COALESCE($1, category), pinned = COALESCE($2, pinned),
                urgent = COALESCE($3, urgent) WHERE id = $4",
    )
    .bind(c.category.map(NoticeCategory::as_str))
    .bind(c.pinned.map(i64::from))
    .bind(c.urgent.map(i64::from))
    .bind(notice)
    .execute(&mut *tx)
    .await?;
    if let Some(expires) = c.expires {
        sqlx::query("UPDATE notices SET expires_at = $1 WHERE id = $2")
            .bind(expires)
            .bind(notice)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(archived) = c.archived {
        sqlx::query("UPDATE notices SET archived_at = $1 WHERE id = $2")
            .bind(archived)
            .bind(notice)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}
