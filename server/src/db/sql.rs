//! SQL put together at run time, for a filter whose clauses depend on the
//! request. Only `&'static str` text can be pushed, so no value can ever be
//! pasted into the statement: every value is bound, as `$1`, `$2`, …, which
//! both SQLite and PostgreSQL read. (sqlx's own `QueryBuilder` writes `?`
//! for the `Any` driver, which PostgreSQL refuses.)

use std::fmt::Write as _;

use sqlx::any::{Any, AnyArguments};
use sqlx::error::BoxDynError;
use sqlx::{Arguments, Encode, Type};

/// Which way a column sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Asc,
    Desc,
}

/// A list's order: columns (or expressions) of integers, the last one
/// unique, so that a row's values in them say exactly where it stands.
pub struct Order(pub &'static [(&'static str, Dir)]);

impl Order {
    /// How many values a position (`?cursor=`) in this order holds.
    pub fn key_len(&self) -> usize {
        self.0.len()
    }

    /// Whether a row at `position` comes after `key` in this order: what
    /// `Sql::after` asks the database, for rows already in hand.
    pub fn is_after(&self, position: &[i64], key: &[i64]) -> bool {
        for ((_, dir), (p, k)) in self.0.iter().zip(position.iter().zip(key)) {
            let order = if *dir == Dir::Desc {
                k.cmp(p)
            } else {
                p.cmp(k)
            };
            if order != std::cmp::Ordering::Equal {
                return order == std::cmp::Ordering::Greater;
            }
        }
        false
    }
}

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

    /// ` ORDER BY …` in `order`.
    pub fn order_by(&mut self, order: &Order) -> &mut Self {
        self.text.push_str(" ORDER BY ");
        for (i, (column, dir)) in order.0.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.text.push_str(column);
            if *dir == Dir::Desc {
                self.text.push_str(" DESC");
            }
        }
        self
    }

    /// ` AND (…)`: only the rows that come after `key` in `order` (keyset
    /// paging): `(a < $1 OR (a = $1 AND (b > $2 OR (b = $2 AND c > $3))))`
    /// for `a DESC, b, c`. `key` holds one value a column.
    pub fn after(&mut self, order: &Order, key: &[i64]) -> &mut Self {
        debug_assert_eq!(order.0.len(), key.len());
        self.text.push_str(" AND (");
        let last = order.0.len().min(key.len()).saturating_sub(1);
        for (i, ((column, dir), value)) in order.0.iter().zip(key).enumerate() {
            self.text.push_str(column);
            self.text
                .push_str(if *dir == Dir::Desc { " < " } else { " > " });
            self.bind(*value);
            if i < last {
                self.text.push_str(" OR (");
                self.text.push_str(column);
                self.text.push_str(" = ");
                self.bind(*value);
                self.text.push_str(" AND (");
            }
        }
        for _ in 0..last {
            self.text.push_str("))");
        }
        self.text.push(')');
        self
    }

    /// The end of a page's statement: only the rows after `after` (when
    /// given), in `order`, `fetch` of them from `offset`.
    pub fn page(
        &mut self,
        order: &Order,
        after: Option<&[i64]>,
        fetch: i64,
        offset: i64,
    ) -> &mut Self {
        if let Some(key) = after {
            self.after(order, key);
        }
        self.order_by(order)
            .push(" LIMIT ")
            .bind(fetch)
            .push(" OFFSET ")
            .bind(offset)
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

    /// Runs a statement that returns no rows; how many rows it changed.
    pub async fn execute<'e, E>(self, executor: E) -> sqlx::Result<u64>
    where
        E: sqlx::Executor<'e, Database = Any>,
    {
        if let Some(e) = self.error {
            return Err(sqlx::Error::Encode(e));
        }
        Ok(sqlx::query_with(sqlx::AssertSqlSafe(self.text), self.args)
            .execute(executor)
            .await?
            .rows_affected())
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
    fn rows_after_a_key_compare_column_by_column_in_the_order() {
        use super::{Dir, Order};
        const ORDER: Order = Order(&[("a", Dir::Desc), ("b", Dir::Asc), ("c", Dir::Asc)]);
        let mut q = Sql::new("SELECT id FROM t WHERE x = ");
        q.bind(0_i64).after(&ORDER, &[1, 2, 3]).order_by(&ORDER);
        assert_eq!(
            q.text(),
            "SELECT id FROM t WHERE x = $1 AND (a < $2 OR (a = $3 AND (b > $4 OR (b = $5 AND (c > $6))))) \
             ORDER BY a DESC, b, c"
        );
        const ONE: Order = Order(&[("id", Dir::Desc)]);
        let mut q = Sql::new("SELECT id FROM t WHERE 1 = 1");
        q.after(&ONE, &[7]);
        assert_eq!(q.text(), "SELECT id FROM t WHERE 1 = 1 AND (id < $1)");
    }

    #[test]
    fn rows_in_hand_come_after_a_key_as_the_database_would_say() {
        use super::{Dir, Order};
        const ORDER: Order = Order(&[("a", Dir::Desc), ("b", Dir::Asc)]);
        assert!(ORDER.is_after(&[0, 9], &[1, 2]), "a smaller a follows");
        assert!(ORDER.is_after(&[1, 3], &[1, 2]), "same a, larger b follows");
        assert!(!ORDER.is_after(&[1, 2], &[1, 2]), "the key itself does not");
        assert!(!ORDER.is_after(&[1, 1], &[1, 2]));
        assert!(!ORDER.is_after(&[2, 0], &[1, 2]));
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
