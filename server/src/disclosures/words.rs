//! The notice a 公示 is published as: plain paragraphs residents read, hear
//! aloud and print for the board. Amounts in 元 with two decimals; no
//! household is named.

use std::fmt::Write;

use app::model::{DisclosureFigures, FeeLine, yuan};

fn fee_sentence(line: &FeeLine) -> String {
    format!(
        "本月开出 {} 元，本月收到 {} 元；累计收缴率 {}。",
        yuan(line.billed_fen),
        yuan(line.collected_fen),
        line.rate_text()
    )
}

/// "1 天 3 小时", "5 小时", "40 分钟".
fn duration(minutes: i64) -> String {
    let (days, hours) = (minutes / (24 * 60), minutes % (24 * 60) / 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} 分钟"),
        (0, h) => format!("{h} 小时"),
        (d, 0) => format!("{d} 天"),
        (d, h) => format!("{d} 天 {h} 小时"),
    }
}

/// "2026年11月".
pub fn month_words(month: &str) -> String {
    let (year, m) = month.split_at(4);
    let m = m.trim_start_matches('-').trim_start_matches('0');
    format!("{year}年{m}月")
}

/// The notice's title and body.
pub fn notice(community: &str, f: &DisclosureFigures, note: &str) -> (String, String) {
    let month = month_words(&f.month);
    let title = format!("{month} 收支与服务公示");
    let mut body = vec![format!(
        "{community}{month}的物业费、积分和报修情况公示如下。数字由院里系统按账目自动生成，不含任何住户的姓名。"
    )];
    let mut fees = vec!["一、物业费".to_owned()];
    if f.fee_buildings.is_empty() {
        fees.push("本月没有账单。".to_owned());
    }
    for b in &f.fee_buildings {
        fees.push(format!("{}：{}", b.name, fee_sentence(b)));
    }
    if !f.fee_buildings.is_empty() {
        fees.push(format!("全院合计：{}", fee_sentence(&f.fee_total)));
    }
    body.push(fees.join("\n"));
    let mut points = vec!["二、积分与积分超市".to_owned()];
    for p in &f.points {
        points.push(format!("{}：{} 次，{} 分。", p.rule, p.times, p.points));
    }
    points.push(format!(
        "本月共发放 {} 分；兑换用去 {} 分。商品进货 {} 件，领走 {} 件。",
        f.points_issued(),
        f.shop.points_swapped,
        f.shop.stock_in,
        f.shop.stock_out
    ));
    body.push(points.join("\n"));
    let r = &f.repairs;
    let mut repairs = format!(
        "三、报修\n本月收到报修 {} 件，办结 {} 件",
        r.received, r.closed
    );
    if let Some(m) = r.median_minutes {
        let _ = write!(repairs, "；从报修到修好，一半在 {} 以内", duration(m));
    }
    if r.rated > 0 {
        let tenths = r.stars * 10 / r.rated;
        let _ = write!(
            repairs,
            "；{} 户评价，平均 {}.{} 星",
            r.rated,
            tenths / 10,
            tenths % 10
        );
    }
    repairs.push('。');
    body.push(repairs);
    if !note.is_empty() {
        body.push(format!("说明：{note}"));
    }
    body.push("对公示有疑问，请打物业电话或到物业办公室查看账目。".to_owned());
    (title, body.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::{MonthRepairs, MonthShop, PointLine};

    #[test]
    fn durations_and_months_read_plainly() {
        assert_eq!(duration(40), "40 分钟");
        assert_eq!(duration(5 * 60 + 10), "5 小时");
        assert_eq!(duration(27 * 60), "1 天 3 小时");
        assert_eq!(duration(48 * 60), "2 天");
        assert_eq!(month_words("2026-11"), "2026年11月");
        assert_eq!(month_words("2026-03"), "2026年3月");
    }

    #[test]
    fn the_notice_says_the_figures_in_yuan_and_names_nobody() {
        let line = FeeLine {
            name: "3号楼".into(),
            billed_fen: 0,
            collected_fen: 123_456,
            billed_to_date_fen: 300_000,
            collected_to_date_fen: 286_500,
        };
        let f = DisclosureFigures {
            month: "2026-11".into(),
            fee_buildings: vec![line.clone()],
            fee_total: FeeLine {
                name: String::new(),
                ..line
            },
            points: vec![PointLine {
                rule: "巡逻".into(),
                times: 12,
                points: 60,
            }],
            shop: MonthShop {
                points_swapped: 45,
                stock_in: 20,
                stock_out: 15,
            },
            repairs: MonthRepairs {
                received: 12,
                closed: 10,
                median_minutes: Some(27 * 60),
                rated: 3,
                stars: 14,
            },
        };
        let (title, body) = notice("轻机南院", &f, "楼道灯已全部换新。");
        assert_eq!(title, "2026年11月 收支与服务公示");
        assert!(body.contains("3号楼：本月开出 0.00 元，本月收到 1234.56 元；累计收缴率 95.5%。"));
        assert!(body.contains("巡逻：12 次，60 分。"));
        assert!(body.contains("本月共发放 60 分；兑换用去 45 分。商品进货 20 件，领走 15 件。"));
        assert!(body.contains("一半在 1 天 3 小时 以内；3 户评价，平均 4.6 星。"));
        assert!(body.contains("说明：楼道灯已全部换新。"));
    }
}
