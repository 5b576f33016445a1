//! How long one small query takes through the server's pools (the `Any`
//! pool the server uses, and a native `SqlitePool` for comparison):
//! `cargo run --release -p server --example query_overhead -- <sqlite file>`.

use std::time::Instant;

const QUERIES: u32 = 5_000;

/// Times [`QUERIES`] calls of `lookup` (one primary-key query each), one
/// after another, three rounds.
async fn rounds<F, Fut>(label: &str, lookup: F) -> anyhow::Result<()>
where
    F: Fn(i64) -> Fut,
    Fut: std::future::Future<Output = sqlx::Result<Option<(i64, String)>>>,
{
    for round in 0..3 {
        let started = Instant::now();
        for i in 0..QUERIES {
            lookup(1 + i64::from(i % 1000)).await?;
        }
        let per = started.elapsed().as_secs_f64() / f64::from(QUERIES) * 1e6;
        println!("{label} round {round}: {per:.1} µs a query, one at a time");
    }
    Ok(())
}

const LOOKUP: &str = "SELECT id, name FROM users WHERE id = $1";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "courtyard.db".into());
    let db = server::db::Db::connect(&format!("sqlite://{path}")).await?;
    let any = db.reader().clone();
    rounds("server's Any pool", |id| {
        let any = any.clone();
        async move { sqlx::query_as(LOOKUP).bind(id).fetch_optional(&any).await }
    })
    .await?;
    let native = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(4)
        .connect(&format!("sqlite://{path}"))
        .await?;
    rounds("native SqlitePool", |id| {
        let native = native.clone();
        async move {
            sqlx::query_as(LOOKUP)
                .bind(id)
                .fetch_optional(&native)
                .await
        }
    })
    .await
}
