//! Where writes go: on PostgreSQL sqlx's pool, on SQLite the one writer
//! connection through rusqlite on the request's thread (as the reads,
//! [`super::LitePool`]), taken in turn behind a fair async lock — the same
//! one-writer rule as before, without a thread hand-over for each statement.
//!
//! [`Tx`] is a transaction of either kind. It is an `Executor` through
//! `&mut Tx`, so a store takes `&mut tx` whichever backend is behind it; it
//! rolls back when dropped uncommitted, as sqlx's does.

use std::path::Path;
use std::sync::Arc;

use either::Either;
use futures_util::future::{self, BoxFuture, FutureExt};
use futures_util::stream::{self, BoxStream, StreamExt};
use rusqlite::{Connection, OpenFlags};
use sqlx::any::{Any, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::{AnyPool, Execute};
use sqlx_core::sql_str::SqlStr;
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::lite::{driver, parts, run_on, stream_of, unsupported};

/// The SQLite writer: one read-write connection.
pub struct LiteWriter {
    conn: Arc<Mutex<Connection>>,
}

impl std::fmt::Debug for LiteWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiteWriter").finish_non_exhaustive()
    }
}

impl LiteWriter {
    /// The writer on an existing file (sqlx made it and migrated it).
    pub fn open(path: &Path) -> sqlx::Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(driver)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(driver)?;
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL;",
        )
        .map_err(driver)?;
        conn.set_prepared_statement_cache_capacity(256);
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }
}

impl LiteWriter {
    /// Whether a write transaction holds the connection now.
    pub fn is_busy(&self) -> bool {
        self.conn.try_lock().is_err()
    }
}

/// The pool for anything that writes.
#[derive(Debug, Clone)]
pub enum Writer {
    Pool(AnyPool),
    Lite(Arc<LiteWriter>),
}

impl Writer {
    /// A transaction: on SQLite `BEGIN IMMEDIATE`, so it holds the write
    /// lock from its first statement and cannot fail half-way for want of it.
    pub async fn begin(&self) -> sqlx::Result<Tx> {
        match self {
            Writer::Pool(pool) => Ok(Tx::Pool(pool.begin().await?)),
            Writer::Lite(lite) => {
                let conn = Arc::clone(&lite.conn).lock_owned().await;
                conn.execute_batch("BEGIN IMMEDIATE").map_err(driver)?;
                Ok(Tx::Lite(LiteTx { conn: Some(conn) }))
            }
        }
    }
}

/// A write transaction of either backend.
#[derive(Debug)]
pub enum Tx {
    Pool(sqlx::Transaction<'static, Any>),
    Lite(LiteTx),
}

/// The SQLite writer held for one transaction.
pub struct LiteTx {
    /// `None` once committed.
    conn: Option<OwnedMutexGuard<Connection>>,
}

impl std::fmt::Debug for LiteTx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiteTx").finish_non_exhaustive()
    }
}

impl Drop for LiteTx {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take()
            && !conn.is_autocommit()
            && let Err(e) = conn.execute_batch("ROLLBACK")
        {
            tracing::warn!(error = %e, "rollback of an abandoned write failed");
        }
    }
}

impl Tx {
    pub async fn commit(self) -> sqlx::Result<()> {
        match self {
            Tx::Pool(tx) => tx.commit().await,
            Tx::Lite(mut tx) => {
                let conn = tx.conn.take().ok_or(sqlx::Error::WorkerCrashed)?;
                if let Err(e) = conn.execute_batch("COMMIT") {
                    // Leave nothing half-done on the connection.
                    let _ = conn.execute_batch("ROLLBACK");
                    return Err(driver(e));
                }
                Ok(())
            }
        }
    }
}

impl<'c> sqlx::Executor<'c> for &'c mut Tx {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, sqlx::Result<Either<AnyQueryResult, AnyRow>>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        match self {
            Tx::Pool(tx) => (&mut **tx).fetch_many(query),
            Tx::Lite(tx) => match tx.conn.as_deref() {
                Some(conn) => {
                    stream_of(parts(query).and_then(|(sql, args)| run_on(conn, sql.as_str(), args)))
                }
                None => stream_of(Err(sqlx::Error::WorkerCrashed)),
            },
        }
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, sqlx::Result<Option<AnyRow>>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        match self {
            Tx::Pool(tx) => (&mut **tx).fetch_optional(query),
            Tx::Lite(tx) => {
                let done = match tx.conn.as_deref() {
                    Some(conn) => {
                        parts(query).and_then(|(sql, args)| run_on(conn, sql.as_str(), args))
                    }
                    None => Err(sqlx::Error::WorkerCrashed),
                };
                future::ready(done.map(|(rows, _)| rows.into_iter().next())).boxed()
            }
        }
    }

    fn prepare_with<'e>(
        self,
        sql: SqlStr,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, sqlx::Result<AnyStatement>>
    where
        'c: 'e,
    {
        match self {
            Tx::Pool(tx) => (&mut **tx).prepare_with(sql, parameters),
            Tx::Lite(_) => future::ready(Err(unsupported())).boxed(),
        }
    }

    fn describe<'e>(self, sql: SqlStr) -> BoxFuture<'e, sqlx::Result<sqlx::Describe<Any>>>
    where
        'c: 'e,
    {
        match self {
            Tx::Pool(tx) => (&mut **tx).describe(sql),
            Tx::Lite(_) => future::ready(Err(unsupported())).boxed(),
        }
    }
}

/// One statement outside a transaction: SQLite waits its turn for the writer.
impl<'c> sqlx::Executor<'c> for &'c Writer {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, sqlx::Result<Either<AnyQueryResult, AnyRow>>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        match self {
            Writer::Pool(pool) => pool.fetch_many(query),
            Writer::Lite(lite) => {
                let prepared = parts(query);
                let conn = Arc::clone(&lite.conn);
                stream::once(async move {
                    let (sql, args) = prepared?;
                    let conn = conn.lock_owned().await;
                    run_on(&conn, sql.as_str(), args)
                })
                .flat_map(stream_of)
                .boxed()
            }
        }
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, sqlx::Result<Option<AnyRow>>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        match self {
            Writer::Pool(pool) => pool.fetch_optional(query),
            Writer::Lite(lite) => {
                let prepared = parts(query);
                let conn = Arc::clone(&lite.conn);
                async move {
                    let (sql, args) = prepared?;
                    let conn = conn.lock_owned().await;
                    run_on(&conn, sql.as_str(), args).map(|(rows, _)| rows.into_iter().next())
                }
                .boxed()
            }
        }
    }

    fn prepare_with<'e>(
        self,
        sql: SqlStr,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, sqlx::Result<AnyStatement>>
    where
        'c: 'e,
    {
        match self {
            Writer::Pool(pool) => pool.prepare_with(sql, parameters),
            Writer::Lite(_) => future::ready(Err(unsupported())).boxed(),
        }
    }

    fn describe<'e>(self, sql: SqlStr) -> BoxFuture<'e, sqlx::Result<sqlx::Describe<Any>>>
    where
        'c: 'e,
    {
        match self {
            Writer::Pool(pool) => pool.describe(sql),
            Writer::Lite(_) => future::ready(Err(unsupported())).boxed(),
        }
    }
}
