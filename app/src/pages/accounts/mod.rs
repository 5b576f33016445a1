//! 我的: the person, their preferences, households, helpers; and the pages
//! to log in, register and reset a password.

mod households;
mod login;
mod office;
mod register;
mod reset;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

pub use login::LoginPage;
pub use office::{ResetForm, StaffForm};
pub use register::RegisterPage;
pub use reset::ResetPasswordPage;

use crate::api;
use crate::components::{CommunityPicker, ConfirmButton, LargeTextSwitch, Loading};
use crate::i18n::{Lang, use_i18n};
use crate::state::{set_preference, use_community, use_session};

#[component]
pub fn MePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <h2 class="section-title">{move || i18n.t().me_title}</h2>
        {move || {
            if !session.checked.get() {
                view! { <Loading /> }.into_any()
            } else if session.me.get().is_some() {
                view! { <SignedIn /> }.into_any()
            } else {
                view! { <SignedOut /> }.into_any()
            }
        }}
        <LanguageChoice />
        <LargeTextSwitch />
        <A href="/help/install" attr:class="button">{move || i18n.guide().link}</A>
    }
}

#[component]
fn SignedOut() -> impl IntoView {
    let i18n = use_i18n();
    let community = use_community();
    view! {
        <section class="card">
            <p>{move || i18n.account().me_login_prompt}</p>
            <div class="stack">
                <A href="/login" attr:class="button primary">{move || i18n.account().login_button}</A>
                <A href="/register" attr:class="button">{move || i18n.account().no_account}</A>
            </div>
        </section>
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

#[component]
fn SignedIn() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let counts = crate::state::use_counts();
    let logout = Callback::new(move |()| {
        spawn_local(async move {
            // Even if the network fails, forget the person on this device.
            let _ = api::logout().await;
            session.sign_out();
        });
    });
    view! {
        {move || session.me.get().map(|me| view! {
            <section class="card profile">
                <h3>{me.name.clone()}</h3>
                <p class="soft">{me.phone.clone()}</p>
            </section>
        })}
        <A href="/inbox" attr:class="button">
            {move || i18n.t().inbox_open}
            {move || counts.get().filter(|c| c.inbox > 0).map(|c| view! {
                " " <span class="badge">{c.inbox}<span class="visually-hidden">{i18n.t().inbox_unread}</span></span>
            })}
        </A>
        {move || session.me.with(|m| m.as_ref().is_some_and(|me| !me.households.is_empty())).then(|| view! {
            <A href="/care" attr:class="button">{i18n.care().title}</A>
        })}
        <households::Households />
        <households::LinkHelper />
        {move || session.is_manager().then(|| view! {
            <A href="/manage" attr:class="button">{i18n.t().manage_title}</A>
        })}
        <ConfirmButton
            label=Signal::derive(move || i18n.account().logout.to_owned())
            question=Signal::derive(move || i18n.account().logout_confirm.to_owned())
            yes=Signal::derive(move || i18n.account().yes_logout.to_owned())
            on_confirm=logout
        />
    }
}

#[component]
fn LanguageChoice() -> impl IntoView {
    let i18n = use_i18n();
    let lang_button = move |lang: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="button"
                lang=lang.tag()
                aria-pressed=move || if i18n.0.get() == lang { "true" } else { "false" }
                on:click=move |_| set_preference(None, Some(lang))
            >
                {label}
            </button>
        }
    };
    view! {
        <section class="card" aria-labelledby="lang-heading">
            <h3 id="lang-heading">{move || i18n.t().me_language}</h3>
            <div class="choice">
                {lang_button(Lang::ZhCn, "中文")}
                {lang_button(Lang::En, "English")}
            </div>
        </section>
    }
}
