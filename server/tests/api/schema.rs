//! The two migration dialects cannot drift: after every migration, SQLite
//! and PostgreSQL hold the same tables, columns (type, nullability), indexes
//! (columns, unique, partial) and foreign keys, once the dialects' own
//! spellings are set aside.

use std::collections::BTreeSet;

use sqlx::Row;

use crate::helpers::{Seed, TestApp};

/// Everything compared, one line each, so a difference reads plainly.
type Schema = BTreeSet<String>;

/// SQLite's and PostgreSQL's names for the same kind of value.
fn kind(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "int" | "int8" | "int4" | "smallint" => "integer",
        "text" | "character varying" | "varchar" => "text",
        "real" | "double precision" | "float8" => "real",
        "blob" | "bytea" => "blob",
        "boolean" | "bool" => "boolean",
        _ => "other",
    }
}

async fn sqlite(app: &TestApp) -> Schema {
    let pool = app.db.writer();
    let mut schema = Schema::new();
    let tables = "SELECT name FROM sqlite_master WHERE type = 'table'
                  AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'";
    let columns = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT m.name AS t, p.name AS c, p.type AS ty, p.\"notnull\" AS nn, p.pk AS pk
         FROM ({tables}) m JOIN pragma_table_info(m.name) p"
    )))
    .fetch_all(pool)
    .await
    .expect("columns");
    for r in columns {
        let (t, c, ty): (String, String, String) = (r.get("t"), r.get("c"), r.get("ty"));
        let not_null = r.get::<i64, _>("nn") != 0 || r.get::<i64, _>("pk") != 0;
        schema.insert(format!("column {t}.{c} {} not_null={not_null}", kind(&ty)));
    }
    let indexes = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT m.name AS t, l.name AS i, l.\"unique\" AS u, l.partial AS p,
                (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)) AS cols
         FROM ({tables}) m JOIN pragma_index_list(m.name) l WHERE l.origin <> 'pk'"
    )))
    .fetch_all(pool)
    .await
    .expect("indexes");
    for r in indexes {
        let (t, cols): (String, String) = (r.get("t"), r.get("cols"));
        let (unique, partial) = (r.get::<i64, _>("u") != 0, r.get::<i64, _>("p") != 0);
        schema.insert(format!(
            "index {t}({cols}) unique={unique} partial={partial}"
        ));
    }
    let keys = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT m.name AS t, f.\"from\" AS c, f.\"table\" AS rt, f.\"to\" AS rc
         FROM ({tables}) m JOIN pragma_foreign_key_list(m.name) f"
    )))
    .fetch_all(pool)
    .await
    .expect("foreign keys");
    for r in keys {
        let (t, c, rt): (String, String, String) = (r.get("t"), r.get("c"), r.get("rt"));
        // SQLite leaves the referenced column empty for "the primary key".
        let rc = r
            .get::<Option<String>, _>("rc")
            .unwrap_or_else(|| "id".into());
        schema.insert(format!("foreign key {t}.{c} -> {rt}.{rc}"));
    }
    schema
}

async fn postgres(app: &TestApp) -> Schema {
    let pool = app.db.writer();
    let mut schema = Schema::new();
    let columns = sqlx::query(
        "SELECT table_name::text AS t, column_name::text AS c, data_type::text AS ty,
                is_nullable::text AS nullable
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .expect("columns");
    for r in columns {
        let (t, c, ty, nullable): (String, String, String, String) =
            (r.get("t"), r.get("c"), r.get("ty"), r.get("nullable"));
        let not_null = nullable == "NO";
        schema.insert(format!("column {t}.{c} {} not_null={not_null}", kind(&ty)));
    }
    let indexes = sqlx::query(
        "SELECT t.relname::text AS t,
                (SELECT string_agg(a.attname::text, ',' ORDER BY k.n)
                 FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols,
                x.indisunique AS u, x.indpred IS NOT NULL AS p
         FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace s ON s.oid = t.relnamespace
         WHERE s.nspname = current_schema() AND NOT x.indisprimary
           AND t.relname NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .expect("indexes");
    for r in indexes {
        let (t, cols): (String, String) = (r.get("t"), r.get("cols"));
        let (unique, partial): (bool, bool) = (r.get("u"), r.get("p"));
        schema.insert(format!(
            "index {t}({cols}) unique={unique} partial={partial}"
        ));
    }
    let keys = sqlx::query(
        "SELECT t.relname::text AS t, a.attname::text AS c, rt.relname::text AS rt, ra.attname::text AS rc
         FROM pg_constraint f
         JOIN pg_class t ON t.oid = f.conrelid JOIN pg_class rt ON rt.oid = f.confrelid
         JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]
         JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = f.confkey[1]
         JOIN pg_namespace s ON s.oid = t.relnamespace
         WHERE f.contype = 'f' AND s.nspname = current_schema()",
    )
    .fetch_all(pool)
    .await
    .expect("foreign keys");
    for r in keys {
        let (t, c, rt, rc): (String, String, String, String) =
            (r.get("t"), r.get("c"), r.get("rt"), r.get("rc"));
        schema.insert(format!("foreign key {t}.{c} -> {rt}.{rc}"));
    }
    schema
}

#[tokio::test]
async fn sqlite_and_postgresql_migrate_to_the_same_schema() {
    let Some(pg) = TestApp::postgres_with(Seed::Empty).await else {
        return;
    };
    let lite = TestApp::sqlite_with(Seed::Empty).await;
    let (a, b) = (sqlite(&lite).await, postgres(&pg).await);
    assert!(
        a.iter().filter(|l| l.starts_with("column")).count() > 100,
        "the schema was read: {a:?}"
    );
    let only_sqlite: Vec<&String> = a.difference(&b).collect();
    let only_postgres: Vec<&String> = b.difference(&a).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the dialects drifted.\nonly in SQLite:\n  {}\nonly in PostgreSQL:\n  {}",
        only_sqlite
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
        only_postgres
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}
