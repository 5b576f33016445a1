//! The audit log's SQL: writing an entry, and reading a filtered page.

use app::model::AuditEntry;
use sqlx::Any;

use sqlx::FromRow;

use super::Filters;
use crate::db::{Dir, Order, Sql, now_millis, rfc3339};

/// One entry to append.
pub struct Entry<'a> {
    pub actor: Option<i64>,
    pub acting_household: Option<i64>,
    pub community: Option<i64>,
    pub action: &'a str,
    pub detail: serde_json::Value,
}

/// `area.verb`: lower-case words and underscores either side of one dot.
fn is_area_verb(action: &str) -> bool {
    let word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    action
        .split_once('.')
        .is_some_and(|(area, verb)| word(area) && word(verb))
}

impl<'a> Entry<'a> {
    /// `actor` did `action`, named `area.verb` ("fees.payment_record"),
    /// so the office can filter by area (no household, community or detail
    /// yet).
    pub fn new(action: &'a str, actor: Option<i64>) -> Self {
        debug_assert!(
            is_area_verb(action),
            "audit action {action} is not area.verb"
        );
        // The office reads each action in words (`app::i18n::audit`): a new
        // action joins the list, and the app's test makes it have words.
        debug_assert!(
            app::model::AUDIT_ACTIONS.contains(&action),
            "audit action {action} is not in app::model::AUDIT_ACTIONS"
        );
        Self {
            actor,
            acting_household: None,
            community: None,
            action,
            detail: serde_json::json!({}),
        }
    }

    /// Acting for (or about) this household.
    pub fn household(mut self, household: i64) -> Self {
        self.acting_household = Some(household);
        self
    }

    pub fn community(mut self, community: i64) -> Self {
        self.community = Some(community);
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// Appends an entry (inside the caller's transaction when given one).
pub async fn record<'e, E>(executor: E, entry: Entry<'_>) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, acting_household_id, community_id, action, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now_millis())
    .bind(entry.actor)
    .bind(entry.acting_household)
    .bind(entry.community)
    .bind(entry.action)
    .bind(entry.detail.to_string())
    .execute(executor)
    .await?;
    Ok(())
}

/// One line of the log as read, with the actor's name and the household's
/// address.
#[derive(FromRow)]
pub struct AuditRow {
    pub id: i64,
    at: i64,
    actor_name: Option<String>,
    household: Option<String>,
    action: String,
    detail: String,
}

impl AuditRow {
    pub fn wire(self) -> AuditEntry {
        AuditEntry {
            id: self.id,
            at: rfc3339(self.at),
            actor_name: self.actor_name,
            household: self.household,
            action: self.action,
            detail: self.detail,
        }
    }
}

/// Newest first.
pub const ORDER: Order = Order(&[("a.id", Dir::Desc)]);

/// `fetch` rows in `ORDER`, after the position `after` (when given) and
/// `offset` more.
pub async fn rows<'e, E>(
    executor: E,
    f: &Filters,
    after: Option<&[i64]>,
    fetch: i64,
    offset: i64,
) -> sqlx::Result<Vec<AuditRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(
        "SELECT a.id, a.at, u.name AS actor_name, b.name || ' ' || h.flat_label AS household,
                a.action, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
         LEFT JOIN households h ON h.id = a.acting_household_id
         LEFT JOIN buildings b ON b.id = h.building_id
         WHERE a.community_id = ",
    );
    q.bind(f.community)
        .push(" AND a.at >= ")
        .bind(f.from)
        .push(" AND a.at < ")
        .bind(f.to);
    if let Some(action) = &f.action {
        q.push(" AND a.action LIKE ").bind(action.clone());
    }
    q.page(&ORDER, after, fetch, offset);
    q.fetch_all(executor).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn actions_read_area_dot_verb() {
        assert!(super::is_area_verb("fees.payment_record"));
        assert!(!super::is_area_verb("payment_recorded"));
        assert!(!super::is_area_verb("fees."));
        assert!(!super::is_area_verb("a.b.c"));
    }
}
