//! Password hashing with argon2id. Hashing costs ~20 MiB and tens of
//! milliseconds, so it runs on the blocking pool, never on the async runtime.

use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Hashes a password (argon2id, the crate's default parameters: m=19 MiB, t=2, p=1).
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
            .map_err(|e| anyhow::anyhow!("argon2 salt: {e}"))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await
    .context("password hashing task")?
}

/// True when `password` matches the stored PHC string.
pub async fn verify(password: String, stored: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .context("password verification task")?
}

/// A new password against the policy, or the 400 that says why not.
pub fn check(input: &str) -> Result<(), crate::error::ApiError> {
    check_policy(input).map_err(|weak| {
        let message = match weak {
            Weak::TooShort => "密码至少要 8 位",
            Weak::TooLong => "密码太长了，请不要超过 128 位",
            Weak::Common => "这个密码太常见，容易被猜到，请换一个",
        };
        crate::error::ApiError::bad_request(app::model::ErrorCode::WeakPassword, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_nothing_else() {
        let stored = hash("qingji1969".into()).await.expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(
            verify("qingji1969".into(), stored.clone())
                .await
                .expect("verify")
        );
        assert!(!verify("qingji1970".into(), stored).await.expect("verify"));
    }
}

/// A hash of a random password, verified against when a phone is unknown so
/// that a wrong phone takes as long as a wrong password.
pub fn dummy_hash() -> String {
    static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let salt = SaltString::encode_b64(&[7u8; 16]).ok();
        let secret = rand::random::<[u8; 16]>();
        salt.and_then(|salt| {
            Argon2::default()
                .hash_password(&secret, &salt)
                .ok()
                .map(|h| h.to_string())
        })
        .unwrap_or_default()
    });
    DUMMY.clone()
}

/// Why a new password is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Weak {
    TooShort,
    TooLong,
    Common,
}

/// Minimum length 8, not 12: many residents set their password with a helper
/// standing beside them or on the phone, on a numeric keypad, and must be able
/// to type it again alone. Length plus the common-password list plus the login
/// rate limit is the defence, not a length they cannot remember.
pub const MIN_LEN: usize = 8;
/// Bounds hashing work per request.
pub const MAX_LEN: usize = 128;

static COMMON: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../data/common-passwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    });

/// Checks a new password against the policy.
pub fn check_policy(password: &str) -> Result<(), Weak> {
    let chars = password.chars().count();
    if chars < MIN_LEN {
        return Err(Weak::TooShort);
    }
    if chars > MAX_LEN {
        return Err(Weak::TooLong);
    }
    if COMMON.contains(password.to_lowercase().as_str()) {
        return Err(Weak::Common);
    }
    Ok(())
}

#[cfg(test)]
mod policy_tests {
    use super::*;

    #[test]
    fn the_list_holds_a_thousand_passwords() {
        assert_eq!(COMMON.len(), 1000);
    }

    #[test]
    fn short_long_and_common_passwords_are_refused() {
        assert_eq!(check_policy("1234567"), Err(Weak::TooShort));
        assert_eq!(check_policy(&"x".repeat(129)), Err(Weak::TooLong));
        assert_eq!(check_policy("12345678"), Err(Weak::Common));
        assert_eq!(check_policy("PASSWORD"), Err(Weak::Common));
        assert_eq!(check_policy("woaini1314"), Err(Weak::Common));
        assert_eq!(check_policy("qingji1969"), Ok(()));
        assert_eq!(check_policy("院里安阳北关1969"), Ok(()));
    }
}
