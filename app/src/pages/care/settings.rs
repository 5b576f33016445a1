//! /care: switch 报平安 on or off, by what time, who is told, away until.

use leptos::prelude::*;

use super::Today;
use crate::api;
use crate::components::{ErrorNotice, FormError, Loading, TextField, submit_action};
use crate::i18n::use_i18n;
use crate::model::{CareSettings, CareUpdate};

#[component]
pub fn CarePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = crate::state::use_session();
    let loaded = LocalResource::new(move || {
        session.acting_for.track();
        api::care(None)
    });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <h2 class="section-title">{move || i18n.care().title}</h2>
        <p class="soft">{move || i18n.care().intro}</p>
        {move || match loaded.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(care)) => view! { <Settings care /> }.into_any(),
        }}
    }
}

#[component]
fn Settings(care: CareSettings) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.care();
    let current = RwSignal::new(care.clone());
    let enabled = RwSignal::new(care.enabled);
    let deadline = RwSignal::new(care.deadline.clone());
    let office = RwSignal::new(care.watch_office);
    let volunteer = RwSignal::new(care.volunteer_phone.clone().unwrap_or_default());
    let away = RwSignal::new(care.paused_until.clone().unwrap_or_default());
    let error = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let save = submit_action(api::save_care, error, move |now: CareSettings| {
        away.set(now.paused_until.clone().unwrap_or_default());
        current.set(now);
        saved.set(true);
    });
    let user_id = care.user_id;
    let body = move |away_until: Option<String>| CareUpdate {
        user_id: Some(user_id),
        enabled: enabled.get_untracked(),
        deadline: Some(deadline.get_untracked()),
        watch_office: office.get_untracked(),
        volunteer_phone: Some(volunteer.get_untracked()).filter(|v| !v.trim().is_empty()),
        paused_until: away_until.filter(|d| !d.is_empty()),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        saved.set(false);
        save.dispatch(body(Some(away.get_untracked())));
    };
    let back = move |_| {
        error.set(None);
        save.dispatch(body(None));
    };
    view! {
        {move || current.get().enabled.then(|| view! { <section class="card"><Today care=current.get() /></section> })}
        <form class="card stack" on:submit=submit>
            <label class="radio" for="care-enabled">
                <input type="checkbox" id="care-enabled" prop:checked=move || enabled.get()
                    on:change=move |ev| enabled.set(event_target_checked(&ev)) />
                <span>{move || c().enabled} " · " {care.name.clone()}</span>
            </label>
            <TextField id="care-deadline" label=Signal::derive(move || c().deadline) value=deadline
                hint=Signal::derive(move || c().deadline_hint) inputmode="numeric" />
            <label class="radio" for="care-office">
                <input type="checkbox" id="care-office" prop:checked=move || office.get()
                    on:change=move |ev| office.set(event_target_checked(&ev)) />
                <span>{move || c().watch_office}</span>
            </label>
            <TextField id="care-volunteer" label=Signal::derive(move || c().volunteer) value=volunteer
                hint=Signal::derive(move || c().volunteer_hint) kind="tel" inputmode="tel" />
            <TextField id="care-away" label=Signal::derive(move || c().away) value=away
                hint=Signal::derive(move || c().away_hint) kind="date" />
            <FormError error />
            {move || saved.get().then(|| view! { <p class="card" role="status">{i18n.t().saved}</p> })}
            <button type="submit" class="button primary">{move || i18n.t().save}</button>
            {move || current.get().paused_until.is_some().then(|| view! {
                <button type="button" class="button" on:click=back>{c().back}</button>
            })}
        </form>
        {move || current.get().enabled.then(|| {
            let watchers = current.get().watchers;
            view! {
                <section class="card" aria-labelledby="care-watchers">
                    <h3 id="care-watchers">{c().watchers}</h3>
                    {if watchers.is_empty() {
                        view! { <p>{c().no_watchers}</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {watchers.into_iter().map(|w| {
                                    let kind = match w.kind.as_str() {
                                        "helper" => c().watcher_helper,
                                        "volunteer" => c().watcher_volunteer,
                                        _ => c().watcher_office,
                                    };
                                    view! { <li>{kind} " · " {w.name}</li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }
        })}
    }
}
