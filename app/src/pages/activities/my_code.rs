//! /activities/my-code: the code an organiser scans to check someone in,
//! large. A helper shows (or prints) the parent's; every resident of the
//! household has their own.

use leptos::prelude::*;

use super::words;
use crate::api;
use crate::components::{ErrorNotice, Loading, QrSvg};
use crate::model::Role;
use crate::state::use_session;

#[component]
pub fn MyCodePage() -> impl IntoView {
    let session = use_session();
    let w = move || words();
    let people = super::household_members();
    let whose = RwSignal::new(None::<i64>);
    let me = move || session.me.with(|m| m.as_ref().map(|m| m.id));
    let code = LocalResource::new(move || {
        let (chosen, h, me) = (whose.get(), session.acting_for.get(), me());
        async move {
            let who = match (chosen, h) {
                (Some(who), _) => Some(who),
                // A helper's own code is no use: the household's first
                // resident's (the parent's) is.
                (None, Some(h)) => {
                    let residents: Vec<i64> = api::members(h)
                        .await
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|p| p.role == Role::Resident)
                        .map(|p| p.user_id)
                        .collect();
                    (!residents.iter().any(|r| Some(*r) == me))
                        .then(|| residents.first().copied())
                        .flatten()
                }
                (None, None) => None,
            };
            api::person_code(who).await
        }
    });
    let retry = Callback::new(move |()| code.refetch());
    view! {
        <h2 class="section-title">{move || w().my_code}</h2>
        <p class="soft">{move || w().my_code_hint}</p>
        <div class="choice">
            {move || {
                let residents: Vec<_> = people.get().unwrap_or_default().into_iter()
                    .filter(|p| p.role == Role::Resident).collect();
                (residents.len() > 1 || residents.iter().all(|p| Some(p.user_id) != me())).then(|| {
                    residents.into_iter().map(|p| {
                        let uid = p.user_id;
                        view! {
                            <button type="button" class="button" aria-pressed=move || (whose.get() == Some(uid)).to_string()
                                on:click=move |_| whose.set(Some(uid))>{p.name}</button>
                        }
                    }).collect_view()
                })
            }}
        </div>
        {move || match code.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(c)) => view! {
                <section class="card person-code" aria-label=move || w().my_code>
                    <p class="big-name">{c.name.clone()}</p>
                    <QrSvg text=c.code.clone() />
                    <p class="big-code">{c.code.clone()}</p>
                </section>
            }.into_any(),
        }}
    }
}
