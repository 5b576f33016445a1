//! The office's households: registration slips and the CSV import.

pub struct HouseholdWords {
    pub slip_title: &'static str,
    pub slip_how: &'static str,
    pub slip_registered: &'static str,
    pub regenerate: &'static str,
    pub regenerate_confirm: &'static str,
    pub import_intro: &'static str,
    pub import_file: &'static str,
    pub import_preview: &'static str,
    pub import_commit: &'static str,
    pub import_ok_rows: &'static str,
    pub import_problem_rows: &'static str,
    pub import_done: &'static str,
    /// "{updated}" flats already there, "{members}" people without a phone added.
    pub import_more: &'static str,
}

pub const ZH: HouseholdWords = HouseholdWords {
    slip_title: "院里 · 住户登记码",
    slip_how: "用手机打开院里，点“注册”，输入手机号、姓名、密码和这个登记码。扫码也可以。",
    slip_registered: "已注册",
    regenerate: "作废并重开",
    regenerate_confirm: "旧登记码会马上作废，确定吗？",
    import_intro: "选择 Excel 另存的 CSV 文件（UTF-8 或 GBK）。列：楼, 类型, 门牌, 面积, 姓名, 电话。",
    import_file: "CSV 文件",
    import_preview: "先预览",
    import_commit: "全部导入",
    import_ok_rows: "行没有问题",
    import_problem_rows: "行有问题，请改好后再导入",
    import_done: "已导入",
    import_more: "更新了 {updated} 户；添加了 {members} 位没有手机的住户（物业代管）",
};

pub const EN: HouseholdWords = HouseholdWords {
    slip_title: "Courtyard · registration code",
    slip_how: "Open Courtyard, tap Register, enter your number, name, password and this code. Or scan.",
    slip_registered: "Registered",
    regenerate: "Void and reissue",
    regenerate_confirm: "The old code stops working at once. Continue?",
    import_intro: "Choose a CSV saved from Excel (UTF-8 or GBK). Columns: building, building_kind, flat_label, area_m2, resident_name, resident_phone.",
    import_file: "CSV file",
    import_preview: "Preview",
    import_commit: "Import all",
    import_ok_rows: "rows are fine",
    import_problem_rows: "rows have problems; fix them and try again",
    import_done: "Imported",
    import_more: "{updated} flats updated; {members} people without a phone added (kept by the office)",
};
