//! How long one small query takes through the server's pools:
//! `cargo run --release -p server --example query_overhead -- <sqlite file>`.

use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "courtyard.db".into());
    let db = server::db::Db::connect(&format!("sqlite://{path}")).await?;
    for round in 0..3 {
        let started = Instant::now();
        let n = 5_000;
        for i in 0..n {
            let _: Option<(i64, String)> =
                sqlx::query_as("SELECT id, name FROM users WHERE id = $1")
                    .bind(1 + i % 1000)
                    .fetch_optional(db.reader())
                    .await?;
        }
        let per = started.elapsed().as_secs_f64() / f64::from(n) * 1e6;
        println!("round {round}: {per:.1} µs a query, one at a time");
    }
    let native = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(4)
        .connect(&format!("sqlite://{path}"))
        .await?;
    for round in 0..3 {
        let started = Instant::now();
        let n = 5_000;
        for i in 0..n {
            let _: Option<(i64, String)> =
                sqlx::query_as("SELECT id, name FROM users WHERE id = $1")
                    .bind(1 + i % 1000)
                    .fetch_optional(&native)
                    .await?;
        }
        let per = started.elapsed().as_secs_f64() / f64::from(n) * 1e6;
        println!("native SqlitePool round {round}: {per:.1} µs a query");
    }
    Ok(())
}
