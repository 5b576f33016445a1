//! A community's office managers: who they are (and which other compounds
//! they keep), removing one, and adding someone new or someone who already
//! has an account.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::Totals;
use crate::api::{self, ApiError};
use crate::components::{
    ConfirmButton, ErrorNotice, FormError, Loading, PasswordField, TextField, parse_text,
};
use crate::i18n::admin::AdminWords;
use crate::i18n::use_i18n;
use crate::model::{CommunityOverview, CreateManagerRequest, ErrorCode, ManagerRow};

#[component]
pub fn CommunityManagersPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.admin_words();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()));
    // The community (from the district's list) and its managers.
    let data = LocalResource::new(move || async move {
        let Some(id) = id else {
            return Ok(None);
        };
        let community = api::district().await?.into_iter().find(|c| c.id == id);
        match community {
            Some(c) => Ok(Some((c, api::managers(id).await?))),
            None => Ok(None),
        }
    });
    let reload = Callback::new(move |()| data.refetch());
    // What was last done, said above the list: kept here, where a reload of
    // the list does not forget it.
    let done = RwSignal::new(None::<String>);
    view! {
        <A href="/admin" attr:class="button">{move || w().back}</A>
        {move || done.get().map(|said| view! { <p class="card issued" role="status">{said}</p> })}
        {move || match data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry=reload /> }.into_any(),
            Some(Ok(None)) => view! { <p class="card">{w().not_found}</p> }.into_any(),
            Some(Ok(Some((community, managers)))) => view! {
                <Managers community managers done on_change=reload />
            }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn Managers(
    community: CommunityOverview,
    managers: Vec<ManagerRow>,
    done: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = i18n.0.get_untracked().admin_words();
    let community_id = community.id;
    let community_name = community.name.clone();
    let list = if managers.is_empty() {
        view! { <p class="card">{w.no_managers}</p> }.into_any()
    } else {
        view! {
            <ul class="plain">
                {managers.into_iter().map(|m| {
                    let name = community_name.clone();
                    view! { <li><ManagerCard manager=m community_id community_name=name done on_change /></li> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2 class="section-title">{w.managers_of.replace("{name}", &community.name)}</h2>
        {list}
        <AddManagerForm community=community_id done on_done=on_change />
        <section class="card">
            <Totals community />
        </section>
    }
    .into_any()
}

#[component]
fn ManagerCard(
    manager: ManagerRow,
    community_id: i64,
    community_name: String,
    done: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = i18n.0.get_untracked().admin_words();
    let error = RwSignal::new(None::<ApiError>);
    let user = manager.user_id;
    let name = manager.name.clone();
    let remove = Callback::new(move |()| {
        let name = name.clone();
        done.set(None);
        spawn_local(async move {
            match api::remove_manager(community_id, user).await {
                Ok(()) => {
                    done.set(Some(i18n.admin_words().removed.replace("{name}", &name)));
                    on_change.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let question_name = manager.name.clone();
    let also = (!manager.also_manages.is_empty()).then(|| {
        w.also_manages
            .replace("{names}", &manager.also_manages.join(w.list_separator))
    });
    let tel = format!("tel:{}", manager.phone);
    view! {
        <section class="card manager">
            <h3>{manager.name.clone()}</h3>
            <p><a class="tel" href=tel>{manager.phone.clone()}</a></p>
            {also.map(|a| view! { <p class="soft">{a}</p> })}
            <FormError error />
            <ConfirmButton label=Signal::derive(move || i18n.admin_words().remove.to_owned())
                question=Signal::derive(move || i18n.admin_words().remove_question
                    .replace("{name}", &question_name)
                    .replace("{community}", &community_name))
                yes=Signal::derive(move || i18n.admin_words().remove.to_owned())
                on_confirm=remove />
        </section>
    }
}

/// This page's own words for the refusals its form can meet.
fn refusal(words: &AdminWords, error: &ApiError) -> Option<&'static str> {
    match error {
        ApiError::Server { code, .. } => match code {
            ErrorCode::InvalidFields => Some(words.needs_name),
            ErrorCode::PhoneTaken => Some(words.has_account),
            ErrorCode::AlreadyLinked => Some(words.already),
            _ => None,
        },
        ApiError::Network => None,
    }
}

/// 添加物业管理员: the phone alone for someone with an account; a name and a
/// first password too for someone new.
#[component]
fn AddManagerForm(
    community: i64,
    done: RwSignal<Option<String>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.admin_words();
    let phone = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let said = RwSignal::new(None::<&'static str>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        said.set(None);
        done.set(None);
        let typed_name = name.get_untracked();
        let name_value = if typed_name.trim().is_empty() {
            None
        } else {
            let Some(parsed) = parse_text(&typed_name, error) else {
                return;
            };
            Some(parsed)
        };
        let typed_password = password.get_untracked();
        let body = CreateManagerRequest {
            phone: phone.get_untracked(),
            name: name_value,
            password: (!typed_password.is_empty()).then_some(typed_password),
        };
        spawn_local(async move {
            match api::add_manager(community, body).await {
                Ok(_) => {
                    done.set(Some(i18n.admin_words().added.to_owned()));
                    phone.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                    on_done.run(());
                }
                Err(e) => match refusal(i18n.admin_words(), &e) {
                    Some(words) => said.set(Some(words)),
                    None => error.set(Some(e)),
                },
            }
        });
    };
    view! {
        <form class="card form" on:submit=add>
            <h3>{move || w().add_title}</h3>
            <p>{move || w().add_intro}</p>
            <TextField id="manager-phone" inputmode="tel" label=Signal::derive(move || w().manager_phone) value=phone />
            <TextField id="manager-name" label=Signal::derive(move || w().manager_name) value=name />
            <PasswordField id="manager-password" label=Signal::derive(move || w().first_password)
                hint=Signal::derive(move || w().password_hint) value=password autocomplete="new-password" />
            <FormError error />
            <div role="alert" class="form-error-slot">
                {move || said.get().map(|words| view! { <p class="card notice-bad">{words}</p> })}
            </div>
            <button type="submit" class="button primary">{move || w().add}</button>
        </form>
    }
    .into_any()
}
