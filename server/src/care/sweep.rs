//! Each minute: whoever's time has passed today without 我很好 (and who is
//! not away) — their watchers are told once, in the same transaction that
//! marks the day. Tests call it with a clock of their choosing.

use app::model::InboxKind;

use super::{store, today_and_minutes};
use crate::db::Db;
use crate::inbox::{self, News, To};

/// How often the server looks.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Tells the watchers of everyone missed at `now`; returns how many people.
pub async fn tell_watchers(db: &Db, now: i64) -> sqlx::Result<usize> {
    let (today, minutes) = today_and_minutes(now);
    let mut tx = db.writer().begin().await?;
    let missed = store::mark_missed(&mut tx, &today, minutes).await?;
    for (person, name) in &missed {
        let news = News {
            kind: InboxKind::CareMissed,
            subject: *person,
            words: name,
            amount: None,
            at: now,
        };
        inbox::deliver(&mut tx, &news, To::CareWatchers { person: *person }).await?;
    }
    tx.commit().await?;
    Ok(missed.len())
}

/// Looks forever (spawned by the server), on 报平安's clock.
pub async fn run(db: Db, clock: Option<i64>) {
    let mut tick = tokio::time::interval(EVERY);
    loop {
        tick.tick().await;
        match tell_watchers(&db, clock.unwrap_or_else(crate::db::now_millis)).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(people = n, "told watchers of missed check-ins"),
            Err(e) => tracing::warn!(error = %e, "care sweep failed"),
        }
    }
}
