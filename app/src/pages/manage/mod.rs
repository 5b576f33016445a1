//! 物业管理: the office's menu of its pages, with the staff and password-reset forms (managers only; the server checks).

mod switch;

pub use switch::OfficeSwitch;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use crate::state::use_session;

#[component]
pub fn ManagePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <h2 class="section-title">{move || i18n.t().manage_title}</h2>
        {move || match session.managed_community() {
            None => view! { <p class="card">{i18n.t().err_forbidden}</p> }.into_any(),
            Some((community, name)) => view! {
                <p class="soft">{name}</p>
                <A href="/manage/codes" attr:class="button primary">{i18n.t().manage_codes}</A>
                <A href="/manage/fees" attr:class="button primary">{i18n.t().manage_fees}</A>
                <A href="/manage/fees/schedules" attr:class="button primary">{move || i18n.schedule().open}</A>
                <A href="/manage/disclosures" attr:class="button primary">{move || i18n.disclosure().title}</A>
                <A href="/votes" attr:class="button primary">{move || i18n.vote().title}</A>
                <A href="/suggestions" attr:class="button primary">{move || i18n.notice().suggestions_link}</A>
                <A href="/manage/care" attr:class="button primary">{move || i18n.care().missed_title}</A>
                <A href="/activities" attr:class="button primary">{i18n.t().manage_activities}</A>
                <A href="/manage/import" attr:class="button">{i18n.t().manage_import}</A>
                <A href="/manage/audit" attr:class="button">{move || i18n.audit().title}</A>
                <crate::pages::accounts::StaffForm community />
                <crate::pages::accounts::ResetForm community />
            }.into_any(),
        }}
    }
}
