//! What every handler can reach, and the limits the router applies.

use crate::db::Db;

/// The largest JSON body any endpoint takes (uploads will set their own).
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    /// Mark cookies `Secure` (the public URL is https).
    pub secure_cookies: bool,
    /// Where photos are stored (`<data>/uploads` or a bucket).
    pub photos: crate::uploads::storage::Photos,
    /// 报平安's clock: held still by `--care-clock` (demo only), else the time.
    pub care_clock: Option<i64>,
}

impl AppState {
    /// Now, for 报平安.
    pub fn care_now(&self) -> i64 {
        self.care_clock.unwrap_or_else(crate::db::now_millis)
    }
}
