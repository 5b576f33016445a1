//! Resolved tickets the household never confirmed close by themselves after
//! 7 days. A background task runs this every few minutes; tests call it with
//! a clock of their choosing.

use app::model::{CONFIRM_WITHIN_DAYS, EventKind, RepairStatus};

use super::store::{self, NewEvent};
use crate::db::{DAY, Db};

/// How often the server sweeps.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Closes what is due at `now`; returns how many tickets closed.
pub async fn close_unconfirmed(db: &Db, now: i64) -> sqlx::Result<u64> {
    let cutoff = now - CONFIRM_WITHIN_DAYS * DAY;
    let due = store::unconfirmed(db.reader(), cutoff).await?;
    let mut closed = 0;
    for (id, updated_at) in due {
        let mut tx = db.writer().begin().await?;
        if !store::close_resolved(&mut tx, id, updated_at, now).await? {
            continue; // Someone confirmed or reopened it meanwhile.
        }
        store::append(
            &mut tx,
            NewEvent {
                ticket: id,
                kind: EventKind::Status,
                actor: None,
                for_household: None,
                from: Some(RepairStatus::Resolved),
                to: Some(RepairStatus::Closed),
                assignee: None,
                stars: None,
                note: "修好后 7 天没有确认，自动关闭",
                at: now,
            },
        )
        .await?;
        tx.commit().await?;
        closed += 1;
    }
    Ok(closed)
}

/// Sweeps forever (spawned by the server).
pub async fn run(db: Db) {
    let mut tick = tokio::time::interval(EVERY);
    loop {
        tick.tick().await;
        match close_unconfirmed(&db, crate::db::now_millis()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(closed = n, "closed unconfirmed repair tickets"),
            Err(e) => tracing::warn!(error = %e, "repair sweep failed"),
        }
    }
}
