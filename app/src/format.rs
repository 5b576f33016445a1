//! Dates in plain words, in the community's time zone (Asia/Shanghai):
//! "今天 09:30", "昨天 18:05", "3月2日", "2025年3月2日".

use crate::i18n::{Lang, Strings};
use crate::model::time::{SHANGHAI_OFFSET_MINUTES, civil, parse_rfc3339};

/// Now, in Unix milliseconds, from the browser's clock.
pub fn now_millis() -> i64 {
    // Whole milliseconds since 1970: an f64 holds them exactly.
    #[allow(clippy::cast_possible_truncation)]
    let now = js_sys::Date::now() as i64;
    now
}

/// An RFC 3339 instant as a person would say it, relative to `now`.
pub fn when(rfc3339: &str, now: i64, t: &Strings, lang: Lang) -> String {
    let Some(at) = parse_rfc3339(rfc3339) else {
        return rfc3339.to_owned();
    };
    let (y, m, d, hh, mm) = civil(at, SHANGHAI_OFFSET_MINUTES);
    let today = civil(now, SHANGHAI_OFFSET_MINUTES);
    let yesterday = civil(now - 86_400_000, SHANGHAI_OFFSET_MINUTES);
    let same_day = |c: (i64, i64, i64, i64, i64)| (c.0, c.1, c.2) == (y, m, d);
    if same_day(today) {
        return format!("{} {hh:02}:{mm:02}", t.today);
    }
    if same_day(yesterday) {
        return format!("{} {hh:02}:{mm:02}", t.yesterday);
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_name = MONTHS[usize::try_from(m - 1).unwrap_or(0).min(11)];
    match (lang, y == today.0) {
        (Lang::ZhCn, true) => format!("{m}月{d}日"),
        (Lang::ZhCn, false) => format!("{y}年{m}月{d}日"),
        (Lang::En, true) => format!("{d} {month_name}"),
        (Lang::En, false) => format!("{d} {month_name} {y}"),
    }
}

/// An instant as a full date and time ("2026年11月26日 07:31"), for paper,
/// where "today" would be wrong tomorrow.
pub fn date_time(rfc3339: &str, lang: Lang) -> String {
    let Some(at) = parse_rfc3339(rfc3339) else {
        return rfc3339.to_owned();
    };
    let (y, m, d, hh, mm) = civil(at, SHANGHAI_OFFSET_MINUTES);
    match lang {
        Lang::ZhCn => format!("{y}年{m}月{d}日 {hh:02}:{mm:02}"),
        Lang::En => format!("{y}-{m:02}-{d:02} {hh:02}:{mm:02}"),
    }
}

/// A calendar date "YYYY-MM-DD" (from a date input) as the end of that day
/// in Shanghai, RFC 3339 — what "expires on 3 March" means to a person.
pub fn end_of_day(date: &str) -> Option<String> {
    parse_rfc3339(&format!("{date}T23:59:59+08:00")).map(crate::model::time::rfc3339)
}

/// Today in Shanghai as "YYYY-MM-DD" (a date input's value).
pub fn today() -> String {
    let (y, m, d, _, _) = civil(now_millis(), SHANGHAI_OFFSET_MINUTES);
    format!("{y:04}-{m:02}-{d:02}")
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar date "YYYY-MM-DD" as "3月2日" (or "2 Mar").
pub fn short_date(date: &str, lang: Lang) -> String {
    let part = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<usize>().ok());
    let (Some(m), Some(d)) = (part(5..7), part(8..10)) else {
        return date.to_owned();
    };
    match lang {
        Lang::ZhCn => format!("{m}月{d}日"),
        Lang::En => format!("{d} {}", MONTHS[m.clamp(1, 12) - 1]),
    }
}

/// A billing period or a month as people say it: "2026" → "2026年",
/// "2026-Q1" → "2026年第1季度", "2026-11" → "2026年11月" (in English
/// "2026", "Q1 2026", "Nov 2026"). Anything else as it is.
pub fn period_words(period: &str, lang: Lang) -> String {
    let year = period
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
    let rest = period.get(4..).unwrap_or_default();
    let Some(year) = year else {
        return period.to_owned();
    };
    let number = |s: &str| s.parse::<usize>().ok();
    match (lang, rest.strip_prefix("-Q"), rest.strip_prefix('-')) {
        (_, _, _) if rest.is_empty() => match lang {
            Lang::ZhCn => format!("{year}年"),
            Lang::En => year.to_owned(),
        },
        (Lang::ZhCn, Some(q), _) if matches!(number(q), Some(1..=4)) => {
            format!("{year}年第{q}季度")
        }
        (Lang::En, Some(q), _) if matches!(number(q), Some(1..=4)) => format!("Q{q} {year}"),
        (_, None, Some(m)) if m.len() == 2 && matches!(number(m), Some(1..=12)) => {
            let m = number(m).unwrap_or(1);
            match lang {
                Lang::ZhCn => format!("{year}年{m}月"),
                Lang::En => format!("{} {year}", MONTHS[m - 1]),
            }
        }
        _ => period.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_as_people_say_them() {
        for (period, zh, en) in [
            ("2026", "2026年", "2026"),
            ("2026-Q1", "2026年第1季度", "Q1 2026"),
            ("2026-Q4", "2026年第4季度", "Q4 2026"),
            ("2026-01", "2026年1月", "Jan 2026"),
            ("2026-11", "2026年11月", "Nov 2026"),
            // Not a period: as it is.
            ("2026-Q5", "2026-Q5", "2026-Q5"),
            ("2026-13", "2026-13", "2026-13"),
            ("2026-1", "2026-1", "2026-1"),
            ("abcd", "abcd", "abcd"),
            ("", "", ""),
        ] {
            assert_eq!(period_words(period, Lang::ZhCn), zh, "{period}");
            assert_eq!(period_words(period, Lang::En), en, "{period}");
        }
    }
}
