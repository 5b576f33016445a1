//! Codes people type or read over the phone: registration, helper and
//! password-reset codes. Random, from an alphabet without look-alikes.

use sha2::{Digest, Sha256};

/// No 0/O, 1/I/L: an elderly eye or a phone line cannot confuse them.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Length of every code: 31^8 ≈ 8.5 × 10^11 possibilities.
pub const CODE_LEN: usize = 8;

/// A fresh random code.
pub fn generate() -> String {
    (0..CODE_LEN)
        .map(|_| {
            let i = rand::random_range(0..ALPHABET.len());
            char::from(ALPHABET[i])
        })
        .collect()
}

/// What a person typed, made comparable: upper case, no spaces or hyphens.
/// `None` when it cannot be a code at all.
pub fn normalise(input: &str) -> Option<String> {
    if input.len() > 64 {
        return None;
    }
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// SHA-256, hex: how codes shown only once (and session tokens) are stored.
pub fn hash(secret: &str) -> String {
    crate::hex::encode(&Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_are_normal_and_distinct() {
        let a = generate();
        let b = generate();
        assert_eq!(normalise(&a).as_deref(), Some(a.as_str()));
        assert_ne!(a, b);
    }

    #[test]
    fn typing_is_forgiven_but_look_alikes_are_refused() {
        assert_eq!(normalise("k7qh-3m9p").as_deref(), Some("K7QH3M9P"));
        assert_eq!(normalise(" K7QH 3M9P ").as_deref(), Some("K7QH3M9P"));
        assert_eq!(normalise("K7QH3M9O"), None, "O is not in the alphabet");
        assert_eq!(normalise("K7QH3M9"), None);
        assert_eq!(normalise("K7QH3M9P2"), None);
    }

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
