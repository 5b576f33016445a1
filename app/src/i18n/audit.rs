//! The managers' audit log page (操作记录).

pub struct AuditWords {
    pub title: &'static str,
    pub area: &'static str,
    /// The filter's choices, in the order of `pages::manage::audit::AREAS`.
    pub areas: [&'static str; 7],
    pub from: &'static str,
    pub to: &'static str,
    pub download: &'static str,
    pub empty: &'static str,
    pub system: &'static str,
    pub for_household: &'static str,
    pub next: &'static str,
    /// "{actor} {what}".
    pub sentence: &'static str,
    /// "{actor}", "{household}", "{what}".
    pub sentence_for: &'static str,
    /// What each action did, by `AuditEntry::word_keys` (most particular
    /// first); facts go in with `AuditEntry::fill`.
    pub actions: &'static [(&'static str, &'static str)],
    /// An action not in `actions`: "{action}".
    pub unknown: &'static str,
    /// Link words for a notice, a vote, an activity, a suggestion ("{id}").
    pub notice_link: &'static str,
    pub vote_link: &'static str,
    pub activity_link: &'static str,
    pub suggestion_link: &'static str,
}

impl AuditWords {
    /// The entry as a sentence: "李合昌 为 3号楼 201 登记了电话报修".
    pub fn tell(&self, entry: &crate::model::AuditEntry) -> String {
        let keys = entry.word_keys();
        let what = keys
            .iter()
            .find_map(|k| self.actions.iter().find(|(key, _)| key == k))
            .map_or_else(
                || self.unknown.replace("{action}", &entry.action),
                |(_, words)| entry.fill(words),
            );
        let actor = entry.actor_name.as_deref().unwrap_or(self.system);
        match &entry.household {
            Some(h) => self
                .sentence_for
                .replace("{actor}", actor)
                .replace("{household}", h)
                .replace("{what}", &what),
            None => self
                .sentence
                .replace("{actor}", actor)
                .replace("{what}", &what),
        }
    }

    /// The words of a link to the entry's record.
    pub fn record_label(&self, record: crate::model::Record) -> String {
        use crate::model::Record;
        match record {
            Record::Ticket(id) => crate::model::ticket_number(id),
            Record::Notice(id) => self.notice_link.replace("{id}", &id.to_string()),
            Record::Vote(id) => self.vote_link.replace("{id}", &id.to_string()),
            Record::Activity(id) => self.activity_link.replace("{id}", &id.to_string()),
            Record::Suggestion(id) => self.suggestion_link.replace("{id}", &id.to_string()),
        }
    }
}

const ZH_ACTIONS: &[(&str, &str)] = &[
    ("repair.create:office", "登记了电话报修"),
    ("repair.create:helper", "代报了修"),
    ("repair.create", "报了修"),
    ("repair.event:assign", "派了工"),
    ("repair.event:status:in_progress", "开始维修"),
    ("repair.event:status:resolved", "标记为已修好"),
    ("repair.event:status:closed", "关闭了报修"),
    ("repair.event:status:cancelled", "撤销了报修"),
    ("repair.event:status", "改了报修进度"),
    ("repair.event:rating", "评了分"),
    ("repair.event:reopen", "说没修好，重新打开了报修"),
    ("repair.event:comment", "留了言"),
    ("repair.event", "处理了报修"),
    ("points.award", "给 {n} 人记了积分，每人 {points} 分"),
    ("points.adjust", "调整了积分 {points} 分"),
    ("points.reverse", "冲销了 {points} 分"),
    ("points.rule_create", "新增了积分规则（{points} 分）"),
    ("points.rule_update", "改了积分规则（{points} 分）"),
    ("points.settings", "改了光荣榜设置"),
    ("shop.redeem", "用 {points} 分换了东西"),
    ("shop.fulfil", "把换的东西交给了住户"),
    ("shop.cancel", "取消了兑换，退回 {points} 分"),
    ("shop.item_create", "上架了新物品（{points} 分）"),
    ("shop.item_update", "改了物品（{points} 分）"),
    ("fees.payment_record", "登记了收款 {amount} 元"),
    ("fees.payment_reverse", "冲销了一笔收款：{reason}"),
    ("fees.claim", "说已付款 {amount} 元"),
    ("fees.claim_confirm", "确认了到账"),
    ("fees.claim_decline", "没有确认到账：{reason}"),
    ("fees.remind", "给 {n} 户发了 {period} 的缴费提醒"),
    ("fees.bills_generate", "出了 {period} 的账单 {n} 张"),
    (
        "fees.schedule_rate",
        "把单价改为 {amount} 元，从 {period} 起",
    ),
    ("fees.schedule_retire", "停用了收费项目“{name}”"),
    ("fees.settings", "改了收款码和银行账户"),
    ("notices.publish", "发了通知"),
    ("notices.edit", "改了通知"),
    ("disclosures.publish", "公示了 {month} 的账目"),
    ("votes.create", "发起了表决"),
    ("votes.close", "结束了表决，公布结果"),
    ("votes.ballot", "投了票"),
    ("votes.answer", "回答了征求意见"),
    ("suggestions.create", "写了意见"),
    ("suggestions.reply", "回复了意见"),
    ("activities.publish", "发布了活动“{name}”"),
    ("activities.edit", "改了活动"),
    ("activities.close", "结束了活动，给 {n} 人记了积分"),
    ("activities.signup", "报了名"),
    ("activities.checkin", "给 {n} 人签了到"),
    ("activities.withdraw", "取消了报名"),
    ("activities.checkout", "给 {n} 人签了退"),
    ("households.member_add", "添加了没有手机的家人"),
    ("households.import", "导入了住户表"),
    ("households.code_regenerate", "换了住户注册码"),
    ("helpers.code_issue", "生成了家属邀请码"),
    ("helpers.link", "成了代办家属"),
    ("helpers.register", "注册成代办家属"),
    ("helpers.revoke", "取消了家属代办"),
    ("care.checkin", "报了平安"),
    ("care.settings", "改了报平安设置"),
    ("accounts.login", "登录了"),
    ("accounts.login_fail", "登录没成功"),
    ("accounts.password_change", "改了密码"),
    ("accounts.password_reset", "用重置码设了新密码"),
    ("accounts.reset_issue", "发了密码重置码"),
    ("accounts.staff_create", "添加了维修工账号"),
    ("accounts.register", "用注册码注册了"),
    ("accounts.register_member", "用登记卡注册，接手了家人的积分"),
    ("admin.community_create", "新建了小区"),
    ("admin.manager_create", "添加了物业管理员"),
    ("admin.manager_add", "把已有账号的人加为物业管理员"),
    ("admin.manager_remove", "撤下了一位物业管理员"),
];

const EN_ACTIONS: &[(&str, &str)] = &[
    ("repair.create:office", "logged a phoned-in repair"),
    ("repair.create:helper", "reported a repair"),
    ("repair.create", "reported a repair"),
    ("repair.event:assign", "assigned a repair"),
    ("repair.event:status:in_progress", "started a repair"),
    ("repair.event:status:resolved", "marked a repair fixed"),
    ("repair.event:status:closed", "closed a repair"),
    ("repair.event:status:cancelled", "cancelled a repair"),
    ("repair.event:status", "moved a repair on"),
    ("repair.event:rating", "rated a repair"),
    ("repair.event:reopen", "reopened a repair (not fixed)"),
    ("repair.event:comment", "commented on a repair"),
    ("repair.event", "worked on a repair"),
    ("points.award", "awarded {points} points each to {n} people"),
    ("points.adjust", "adjusted points by {points}"),
    ("points.reverse", "reversed {points} points"),
    (
        "points.rule_create",
        "added a points rule ({points} points)",
    ),
    (
        "points.rule_update",
        "changed a points rule ({points} points)",
    ),
    ("points.settings", "changed the honour board"),
    ("shop.redeem", "swapped {points} points for goods"),
    ("shop.fulfil", "handed over swapped goods"),
    ("shop.cancel", "cancelled a swap, {points} points back"),
    ("shop.item_create", "added goods ({points} points)"),
    ("shop.item_update", "changed goods ({points} points)"),
    ("fees.payment_record", "recorded a payment of ¥{amount}"),
    ("fees.payment_reverse", "reversed a payment: {reason}"),
    ("fees.claim", "said ¥{amount} was paid"),
    ("fees.claim_confirm", "confirmed a payment arrived"),
    ("fees.claim_decline", "did not confirm a payment: {reason}"),
    ("fees.remind", "reminded {n} households of {period}"),
    ("fees.bills_generate", "made {n} bills for {period}"),
    (
        "fees.schedule_rate",
        "set a rate of ¥{amount} from {period}",
    ),
    ("fees.schedule_retire", "retired the fee “{name}”"),
    (
        "fees.settings",
        "changed the payment codes and bank account",
    ),
    ("notices.publish", "published a notice"),
    ("notices.edit", "changed a notice"),
    ("disclosures.publish", "published the accounts of {month}"),
    ("votes.create", "opened a vote"),
    ("votes.close", "closed a vote and published the result"),
    ("votes.ballot", "voted"),
    ("votes.answer", "answered a consultation"),
    ("suggestions.create", "wrote a suggestion"),
    ("suggestions.reply", "answered a suggestion"),
    ("activities.publish", "published the activity “{name}”"),
    ("activities.edit", "changed an activity"),
    (
        "activities.close",
        "closed an activity, points for {n} people",
    ),
    ("activities.signup", "signed up"),
    ("activities.checkin", "checked in {n} people"),
    ("activities.withdraw", "withdrew"),
    ("activities.checkout", "checked out {n} people"),
    (
        "households.member_add",
        "added a family member without a phone",
    ),
    ("households.import", "imported the household list"),
    ("households.code_regenerate", "renewed a household code"),
    ("helpers.code_issue", "made a family invitation code"),
    ("helpers.link", "became a helper"),
    ("helpers.register", "registered as a helper"),
    ("helpers.revoke", "ended a helper's access"),
    ("care.checkin", "checked in (I'm fine)"),
    ("care.settings", "changed the daily check-in"),
    ("accounts.login", "logged in"),
    ("accounts.login_fail", "failed to log in"),
    ("accounts.password_change", "changed the password"),
    (
        "accounts.password_reset",
        "set a new password with a reset code",
    ),
    ("accounts.reset_issue", "issued a password reset code"),
    ("accounts.staff_create", "added a repair worker"),
    ("accounts.register", "registered with a household code"),
    (
        "accounts.register_member",
        "registered from a member slip, keeping the points",
    ),
    ("admin.community_create", "created a community"),
    ("admin.manager_create", "added an office manager"),
    (
        "admin.manager_add",
        "made an existing account an office manager",
    ),
    ("admin.manager_remove", "removed an office manager"),
];

pub const ZH: AuditWords = AuditWords {
    title: "操作记录",
    area: "哪一类",
    areas: ["全部", "报修", "积分", "积分超市", "物业费", "通知", "代办"],
    from: "从",
    to: "到",
    download: "下载表格（CSV）",
    empty: "这段时间没有记录。",
    system: "系统",
    for_household: "代",
    next: "再看 50 条",
    sentence: "{actor} {what}",
    sentence_for: "{actor} 为 {household} {what}",
    actions: ZH_ACTIONS,
    unknown: "做了一项操作（{action}）",
    notice_link: "通知 #{id}",
    vote_link: "表决 #{id}",
    activity_link: "活动 #{id}",
    suggestion_link: "意见 #{id}",
};

pub const EN: AuditWords = AuditWords {
    title: "Audit log",
    area: "Area",
    areas: [
        "All", "Repairs", "Points", "Shop", "Fees", "Notices", "Helpers",
    ],
    from: "From",
    to: "To",
    download: "Download (CSV)",
    empty: "Nothing in this period.",
    system: "System",
    for_household: "for",
    next: "Next 50",
    sentence: "{actor} {what}",
    sentence_for: "{actor} {what} for {household}",
    actions: EN_ACTIONS,
    unknown: "did something ({action})",
    notice_link: "Notice #{id}",
    vote_link: "Vote #{id}",
    activity_link: "Activity #{id}",
    suggestion_link: "Suggestion #{id}",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AUDIT_ACTIONS, AuditEntry};

    #[test]
    fn every_action_reads_in_words_in_every_language() {
        for words in [&ZH, &EN] {
            for action in AUDIT_ACTIONS {
                assert!(
                    words.actions.iter().any(|(key, _)| key == action),
                    "no words for {action}"
                );
            }
            for (key, _) in words.actions {
                let action = key.split(':').next().unwrap_or(key);
                assert!(AUDIT_ACTIONS.contains(&action), "{key} is no action");
            }
        }
    }

    #[test]
    fn a_phone_in_repair_reads_as_the_office_would_say_it() {
        let entry = AuditEntry {
            id: 1,
            at: "2026-12-07T02:00:00Z".into(),
            actor_name: Some("李合昌".into()),
            household: Some("3号楼 201".into()),
            action: "repair.create".into(),
            detail: r#"{"ticket": 8, "channel": "office"}"#.into(),
        };
        assert_eq!(ZH.tell(&entry), "李合昌 为 3号楼 201 登记了电话报修");
        assert_eq!(
            EN.tell(&entry),
            "李合昌 logged a phoned-in repair for 3号楼 201"
        );
        let record = entry.record().expect("a ticket");
        assert_eq!(ZH.record_label(record), "BX-00008");
        let odd = AuditEntry {
            action: "robots.dance".into(),
            household: None,
            actor_name: None,
            ..entry
        };
        assert_eq!(ZH.tell(&odd), "系统 做了一项操作（robots.dance）");
    }
}
