//! Suggestions, their photos and replies.

use sqlx::{Any, FromRow};

#[derive(FromRow, Clone)]
pub struct SuggestionRow {
    pub id: i64,
    pub community_id: i64,
    pub author_id: i64,
    pub kind: String,
    pub body: String,
    pub anonymous: i64,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    pub helpful: Option<i64>,
    pub author_name: String,
    pub building: String,
    pub flat_label: String,
}

macro_rules! columns {
    () => {
        "SELECT s.id, s.community_id, s.author_id, s.kind, s.body, s.anonymous,
                s.created_at, s.answered_at, s.helpful, u.name AS author_name, b.name AS building,
                h.flat_label
         FROM suggestions s JOIN users u ON u.id = s.author_id
         JOIN households h ON h.id = s.household_id JOIN buildings b ON b.id = h.building_id "
    };
}

pub async fn one<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<SuggestionRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(columns!(), "WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// The office's: open ones oldest first, then the answered newest first.
pub async fn of_community<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<SuggestionRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        columns!(),
        "WHERE s.community_id = $1
         ORDER BY CASE WHEN s.answered_at IS NULL THEN 0 ELSE 1 END,
                  CASE WHEN s.answered_at IS NULL THEN s.id ELSE -s.id END
         LIMIT 300"
    ))
    .bind(community)
    .fetch_all(executor)
    .await
}

/// A writer's own, newest first.
pub async fn of_author<'e, E>(executor: E, author: i64) -> sqlx::Result<Vec<SuggestionRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        columns!(),
        "WHERE s.author_id = $1 ORDER BY s.id DESC LIMIT 300"
    ))
    .bind(author)
    .fetch_all(executor)
    .await
}

/// Of the community's suggestions that have had three days (or were
/// answered sooner): (answered within three days, all of them).
pub async fn answered_in_time<'e, E>(
    executor: E,
    community: i64,
    now: i64,
) -> sqlx::Result<(i64, i64)>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN answered_at IS NOT NULL AND answered_at - created_at <= $2
                                       THEN 1 ELSE 0 END), 0) AS BIGINT),
                CAST(COUNT(*) AS BIGINT)
         FROM suggestions
         WHERE community_id = $1 AND (created_at <= $3 - $2
               OR (answered_at IS NOT NULL AND answered_at - created_at <= $2))",
    )
    .bind(community)
    .bind(3 * crate::db::DAY)
    .bind(now)
    .fetch_one(executor)
    .await
}

pub async fn photos<'e, E>(executor: E, id: i64) -> sqlx::Result<Vec<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT upload_id FROM suggestion_photos WHERE suggestion_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(executor)
    .await
}

/// Who may see a photo of a suggestion: (its community, its writer).
pub async fn photo_uses<'e, E>(executor: E, upload: &str) -> sqlx::Result<Vec<(i64, i64)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT s.community_id, s.author_id FROM suggestion_photos p
         JOIN suggestions s ON s.id = p.suggestion_id WHERE p.upload_id = $1",
    )
    .bind(upload)
    .fetch_all(executor)
    .await
}

#[derive(FromRow)]
pub struct ReplyRow {
    pub from_office: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
}

pub async fn replies<'e, E>(executor: E, id: i64) -> sqlx::Result<Vec<ReplyRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT r.from_office, u.name AS author_name, r.body, r.created_at
         FROM suggestion_replies r JOIN users u ON u.id = r.author_id
         WHERE r.suggestion_id = $1 ORDER BY r.id",
    )
    .bind(id)
    .fetch_all(executor)
    .await
}

pub struct SuggestionLine<'a> {
    pub community: i64,
    pub household: i64,
    pub author: i64,
    pub kind: &'a str,
    pub body: &'a str,
    pub anonymous: bool,
    pub now: i64,
}

pub async fn insert(
    tx: &mut crate::db::Tx,
    s: &SuggestionLine<'_>,
    photos: &[String],
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO suggestions (community_id, household_id, author_id, kind, body, anonymous,
             created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(s.community)
    .bind(s.household)
    .bind(s.author)
    .bind(s.kind)
    .bind(s.body)
    .bind(i64::from(s.anonymous))
    .bind(s.now)
    .fetch_one(&mut *tx)
    .await?;
    for (position, upload) in (0_i64..).zip(photos) {
        sqlx::query(
            "INSERT INTO suggestion_photos (suggestion_id, upload_id, position) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(upload.as_str())
        .bind(position)
        .execute(&mut *tx)
        .await?;
    }
    Ok(id)
}

pub async fn insert_reply(
    tx: &mut crate::db::Tx,
    suggestion: i64,
    author: i64,
    from_office: bool,
    body: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO suggestion_replies (suggestion_id, author_id, from_office, body, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(suggestion)
    .bind(author)
    .bind(i64::from(from_office))
    .bind(body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if from_office {
        sqlx::query("UPDATE suggestions SET answered_at = COALESCE(answered_at, $1) WHERE id = $2")
            .bind(now)
            .bind(suggestion)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The writer's word on the answer; false when there is no answer yet.
pub async fn rate(tx: &mut crate::db::Tx, suggestion: i64, helpful: bool) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "UPDATE suggestions SET helpful = $1 WHERE id = $2 AND answered_at IS NOT NULL",
    )
    .bind(i64::from(helpful))
    .bind(suggestion)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(n == 1)
}
