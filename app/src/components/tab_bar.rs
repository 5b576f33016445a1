use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{Icon, Svg};
use crate::i18n::{Words, use_i18n};
use crate::state::{use_counts, use_notice_feed};

/// The five tabs: icon and word, never below 16 px.
const TABS: [(&str, Icon, Words); 5] = [
    ("/", Icon::Home, |t| t.tab_home),
    ("/repairs", Icon::Wrench, |t| t.tab_repairs),
    ("/points", Icon::Gift, |t| t.tab_points),
    ("/notices", Icon::Bell, |t| t.tab_notices),
    ("/me", Icon::User, |t| t.tab_me),
];

/// The bottom navigation bar; the active tab gets `aria-current="page"`.
#[component]
pub fn TabBar() -> impl IntoView {
    let i18n = use_i18n();
    let feed = use_notice_feed();
    let counts = use_counts();
    // Unread notices, repair news and unread messages (on 我的, where 消息
    // is), said in words for screen readers, as a number otherwise. The
    // counts drive them; until they arrive, the notice feed (in a first
    // screen, what the server filled in).
    let badge = move |href: &str| {
        let now = counts.get();
        let unread = match href {
            "/notices" => now.map_or_else(|| feed.get().map_or(0, |l| l.unread), |c| c.notices),
            "/repairs" => now.map_or(0, |c| c.repairs),
            "/me" => now.map_or(0, |c| c.inbox),
            _ => 0,
        };
        (unread > 0).then(|| view! {
            <span class="badge">{unread}<span class="visually-hidden">{i18n.t().notices_unread}</span></span>
        })
    };
    view! {
        <nav class="tabs" aria-label=move || i18n.t().main_nav>
            {TABS
                .into_iter()
                .map(|(href, icon, label)| {
                    view! {
                        <A href=href exact=href == "/">
                            <span class="tab-icon"><Svg icon=icon />{move || badge(href)}</span>
                            <span>{move || label(i18n.t())}</span>
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}
