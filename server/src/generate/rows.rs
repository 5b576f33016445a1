//! Many-row INSERTs in big transactions: the generator's only way in.
//! Values are made by the generator itself (numbers and fixed words), never
//! taken from outside, so they are written into the statement as literals.

use crate::db::{Backend, Db};

/// Rows gathered per table and written a few thousand at a time.
pub struct Batch<'a> {
    db: &'a Db,
    table: &'static str,
    columns: &'static str,
    values: Vec<String>,
    statements: Vec<String>,
}

const ROWS_PER_STATEMENT: usize = 1000;
const STATEMENTS_PER_TRANSACTION: usize = 50;

impl<'a> Batch<'a> {
    pub fn new(db: &'a Db) -> Self {
        Self {
            db,
            table: "",
            columns: "",
            values: Vec::new(),
            statements: Vec::new(),
        }
    }

    pub async fn row(
        &mut self,
        table: &'static str,
        columns: &'static str,
        values: String,
    ) -> anyhow::Result<()> {
        if (table, columns) != (self.table, self.columns) {
            self.cut();
            self.table = table;
            self.columns = columns;
        }
        self.values.push(values);
        if self.values.len() >= ROWS_PER_STATEMENT {
            self.cut();
        }
        if self.statements.len() >= STATEMENTS_PER_TRANSACTION {
            self.flush().await?;
        }
        Ok(())
    }

    fn cut(&mut self) {
        if self.values.is_empty() {
            return;
        }
        let rows = self
            .values
            .drain(..)
            .map(|v| format!("({v})"))
            .collect::<Vec<_>>()
            .join(",");
        self.statements.push(format!(
            "INSERT INTO {} ({}) VALUES {rows}",
            self.table, self.columns
        ));
    }

    async fn flush(&mut self) -> anyhow::Result<()> {
        let mut tx = self.db.writer().begin().await?;
        for statement in self.statements.drain(..) {
            sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn finish(&mut self) -> anyhow::Result<()> {
        self.cut();
        self.flush().await
    }
}

/// PostgreSQL's id sequences do not see explicit ids: move them past.
pub async fn after_explicit_ids(db: &Db) -> anyhow::Result<()> {
    if db.backend != Backend::Postgres {
        db.analyze().await?;
        return Ok(());
    }
    let tables = [
        "communities",
        "buildings",
        "households",
        "users",
        "memberships",
        "repair_tickets",
        "repair_events",
        "point_rules",
        "point_entries",
        "fee_schedules",
        "fee_bills",
        "fee_payments",
        "notices",
    ];
    for table in tables {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )))
        .execute(db.writer())
        .await?;
    }
    db.analyze().await?;
    Ok(())
}
