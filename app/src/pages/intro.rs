use leptos::prelude::*;

use crate::components::CallOfficeButton;
use crate::components::icons::{Icon, Svg};
use crate::i18n::{Words, use_i18n};

/// A capability's page before sign-in: what it is for, in plain words, and
/// the office phone as the way to get it done today.
#[component]
pub fn IntroPage(icon: Icon, title: Words, intro: Words, how: Words) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card intro">
            <h2>
                <Svg icon=icon />
                <span>{move || title(i18n.t())}</span>
            </h2>
            <p>{move || intro(i18n.t())}</p>
            <p class="soft">{move || how(i18n.t())}</p>
            <CallOfficeButton />
        </section>
    }
}
