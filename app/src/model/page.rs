use serde::{Deserialize, Serialize};

/// The largest page a client may ask for.
pub const MAX_LIMIT: u32 = 100;
/// The page size when a client does not say.
pub const DEFAULT_LIMIT: u32 = 50;

/// `?limit=&offset=` on every list endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// 1–100; 50 when absent.
    pub limit: Option<u32>,
    /// How many items to skip; 0 when absent.
    pub offset: Option<u32>,
}

impl PageQuery {
    /// The limit to use, or `None` when the client asked for an invalid one.
    pub fn limit(&self) -> Option<u32> {
        match self.limit {
            None => Some(DEFAULT_LIMIT),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Some(n),
            Some(_) => None,
        }
    }

    pub fn offset(&self) -> u32 {
        self.offset.unwrap_or(0)
    }
}

/// A position in a list read by key (`?cursor=`): the sort key of the last
/// row of the page before, integers joined by dots. Clients pass back the
/// `next_cursor` they were given; a page read this way costs the same however
/// deep it lies, where `offset` makes the database walk every skipped row.
pub fn write_cursor(key: &[i64]) -> String {
    key.iter().map(i64::to_string).collect::<Vec<_>>().join(".")
}

/// `write_cursor` read back: exactly `len` integers, or `None`.
pub fn read_cursor(text: &str, len: usize) -> Option<Vec<i64>> {
    let key = text
        .split('.')
        .map(|n| n.parse().ok())
        .collect::<Option<Vec<i64>>>()?;
    (key.len() == len).then_some(key)
}

/// One page of a list. `next_offset` is absent on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_offset: Option<u32>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` fetched rows: the extra row only
    /// tells that another page exists, so a list costs one query, not two.
    pub fn from_overfetch(mut rows: Vec<T>, query: &PageQuery, limit: u32) -> Self {
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        Self {
            items: rows,
            next_offset: more.then(|| query.offset() + limit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_defaults_to_fifty_and_refuses_zero_and_over_a_hundred() {
        assert_eq!(PageQuery::default().limit(), Some(50));
        let q = |n| PageQuery {
            limit: Some(n),
            offset: None,
        };
        assert_eq!(q(1).limit(), Some(1));
        assert_eq!(q(100).limit(), Some(100));
        assert_eq!(q(0).limit(), None);
        assert_eq!(q(101).limit(), None);
    }

    #[test]
    fn a_position_reads_back_only_at_its_own_length() {
        let text = write_cursor(&[1, -1_733_000_000_000, 42]);
        assert_eq!(text, "1.-1733000000000.42");
        assert_eq!(read_cursor(&text, 3), Some(vec![1, -1_733_000_000_000, 42]));
        assert_eq!(read_cursor(&text, 2), None);
        for bad in ["", ".", "1..2", "1.x", "1.2.", "99999999999999999999"] {
            assert_eq!(read_cursor(bad, 1), None, "{bad:?}");
            assert_eq!(read_cursor(bad, 2), None, "{bad:?}");
        }
    }

    #[test]
    fn an_overfetched_row_means_there_is_a_next_page() {
        let q = PageQuery {
            limit: Some(2),
            offset: Some(4),
        };
        let page = Page::from_overfetch(vec![1, 2, 3], &q, 2);
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next_offset, Some(6));
        let last = Page::from_overfetch(vec![1, 2], &q, 2);
        assert_eq!(last.next_offset, None);
    }
}
