//! Money is integer fen everywhere; these only format it for people, and
//! hold the one rule that turns an area and a rate into a bill.

/// Fen as yuan with two decimals: 19555 → "195.55", -5 → "-0.05".
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A share as people read it, rounded down to a tenth of a percent:
/// "66.6%", or "—" when there is no whole. Integers only.
pub fn share(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "—".to_owned();
    }
    let permille = i128::from(part) * 1000 / i128::from(whole);
    format!("{}.{}%", permille / 10, permille % 10)
}

/// What a person typed as yuan ("195.55", "200", "¥ 0.5") as fen; `None`
/// for anything else (three decimals, letters, negative).
pub fn parse_yuan(input: &str) -> Option<i64> {
    let s = input.trim().trim_start_matches(['¥', '￥']).trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return None;
    }
    Some(whole.parse::<i64>().ok()? * 100 + format!("{frac:0<2}").parse::<i64>().ok()?)
}

/// A bill's amount. Per m²: area (hundredths of m²) × rate (fen per m² per
/// month) × months, divided by 100 and rounded half up to the fen — the
/// office's own paper rule, so residents get the same figure as the ledger
/// book. Fixed: rate × months.
pub fn bill_amount(per_m2: bool, rate_fen: i64, area_hundredths_m2: i64, months: i64) -> i64 {
    if per_m2 {
        (area_hundredths_m2 * rate_fen * months + 50) / 100
    } else {
        rate_fen * months
    }
}

/// An amount in Chinese capital numerals (大写) as written on receipts:
/// 19555 → "壹佰玖拾伍元伍角伍分", 1000 → "壹拾元整".
pub fn daxie(fen: i64) -> String {
    const DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    // The character of one decimal digit (0–9).
    let digit = |d: u64| usize::try_from(d % 10).map_or("零", |i| DIGITS[i]);
    const UNITS: [&str; 4] = ["", "拾", "佰", "仟"];
    const SECTIONS: [&str; 3] = ["", "万", "亿"];
    if fen == 0 {
        return "零元整".into();
    }
    let negative = fen < 0;
    let fen = fen.unsigned_abs();
    let (yuan, jiao, cents) = (fen / 100, (fen / 10) % 10, fen % 10);
    let mut out = String::new();
    if yuan > 0 {
        // Groups of four digits from the top, with 万 and 亿 between them.
        let mut groups = Vec::new();
        let mut rest = yuan;
        while rest > 0 {
            groups.push(rest % 10_000);
            rest /= 10_000;
        }
        let mut pending_zero = false;
        for (i, group) in groups.iter().enumerate().rev() {
            if *group == 0 {
                pending_zero = !out.is_empty();
                continue;
            }
            if pending_zero || (!out.is_empty() && *group < 1000) {
                out.push('零');
            }
            pending_zero = false;
            let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
            let mut zero = false;
            for (pos, d) in digits.iter().enumerate() {
                let leading = digits[..pos].iter().all(|x| *x == 0);
                if *d == 0 {
                    zero = !leading;
                    continue;
                }
                if zero {
                    out.push('零');
                    zero = false;
                }
                out.push_str(digit(*d));
                out.push_str(UNITS[3 - pos]);
            }
            out.push_str(SECTIONS[i.min(2)]);
        }
        out.push('元');
    }
    match (jiao, cents) {
        (0, 0) => out.push('整'),
        (0, c) => {
            if yuan > 0 {
                out.push('零');
            }
            out.push_str(digit(c));
            out.push('分');
        }
        (j, 0) => {
            out.push_str(digit(j));
            out.push_str("角整");
        }
        (j, c) => {
            out.push_str(digit(j));
            out.push('角');
            out.push_str(digit(c));
            out.push('分');
        }
    }
    if negative { format!("负{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_has_two_decimals() {
        assert_eq!(yuan(19555), "195.55");
        assert_eq!(yuan(1), "0.01");
        assert_eq!(yuan(1000), "10.00");
        assert_eq!(yuan(-5), "-0.05");
    }

    #[test]
    fn typed_yuan_becomes_fen() {
        assert_eq!(parse_yuan("195.55"), Some(19555));
        assert_eq!(parse_yuan(" ¥200 "), Some(20000));
        assert_eq!(parse_yuan("0.5"), Some(50));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("-1"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan(""), None);
    }

    #[test]
    fn the_amount_rule_rounds_half_up_to_the_fen() {
        // 54.32 m² × 0.30 元 × 12 = 195.552 元 → 195.55
        assert_eq!(bill_amount(true, 30, 5432, 12), 19555);
        // 54.35 m² × 0.30 × 12 = 195.66 exactly
        assert_eq!(bill_amount(true, 30, 5435, 12), 19566);
        // 0.05 m² × 0.30 × 1 = 0.015 元 → 0.02 (half up)
        assert_eq!(bill_amount(true, 30, 5, 1), 2);
        // 0.01 m² × 0.30 × 1 = 0.003 → 0.00
        assert_eq!(bill_amount(true, 30, 1, 1), 0);
        assert_eq!(bill_amount(false, 2000, 5432, 3), 6000);
    }

    #[test]
    fn capitals_as_written_on_receipts() {
        assert_eq!(daxie(1), "壹分");
        assert_eq!(daxie(10), "壹角整");
        assert_eq!(daxie(1000), "壹拾元整");
        assert_eq!(daxie(19555), "壹佰玖拾伍元伍角伍分");
        assert_eq!(daxie(100_005), "壹仟元零伍分");
        assert_eq!(daxie(1_000_000_005), "壹仟万元零伍分");
        assert_eq!(daxie(10_000_000_005), "壹亿元零伍分");
        assert_eq!(daxie(10_010_000), "壹拾万零壹佰元整");
        assert_eq!(daxie(100_200_300), "壹佰万贰仟零叁元整");
        assert_eq!(daxie(0), "零元整");
        assert_eq!(daxie(20_550), "贰佰零伍元伍角整");
    }
}
