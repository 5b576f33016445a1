use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;

/// The skeleton shown while something loads: a grey block, not a blank.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">{move || i18n.t().loading}</span>
            <span class="bar"></span>
            <span class="bar short"></span>
        </div>
    }
}

/// An error in plain words with a retry button.
#[component]
pub fn ErrorNotice(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let words = move || {
        if error == ApiError::Network {
            i18n.t().error_network
        } else {
            i18n.t().error_server
        }
    };
    view! {
        <div class="card notice-bad" role="alert">
            <p>{words}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {move || i18n.t().retry}
            </button>
        </div>
    }
}
