//! 消息: the inbox's page and each kind of news as a sentence.

use crate::model::InboxKind;

pub struct InboxWords {
    pub title: &'static str,
    pub all_read: &'static str,
    pub empty: &'static str,
    /// "{who}" is the residents' names and the flat.
    pub for_household: &'static str,
    pub see: &'static str,
    pub call: &'static str,
    pub more: &'static str,
    /// One sentence a kind: "{words}" the title or name, "{amount}" the points
    /// or yuan.
    pub ticket_assigned: &'static str,
    pub ticket_started: &'static str,
    pub ticket_resolved: &'static str,
    pub ticket_comment: &'static str,
    pub ticket_given: &'static str,
    pub points_awarded: &'static str,
    pub points_reversed: &'static str,
    pub swap_ready: &'static str,
    pub swap_handed_over: &'static str,
    pub swap_cancelled: &'static str,
    pub bill_issued: &'static str,
    pub bill_overdue: &'static str,
    pub urgent_notice: &'static str,
    pub care_missed: &'static str,
    pub activity_in: &'static str,
    pub activity_tomorrow: &'static str,
}

impl InboxWords {
    /// The sentence for a kind of news, before its blanks are filled.
    pub fn sentence(&self, kind: InboxKind) -> &'static str {
        match kind {
            InboxKind::TicketAssigned => self.ticket_assigned,
            InboxKind::TicketStarted => self.ticket_started,
            InboxKind::TicketResolved => self.ticket_resolved,
            InboxKind::TicketComment => self.ticket_comment,
            InboxKind::TicketGiven => self.ticket_given,
            InboxKind::PointsAwarded => self.points_awarded,
            InboxKind::PointsReversed => self.points_reversed,
            InboxKind::SwapReady => self.swap_ready,
            InboxKind::SwapHandedOver => self.swap_handed_over,
            InboxKind::SwapCancelled => self.swap_cancelled,
            InboxKind::BillIssued => self.bill_issued,
            InboxKind::BillOverdue => self.bill_overdue,
            InboxKind::UrgentNotice => self.urgent_notice,
            InboxKind::CareMissed => self.care_missed,
            InboxKind::ActivityIn => self.activity_in,
            InboxKind::ActivityTomorrow => self.activity_tomorrow,
        }
    }
}

pub const ZH: InboxWords = InboxWords {
    title: "消息",
    all_read: "全部标为已读",
    empty: "还没有消息。报修有进展、得了积分、账单来了，都会在这里告诉您。",
    for_household: "代办：{who}",
    see: "去看看",
    call: "打电话",
    more: "再看 30 条",
    ticket_assigned: "您的报修「{words}」已派给师傅",
    ticket_started: "师傅开始修「{words}」了",
    ticket_resolved: "「{words}」修好了，请确认并评价",
    ticket_comment: "报修「{words}」有新留言",
    ticket_given: "派给您一张报修单：「{words}」",
    points_awarded: "得了 {amount} 积分：{words}",
    points_reversed: "收回了 {amount} 积分：{words}",
    swap_ready: "兑换的「{words}」已备好，请带取货码到物业领取",
    swap_handed_over: "兑换的「{words}」已经领走",
    swap_cancelled: "「{words}」的兑换已取消，{amount} 积分已退回",
    bill_issued: "{words} 的物业费账单来了：{amount} 元",
    bill_overdue: "{words} 的物业费已过缴费期限，还差 {amount} 元",
    urgent_notice: "紧急通知：{words}",
    care_missed: "{words}今天还没报平安",
    activity_in: "有人让出了名额，“{words}”您可以去了",
    activity_tomorrow: "别忘了：明天有“{words}”",
};

pub const EN: InboxWords = InboxWords {
    title: "Messages",
    all_read: "Mark all as read",
    empty: "No messages yet. Repair progress, points and new bills will be told here.",
    for_household: "For {who}",
    see: "Open",
    call: "Call",
    more: "Next 30",
    ticket_assigned: "Your repair \"{words}\" was given to a worker",
    ticket_started: "Work started on \"{words}\"",
    ticket_resolved: "\"{words}\" is fixed: please confirm and rate it",
    ticket_comment: "New comment on the repair \"{words}\"",
    ticket_given: "A repair was given to you: \"{words}\"",
    points_awarded: "{amount} points earned: {words}",
    points_reversed: "{amount} points taken back: {words}",
    swap_ready: "\"{words}\" is ready: bring your pickup code to the office",
    swap_handed_over: "\"{words}\" was handed over",
    swap_cancelled: "The swap for \"{words}\" was cancelled; {amount} points came back",
    bill_issued: "New fee bill for {words}: ¥{amount}",
    bill_overdue: "The fee for {words} is overdue: ¥{amount} still to pay",
    urgent_notice: "Urgent notice: {words}",
    care_missed: "{words} has not checked in today",
    activity_in: "A place came free: you are going to \u{201c}{words}\u{201d}",
    activity_tomorrow: "Tomorrow: \u{201c}{words}\u{201d}",
};
