//! What the clock brings: bills that became overdue get their news once,
//! and items older than [`KEEP_DAYS`] are deleted. A background task runs
//! this every few minutes; tests call it with a clock of their choosing.

use app::model::InboxKind;

use super::store;
use crate::db::{DAY, Db};

/// How often the server sweeps.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Items are kept this long.
pub const KEEP_DAYS: i64 = 90;

/// What one sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub overdue_bills: usize,
    pub reminders: usize,
    pub pruned: u64,
}

/// Tells households of bills overdue at `now`, and prunes old items.
pub async fn run_once(db: &Db, now: i64) -> sqlx::Result<Swept> {
    let mut tx = db.writer().begin().await?;
    let overdue = crate::fees::store::mark_overdue_told(&mut tx, now).await?;
    store::deliver_bills(&mut tx, InboxKind::BillOverdue, &overdue, now).await?;
    let reminders = crate::activities::sweep::remind(&mut tx, now).await?;
    let pruned = store::prune(&mut tx, now - KEEP_DAYS * DAY).await?;
    tx.commit().await?;
    Ok(Swept {
        overdue_bills: overdue.len(),
        reminders,
        pruned,
    })
}

/// Sweeps forever (spawned by the server).
pub async fn run(db: Db) {
    let mut tick = tokio::time::interval(EVERY);
    loop {
        tick.tick().await;
        match run_once(&db, crate::db::now_millis()).await {
            Ok(s) if s == Swept::default() => {}
            Ok(s) => tracing::info!(
                overdue_bills = s.overdue_bills,
                reminders = s.reminders,
                pruned = s.pruned,
                "inbox sweep"
            ),
            Err(e) => tracing::warn!(error = %e, "inbox sweep failed"),
        }
    }
}
