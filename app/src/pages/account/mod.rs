//! 我的: language, large text, and which compound is mine.

use leptos::prelude::*;

use crate::app::use_community;
use crate::components::{CommunityPicker, LargeTextSwitch};
use crate::i18n::{Lang, use_i18n};

#[component]
pub fn MePage() -> impl IntoView {
    let i18n = use_i18n();
    let community = use_community();
    let lang_button = move |lang: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="button"
                lang=lang.tag()
                aria-pressed=move || if i18n.0.get() == lang { "true" } else { "false" }
                on:click=move |_| i18n.0.set(lang)
            >
                {label}
            </button>
        }
    };
    view! {
        <h2 class="section-title">{move || i18n.t().me_title}</h2>
        <section class="card" aria-labelledby="lang-heading">
            <h3 id="lang-heading">{move || i18n.t().me_language}</h3>
            <div class="choice">
                {lang_button(Lang::ZhCn, "中文")}
                {lang_button(Lang::En, "English")}
            </div>
        </section>
        <LargeTextSwitch />
        <section aria-labelledby="my-community-heading">
            <h3 id="my-community-heading" class="section-title">{move || i18n.t().me_community}</h3>
            <p class="soft">
                {move || match community.current() {
                    Some(c) => c.name,
                    None => i18n.t().me_community_none.to_owned(),
                }}
            </p>
            <CommunityPicker />
        </section>
    }
}
