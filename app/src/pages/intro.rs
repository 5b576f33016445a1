use leptos::prelude::*;

use crate::components::CallOfficeButton;
use crate::components::icons::{Icon, Svg};
use crate::i18n::{Lang, use_i18n};

/// A capability's page before sign-in: what it is for, in plain words, and
/// the office phone as the way to get it done today.
#[component]
pub fn IntroPage(
    icon: Icon,
    title: fn(Lang) -> &'static str,
    intro: fn(Lang) -> &'static str,
    how: fn(Lang) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card intro">
            <h2>
                <Svg icon=icon />
                <span>{move || title(i18n.0.get())}</span>
            </h2>
            <p>{move || intro(i18n.0.get())}</p>
            <p class="soft">{move || how(i18n.0.get())}</p>
            <CallOfficeButton />
        </section>
    }
}
