use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::{FormError, PasswordField, TextField, submit_action};
use crate::i18n::use_i18n;
use crate::model::ResetPasswordRequest;
use crate::state::use_session;

/// A new password with the one-time code the office read over the phone.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submit = submit_action(api::reset_password, error, move |me| {
        session.sign_in(me, true);
        navigate("/", leptos_router::NavigateOptions::default());
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        submit.dispatch(ResetPasswordRequest {
            phone: phone.get_untracked(),
            code: code.get_untracked(),
            new_password: password.get_untracked(),
        });
    };
    view! {
        <h2 class="section-title">{move || i18n.account().reset_title}</h2>
        <p>{move || i18n.account().reset_intro}</p>
        // method="post": sent without the app (JavaScript off), a password
        // goes in a body, never into the address.
        <form class="card form" method="post" on:submit=on_submit>
            <TextField id="phone" label=Signal::derive(move || i18n.account().phone) value=phone kind="tel" autocomplete="tel" inputmode="numeric" />
            <TextField id="code" label=Signal::derive(move || i18n.account().reset_code) hint=Signal::derive(move || i18n.account().code_hint) value=code />
            <PasswordField id="password" label=Signal::derive(move || i18n.account().new_password) hint=Signal::derive(move || i18n.account().password_hint) value=password autocomplete="new-password" />
            <FormError error />
            <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                {move || i18n.account().reset_button}
            </button>
        </form>
    }
}
