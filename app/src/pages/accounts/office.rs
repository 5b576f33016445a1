use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{FormError, PasswordField, TextField, parse_text, submit_action};
use crate::i18n::use_i18n;
use crate::model::{CreateStaffRequest, IssuedCode, PasswordResetRequest};

/// Creates a staff account: repair worker, cleaner, guard.
#[component]
pub fn StaffForm(community: i64) -> impl IntoView {
    let i18n = use_i18n();
    let phone = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let submit = submit_action(api::create_staff, error, move |_| {
        done.set(true);
        phone.set(String::new());
        name.set(String::new());
        password.set(String::new());
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(false);
        let Some(name) = parse_text(&name.get_untracked(), error) else {
            return;
        };
        submit.dispatch(CreateStaffRequest {
            community_id: community,
            phone: phone.get_untracked(),
            name,
            password: password.get_untracked(),
        });
    };
    view! {
        <form class="card form" on:submit=on_submit aria-labelledby="staff-heading">
            <h3 id="staff-heading">{move || i18n.t().manage_staff}</h3>
            <TextField id="staff-phone" label=Signal::derive(move || i18n.account().phone) value=phone kind="tel" inputmode="numeric" />
            <TextField id="staff-name" label=Signal::derive(move || i18n.account().name) value=name />
            <PasswordField id="staff-password" label=Signal::derive(move || i18n.account().password) hint=Signal::derive(move || i18n.account().password_hint) value=password autocomplete="new-password" />
            <FormError error />
            {move || done.get().then(|| view! { <p class="status ok" role="status">{i18n.account().staff_created}</p> })}
            <button type="submit" class="button primary">{move || i18n.account().create_staff_button}</button>
        </form>
    }
}

/// Issues a one-time reset code to read to a resident over the phone.
#[component]
pub fn ResetForm(community: i64) -> impl IntoView {
    let i18n = use_i18n();
    let phone = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let issued = RwSignal::new(None::<IssuedCode>);
    let submit = submit_action(api::issue_password_reset, error, move |code| {
        issued.set(Some(code));
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        issued.set(None);
        submit.dispatch(PasswordResetRequest {
            community_id: community,
            phone: phone.get_untracked(),
        });
    };
    view! {
        <form class="card form" on:submit=on_submit aria-labelledby="reset-heading">
            <h3 id="reset-heading">{move || i18n.t().manage_reset}</h3>
            <TextField id="reset-phone" label=Signal::derive(move || i18n.account().phone) value=phone kind="tel" inputmode="numeric" />
            <FormError error />
            {move || issued.get().map(|code| view! {
                <div class="card issued" role="status">
                    <p>{i18n.account().reset_issued}</p>
                    <p class="big-code">{code.code}</p>
                </div>
            })}
            <button type="submit" class="button primary">{move || i18n.account().reset_issue_button}</button>
        </form>
    }
}
