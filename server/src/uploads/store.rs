//! The uploads table: who put which photo in, and where it is used.

use std::fmt::Write as _;

use sqlx::{Any, FromRow};

/// A stored photo to record.
pub struct NewUpload<'a> {
    pub id: &'a str,
    pub by: i64,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
    pub at: i64,
}

pub async fn insert<'e, E>(executor: E, u: NewUpload<'_>) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO uploads (id, uploaded_by, width, height, bytes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(u.id)
    .bind(u.by)
    .bind(i64::from(u.width))
    .bind(i64::from(u.height))
    .bind(i64::try_from(u.bytes).unwrap_or(i64::MAX))
    .bind(u.at)
    .execute(executor)
    .await?;
    Ok(())
}

/// How many photos the person uploaded after `since`.
pub async fn count_since<'e, E>(executor: E, user: i64, since: i64) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM uploads WHERE uploaded_by = $1 AND created_at > $2",
    )
    .bind(user)
    .bind(since)
    .fetch_one(executor)
    .await
}

/// Whether this upload is the person's own.
pub async fn is_own<'e, E>(executor: E, id: &str, user: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM uploads WHERE id = $1 AND uploaded_by = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_one(executor)
    .await?;
    Ok(n > 0)
}

/// The uploader, and each ticket the photo is on (none: one row of `None`s).
#[derive(FromRow)]
pub struct Owner {
    pub uploaded_by: i64,
    pub community_id: Option<i64>,
    pub household_id: Option<i64>,
    pub assignee_id: Option<i64>,
}

/// Empty when there is no such upload.
pub async fn owners<'e, E>(executor: E, id: &str) -> sqlx::Result<Vec<Owner>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.uploaded_by, t.community_id, t.household_id, t.assignee_id
         FROM uploads u LEFT JOIN repair_photos p ON p.upload_id = u.id
         LEFT JOIN repair_tickets t ON t.id = p.ticket_id WHERE u.id = $1",
    )
    .bind(id)
    .fetch_all(executor)
    .await
}

/// Where the fee pages show this photo: a claim's screenshot (its community
/// and household) or a collection code (its community, no household).
#[derive(FromRow)]
pub struct FeeUse {
    pub community_id: i64,
    pub household_id: Option<i64>,
}

pub async fn fee_uses<'e, E>(executor: E, id: &str) -> sqlx::Result<Vec<FeeUse>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT community_id, household_id FROM fee_claims WHERE upload_id = $1
         UNION ALL
         SELECT community_id, CAST(NULL AS BIGINT) FROM fee_settings
         WHERE wechat_upload_id = $1 OR alipay_upload_id = $1",
    )
    .bind(id)
    .fetch_all(executor)
    .await
}

/// Whether goods on a shelf show this photo.
pub async fn on_shelf<'e, E>(executor: E, id: &str) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 =
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM shop_items WHERE photo_id = $1")
            .bind(id)
            .fetch_one(executor)
            .await?;
    Ok(n > 0)
}

/// Every column that may hold an upload's id: a photo named in none of
/// them is not attached to anything. (A test compares this with the
/// database's own foreign keys, so a new use cannot be forgotten here.)
pub const USES: &[(&str, &str)] = &[
    ("repair_photos", "upload_id"),
    ("shop_items", "photo_id"),
    ("fee_settings", "wechat_upload_id"),
    ("fee_settings", "alipay_upload_id"),
    ("fee_claims", "upload_id"),
    ("vote_photos", "upload_id"),
    ("suggestion_photos", "upload_id"),
];

/// `… AND NOT EXISTS (…)` for every use: the upload `u` is attached nowhere.
static UNATTACHED: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    USES.iter().fold(String::new(), |mut sql, (table, column)| {
        let _ = write!(
            sql,
            " AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.{column} = u.id)"
        );
        sql
    })
});

static UNATTACHED_BEFORE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT u.id FROM uploads u WHERE u.created_at < $1{} ORDER BY u.created_at LIMIT $2",
        *UNATTACHED
    )
});

static FORGET: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "DELETE FROM uploads WHERE id IN (SELECT u.id FROM uploads u WHERE u.id = $1 AND u.created_at < $2{})",
        *UNATTACHED
    )
});

/// Uploads made before `before` and attached to nothing, oldest first.
pub async fn unattached_before<'e, E>(
    executor: E,
    before: i64,
    limit: i64,
) -> sqlx::Result<Vec<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(UNATTACHED_BEFORE.as_str())
        .bind(before)
        .bind(limit)
        .fetch_all(executor)
        .await
}

/// Forgets one such upload, unless it was attached meanwhile (then the
/// statement changes nothing, or the foreign key refuses it); whether it
/// was forgotten.
pub async fn forget_unattached<'e, E>(executor: E, id: &str, before: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(FORGET.as_str())
        .bind(id)
        .bind(before)
        .execute(executor)
        .await?;
    Ok(done.rows_affected() == 1)
}
