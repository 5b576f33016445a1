//! The database: one store layer over sqlx's `Any` driver, so the same
//! portable SQL (`$1` placeholders, `RETURNING`, integer times) runs on
//! SQLite and PostgreSQL.
//!
//! Portability rules every store follows, because `Any` decodes only a few
//! types: integers are `BIGINT` (PostgreSQL) / `INTEGER` (SQLite); booleans are
//! 0/1 integers with a CHECK; times are Unix milliseconds; aggregates are
//! `CAST(… AS BIGINT)` so PostgreSQL's NUMERIC never reaches the driver.

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

mod lite;
mod sql;
mod time;
mod write;
pub use lite::LitePool;

/// A write refused by a unique index, from either backend (PostgreSQL's
/// error, or rusqlite's behind the SQLite writer).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(e) => e.is_unique_violation(),
        sqlx::Error::AnyDriverError(e) => e.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
            e.sqlite_error().is_some_and(|e| {
                e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            })
        }),
        _ => false,
    }
}
pub use sql::{Dir, Order, Sql};
pub use time::{DAY, HOUR, MINUTE, now_millis, parse_rfc3339, rfc3339};
pub use write::{LiteWriter, Tx, Writer};

/// An optional enum kept as text (`LEFT JOIN`ed or nullable): absent stays
/// `None`, a name the enum does not know is a decode error, never a silent
/// default. Non-null columns use `#[sqlx(try_from = "String")]` instead.
pub fn optional<T>(column: &str, value: Option<String>) -> sqlx::Result<Option<T>>
where
    T: TryFrom<String, Error = app::model::UnknownName>,
{
    value
        .map(|v| {
            T::try_from(v).map_err(|e| sqlx::Error::ColumnDecode {
                index: column.to_owned(),
                source: Box::new(e),
            })
        })
        .transpose()
}

/// Which engine is behind the pools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }

    fn from_url(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Self::Postgres)
        } else {
            anyhow::bail!("database URL must start with sqlite:// or postgres://")
        }
    }
}

/// The pools. SQLite allows one writer at a time, so writes go through one
/// connection taken in turn ([`Writer`]) — no "database is locked" under
/// load — while reads run on the request's thread through [`LitePool`]; on
/// PostgreSQL both are the same sqlx pool.
#[derive(Debug, Clone)]
pub struct Db {
    pub backend: Backend,
    reader: Reader,
    writer: Writer,
}

/// Where reads go: an `Executor` for the `Any` database either way, so a
/// store takes `db.reader()` or a transaction alike. It counts the queries
/// it runs, for the test that keeps each measured page's count from growing.
#[derive(Debug, Clone)]
pub struct Reader {
    pool: ReadPool,
    queries: Arc<AtomicU64>,
}

impl Reader {
    fn new(pool: ReadPool) -> Self {
        Self {
            pool,
            queries: Arc::default(),
        }
    }

    /// Queries run through this reader so far.
    pub fn queries(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    fn counted(&self) -> &ReadPool {
        self.queries.fetch_add(1, Ordering::Relaxed);
        &self.pool
    }
}

#[derive(Debug, Clone)]
enum ReadPool {
    /// PostgreSQL's pool (or, with `COURTYARD_SQLITE_READS=sqlx`, sqlx's
    /// SQLite pool: for comparison in benchmarks).
    Pool(AnyPool),
    /// SQLite through rusqlite, on the calling thread.
    Lite(Arc<LitePool>),
}

impl<'c> sqlx::Executor<'c> for &'c Reader {
    type Database = sqlx::Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> futures_util::stream::BoxStream<
        'e,
        sqlx::Result<either::Either<sqlx::any::AnyQueryResult, sqlx::any::AnyRow>>,
    >
    where
        'c: 'e,
        E: 'q + sqlx::Execute<'q, sqlx::Any>,
    {
        match self.counted() {
            ReadPool::Pool(pool) => pool.fetch_many(query),
            ReadPool::Lite(lite) => (&**lite).fetch_many(query),
        }
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> futures_util::future::BoxFuture<'e, sqlx::Result<Option<sqlx::any::AnyRow>>>
    where
        'c: 'e,
        E: 'q + sqlx::Execute<'q, sqlx::Any>,
    {
        match self.counted() {
            ReadPool::Pool(pool) => pool.fetch_optional(query),
            ReadPool::Lite(lite) => (&**lite).fetch_optional(query),
        }
    }

    fn prepare_with<'e>(
        self,
        sql: sqlx_core::sql_str::SqlStr,
        parameters: &'e [sqlx::any::AnyTypeInfo],
    ) -> futures_util::future::BoxFuture<'e, sqlx::Result<sqlx::any::AnyStatement>>
    where
        'c: 'e,
    {
        match &self.pool {
            ReadPool::Pool(pool) => pool.prepare_with(sql, parameters),
            ReadPool::Lite(lite) => (&**lite).prepare_with(sql, parameters),
        }
    }

    fn describe<'e>(
        self,
        sql: sqlx_core::sql_str::SqlStr,
    ) -> futures_util::future::BoxFuture<'e, sqlx::Result<sqlx::Describe<sqlx::Any>>>
    where
        'c: 'e,
    {
        match &self.pool {
            ReadPool::Pool(pool) => pool.describe(sql),
            ReadPool::Lite(lite) => (&**lite).describe(sql),
        }
    }
}

/// SQLite read connections kept open unless `--sqlite-readers` says
/// otherwise. With reads on the request's thread only as many are busy as
/// there are runtime threads; eight leaves room (it measured best when each
/// read was a hand-over to sqlx's connection threads: 1,713 req/s against
/// 1,350 with four).
pub const SQLITE_READERS: u32 = 8;

impl Db {
    /// Opens the database and runs the migrations for its backend.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        Self::connect_with(url, SQLITE_READERS).await
    }

    /// As `connect`, with `sqlite_readers` read connections on SQLite.
    pub async fn connect_with(url: &str, sqlite_readers: u32) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let options = AnyConnectOptions::from_str(url)
            .context("invalid database URL")?
            .disable_statement_logging();
        let db = match backend {
            Backend::Sqlite => {
                // sqlx makes the file, sets WAL (a property of the file) and
                // migrates; then, unless told otherwise, reads and writes
                // run through rusqlite on the request's thread.
                let pool = sqlite_pool(&options, 1).await?;
                pool.execute("PRAGMA journal_mode = WAL").await?;
                migrate(&pool, backend).await?;
                forget_stat4(&pool).await?;
                let via_sqlx = |what: &str| std::env::var(what).as_deref() == Ok("sqlx");
                let writer = if via_sqlx("COURTYARD_SQLITE_WRITES") {
                    Writer::Pool(pool)
                } else {
                    pool.close().await;
                    Writer::Lite(Arc::new(
                        LiteWriter::open(&lite::file_of(url))
                            .context("cannot open the SQLite database for writing")?,
                    ))
                };
                let reader = if via_sqlx("COURTYARD_SQLITE_READS") {
                    ReadPool::Pool(sqlite_pool(&options, sqlite_readers).await?)
                } else {
                    ReadPool::Lite(
                        LitePool::open(url, sqlite_readers as usize)
                            .context("cannot open the SQLite database for reading")?,
                    )
                };
                Self {
                    backend,
                    reader: Reader::new(reader),
                    writer,
                }
            }
            Backend::Postgres => {
                // The ping before each hand-out stays: PostgreSQL can drop
                // a connection (restart, network, pg_terminate_backend) and
                // the ping is how the pool notices and replaces it.
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .test_before_acquire(true)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await
                    .context("cannot connect to PostgreSQL")?;
                migrate(&pool, backend).await?;
                Self {
                    backend,
                    reader: Reader::new(ReadPool::Pool(pool.clone())),
                    writer: Writer::Pool(pool),
                }
            }
        };
        Ok(db)
    }

    /// Gathers the planner's statistics (after a bulk load).
    pub async fn analyze(&self) -> anyhow::Result<()> {
        (&self.writer).execute("ANALYZE").await?;
        if self.backend == Backend::Sqlite {
            forget_stat4(&self.writer).await?;
        }
        Ok(())
    }

    /// Where queries that only read go.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// Where anything that writes goes (and reads inside a write).
    pub fn writer(&self) -> &Writer {
        &self.writer
    }

    /// Connections busy and idle, by pool: `read` and `write` on SQLite,
    /// one `shared` pool on PostgreSQL.
    pub fn pool_use(&self) -> Vec<PoolUse> {
        let of_pool = |name, pool: &AnyPool| {
            let idle = pool.num_idle() as u64;
            PoolUse {
                pool: name,
                in_use: u64::from(pool.size()).saturating_sub(idle),
                idle,
            }
        };
        match (&self.reader.pool, &self.writer) {
            (ReadPool::Pool(_), Writer::Pool(pool)) if self.backend == Backend::Postgres => {
                vec![of_pool("shared", pool)]
            }
            (read, write) => {
                let read = match read {
                    ReadPool::Pool(pool) => of_pool("read", pool),
                    ReadPool::Lite(lite) => {
                        let (in_use, idle) = lite.use_counts();
                        PoolUse {
                            pool: "read",
                            in_use,
                            idle,
                        }
                    }
                };
                let write = match write {
                    Writer::Pool(pool) => of_pool("write", pool),
                    Writer::Lite(lite) => {
                        let busy = u64::from(lite.is_busy());
                        PoolUse {
                            pool: "write",
                            in_use: busy,
                            idle: 1 - busy,
                        }
                    }
                };
                vec![read, write]
            }
        }
    }
}

/// How one pool's connections are used at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    pub pool: &'static str,
    pub in_use: u64,
    pub idle: u64,
}

async fn migrate(pool: &AnyPool, backend: Backend) -> anyhow::Result<()> {
    let migrator = match backend {
        Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    migrator
        .run(pool)
        .await
        .context("database migration failed")?;
    Ok(())
}

/// SQLite's bundled build has STAT4: once `sqlite_stat4` holds samples,
/// every cached statement whose bound values meet an indexed column is
/// prepared again on each run (the plan may depend on the value), which
/// measured as the bulk of a read's cost. `sqlite_stat1`'s row counts
/// are all the planner needs here, so the samples go.
async fn forget_stat4<'e, E>(writer: E) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    let has: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM sqlite_master WHERE name = 'sqlite_stat4'",
    )
    .fetch_one(writer)
    .await?;
    if has > 0 {
        writer.execute("DELETE FROM sqlite_stat4").await?;
    }
    Ok(())
}

/// A SQLite pool whose every connection enforces foreign keys and waits for
/// the writer instead of failing at once. No ping before a connection is
/// handed out: a SQLite connection is a file handle in this process, it
/// cannot be dropped from outside, and each ping is one more round trip to
/// the connection's worker thread (sqlx #1743).
async fn sqlite_pool(options: &AnyConnectOptions, size: u32) -> anyhow::Result<AnyPool> {
    AnyPoolOptions::new()
        .max_connections(size)
        .test_before_acquire(false)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA busy_timeout = 5000").await?;
                conn.execute("PRAGMA synchronous = NORMAL").await?;
                Ok(())
            })
        })
        .connect_with(options.clone())
        .await
        .context("cannot open the SQLite database")
}
