//! 首页: the four things people come for, their community and its phone,
//! and the large-text switch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::use_session;
use crate::components::icons::{Icon, Svg};
use crate::components::{CommunityPicker, LargeTextSwitch};
use crate::i18n::{Words, use_i18n};

const TILES: [(&str, Icon, Words, Words); 4] = [
    (
        "/repairs",
        Icon::Wrench,
        |t| t.tile_repairs,
        |t| t.tile_repairs_sub,
    ),
    (
        "/points",
        Icon::Gift,
        |t| t.tile_points,
        |t| t.tile_points_sub,
    ),
    (
        "/notices",
        Icon::Bell,
        |t| t.tile_notices,
        |t| t.tile_notices_sub,
    ),
    ("/fees", Icon::Coin, |t| t.tile_fees, |t| t.tile_fees_sub),
];

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let greeting = move || match session.me.get() {
        Some(me) => i18n.t().home_hello_name.replace("{name}", &me.name),
        None => i18n.t().home_welcome.to_owned(),
    };
    view! {
        <p class="welcome">{greeting}</p>
        <div class="tiles">
            {TILES
                .into_iter()
                .map(|(href, icon, name, sub)| {
                    view! {
                        <A href=href attr:class="tile">
                            <span class="icon"><Svg icon=icon /></span>
                            <span class="text">
                                <span class="name">{move || name(i18n.t())}</span>
                                <span class="sub">{move || sub(i18n.t())}</span>
                            </span>
                        </A>
                    }
                })
                .collect_view()}
        </div>
        <LargeTextSwitch />
        // Before login, which compound (and which office phone) is theirs.
        {move || session.me.get().is_none().then(|| view! {
            <section aria-labelledby="communities-heading">
                <h2 id="communities-heading" class="section-title">{i18n.t().home_pick_community}</h2>
                <CommunityPicker />
            </section>
        })}
    }
}
