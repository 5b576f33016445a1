//! The database: one store layer over sqlx's `Any` driver, so the same
//! portable SQL (`$1` placeholders, `RETURNING`, integer times) runs on
//! SQLite and PostgreSQL.
//!
//! Portability rules every store follows, because `Any` decodes only a few
//! types: integers are `BIGINT` (PostgreSQL) / `INTEGER` (SQLite); booleans are
//! 0/1 integers with a CHECK; times are Unix milliseconds; aggregates are
//! `CAST(… AS BIGINT)` so PostgreSQL's NUMERIC never reaches the driver.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

mod sql;
mod time;
pub use sql::Sql;
pub use time::{DAY, HOUR, MINUTE, now_millis, parse_rfc3339, rfc3339};

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

/// The pools. SQLite allows one writer at a time, so writes go through a
/// one-connection pool (no "database is locked" under load) while reads use
/// several; on PostgreSQL both are the same pool.
#[derive(Debug, Clone)]
pub struct Db {
    pub backend: Backend,
    reader: AnyPool,
    writer: AnyPool,
}

/// SQLite read connections unless `--sqlite-readers` says otherwise: eight
/// measured best on 2 cores (bench/load.sh: reads 1,713 req/s against 1,350
/// with four).
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
                let writer = sqlite_pool(&options, 1).await?;
                // WAL is a property of the file: set it once, on the writer.
                writer.execute("PRAGMA journal_mode = WAL").await?;
                let reader = sqlite_pool(&options, sqlite_readers).await?;
                Self {
                    backend,
                    reader,
                    writer,
                }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await
                    .context("cannot connect to PostgreSQL")?;
                Self {
                    backend,
                    reader: pool.clone(),
                    writer: pool,
                }
            }
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator
            .run(&self.writer)
            .await
            .context("database migration failed")?;
        Ok(())
    }

    /// The pool for queries that only read.
    pub fn reader(&self) -> &AnyPool {
        &self.reader
    }

    /// The pool for anything that writes (and for reads inside a write).
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }
}

/// A SQLite pool whose every connection enforces foreign keys and waits for
/// the writer instead of failing at once.
async fn sqlite_pool(options: &AnyConnectOptions, size: u32) -> anyhow::Result<AnyPool> {
    AnyPoolOptions::new()
        .max_connections(size)
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
