//! Activities (活动) that earn the points: a manager publishes a patrol, a
//! clean-up or a duty roster; residents, their helpers and the office sign
//! people up (a waiting list moves up by itself); the organiser checks them
//! in where it happens — by the activity's changing code on the resident's
//! phone, by scanning the resident's own code, or by ticking the list — and
//! closing a session turns attendance into ledger entries, exactly once.

mod access;
mod attendance;
mod checkins;
mod close;
mod create;
mod detail;
mod figures;
mod list;
mod person_code;
mod signups;
pub mod store;
pub mod sweep;

use sha2::{Digest, Sha256};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list, create::create))
        .routes(routes!(detail::get_activity, detail::patch_activity))
        .routes(routes!(signups::sign_up))
        .routes(routes!(signups::withdraw))
        .routes(routes!(checkins::check_in))
        .routes(routes!(attendance::attendance))
        .routes(routes!(close::close))
        .routes(routes!(person_code::person_code))
        .routes(routes!(figures::turnout))
        .routes(routes!(figures::export))
}

/// How long one check-in code shows.
pub const CODE_WINDOW: i64 = 30 * 1000;

/// How long before the start check-in opens, and after the end it stays open.
pub const CHECKIN_MARGIN: i64 = 60 * 60 * 1000;

/// The six digits of a session's check-in code in a 30-second window: a
/// photo of yesterday's code is worth nothing.
pub fn code_at(secret: &str, session: i64, window: i64) -> String {
    let digest = Sha256::digest(format!("{secret}:{session}:{window}"));
    let n = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
    format!("{:06}", n % 1_000_000)
}

/// The code showing at `now`, and how long until it changes.
pub fn code_now(secret: &str, session: i64, now: i64) -> (String, i64) {
    let window = now.div_euclid(CODE_WINDOW);
    (
        code_at(secret, session, window),
        (window + 1) * CODE_WINDOW - now,
    )
}

/// A code typed or scanned at `now`: the one showing or the one before it
/// (someone who scanned just as it changed).
pub fn code_matches(secret: &str, session: i64, now: i64, typed: &str) -> bool {
    let window = now.div_euclid(CODE_WINDOW);
    let typed = typed.trim();
    typed.len() == 6
        && [window, window - 1]
            .iter()
            .any(|w| code_at(secret, session, *w) == typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_lives_for_its_window_and_the_next() {
        let secret = "0123456789abcdef0123456789abcdef";
        let t = 1_000 * CODE_WINDOW + 5;
        let (code, left) = code_now(secret, 7, t);
        assert_eq!(code.len(), 6);
        assert_eq!(left, CODE_WINDOW - 5);
        assert!(code_matches(secret, 7, t, &code));
        assert!(code_matches(
            secret,
            7,
            t + CODE_WINDOW,
            &format!(" {code} ")
        ));
        assert!(!code_matches(secret, 7, t + 2 * CODE_WINDOW, &code));
        // Another session, or another secret, has other codes.
        assert_ne!(code_at(secret, 8, 1_000), code_at(secret, 7, 1_000));
        assert_ne!(
            code_at("f".repeat(32).as_str(), 7, 1_000),
            code_at(secret, 7, 1_000)
        );
        assert!(!code_matches(secret, 7, t, "12345"));
    }
}
