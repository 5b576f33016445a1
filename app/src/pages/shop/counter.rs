//! 柜台代换 (managers): a resident without a phone — or one who simply came
//! to the office — swaps points at the counter. The office chooses the
//! building and the person, sees the balance and the shelf as that person
//! would, swaps for them and hands the goods over there and then. The
//! ledger and the audit record it as done by the office person for them.

use leptos::prelude::*;

use super::handover::Handover;
use super::shelf::Shelf;
use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::i18n::use_i18n;
use crate::model::Redemption;
use crate::state::use_managed_buildings;

#[component]
pub fn Counter(on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let buildings = use_managed_buildings();
    let building = RwSignal::new(None::<i64>);
    let person = RwSignal::new(None::<i64>);
    let people = LocalResource::new(move || {
        let b = building.get();
        async move {
            match b {
                Some(b) => api::point_residents(Some(b)).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let ledger = LocalResource::new(move || {
        let u = person.get();
        async move {
            match u {
                Some(u) => Some(api::ledger_of(Some(u)).await),
                None => None,
            }
        }
    });
    let items = LocalResource::new(|| api::shop_items(false));
    let got = RwSignal::new(None::<Redemption>);
    let swapped = Callback::new(move |()| {
        ledger.refetch();
        on_done.run(());
    });
    let handed = Callback::new(move |()| {
        got.set(None);
        ledger.refetch();
        on_done.run(());
    });
    view! {
        <details class="card counter">
            <summary>{move || p().counter_title}</summary>
            <p class="soft">{move || p().counter_intro}</p>
            <div class="field">
                <label for="counter-building">{move || p().counter_building}</label>
                <select id="counter-building" on:change=move |ev| {
                    person.set(None);
                    got.set(None);
                    building.set(event_target_value(&ev).parse().ok());
                }>
                    <option value="">{move || p().counter_choose}</option>
                    {move || buildings.get().unwrap_or_default().into_iter().map(|b| view! {
                        <option value=b.id.to_string()>{b.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="counter-person">{move || p().counter_person}</label>
                <select id="counter-person" on:change=move |ev| {
                    got.set(None);
                    person.set(event_target_value(&ev).parse().ok());
                }>
                    <option value="">{move || p().counter_choose}</option>
                    {move || people.get().unwrap_or_default().into_iter().map(|r| view! {
                        <option value=r.user_id.to_string()>{r.flat_label} " " {r.name}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || got.get().map(|r| view! { <Handover redemption=r on_done=handed /> })}
            {move || match ledger.get() {
                None => view! { <Loading /> }.into_any(),
                Some(None) => ().into_any(),
                Some(Some(Err(error))) => view! { <ErrorNotice error retry=swapped /> }.into_any(),
                Some(Some(Ok(l))) => view! {
                    <p class="big-line counter-balance" role="status">
                        {p().counter_has.replace("{name}", &l.name)} " " <strong>{l.balance}</strong> " " {p().points}
                    </p>
                    <Shelf balance=l.balance got on_change=swapped items for_user=person.get_untracked() />
                }
                .into_any(),
            }}
        </details>
    }
}
