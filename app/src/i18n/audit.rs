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
}

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
};
