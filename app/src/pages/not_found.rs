use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

/// Shown for an address no route matches.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{move || i18n.t().not_found_title}</h2>
            <p>{move || i18n.t().not_found_body}</p>
            <A href="/" attr:class="button primary">{move || i18n.t().back_home}</A>
        </section>
    }
}
