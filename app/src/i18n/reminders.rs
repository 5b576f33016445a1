//! 催缴: the office's polite reminders from the arrears list, and the slips
//! it prints for the door.

pub struct RemindWords {
    pub choose: &'static str,
    pub remind_chosen: &'static str,
    pub remind_all: &'static str,
    /// "{n}": households.
    pub remind_question: &'static str,
    pub remind_yes: &'static str,
    /// "{date}".
    pub reminded_on: &'static str,
    /// "{n}".
    pub sent: &'static str,
    pub too_soon: &'static str,
    pub print_slips: &'static str,
    pub slips_title: &'static str,
    pub slips_none: &'static str,
    pub slip_title: &'static str,
    /// "{flat}".
    pub slip_greeting: &'static str,
    /// "{period}", "{amount}".
    pub slip_body: &'static str,
    pub slip_office: &'static str,
    pub slip_app: &'static str,
    /// "{bank}".
    pub slip_bank: &'static str,
    /// "{phone}".
    pub slip_call: &'static str,
    pub slip_thanks: &'static str,
}

pub const ZH: RemindWords = RemindWords {
    choose: "选这户",
    remind_chosen: "提醒选中的住户",
    remind_all: "提醒全部欠费户",
    remind_question: "给 {n} 户发缴费提醒？住户和代办的家属会在“消息”里看到。同一户一周只提醒一次。",
    remind_yes: "发提醒",
    reminded_on: "上次提醒：{date}",
    sent: "已提醒 {n} 户。",
    too_soon: "{n} 户这周已经提醒过，过一周才能再提醒。",
    print_slips: "打印门上贴的提醒单",
    slips_title: "缴费提醒单",
    slips_none: "没有要打印的提醒单。",
    slip_title: "物业费缴费提醒",
    slip_greeting: "{flat} 住户：您好！",
    slip_body: "您家{period}的物业费还有 {amount} 元没有缴。感谢您一直以来对小区的支持，方便的时候请用下面任一种方式缴纳：",
    slip_office: "到物业办公室，用现金、微信或支付宝缴纳；",
    slip_app: "在手机“院里”的“物业费”里扫码转账，再点“我已付款”；",
    slip_bank: "银行转账：{bank}；",
    slip_call: "有疑问请打物业电话 {phone}。",
    slip_thanks: "物业服务中心 敬上",
};

pub const EN: RemindWords = RemindWords {
    choose: "Choose",
    remind_chosen: "Remind the chosen households",
    remind_all: "Remind every household that owes",
    remind_question: "Send a fee reminder to {n} households? Residents and their helpers read it in Messages. A household is reminded at most once a week.",
    remind_yes: "Send",
    reminded_on: "Reminded {date}",
    sent: "Reminded {n} households.",
    too_soon: "{n} households were reminded this week; they can be reminded again after a week.",
    print_slips: "Print slips for the doors",
    slips_title: "Fee reminder slips",
    slips_none: "No slips to print.",
    slip_title: "A reminder of the property fee",
    slip_greeting: "Dear household of {flat},",
    slip_body: "¥{amount} of your {period} property fee is still to pay. Thank you for supporting the compound; please pay in any of these ways when convenient:",
    slip_office: "at the property office, in cash, by WeChat or Alipay;",
    slip_app: "in Courtyard on your phone: Fees, scan the code and send, then tap “I have paid”;",
    slip_bank: "by bank transfer: {bank};",
    slip_call: "Questions: call the office on {phone}.",
    slip_thanks: "With thanks, the property office",
};
