//! Login throttling, counted in the database so every server process sees
//! the same attempts: at most 10 failures per phone and 50 per address in
//! any 15 minutes.

use crate::db::{Db, MINUTE, now_millis};
use crate::error::ApiError;

pub const WINDOW: i64 = 15 * MINUTE;
pub const PER_PHONE: i64 = 10;
/// Higher than per phone: a family or an office may share one address.
pub const PER_IP: i64 = 50;

const TOO_MANY: &str = "登录失败次数太多，请 15 分钟后再试，或打电话给物业";

/// Refuses with 429 when this phone or address has failed too often.
pub async fn check(db: &Db, phone: &str, ip: &str) -> Result<(), ApiError> {
    let since = now_millis() - WINDOW;
    let (by_phone, by_ip): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN phone = $1 THEN 1 ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN ip = $2 THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM login_failures WHERE at >= $3 AND (phone = $1 OR ip = $2)",
    )
    .bind(phone)
    .bind(ip)
    .bind(since)
    .fetch_one(db.reader())
    .await?;
    if by_phone >= PER_PHONE || by_ip >= PER_IP {
        return Err(ApiError::TooManyRequests(TOO_MANY));
    }
    Ok(())
}

/// Counts a failure, and forgets failures older than a day.
pub async fn record_failure(db: &Db, phone: &str, ip: &str) -> Result<(), ApiError> {
    let now = now_millis();
    sqlx::query("INSERT INTO login_failures (phone, ip, at) VALUES ($1, $2, $3)")
        .bind(phone)
        .bind(ip)
        .bind(now)
        .execute(db.writer())
        .await?;
    sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(now - 96 * WINDOW)
        .execute(db.writer())
        .await?;
    Ok(())
}
