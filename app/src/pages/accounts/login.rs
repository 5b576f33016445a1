use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::{CallOfficeButton, FormError, PasswordField, TextField, submit_action};
use crate::i18n::use_i18n;
use crate::model::LoginRequest;
use crate::state::use_session;

/// Phone and password in large fields, the office phone right there.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submit = submit_action(api::login, error, move |me| {
        session.sign_in(me, true);
        navigate("/", leptos_router::NavigateOptions::default());
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        submit.dispatch(LoginRequest {
            phone: phone.get_untracked(),
            password: password.get_untracked(),
        });
    };
    view! {
        <h2 class="section-title">{move || i18n.account().login_title}</h2>
        // method="post": sent without the app (JavaScript off), a password
        // goes in a body, never into the address.
        <form class="card form" method="post" on:submit=on_submit>
            <TextField id="phone" label=Signal::derive(move || i18n.account().phone) value=phone kind="tel" autocomplete="tel" inputmode="numeric" />
            <PasswordField id="password" label=Signal::derive(move || i18n.account().password) value=password />
            <FormError error />
            <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                {move || if submit.pending().get() { i18n.account().logging_in } else { i18n.account().login_button }}
            </button>
        </form>
        <A href="/register" attr:class="button">{move || i18n.account().no_account}</A>
        <section class="card">
            <p>{move || i18n.account().forgot_password}</p>
            <CallOfficeButton />
            <A href="/reset-password" attr:class="button">{move || i18n.account().have_reset_code}</A>
        </section>
    }
}
