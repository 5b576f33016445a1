//! Votes, their choices and scope, ballots, and the counts.

use sqlx::{Any, FromRow};

use crate::db::Sql;

#[derive(FromRow, Clone)]
pub struct VoteRow {
    pub id: i64,
    pub community_id: i64,
    pub kind: String,
    pub matter: String,
    pub question: String,
    pub documents: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub closed_at: Option<i64>,
    pub result: Option<String>,
    pub notice_id: Option<i64>,
    pub version: i64,
}

macro_rules! vote_columns {
    () => {
        "SELECT id, community_id, kind, matter, question, documents, opens_at, closes_at, closed_at,
                result, notice_id, version FROM votes "
    };
}

/// Marks that something was cast, while the vote is still open: false when
/// the office closed it meanwhile (the caller then rolls back). On
/// PostgreSQL this update waits for a close in progress and sees its
/// outcome, and a close waits for it: a ballot is counted or refused, never
/// accepted and left out.
async fn bump(tx: &mut crate::db::Tx, vote: i64) -> sqlx::Result<bool> {
    let n =
        sqlx::query("UPDATE votes SET version = version + 1 WHERE id = $1 AND closed_at IS NULL")
            .bind(vote)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    Ok(n == 1)
}

pub async fn vote<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<VoteRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(vote_columns!(), "WHERE id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// The community's votes, newest first; for a household, those whose
/// buildings include its building.
pub async fn votes<'e, E>(
    executor: E,
    community: i64,
    building: Option<i64>,
) -> sqlx::Result<Vec<VoteRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(concat!(vote_columns!(), "WHERE community_id = "));
    q.bind(community);
    if let Some(b) = building {
        q.push(
            " AND (NOT EXISTS (SELECT 1 FROM vote_buildings vb WHERE vb.vote_id = votes.id)
               OR EXISTS (SELECT 1 FROM vote_buildings vb WHERE vb.vote_id = votes.id
                          AND vb.building_id = ",
        )
        .bind(b)
        .push("))");
    }
    q.push(" ORDER BY id DESC LIMIT 200");
    q.fetch_all(executor).await
}

/// Which of these votes the household has a ballot in.
pub async fn voted_in<'e, E>(executor: E, household: i64) -> sqlx::Result<Vec<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT vote_id FROM ballots WHERE household_id = $1")
        .bind(household)
        .fetch_all(executor)
        .await
}

pub async fn choices<'e, E>(executor: E, vote: i64) -> sqlx::Result<Vec<(i64, String)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as("SELECT id, label FROM vote_choices WHERE vote_id = $1 ORDER BY position")
        .bind(vote)
        .fetch_all(executor)
        .await
}

pub async fn building_names<'e, E>(executor: E, vote: i64) -> sqlx::Result<Vec<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT b.name FROM vote_buildings vb JOIN buildings b ON b.id = vb.building_id
         WHERE vb.vote_id = $1 ORDER BY b.sort_order, b.id",
    )
    .bind(vote)
    .fetch_all(executor)
    .await
}

pub async fn photos<'e, E>(executor: E, vote: i64) -> sqlx::Result<Vec<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT upload_id FROM vote_photos WHERE vote_id = $1 ORDER BY position")
        .bind(vote)
        .fetch_all(executor)
        .await
}

/// The communities whose votes show this photo.
pub async fn photo_communities<'e, E>(executor: E, upload: &str) -> sqlx::Result<Vec<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT v.community_id FROM vote_photos p JOIN votes v ON v.id = p.vote_id
         WHERE p.upload_id = $1",
    )
    .bind(upload)
    .fetch_all(executor)
    .await
}

/// The households a vote is for: its buildings', or the whole community's.
const IN_SCOPE: &str = " h.community_id = v.community_id
      AND (NOT EXISTS (SELECT 1 FROM vote_buildings vb WHERE vb.vote_id = v.id)
           OR h.building_id IN (SELECT vb.building_id FROM vote_buildings vb WHERE vb.vote_id = v.id)) ";

/// Whether the household is one the vote is for.
pub async fn in_scope<'e, E>(executor: E, vote: i64, household: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new("SELECT CAST(COUNT(*) AS BIGINT) FROM votes v JOIN households h ON ");
    q.push(IN_SCOPE)
        .push(" WHERE v.id = ")
        .bind(vote)
        .push(" AND h.id = ")
        .bind(household);
    Ok(q.fetch_scalar::<i64, _>(executor).await? > 0)
}

/// Every household the vote is for, and their area.
pub async fn eligible<'e, E>(executor: E, vote: i64) -> sqlx::Result<(i64, i64)>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(
        "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(h.area_hundredths_m2), 0) AS BIGINT)
         FROM votes v JOIN households h ON ",
    );
    q.push(IN_SCOPE).push(" WHERE v.id = ").bind(vote);
    let rows: Vec<(i64, i64)> = q.fetch_all(executor).await?;
    Ok(rows.into_iter().next().unwrap_or_default())
}

/// Each choice's ballots: (choice, households, area, of them online).
pub async fn counts<'e, E>(executor: E, vote: i64) -> sqlx::Result<Vec<(i64, i64, i64, i64)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT b.choice_id, CAST(COUNT(*) AS BIGINT),
                CAST(SUM(h.area_hundredths_m2) AS BIGINT),
                CAST(SUM(CASE WHEN b.way = 'online' THEN 1 ELSE 0 END) AS BIGINT)
         FROM ballots b JOIN households h ON h.id = b.household_id
         WHERE b.vote_id = $1 GROUP BY b.choice_id",
    )
    .bind(vote)
    .fetch_all(executor)
    .await
}

#[derive(FromRow)]
pub struct MissingRow {
    pub household_id: i64,
    pub building: String,
    pub flat_label: String,
    pub area_hundredths_m2: i64,
    pub contact_phone: String,
}

/// Households the vote is for that have no ballot, by building and flat.
pub async fn missing<'e, E>(executor: E, vote: i64) -> sqlx::Result<Vec<MissingRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(
        "SELECT h.id AS household_id, bu.name AS building, h.flat_label, h.area_hundredths_m2,
                h.contact_phone
         FROM votes v JOIN households h ON ",
    );
    q.push(IN_SCOPE)
        .push(
            " JOIN buildings bu ON bu.id = h.building_id
         WHERE NOT EXISTS (SELECT 1 FROM ballots b WHERE b.vote_id = v.id AND b.household_id = h.id)
           AND v.id = ",
        )
        .bind(vote)
        .push(" ORDER BY bu.sort_order, bu.id, h.flat_label, h.id");
    q.fetch_all(executor).await
}

#[derive(FromRow)]
pub struct BallotRow {
    pub household_id: i64,
    pub choice_id: i64,
    pub way: String,
    pub cast_by: String,
    pub cast_at: i64,
    pub changed_at: Option<i64>,
    pub paper_no: Option<String>,
}

pub async fn ballot<'e, E>(
    executor: E,
    vote: i64,
    household: i64,
) -> sqlx::Result<Option<BallotRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT b.household_id, b.choice_id, b.way, u.name AS cast_by, b.cast_at, b.changed_at,
                b.paper_no
         FROM ballots b JOIN users u ON u.id = b.cast_by
         WHERE b.vote_id = $1 AND b.household_id = $2",
    )
    .bind(vote)
    .bind(household)
    .fetch_optional(executor)
    .await
}

/// A vote as a manager opens it.
pub struct VoteLine<'a> {
    pub community: i64,
    pub kind: &'a str,
    pub matter: &'a str,
    pub question: &'a str,
    pub documents: &'a str,
    pub opens_at: i64,
    pub closes_at: i64,
    pub by: i64,
    pub now: i64,
}

pub async fn insert(
    tx: &mut crate::db::Tx,
    v: &VoteLine<'_>,
    choices: &[&str],
    buildings: &[i64],
    photos: &[String],
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO votes (community_id, kind, matter, question, documents, opens_at, closes_at,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(v.community)
    .bind(v.kind)
    .bind(v.matter)
    .bind(v.question)
    .bind(v.documents)
    .bind(v.opens_at)
    .bind(v.closes_at)
    .bind(v.by)
    .bind(v.now)
    .fetch_one(&mut *tx)
    .await?;
    for (position, label) in (0_i64..).zip(choices) {
        sqlx::query("INSERT INTO vote_choices (vote_id, position, label) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(position)
            .bind(*label)
            .execute(&mut *tx)
            .await?;
    }
    for building in buildings {
        sqlx::query("INSERT INTO vote_buildings (vote_id, building_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*building)
            .execute(&mut *tx)
            .await?;
    }
    for (position, upload) in (0_i64..).zip(photos) {
        sqlx::query("INSERT INTO vote_photos (vote_id, upload_id, position) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(upload.as_str())
            .bind(position)
            .execute(&mut *tx)
            .await?;
    }
    Ok(id)
}

/// A ballot as it is cast.
pub struct BallotLine<'a> {
    pub vote: i64,
    pub household: i64,
    pub choice: i64,
    pub paper: Option<(&'a str, &'a str)>,
    pub by: i64,
    pub now: i64,
}

/// What casting did.
pub enum Casting {
    New,
    /// The household's earlier online ballot now says this.
    Changed,
    /// The vote is not running (not yet open, past its closing time, or
    /// closed by the office).
    NotRunning,
    /// The household has a ballot that this one may not replace (a paper
    /// one, or any for a paper one).
    AlreadyVoted,
    /// Another household's paper ballot has that number.
    PaperNoTaken,
}

/// Casts (or, online, changes) the household's ballot, in one statement
/// that also checks that the vote is running, so no ballot lands after it
/// closed.
pub async fn cast(tx: &mut crate::db::Tx, b: &BallotLine<'_>) -> sqlx::Result<Casting> {
    let (way, paper_no, collected_by) = match b.paper {
        Some((no, by)) => ("paper", Some(no), Some(by)),
        None => ("online", None, None),
    };
    let done: sqlx::Result<Option<(i64, Option<i64>)>> = sqlx::query_as(
        "INSERT INTO ballots (vote_id, household_id, choice_id, way, cast_by, paper_no,
             collected_by, cast_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM votes
         WHERE id = $1 AND closed_at IS NULL AND opens_at <= $8 AND closes_at > $8
         ON CONFLICT (vote_id, household_id) DO UPDATE SET choice_id = excluded.choice_id,
             cast_by = excluded.cast_by, changed_at = excluded.cast_at
         WHERE ballots.way = 'online' AND excluded.way = 'online'
         RETURNING id, changed_at",
    )
    .bind(b.vote)
    .bind(b.household)
    .bind(b.choice)
    .bind(way)
    .bind(b.by)
    .bind(paper_no)
    .bind(collected_by)
    .bind(b.now)
    .fetch_optional(&mut *tx)
    .await;
    match done {
        Ok(Some(_)) if !bump(tx, b.vote).await? => Ok(Casting::NotRunning),
        Ok(Some((_, None))) => Ok(Casting::New),
        Ok(Some((_, Some(_)))) => Ok(Casting::Changed),
        Ok(None) => {
            // Refused by the running check or by the conflict's condition.
            let running: i64 = sqlx::query_scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM votes
                 WHERE id = $1 AND closed_at IS NULL AND opens_at <= $2 AND closes_at > $2",
            )
            .bind(b.vote)
            .bind(b.now)
            .fetch_one(&mut *tx)
            .await?;
            Ok(if running == 0 {
                Casting::NotRunning
            } else {
                Casting::AlreadyVoted
            })
        }
        Err(e) if crate::db::is_unique_violation(&e) => Ok(Casting::PaperNoTaken),
        Err(e) => Err(e),
    }
}

/// Closes the vote with the result counted at `version`; false when it was
/// closed already or something was cast since the count.
pub async fn close(
    tx: &mut crate::db::Tx,
    vote: i64,
    version: i64,
    result: &str,
    notice: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "UPDATE votes SET closed_at = $1, closed_by = $2, result = $3, notice_id = $4
         WHERE id = $5 AND closed_at IS NULL AND version = $6",
    )
    .bind(now)
    .bind(by)
    .bind(result)
    .bind(notice)
    .bind(vote)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(n == 1)
}

#[derive(FromRow)]
pub struct ExportRow {
    pub building: String,
    pub flat_label: String,
    pub area_hundredths_m2: i64,
    pub choice: String,
    pub way: String,
    pub paper_no: Option<String>,
    pub collected_by: Option<String>,
    pub cast_by: String,
    pub cast_at: i64,
    pub changed_at: Option<i64>,
}

pub async fn export<'e, E>(executor: E, vote: i64) -> sqlx::Result<Vec<ExportRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT bu.name AS building, h.flat_label, h.area_hundredths_m2, c.label AS choice, b.way,
                b.paper_no, b.collected_by, u.name AS cast_by, b.cast_at, b.changed_at
         FROM ballots b JOIN households h ON h.id = b.household_id
         JOIN buildings bu ON bu.id = h.building_id
         JOIN vote_choices c ON c.id = b.choice_id JOIN users u ON u.id = b.cast_by
         WHERE b.vote_id = $1 ORDER BY bu.sort_order, bu.id, h.flat_label, h.id",
    )
    .bind(vote)
    .fetch_all(executor)
    .await
}

pub async fn building_ids<'e, E>(executor: E, vote: i64) -> sqlx::Result<Vec<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT building_id FROM vote_buildings WHERE vote_id = $1 ORDER BY building_id",
    )
    .bind(vote)
    .fetch_all(executor)
    .await
}

// Consultations (征求意见): one answer per person.

/// An answer as it is given.
pub struct AnswerLine<'a> {
    pub vote: i64,
    pub user: i64,
    pub household: i64,
    pub choice: Option<i64>,
    pub words: Option<&'a str>,
    pub now: i64,
}

/// Gives (or changes) the person's answer while the consultation runs;
/// false when it is not running.
pub async fn answer(tx: &mut crate::db::Tx, a: &AnswerLine<'_>) -> sqlx::Result<bool> {
    let done: Option<i64> = sqlx::query_scalar(
        "INSERT INTO consultation_answers (vote_id, user_id, household_id, choice_id, words,
             answered_at)
         SELECT $1, $2, $3, $4, $5, $6 FROM votes
         WHERE id = $1 AND closed_at IS NULL AND opens_at <= $6 AND closes_at > $6
         ON CONFLICT (vote_id, user_id) DO UPDATE SET choice_id = excluded.choice_id,
             words = excluded.words, household_id = excluded.household_id,
             changed_at = excluded.answered_at
         RETURNING vote_id",
    )
    .bind(a.vote)
    .bind(a.user)
    .bind(a.household)
    .bind(a.choice)
    .bind(a.words)
    .bind(a.now)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(done.is_some() && bump(tx, a.vote).await?)
}

#[derive(FromRow)]
pub struct AnswerRow {
    pub choice_id: Option<i64>,
    pub words: Option<String>,
    pub answered_at: i64,
    pub changed_at: Option<i64>,
}

pub async fn answer_of<'e, E>(executor: E, vote: i64, user: i64) -> sqlx::Result<Option<AnswerRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT choice_id, words, answered_at, changed_at FROM consultation_answers
         WHERE vote_id = $1 AND user_id = $2",
    )
    .bind(vote)
    .bind(user)
    .fetch_optional(executor)
    .await
}

/// Each choice's answers, and the answers in words, oldest first.
pub async fn answers<'e, E>(
    executor: E,
    vote: i64,
) -> sqlx::Result<Vec<(Option<i64>, Option<String>)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT choice_id, words FROM consultation_answers WHERE vote_id = $1
         ORDER BY answered_at, user_id",
    )
    .bind(vote)
    .fetch_all(executor)
    .await
}

/// Households the consultation is for where nobody has answered.
pub async fn unanswered<'e, E>(executor: E, vote: i64) -> sqlx::Result<Vec<MissingRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(
        "SELECT h.id AS household_id, bu.name AS building, h.flat_label, h.area_hundredths_m2,
                h.contact_phone
         FROM votes v JOIN households h ON ",
    );
    q.push(IN_SCOPE)
        .push(
            " JOIN buildings bu ON bu.id = h.building_id
         WHERE NOT EXISTS (SELECT 1 FROM consultation_answers a
                           WHERE a.vote_id = v.id AND a.household_id = h.id)
           AND v.id = ",
        )
        .bind(vote)
        .push(" ORDER BY bu.sort_order, bu.id, h.flat_label, h.id");
    q.fetch_all(executor).await
}
