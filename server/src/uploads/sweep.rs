//! Photos uploaded but never attached (a report abandoned half-way, a
//! screenshot never sent) are removed after a day, row and bytes, on either
//! store. A background task runs this every hour; tests call it directly.

use super::storage::Photos;
use super::store;
use crate::db::{DAY, Db};

/// How often the server sweeps.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);
/// How long an unattached photo is kept: long enough to finish a report.
pub const KEPT: i64 = DAY;
/// At most this many a sweep, so one sweep stays short.
const BATCH: i64 = 500;

/// Removes what is due at `now`; returns how many photos went.
pub async fn purge(db: &Db, photos: &Photos, now: i64) -> sqlx::Result<u64> {
    let before = now - KEPT;
    let due = store::unattached_before(db.reader(), before, BATCH).await?;
    let mut purged = 0;
    for id in due {
        // The row first: once it is gone nothing can attach the photo, and
        // a photo attached meanwhile keeps its row (and so its bytes).
        match store::forget_unattached(db.writer(), &id, before).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(error) => {
                tracing::debug!(%error, "an old photo was attached meanwhile; kept");
                continue;
            }
        }
        if let Err(error) = photos.delete(&id).await {
            tracing::warn!(%error, store = photos.kind, "a purged photo's bytes stay behind");
        }
        purged += 1;
    }
    Ok(purged)
}

/// Sweeps forever (spawned by the server).
pub async fn run(db: Db, photos: Photos) {
    let mut tick = tokio::time::interval(EVERY);
    loop {
        tick.tick().await;
        match purge(&db, &photos, crate::db::now_millis()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(purged = n, "unattached photos removed"),
            Err(error) => tracing::warn!(%error, "photo sweep failed"),
        }
    }
}
