//! The helpers' guide: how to put 院里 on a parent's home screen.

pub struct Guide {
    pub title: &'static str,
    pub intro: &'static str,
    pub link: &'static str,
    /// (heading, steps).
    pub ways: [(&'static str, &'static [&'static str]); 3],
    pub after: &'static str,
}

pub const ZH: Guide = Guide {
    title: "把院里放到爸妈的手机桌面上",
    intro: "装好以后，爸妈点桌面上的“院里”图标就能打开，不用记网址。第一次打开后，没网也能看最近的通知和物业费。",
    link: "怎样把院里放到手机桌面",
    ways: [
        (
            "安卓手机（Chrome、华为、小米等浏览器）",
            &[
                "用手机浏览器打开院里的网址，先帮爸妈登录好。",
                "点右上角的三个点（或下方的菜单按钮）。",
                "选“添加到主屏幕”或“安装应用”。",
                "确认名字是“院里”，点“添加”。桌面上就有院里的图标了。",
            ],
        ),
        (
            "微信里打开的",
            &[
                "微信里点开院里的链接后，点右上角的三个点。",
                "选“在浏览器打开”，再照上面安卓或苹果的步骤添加到桌面。",
                "也可以在三个点里选“收藏”，以后在微信“我—收藏”里找到。",
                "微信“设置—关怀模式”会把字放大，院里也能正常显示。",
            ],
        ),
        (
            "苹果手机（Safari）",
            &[
                "用 Safari 打开院里的网址，先帮爸妈登录好。",
                "点屏幕下方中间的“分享”按钮（方框加向上的箭头）。",
                "往下找到“添加到主屏幕”，点一下。",
                "点右上角“添加”。桌面上就有院里的图标了。",
            ],
        ),
    ],
    after: "装好后，在“我的”里打开“长辈模式”，字和按钮都会变大。有问题随时打物业电话。",
};

pub const EN: Guide = Guide {
    title: "Put Courtyard on your parent's home screen",
    intro: "Once added, your parent taps the 院里 icon to open it, no address to remember. After the first visit, the latest notices and bills can be read without a connection.",
    link: "How to add Courtyard to the home screen",
    ways: [
        (
            "Android (Chrome, Huawei, Xiaomi browsers)",
            &[
                "Open Courtyard's address in the phone's browser and log your parent in.",
                "Tap the three dots at the top right (or the menu button below).",
                "Choose “Add to Home screen” or “Install app”.",
                "Check the name is 院里 and tap “Add”. The icon is on the home screen.",
            ],
        ),
        (
            "Opened inside WeChat",
            &[
                "After opening the Courtyard link in WeChat, tap the three dots at the top right.",
                "Choose “Open in browser”, then follow the Android or iPhone steps.",
                "Or choose “Favourite” and find it later under Me → Favourites.",
                "WeChat's Settings → Care mode makes text bigger; Courtyard still fits.",
            ],
        ),
        (
            "iPhone (Safari)",
            &[
                "Open Courtyard's address in Safari and log your parent in.",
                "Tap the Share button at the bottom (a square with an arrow).",
                "Scroll to “Add to Home Screen” and tap it.",
                "Tap “Add” at the top right. The icon is on the home screen.",
            ],
        ),
    ],
    after: "Afterwards, turn on large text under Me: bigger words and buttons. Questions? Call the property office.",
};
