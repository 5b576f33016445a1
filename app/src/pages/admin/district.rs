//! 全区: the communities with their totals, and a new community.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::Totals;
use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, FormError, Loading, TextField, parse_text};
use crate::i18n::use_i18n;
use crate::model::{CommunityOverview, NewCommunityRequest};

/// "3 个小区 · 655 户 · 412 人在用".
fn district_line(words: &crate::i18n::admin::AdminWords, list: &[CommunityOverview]) -> String {
    let households: i64 = list.iter().map(|c| c.households).sum();
    let people: i64 = list.iter().map(|c| c.people).sum();
    words
        .district_line
        .replace("{n}", &list.len().to_string())
        .replace("{households}", &households.to_string())
        .replace("{people}", &people.to_string())
}

#[component]
pub fn DistrictPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.admin_words();
    let data = LocalResource::new(api::district);
    let reload = Callback::new(move |()| data.refetch());
    view! {
        <h2 class="section-title">{move || w().title}</h2>
        <p class="card">{move || w().intro}</p>
        {move || match data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry=reload /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="card">{w().none}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <p class="big-line">{district_line(w(), &list)}</p>
                {list.into_iter().map(|community| view! { <CommunityCard community /> }).collect_view()}
            }.into_any(),
        }}
        <NewCommunityForm on_done=reload />
    }
    .into_any()
}

/// One community: its name, office phone and totals; its managers' page.
#[component]
fn CommunityCard(community: CommunityOverview) -> impl IntoView {
    let i18n = use_i18n();
    let w = i18n.0.get_untracked().admin_words();
    let title_id = format!("community-{}", community.id);
    let labelled_by = title_id.clone();
    let tel = format!("tel:{}", community.office_phone);
    let managers_href = format!("/admin/communities/{}", community.id);
    let see = w.see_managers.replace("{name}", &community.name);
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h3 id=title_id>{community.name.clone()}</h3>
            {(!community.address.is_empty()).then(|| view! { <p class="soft">{community.address.clone()}</p> })}
            <p>{w.office_phone_is} <a class="tel" href=tel>{community.office_phone.clone()}</a></p>
            <Totals community />
            <A href=managers_href attr:class="button primary">{see}</A>
        </section>
    }
}

/// 新建小区: name, address and the office phone residents will call.
#[component]
fn NewCommunityForm(on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.admin_words();
    let name = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        created.set(None);
        let Some(parsed_name) = parse_text(&name.get_untracked(), error) else {
            return;
        };
        let address_text = address.get_untracked();
        let parsed_address = if address_text.trim().is_empty() {
            crate::model::Address::default()
        } else {
            let Some(parsed) = parse_text(&address_text, error) else {
                return;
            };
            parsed
        };
        let body = NewCommunityRequest {
            name: parsed_name,
            address: parsed_address,
            office_phone: phone.get_untracked(),
            time_zone: None,
        };
        spawn_local(async move {
            match api::create_community(body).await {
                Ok(made) => {
                    created.set(Some(made.name));
                    name.set(String::new());
                    address.set(String::new());
                    phone.set(String::new());
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="card form" on:submit=create>
            <h3>{move || w().new_title}</h3>
            <TextField id="community-name" label=Signal::derive(move || w().name) value=name />
            <TextField id="community-address" label=Signal::derive(move || w().address) value=address />
            <TextField id="community-phone" inputmode="tel" label=Signal::derive(move || w().office_phone)
                hint=Signal::derive(move || w().phone_hint) value=phone />
            <FormError error />
            {move || created.get().map(|made| view! {
                <p class="card issued" role="status">{w().created.replace("{name}", &made)}</p>
            })}
            <button type="submit" class="button primary">{move || w().create}</button>
        </form>
    }
    .into_any()
}

/// 首页 for the deployment admin: the district in one line and the way in.
#[component]
pub fn DistrictCard() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.admin_words();
    let data = LocalResource::new(api::district);
    view! {
        <section class="card" aria-labelledby="district-heading">
            <h2 id="district-heading" class="section-title">{move || w().title}</h2>
            {move || data.get().and_then(Result::ok).map(|list| view! {
                <p class="big-line">{district_line(w(), &list)}</p>
            })}
            <A href="/admin" attr:class="button primary">{move || w().open}</A>
        </section>
    }
}
