//! Phone numbers: the one identifier elderly residents all have.

use std::fmt;

/// A mainland mobile number: 11 digits starting 13–19. Spaces, hyphens and a
/// +86 / 0086 prefix are dropped, so "139 1234 5678" and "+86 13912345678"
/// are the same person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(input: &str) -> Option<Self> {
        if input.len() > 32 {
            return None;
        }
        let compact: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = compact
            .strip_prefix("+86")
            .or_else(|| compact.strip_prefix("0086"))
            .unwrap_or(&compact);
        let bytes = digits.as_bytes();
        let valid = bytes.len() == 11
            && bytes.iter().all(u8::is_ascii_digit)
            && bytes[0] == b'1'
            && (b'3'..=b'9').contains(&bytes[1]);
        valid.then(|| Self(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A mobile number from a request, or the 400 that says how to write one.
pub fn parse(input: &str) -> Result<PhoneNumber, crate::error::ApiError> {
    PhoneNumber::parse(input).ok_or_else(|| {
        crate::error::ApiError::bad_request(
            app::model::ErrorCode::InvalidPhone,
            "手机号不对，请输入 11 位手机号",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_mobile_numbers_written_the_usual_ways() {
        for ok in [
            "13912345678",
            "139 1234 5678",
            "139-1234-5678",
            "+86 139 1234 5678",
            "008613912345678",
        ] {
            assert_eq!(
                PhoneNumber::parse(ok).map(|p| p.0),
                Some("13912345678".into()),
                "{ok}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_mobile_number() {
        for bad in [
            "",
            "1391234567",
            "139123456789",
            "12912345678",
            "23912345678",
            "1391234567x",
            "１３９１２３４５６７８",
            "0372-3169690",
            "+1 139 1234 5678",
        ] {
            assert_eq!(PhoneNumber::parse(bad), None, "{bad}");
        }
    }
}
