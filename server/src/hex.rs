//! Lower-case hexadecimal: how digests, session tokens and photo ids are
//! written.

use std::fmt::Write as _;

pub fn encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// `n` random bytes, as hex.
pub fn random<const N: usize>() -> String {
    encode(&rand::random::<[u8; N]>())
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_digits_a_byte() {
        assert_eq!(super::encode(&[0, 15, 255]), "000fff");
        assert_eq!(super::random::<16>().len(), 32);
    }
}
