//! The inbox table. Writing: each piece of news goes to everyone it is for in
//! one `INSERT … SELECT`, inside the transaction of what it tells of.
//! Reading: a person's items (a helper's copies only while they still help
//! that household), the unread count, marking read, pruning.

use app::model::InboxKind;
use sqlx::{Any, FromRow};

use crate::db::{Dir, Order, Sql};

/// One piece of news, before it is addressed.
pub struct News<'a> {
    pub kind: InboxKind,
    pub subject: i64,
    /// A title, name or period: cut to [`MAX_WORDS`] characters.
    pub words: &'a str,
    pub amount: Option<i64>,
    pub at: i64,
}

/// The longest `words` an item keeps (the table allows 200).
pub const MAX_WORDS: usize = 60;

/// Whom news is for.
#[derive(Debug, Clone, Copy)]
pub enum To {
    /// One person only (staff given a ticket; a watcher).
    Person(i64),
    /// Everyone of a household (its residents, and its live helpers, whose
    /// copies name it), except the one who made it happen.
    Household { household: i64, except: i64 },
    /// A resident (their points, their swaps) and the live helpers of their
    /// household in that community, except the one who made it happen.
    Resident {
        user: i64,
        community: i64,
        except: i64,
    },
    /// Every household a published notice is for (its buildings, or the
    /// whole community), residents and helpers.
    NoticeReaders { community: i64, notice: i64 },
    /// The same, leaving out whoever already has this news of it (a
    /// notice's buildings widened after it was published).
    NoticeReadersNotYetTold { community: i64, notice: i64 },
    /// Whoever watches a person's 报平安: the household's live helpers (their
    /// copies name it), the volunteer, and the community's managers when
    /// the office watches too.
    CareWatchers { person: i64 },
}

/// The columns every insert fills, in order: after the recipient and the
/// household a helper's copy names.
const COLUMNS: &str = "INSERT INTO inbox_items (user_id, for_household_id, kind, subject_id, words,
     amount, created_at) ";

/// Household members: one row per person (a resident who also helps the
/// same household gets the resident's copy).
const MEMBERS: &str = "SELECT m.user_id,
        CASE WHEN MAX(m.role) = 'helper' THEN m.household_id END, $1, $2, $3, $4, $5
     FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.revoked_at IS NULL AND m.role IN ('resident', 'helper') AND u.disabled_at IS NULL ";

/// Writes `news` for everyone `to` names; returns how many items.
pub async fn deliver(tx: &mut crate::db::Tx, news: &News<'_>, to: To) -> sqlx::Result<u64> {
    let words: String = news.words.chars().take(MAX_WORDS).collect();
    let mut q = Sql::new(COLUMNS);
    // $1–$5: the news itself, written into every shape below.
    q.bind_written(news.kind.as_str())
        .bind_written(news.subject)
        .bind_written(words)
        .bind_written(news.amount)
        .bind_written(news.at);
    match to {
        To::Person(user) => {
            q.push("SELECT u.id, NULL, $1, $2, $3, $4, $5 FROM users u WHERE u.id = ")
                .bind(user);
        }
        To::Household { household, except } => {
            q.push(MEMBERS)
                .push("AND m.household_id = ")
                .bind(household)
                .push(" AND m.user_id <> ")
                .bind(except)
                .push(" GROUP BY m.user_id, m.household_id");
        }
        To::Resident {
            user,
            community,
            except,
        } => {
            q.push("SELECT u.id, NULL, $1, $2, $3, $4, $5 FROM users u WHERE u.id = ")
                .bind(user)
                .push(" AND u.id <> ")
                .bind(except)
                .push(
                    " UNION ALL
                 SELECT h.user_id, h.household_id, $1, $2, $3, $4, $5
                 FROM memberships r
                 JOIN memberships h ON h.household_id = r.household_id
                   AND h.role = 'helper' AND h.revoked_at IS NULL
                 JOIN users hu ON hu.id = h.user_id AND hu.disabled_at IS NULL
                 WHERE r.role = 'resident' AND r.revoked_at IS NULL AND r.user_id = ",
                )
                .bind(user)
                .push(" AND r.community_id = ")
                .bind(community)
                .push(" AND h.user_id <> ")
                .bind(except)
                .push(" AND h.user_id <> ")
                .bind(user);
        }
        To::NoticeReaders { community, notice }
        | To::NoticeReadersNotYetTold { community, notice } => {
            q.push(MEMBERS);
            if matches!(to, To::NoticeReadersNotYetTold { .. }) {
                q.push(
                    "AND NOT EXISTS (SELECT 1 FROM inbox_items i WHERE i.user_id = m.user_id
                     AND i.kind = $1 AND i.subject_id = $2) ",
                );
            }
            q.push("AND m.household_id IN (SELECT h.id FROM households h WHERE h.community_id = ")
                .bind(community)
                .push(" AND (NOT EXISTS (SELECT 1 FROM notice_targets t WHERE t.notice_id = ")
                .bind(notice)
                .push(
                    ") OR h.building_id IN \
                     (SELECT t.building_id FROM notice_targets t WHERE t.notice_id = ",
                )
                .bind(notice)
                .push("))) GROUP BY m.user_id, m.household_id");
        }
        To::CareWatchers { person } => {
            q.push(
                "SELECT h.user_id, h.household_id, $1, $2, $3, $4, $5 FROM care_plans c
                 JOIN memberships h ON h.household_id = c.household_id AND h.role = 'helper'
                   AND h.revoked_at IS NULL
                 JOIN users hu ON hu.id = h.user_id AND hu.disabled_at IS NULL
                 WHERE c.user_id = ",
            )
            .bind(person)
            .push(
                " UNION SELECT c.volunteer_id, NULL, $1, $2, $3, $4, $5 FROM care_plans c
                 WHERE c.volunteer_id IS NOT NULL AND c.user_id = ",
            )
            .bind(person)
            .push(
                " UNION SELECT m.user_id, NULL, $1, $2, $3, $4, $5 FROM care_plans c
                 JOIN households hh ON hh.id = c.household_id
                 JOIN memberships m ON m.community_id = hh.community_id AND m.role = 'manager'
                   AND m.revoked_at IS NULL
                 WHERE c.watch_office = 1 AND c.user_id = ",
            )
            .bind(person);
        }
    }
    q.execute(&mut *tx).await
}

/// Newest first.
pub const ORDER: Order = Order(&[("i.id", Dir::Desc)]);

/// A person's items as they may see them now: their own, and a helper's
/// copies only while they still help that household.
macro_rules! visible {
    () => {
        " FROM inbox_items i LEFT JOIN users p ON i.kind = 'care_missed' AND p.id = i.subject_id
         WHERE i.user_id = $1 AND (i.for_household_id IS NULL OR EXISTS (
            SELECT 1 FROM memberships m WHERE m.user_id = i.user_id
              AND m.household_id = i.for_household_id AND m.role = 'helper'
              AND m.revoked_at IS NULL))"
    };
}

#[derive(FromRow)]
pub struct ItemRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: InboxKind,
    pub subject_id: i64,
    pub words: String,
    pub amount: Option<i64>,
    pub phone: Option<String>,
    pub for_household_id: Option<i64>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

impl ItemRow {
    pub fn position(&self) -> Vec<i64> {
        vec![self.id]
    }
}

/// Up to `fetch` items after `after` (a position in `ORDER`).
pub async fn items<'e, E>(
    executor: E,
    user: i64,
    after: Option<&[i64]>,
    fetch: i64,
) -> sqlx::Result<Vec<ItemRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(concat!(
        "SELECT i.id, i.kind, i.subject_id, i.words, i.amount, p.phone, i.for_household_id,
                i.created_at, i.read_at",
        visible!()
    ));
    q.bind_written(user);
    q.page(&ORDER, after, fetch, 0);
    q.fetch_all(executor).await
}

/// How many of a person's visible items are unread.
pub async fn unread<'e, E>(executor: E, user: i64) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(concat!(
        "SELECT CAST(COUNT(*) AS BIGINT)",
        visible!(),
        " AND i.read_at IS NULL"
    ))
    .bind(user)
    .fetch_one(executor)
    .await
}

/// A person's unread messages and their household's tickets changed since
/// they last looked, in one query (two badges of `GET /counts`).
pub async fn unread_and_changed<'e, E>(
    executor: E,
    user: i64,
    household: Option<i64>,
) -> sqlx::Result<(i64, i64)>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT (SELECT CAST(COUNT(*) AS BIGINT)",
        visible!(),
        " AND i.read_at IS NULL),
         (",
        crate::repairs::store::changed_tickets!(),
        ")"
    ))
    .bind(user)
    .bind(household)
    .fetch_one(executor)
    .await
}

/// Marks some of a person's items read (others' ids are ignored).
pub async fn mark_read(
    tx: &mut crate::db::Tx,
    user: i64,
    ids: &[i64],
    at: i64,
) -> sqlx::Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let mut q = Sql::new("UPDATE inbox_items SET read_at = ");
    q.bind(at)
        .push(" WHERE read_at IS NULL AND user_id = ")
        .bind(user)
        .push(" AND id IN ")
        .bind_list(ids.iter().copied());
    q.execute(&mut *tx).await
}

/// Marks all of a person's items read.
pub async fn mark_all_read(tx: &mut crate::db::Tx, user: i64, at: i64) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("UPDATE inbox_items SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(at)
            .bind(user)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
    )
}

/// Deletes items made before `before`; returns how many.
pub async fn prune<'e, E>(executor: E, before: i64) -> sqlx::Result<u64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    Ok(sqlx::query("DELETE FROM inbox_items WHERE created_at < $1")
        .bind(before)
        .execute(executor)
        .await?
        .rows_affected())
}

/// Tells each of these bills' households (residents and live helpers) of
/// its bill, `kind` being issued or overdue: one statement a few hundred
/// bills, whatever the number of people.
pub async fn deliver_bills(
    tx: &mut crate::db::Tx,
    kind: InboxKind,
    bills: &[i64],
    at: i64,
) -> sqlx::Result<u64> {
    let mut written = 0;
    for chunk in bills.chunks(500) {
        let mut q = Sql::new(COLUMNS);
        q.push("SELECT m.user_id, CASE WHEN MAX(m.role) = 'helper' THEN m.household_id END, ")
            .bind(kind.as_str())
            .push(", b.id, b.period, b.amount_fen - b.paid_fen, ")
            .bind(at)
            .push(
                " FROM fee_bills b JOIN memberships m ON m.household_id = b.household_id
              JOIN users u ON u.id = m.user_id
              WHERE m.revoked_at IS NULL AND m.role IN ('resident', 'helper')
                AND u.disabled_at IS NULL AND b.id IN ",
            )
            .bind_list(chunk.iter().copied())
            .push(" GROUP BY m.user_id, m.household_id, b.id, b.period, b.amount_fen, b.paid_fen");
        written += q.execute(&mut *tx).await?;
    }
    Ok(written)
}
