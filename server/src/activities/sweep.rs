//! The day before: everyone going to a session that starts within a day is
//! told once ("别忘了：明天有…"), with their helpers. Run by the inbox's
//! sweep, in its transaction.

use app::model::InboxKind;

use super::store;
use crate::inbox::{self, News, To};

/// Tells the people of sessions starting within a day; how many were told.
pub async fn remind(tx: &mut crate::db::Tx, now: i64) -> sqlx::Result<usize> {
    let mut told = 0;
    for (activity, title, community, people) in store::to_remind(tx, now).await? {
        for person in people {
            let news = News {
                kind: InboxKind::ActivityTomorrow,
                subject: activity,
                words: &title,
                amount: None,
                at: now,
            };
            let to = To::Resident {
                user: person,
                community,
                except: 0,
            };
            inbox::deliver(tx, &news, to).await?;
            told += 1;
        }
    }
    Ok(told)
}
