use leptos::prelude::*;

use super::icons::{Icon, Svg};
use crate::i18n::use_i18n;
use crate::state::{set_preference, use_large_text};

/// The 长辈模式 switch: a real switch (role="switch") with its state in words.
#[component]
pub fn LargeTextSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let large = use_large_text();
    view! {
        <div class="card switch-row">
            <span class="switch-label" id="large-text-label">
                <Svg icon=Icon::Text />
                <span>
                    <strong>{move || i18n.t().large_text}</strong>
                    <small>{move || i18n.t().large_text_hint}</small>
                </span>
            </span>
            <button
                type="button"
                class="switch"
                role="switch"
                aria-labelledby="large-text-label"
                aria-checked=move || if large.get() { "true" } else { "false" }
                on:click=move |_| set_preference(Some(!large.get_untracked()), None)
            >
                {move || if large.get() { i18n.t().switch_on } else { i18n.t().switch_off }}
            </button>
        </div>
    }
}
