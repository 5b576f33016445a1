//! SQL put together at run time, for a filter whose clauses depend on the
//! request. Only `&'static str` text can be pushed, so no value can ever be
//! pasted into the statement: every value is bound, as `$1`, `$2`, …, which
//! both SQLite and PostgreSQL read. (sqlx's own `QueryBuilder` writes `?`
//! for the `Any` driver, which PostgreSQL refuses.)

use std::fmt::Write as _;

use sqlx::any::{Any, AnyArguments};
use sqlx::error::BoxDynError;
use sqlx::{Arguments, Encode, Type};

#[derive(Default)]
pub struct Sql {
    text: String,
    args: AnyArguments,
    /// The first value that could not be encoded: the query then fails.
    error: Option<BoxDynError>,
}

impl Sql {
    pub fn new(sql: &'static str) -> Self {
        Self {
            text: sql.to_owned(),
            ..Self::default()
        }
    }

    /// More of the statement.
    pub fn push(&mut self, sql: &'static str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    /// A value, bound at this place.
    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: Encode<'static, Any> + Type<Any> + 'static,
    {
        if let Err(e) = self.args.add(value) {
            self.error.get_or_insert(e);
        }
        let _ = write!(self.text, "${}", self.args.len());
        self
    }

    /// A value for a `$n` the static text already holds (the next number).
    pub fn bind_written<T>(&mut self, value: T) -> &mut Self
    where
        T: Encode<'static, Any> + Type<Any> + 'static,
    {
        if let Err(e) = self.args.add(value) {
            self.error.get_or_insert(e);
        }
        self
    }

    /// `(v1, v2, …)`, each value bound; callers make sure the list is not
    /// empty (`IN ()` is not SQL).
    pub fn bind_list<T, I>(&mut self, values: I) -> &mut Self
    where
        I: IntoIterator<Item = T>,
        T: Encode<'static, Any> + Type<Any> + 'static,
    {
        self.text.push('(');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self.text.push(')');
        self
    }

    /// The statement as written so far.
    #[cfg(test)]
    fn text(&self) -> &str {
        &self.text
    }

    /// Every row, as `O`.
    pub async fn fetch_all<'e, O, E>(self, executor: E) -> sqlx::Result<Vec<O>>
    where
        E: sqlx::Executor<'e, Database = Any>,
        O: Send + Unpin + for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        if let Some(e) = self.error {
            return Err(sqlx::Error::Encode(e));
        }
        sqlx::query_as_with(sqlx::AssertSqlSafe(self.text), self.args)
            .fetch_all(executor)
            .await
    }

    /// The one value of the one row.
    pub async fn fetch_scalar<'e, O, E>(self, executor: E) -> sqlx::Result<O>
    where
        E: sqlx::Executor<'e, Database = Any>,
        O: Send + Unpin + Type<Any> + for<'r> sqlx::Decode<'r, Any>,
        (O,): for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        if let Some(e) = self.error {
            return Err(sqlx::Error::Encode(e));
        }
        sqlx::query_scalar_with(sqlx::AssertSqlSafe(self.text), self.args)
            .fetch_one(executor)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::Sql;

    #[test]
    fn values_become_numbered_placeholders() {
        let mut q = Sql::new("SELECT id FROM t WHERE a = ");
        q.bind(1_i64).push(" AND b LIKE ").bind("x%".to_owned());
        assert_eq!(q.text(), "SELECT id FROM t WHERE a = $1 AND b LIKE $2");
    }

    #[test]
    fn a_list_is_one_placeholder_a_value() {
        let mut q = Sql::new("SELECT id FROM t WHERE c = ");
        q.bind(7_i64).push(" AND id IN ").bind_list([1_i64, 2, 3]);
        assert_eq!(
            q.text(),
            "SELECT id FROM t WHERE c = $1 AND id IN ($2, $3, $4)"
        );
    }
}
