//! 张建国 lives alone and says 我很好 by 10:00 each day; his daughter and the
//! office watch. His last check-in was yesterday.

use crate::care::today_and_minutes;
use crate::db::{DAY, Db};

pub async fn seed(db: &Db, person_phone: &str, now: i64) -> anyhow::Result<()> {
    let mut tx = db.writer().begin().await?;
    let (user, household): (i64, i64) = sqlx::query_as(
        "SELECT u.id, m.household_id FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE u.phone = $1 AND m.role = 'resident'",
    )
    .bind(person_phone.to_owned())
    .fetch_one(&mut tx)
    .await?;
    let yesterday = now - DAY;
    let (day, _) = today_and_minutes(yesterday);
    sqlx::query(
        "INSERT INTO care_plans (user_id, household_id, deadline_minutes, watch_office, last_day,
            last_at, starts_day, updated_at)
         VALUES ($1, $2, 600, 1, $3, $4, $3, $4)",
    )
    .bind(user)
    .bind(household)
    .bind(day)
    .bind(yesterday)
    .execute(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
