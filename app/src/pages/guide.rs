//! For helpers: how to put the icon on a parent's home screen.

use leptos::prelude::*;

use crate::components::{CallOfficeButton, LargeTextSwitch};
use crate::i18n::use_i18n;

#[component]
pub fn InstallGuidePage() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let g = i18n.guide();
        view! {
            <h2 class="section-title">{g.title}</h2>
            <p class="card">{g.intro}</p>
            {g.ways.iter().map(|(heading, steps)| view! {
                <section class="card guide">
                    <h3>{*heading}</h3>
                    <ol>{steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
                </section>
            }).collect_view()}
            <p class="card">{g.after}</p>
            <LargeTextSwitch />
            <CallOfficeButton />
        }
    }
}
