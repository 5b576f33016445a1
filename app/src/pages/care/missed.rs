//! /manage/care: "今天还没报平安" by building, each with a phone to call,
//! printable for the round of knocks.

use leptos::prelude::*;

use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::i18n::use_i18n;

#[component]
pub fn MissedPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(api::care_missed);
    let retry = Callback::new(move |()| list.refetch());
    let c = move || i18n.care();
    view! {
        <div class="title-row">
            <h2 class="section-title">{move || c().missed_title}</h2>
            <button type="button" class="button no-print" on:click=move |_| {
                if let Some(w) = web_sys::window() { let _ = w.print(); }
            }>{move || i18n.t().print}</button>
        </div>
        {move || match list.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(people)) if people.is_empty() => view! { <p class="card">{c().missed_empty}</p> }.into_any(),
            Some(Ok(people)) => view! {
                <ul class="plain care-missed">
                    {people.into_iter().map(|p| {
                        let last = p.last_checkin_at.as_deref().map_or_else(|| c().never.to_owned(), |at| {
                            crate::format::date_time(at, i18n.0.get_untracked())
                        });
                        view! {
                            <li class="card">
                                <strong>{p.building.clone()} " " {p.flat_label.clone()} " · " {p.name.clone()}</strong>
                                <span class="soft">{c().by} " " {p.deadline.clone()} " · " {c().last} " " {last}</span>
                                <a class="button primary" href=format!("tel:{}", p.phone)>{c().call} " " {p.phone.clone()}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
