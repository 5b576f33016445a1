//! Login throttling, counted in the database so every server process sees
//! the same attempts: at most 10 failures per phone and 50 per address in
//! any 15 minutes.

use super::store;
use crate::db::{Db, MINUTE, now_millis};
use crate::error::ApiError;

pub const WINDOW: i64 = 15 * MINUTE;
pub const PER_PHONE: i64 = 10;
/// Higher than per phone: a family or an office may share one address.
pub const PER_IP: i64 = 50;

const TOO_MANY: &str = "登录失败次数太多，请 15 分钟后再试，或打电话给物业";

/// Refuses with 429 when this phone or address has failed too often.
pub async fn check(db: &Db, phone: &str, ip: &str) -> Result<(), ApiError> {
    check_saying(db, phone, ip, TOO_MANY).await
}

/// The same for other guesses (codes), counted under keys of their own.
pub async fn check_saying(
    db: &Db,
    key: &str,
    ip: &str,
    too_many: &'static str,
) -> Result<(), ApiError> {
    let since = now_millis() - WINDOW;
    let (by_key, by_ip) = store::failures_since(db.reader(), key, ip, since).await?;
    if by_key >= PER_PHONE || by_ip >= PER_IP {
        return Err(ApiError::TooManyRequests(too_many));
    }
    Ok(())
}

/// Counts a failure, and forgets failures older than a day.
pub async fn record_failure(db: &Db, phone: &str, ip: &str) -> Result<(), ApiError> {
    let now = now_millis();
    store::record_failure(db.writer(), phone, ip, now, now - 96 * WINDOW).await?;
    Ok(())
}
