//! SQLite reads on the request's own thread.
//!
//! sqlx runs each SQLite connection on a worker thread of its own and hands
//! every command across a channel; the pool adds a ping each time a
//! connection comes back. A query SQLite answers in 5–11 µs so costs about
//! 100 µs, most of it task switching (docs/performance.md). Reads here go
//! through rusqlite instead, on the calling thread, with each connection's
//! statements cached: one small query is a few microseconds of SQLite and no
//! hand-over at all.
//!
//! It speaks sqlx's `Any` types — [`sqlx::Executor`] for `&LitePool`, rows as
//! `AnyRow`, arguments as `AnyArguments` — so every store runs unchanged on
//! it, on sqlx's SQLite writer and on PostgreSQL: no query is written twice.
//! The connections are opened read-only, so a write sent here by mistake
//! fails loudly instead of racing the single writer.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use either::Either;
use futures_util::future::{self, BoxFuture, FutureExt};
use futures_util::stream::{self, BoxStream, StreamExt};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use sqlx::Execute;
use sqlx::any::{Any, AnyArguments, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx_core::any::{AnyColumn, AnyTypeInfoKind, AnyValue, AnyValueKind};
use sqlx_core::ext::ustr::UStr;
use sqlx_core::sql_str::SqlStr;

/// Statements each connection keeps prepared: every query the stores write
/// fits, with room to spare.
const STATEMENT_CACHE: usize = 256;

/// Read-only connections to one SQLite file, opened as needed and kept for
/// reuse (at most `keep` idle). A connection is held only while one query
/// runs, never across an `.await`, so a handful is enough for any load.
pub struct LitePool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    keep: usize,
    /// Connections handed out and not yet back.
    busy: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for LitePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LitePool")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl LitePool {
    /// A pool on the file of a `sqlite://…` URL (its query string ignored:
    /// the file exists, the writer made it).
    pub fn open(url: &str, keep: usize) -> sqlx::Result<Arc<Self>> {
        let pool = Arc::new(Self {
            path: file_of(url),
            idle: Mutex::new(Vec::new()),
            keep: keep.max(1),
            busy: std::sync::atomic::AtomicU64::new(0),
        });
        // Fail at start-up, not on the first request.
        let conn = pool.take()?;
        pool.give_back(conn);
        Ok(pool)
    }

    /// Connections busy and idle now.
    pub fn use_counts(&self) -> (u64, u64) {
        let idle = self.idle.lock().map_or(0, |idle| idle.len() as u64);
        (self.busy.load(std::sync::atomic::Ordering::Relaxed), idle)
    }

    fn take(&self) -> sqlx::Result<Connection> {
        let conn = self.open_or_reuse()?;
        self.busy.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(conn)
    }

    fn open_or_reuse(&self) -> sqlx::Result<Connection> {
        if let Some(conn) = self.idle.lock().map_err(poisoned)?.pop() {
            return Ok(conn);
        }
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(driver)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(driver)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(conn)
    }

    fn give_back(&self, conn: Connection) {
        self.busy.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.keep
        {
            idle.push(conn);
        }
    }

    /// Runs one statement to the end: its rows, then what it changed.
    fn run(
        &self,
        sql: &str,
        arguments: Option<AnyArguments>,
    ) -> sqlx::Result<(Vec<AnyRow>, AnyQueryResult)> {
        let conn = self.take()?;
        let done = run_on(&conn, sql, arguments);
        // A connection whose statement failed is still sound: SQLite resets
        // the statement, and read-only connections hold no transaction.
        self.give_back(conn);
        done
    }
}

/// The file of a `sqlite://…` URL, without its query string.
pub(super) fn file_of(url: &str) -> PathBuf {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    Path::new(path.split('?').next().unwrap_or(path)).to_path_buf()
}

pub(super) fn run_on(
    conn: &Connection,
    sql: &str,
    arguments: Option<AnyArguments>,
) -> sqlx::Result<(Vec<AnyRow>, AnyQueryResult)> {
    let mut stmt = conn.prepare_cached(sql).map_err(driver)?;
    let values = arguments.map(|a| a.values.0).unwrap_or_default();
    bind(&mut stmt, &values)?;
    let count = stmt.column_count();
    let columns: Vec<UStr> = (0..count)
        .map(|i| UStr::new(stmt.column_name(i).unwrap_or("")))
        .collect();
    let names: Arc<sqlx_core::HashMap<UStr, usize>> = Arc::new(
        columns
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), i))
            .collect(),
    );
    let mut out = Vec::new();
    let mut rows = stmt.raw_query();
    while let Some(row) = rows.next().map_err(driver)? {
        let mut values = Vec::with_capacity(count);
        let mut described = Vec::with_capacity(count);
        for (i, name) in columns.iter().enumerate() {
            let kind = match row.get_ref(i).map_err(driver)? {
                ValueRef::Null => AnyValueKind::Null(AnyTypeInfoKind::Null),
                ValueRef::Integer(v) => AnyValueKind::BigInt(v),
                ValueRef::Real(v) => AnyValueKind::Double(v),
                ValueRef::Text(bytes) => AnyValueKind::Text(Arc::new(
                    String::from_utf8(bytes.to_vec()).map_err(|e| sqlx::Error::Decode(e.into()))?,
                )),
                ValueRef::Blob(bytes) => AnyValueKind::Blob(Arc::new(bytes.to_vec())),
            };
            described.push(AnyColumn {
                ordinal: i,
                name: name.clone(),
                type_info: AnyTypeInfo {
                    kind: kind_of(&kind),
                },
            });
            values.push(AnyValue { kind });
        }
        out.push(AnyRow {
            column_names: Arc::clone(&names),
            columns: described,
            values,
        });
    }
    drop(rows);
    let result = AnyQueryResult {
        rows_affected: conn.changes(),
        last_insert_id: None,
    };
    Ok((out, result))
}

fn kind_of(value: &AnyValueKind) -> AnyTypeInfoKind {
    match value {
        AnyValueKind::Null(_) => AnyTypeInfoKind::Null,
        AnyValueKind::Bool(_) => AnyTypeInfoKind::Bool,
        AnyValueKind::SmallInt(_) => AnyTypeInfoKind::SmallInt,
        AnyValueKind::Integer(_) => AnyTypeInfoKind::Integer,
        AnyValueKind::BigInt(_) => AnyTypeInfoKind::BigInt,
        AnyValueKind::Real(_) => AnyTypeInfoKind::Real,
        AnyValueKind::Double(_) => AnyTypeInfoKind::Double,
        AnyValueKind::Text(_) | AnyValueKind::TextSlice(_) => AnyTypeInfoKind::Text,
        AnyValueKind::Blob(_) => AnyTypeInfoKind::Blob,
        // The enum is non-exhaustive; a kind added later is still a value.
        _ => AnyTypeInfoKind::Null,
    }
}

/// Binds `$n` (and `?n`, and bare `?` by position) to the n-th value, as
/// sqlx's own SQLite driver does: SQLite numbers parameters by first
/// appearance, so `$2 … $1` would otherwise swap.
fn bind(stmt: &mut rusqlite::CachedStatement<'_>, values: &[AnyValueKind]) -> sqlx::Result<()> {
    for index in 1..=stmt.parameter_count() {
        let position = match stmt.parameter_name(index) {
            Some(name) => name[1..]
                .parse::<usize>()
                .map_err(|_| sqlx::Error::Protocol(format!("parameter {name} is not numbered")))?,
            None => index,
        };
        let value = values.get(position - 1).ok_or_else(|| {
            sqlx::Error::Protocol(format!(
                "statement wants parameter {position}, {} given",
                values.len()
            ))
        })?;
        let bound = match value {
            AnyValueKind::Null(_) => stmt.raw_bind_parameter(index, rusqlite::types::Null),
            AnyValueKind::Bool(v) => stmt.raw_bind_parameter(index, *v),
            AnyValueKind::SmallInt(v) => stmt.raw_bind_parameter(index, *v),
            AnyValueKind::Integer(v) => stmt.raw_bind_parameter(index, *v),
            AnyValueKind::BigInt(v) => stmt.raw_bind_parameter(index, *v),
            AnyValueKind::Real(v) => stmt.raw_bind_parameter(index, f64::from(*v)),
            AnyValueKind::Double(v) => stmt.raw_bind_parameter(index, *v),
            AnyValueKind::Text(v) => stmt.raw_bind_parameter(index, v.as_str()),
            AnyValueKind::TextSlice(v) => stmt.raw_bind_parameter(index, &**v),
            AnyValueKind::Blob(v) => stmt.raw_bind_parameter(index, v.as_slice()),
            other => {
                return Err(sqlx::Error::Protocol(format!(
                    "cannot bind {other:?} to SQLite"
                )));
            }
        };
        bound.map_err(driver)?;
    }
    Ok(())
}

pub(super) fn driver(e: rusqlite::Error) -> sqlx::Error {
    sqlx::Error::AnyDriverError(Box::new(e))
}

fn poisoned<T>(_: std::sync::PoisonError<T>) -> sqlx::Error {
    sqlx::Error::PoolClosed
}

/// The statement and its arguments, or the encoding error.
pub(super) fn parts<'q, E: Execute<'q, Any>>(
    mut query: E,
) -> sqlx::Result<(SqlStr, Option<AnyArguments>)> {
    let arguments = query.take_arguments().map_err(sqlx::Error::Encode)?;
    Ok((query.sql(), arguments))
}

impl<'c> sqlx::Executor<'c> for &'c LitePool {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, sqlx::Result<Either<AnyQueryResult, AnyRow>>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        stream_of(parts(query).and_then(|(sql, args)| self.run(sql.as_str(), args)))
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, sqlx::Result<Option<AnyRow>>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        let done = parts(query).and_then(|(sql, args)| self.run(sql.as_str(), args));
        future::ready(done.map(|(rows, _)| rows.into_iter().next())).boxed()
    }

    fn prepare_with<'e>(
        self,
        _sql: SqlStr,
        _parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, sqlx::Result<AnyStatement>>
    where
        'c: 'e,
    {
        future::ready(Err(unsupported())).boxed()
    }

    fn describe<'e>(self, _sql: SqlStr) -> BoxFuture<'e, sqlx::Result<sqlx::Describe<Any>>>
    where
        'c: 'e,
    {
        future::ready(Err(unsupported())).boxed()
    }
}

/// A statement's outcome as sqlx streams it: the rows, then what it changed.
pub(super) fn stream_of(
    done: sqlx::Result<(Vec<AnyRow>, AnyQueryResult)>,
) -> BoxStream<'static, sqlx::Result<Either<AnyQueryResult, AnyRow>>> {
    match done {
        Ok((rows, result)) => stream::iter(
            rows.into_iter()
                .map(|r| Ok(Either::Right(r)))
                .chain(std::iter::once(Ok(Either::Left(result)))),
        )
        .boxed(),
        Err(e) => stream::once(future::ready(Err(e))).boxed(),
    }
}

pub(super) fn unsupported() -> sqlx::Error {
    sqlx::Error::Protocol(
        "the SQLite read pool runs queries; it does not prepare or describe them".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::LitePool;

    fn file() -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.db");
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, score REAL);
             INSERT INTO t VALUES (1, '张', NULL, 1.5), (2, 'Li', 'x', 2.0), (3, '王', 'y', NULL);",
        )
        .expect("schema");
        let url = format!("sqlite://{}?mode=rwc", path.display());
        (dir, url)
    }

    #[tokio::test]
    async fn rows_decode_as_sqlx_rows_with_numbered_parameters() {
        let (_dir, url) = file();
        let pool = LitePool::open(&url, 2).expect("pool");
        // `$2` before `$1`: bound by number, not by order of appearance.
        let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
            "SELECT id, name, note FROM t WHERE id >= $2 AND name <> $1 ORDER BY id",
        )
        .bind("Li")
        .bind(1_i64)
        .fetch_all(&*pool)
        .await
        .expect("query");
        assert_eq!(
            rows,
            vec![
                (1, "张".to_owned(), None),
                (3, "王".to_owned(), Some("y".to_owned()))
            ]
        );
        let score: Option<f64> = sqlx::query_scalar("SELECT score FROM t WHERE id = $1")
            .bind(3_i64)
            .fetch_one(&*pool)
            .await
            .expect("scalar");
        assert_eq!(score, None);
        let none: Option<(i64,)> = sqlx::query_as("SELECT id FROM t WHERE id = $1")
            .bind(9_i64)
            .fetch_optional(&*pool)
            .await
            .expect("optional");
        assert!(none.is_none());
    }

    #[tokio::test]
    async fn a_write_is_refused_and_a_bad_statement_is_an_error() {
        let (_dir, url) = file();
        let pool = LitePool::open(&url, 1).expect("pool");
        let write = sqlx::query("DELETE FROM t").execute(&*pool).await;
        assert!(write.is_err(), "a read-only connection wrote");
        let bad = sqlx::query("SELECT nope FROM t").fetch_all(&*pool).await;
        assert!(bad.is_err());
        // The connection is still good afterwards.
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t")
            .fetch_one(&*pool)
            .await
            .expect("count");
        assert_eq!(n, 3);
    }
}
