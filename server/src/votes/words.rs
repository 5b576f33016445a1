//! The result notice: plain paragraphs everyone reads, hears aloud and
//! prints for the board. Counts only; no household is named.

use app::model::{Matter, Tally, Weight, share, yuan};

fn weight(w: Weight, of: Weight) -> String {
    format!(
        "{} 户（占 {}），面积 {} 平方米（占 {}）",
        w.households,
        share(w.households, of.households),
        yuan(w.area),
        share(w.area, of.area)
    )
}

/// The notice's title and body.
pub fn notice(community: &str, question: &str, t: &Tally, now: i64) -> (String, String) {
    let (y, m, d, _, _) = app::model::time::civil(now, app::model::time::SHANGHAI_OFFSET_MINUTES);
    let title: String = format!("表决结果：{question}").chars().take(200).collect();
    let mut body = vec![format!(
        "{community}关于“{question}”的表决已于{y}年{m}月{d}日结束。以下数字由院里系统按选票统计，不含任何住户的姓名和门牌。"
    )];
    body.push(format!(
        "应参与表决 {} 户，专有部分面积 {} 平方米。参与表决 {}。{}",
        t.eligible.households,
        yuan(t.eligible.area),
        weight(t.voted, t.eligible),
        if t.quorum {
            "参与的面积和户数都达到了三分之二。"
        } else {
            "参与的面积或户数没有达到三分之二，表决不能生效。"
        }
    ));
    let mut lines = vec!["各选项（占参与表决的面积和户数）：".to_owned()];
    for c in &t.choices {
        lines.push(format!("{}：{}", c.label, weight(c.weight, t.voted)));
    }
    body.push(lines.join("\n"));
    let rule = match t.matter {
        Matter::Major => {
            "本事项为重大事项，须经参与表决面积四分之三以上且人数四分之三以上的业主同意。"
        }
        Matter::Ordinary => "本事项须经参与表决面积过半数且人数过半数的业主同意。",
    };
    let outcome = match t
        .passed
        .and_then(|id| t.choices.iter().find(|c| c.choice_id == id))
    {
        Some(c)
            if t.choices
                .first()
                .is_some_and(|first| first.choice_id == c.choice_id)
                && c.label == "同意" =>
        {
            "结果：通过。".to_owned()
        }
        Some(c) => format!("结果：选定“{}”。", c.label),
        None => "结果：未通过。".to_owned(),
    };
    body.push(format!("{rule}{outcome}"));
    body.push(format!(
        "其中线上投票 {} 户，纸质票 {} 户。选票明细由物业保存，本户可在“院里”查看自己的投票。",
        t.online, t.paper
    ));
    (title, body.join("\n\n"))
}

/// A consultation's result: how many answered, each choice, and the
/// answers in words (without names).
pub fn consultation(community: &str, question: &str, t: &Tally, now: i64) -> (String, String) {
    let (y, m, d, _, _) = app::model::time::civil(now, app::model::time::SHANGHAI_OFFSET_MINUTES);
    let title: String = format!("征求意见结果：{question}")
        .chars()
        .take(200)
        .collect();
    let mut body = vec![format!(
        "{community}关于“{question}”的征求意见已于{y}年{m}月{d}日结束，共 {} 人回答（{} 户可以参加）。感谢大家！",
        t.voted.households, t.eligible.households
    )];
    if !t.choices.is_empty() {
        let lines: Vec<String> = t
            .choices
            .iter()
            .map(|c| {
                format!(
                    "{}：{} 人（占 {}）",
                    c.label,
                    c.weight.households,
                    share(c.weight.households, t.voted.households)
                )
            })
            .collect();
        body.push(lines.join("\n"));
    }
    if !t.texts.is_empty() {
        let mut lines = vec!["大家的意见：".to_owned()];
        lines.extend(t.texts.iter().map(|w| format!("· {w}")));
        body.push(lines.join("\n"));
    }
    body.push("这次是征求意见，不是表决；物业和居委会会参考大家的意见再定。".to_owned());
    let text: String = body.join("\n\n").chars().take(20_000).collect();
    (title, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::{VoteChoice, VoteKind};

    #[test]
    fn the_result_states_participation_and_approval_by_area_and_households() {
        let w = |households, area| Weight { households, area };
        let choice = |id: i64, label: &str| VoteChoice {
            id,
            label: label.into(),
        };
        let t = Tally::count(
            VoteKind::Decision,
            Matter::Major,
            w(3, 30_000),
            vec![
                (choice(1, "同意"), w(2, 20_000), 1),
                (choice(2, "不同意"), w(0, 0), 0),
                (choice(3, "弃权"), w(0, 0), 0),
            ],
            1,
        );
        let now = crate::db::parse_rfc3339("2026-12-07T10:00:00Z").expect("an instant");
        let (title, body) = notice("轻机南院", "用维修基金换屋顶", &t, now);
        assert_eq!(title, "表决结果：用维修基金换屋顶");
        assert!(body.contains("2026年12月7日结束"), "{body}");
        assert!(
            body.contains("参与表决 2 户（占 66.6%），面积 200.00 平方米（占 66.6%）"),
            "{body}"
        );
        assert!(
            body.contains("都达到了三分之二"),
            "exactly 2/3 is enough: {body}"
        );
        assert!(body.contains("同意：2 户（占 100.0%）"), "{body}");
        assert!(body.contains("结果：通过。"), "{body}");
        assert!(body.contains("线上投票 1 户，纸质票 1 户"), "{body}");
    }
}
