//! Instants on the wire: RFC 3339 UTC strings, converted to and from Unix
//! milliseconds without a date library (the server stores milliseconds; the
//! client shows them in the community's time zone).

/// Unix milliseconds as RFC 3339 UTC with second precision ("2026-11-25T22:33:03Z").
pub fn rfc3339(millis: i64) -> String {
    let (year, month, day, hour, minute) = civil(millis, 0);
    let second = millis.div_euclid(1000).rem_euclid(60);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// Parses RFC 3339 ("2026-11-25T22:33:03Z", "…+08:00", fractions allowed)
/// into Unix milliseconds. `None` for anything else.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=12).contains(&month)
        || !(1..=month_days).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &s[19..];
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let ms: String = frac[..digits]
            .chars()
            .chain("000".chars())
            .take(3)
            .collect();
        millis = ms.parse().ok()?;
        rest = &frac[digits..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let h: i64 = rest[1..3].parse().ok()?;
            let m: i64 = rest[4..6].parse().ok()?;
            sign * (h * 60 + m)
        }
        _ => return None,
    };
    // Howard Hinnant's days-from-civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(secs * 1000 + millis)
}

/// A civil date and time: (year, month 1–12, day 1–31, hour, minute).
pub fn civil(millis: i64, offset_minutes: i64) -> (i64, i64, i64, i64, i64) {
    let secs = millis.div_euclid(1000) + offset_minutes * 60;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, rem / 3600, rem % 3600 / 60)
}

/// The month `delta` months from "YYYY-MM" (for the red board's arrows).
pub fn shift_month(month: &str, delta: i64) -> String {
    let y: i64 = month.get(..4).and_then(|s| s.parse().ok()).unwrap_or(2026);
    let m: i64 = month.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
    let n = y * 12 + (m - 1) + delta;
    format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
}

/// Asia/Shanghai: UTC+8 all year (no daylight saving since 1991).
pub const SHANGHAI_OFFSET_MINUTES: i64 = 8 * 60;

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn months_roll_over_years() {
        assert_eq!(shift_month("2026-01", -1), "2025-12");
        assert_eq!(shift_month("2026-12", 1), "2027-01");
        assert_eq!(shift_month("2026-03", 0), "2026-03");
    }

    #[test]
    fn parses_what_it_formats_and_offsets() {
        for ms in [0, 951_782_400_000, 1_795_646_383_000] {
            assert_eq!(parse_rfc3339(&rfc3339(ms)), Some(ms));
        }
        assert_eq!(
            parse_rfc3339("2026-11-26T06:39:43+08:00"),
            parse_rfc3339("2026-11-25T22:39:43Z")
        );
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00.5Z"), Some(500));
    }

    #[test]
    fn refuses_what_is_not_rfc3339() {
        for bad in [
            "",
            "2026-11-25",
            "2026-13-01T00:00:00Z",
            "2026-11-25T22:39:43",
            "2026-11-25T22:39:43+8",
            "yesterday",
            "2026-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-11-25T25:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_646_383_999), "2026-11-25T22:39:43Z");
    }
}
