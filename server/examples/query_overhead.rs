//! How long one small query takes by each way the server could run it:
//! `cargo run --release -p server --example query_overhead -- <sqlite file>`.
//!
//! - sqlx's `Any` pool as it comes (a ping before each hand-out and one
//!   when the connection comes back, each a round trip to the connection's
//!   worker thread);
//! - the same pool without the ping on acquire (`test_before_acquire(false)`;
//!   the ping on release cannot be turned off);
//! - one sqlx connection held for all the queries (no pool at all);
//! - the server's reader, [`server::db::LitePool`]: rusqlite on the calling
//!   thread, statements cached.

use std::str::FromStr;
use std::time::Instant;

use sqlx::Connection;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};

const QUERIES: u32 = 5_000;

/// Times [`QUERIES`] calls of `lookup` (one primary-key query each), one
/// after another, three rounds; prints the best.
async fn rounds<F, Fut>(label: &str, mut lookup: F) -> anyhow::Result<()>
where
    F: FnMut(i64) -> Fut,
    Fut: std::future::Future<Output = sqlx::Result<Option<(i64, String)>>>,
{
    let mut best = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        for i in 0..QUERIES {
            lookup(1 + i64::from(i % 1000)).await?;
        }
        best = best.min(started.elapsed().as_secs_f64() / f64::from(QUERIES) * 1e6);
    }
    println!("{label:<44} {best:>7.1} µs a query");
    Ok(())
}

const LOOKUP: &str = "SELECT id, name FROM users WHERE id = $1";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "courtyard.db".into());
    let url = format!("sqlite://{path}");
    sqlx::any::install_default_drivers();
    let options = AnyConnectOptions::from_str(&url)?;

    let pinged = AnyPoolOptions::new()
        .max_connections(8)
        .connect_with(options.clone())
        .await?;
    rounds("sqlx Any pool, ping on acquire and release", |id| {
        let pool = pinged.clone();
        async move { sqlx::query_as(LOOKUP).bind(id).fetch_optional(&pool).await }
    })
    .await?;

    let unpinged = AnyPoolOptions::new()
        .max_connections(8)
        .test_before_acquire(false)
        .connect_with(options.clone())
        .await?;
    rounds("sqlx Any pool, ping on release only", |id| {
        let pool = unpinged.clone();
        async move { sqlx::query_as(LOOKUP).bind(id).fetch_optional(&pool).await }
    })
    .await?;

    let held = std::sync::Arc::new(tokio::sync::Mutex::new(
        sqlx::AnyConnection::connect(&url).await?,
    ));
    rounds("one sqlx connection held throughout", |id| {
        let held = held.clone();
        async move {
            let mut conn = held.lock().await;
            sqlx::query_as(LOOKUP)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await
        }
    })
    .await?;

    let lite = server::db::LitePool::open(&url, 8)?;
    rounds("LitePool (rusqlite, calling thread)", |id| {
        let lite = lite.clone();
        async move { sqlx::query_as(LOOKUP).bind(id).fetch_optional(&*lite).await }
    })
    .await
}
