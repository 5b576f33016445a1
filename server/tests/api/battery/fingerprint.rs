//! The whole database as one comparable value: every table's rows, read in
//! a fixed order, so that "nothing was stored" covers inserts, updates and
//! deletes alike.

use std::collections::BTreeMap;

use server::db::Backend;

use crate::helpers::TestApp;

/// Tables a refused request may still touch: the session's last-seen time
/// and the failed-login counter.
const MOVING: [&str; 2] = ["sessions", "login_failures"];

pub type Fingerprint = BTreeMap<String, String>;

async fn texts(app: &TestApp, sql: String) -> Vec<String> {
    sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql))
        .fetch_all(app.db.reader())
        .await
        .expect("fingerprint query")
}

pub async fn take(app: &TestApp) -> Fingerprint {
    let postgres = app.db.backend == Backend::Postgres;
    let tables = if postgres {
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_sqlx%' ORDER BY 1"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' ORDER BY 1"
    };
    let mut print = Fingerprint::new();
    for table in texts(app, tables.into()).await {
        if MOVING.contains(&table.as_str()) {
            continue;
        }
        let sql = if postgres {
            format!(
                "SELECT COALESCE(md5(string_agg(t::text, ';' ORDER BY t::text)), '') FROM {table} t"
            )
        } else {
            let columns = texts(
                app,
                format!("SELECT name FROM pragma_table_info('{table}')"),
            )
            .await;
            let row = columns
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            format!(
                "SELECT COALESCE(group_concat(r, ';'), '') FROM (SELECT {row} AS r FROM {table} ORDER BY rowid)"
            )
        };
        let value = texts(app, sql).await.pop().unwrap_or_default();
        print.insert(table, value);
    }
    print
}

/// The tables whose contents differ.
pub fn changed(before: &Fingerprint, after: &Fingerprint) -> Vec<String> {
    after
        .iter()
        .filter(|(table, rows)| before.get(*table) != Some(rows))
        .map(|(table, _)| table.clone())
        .collect()
}
