//! The office picks a household: building, then flat (a phoned-in repair,
//! signing up or adding a member of a household for an activity).

use leptos::prelude::*;

use crate::api;
use crate::i18n::use_i18n;
use crate::state::{use_managed_buildings, use_managed_community};

/// Building, then flat, of the community the person manages.
#[component]
pub fn HouseholdChooser(household: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    let community = use_managed_community();
    let building = RwSignal::new(None::<i64>);
    let buildings = use_managed_buildings();
    let flats = LocalResource::new(move || {
        let (community, b) = (community.get(), building.get());
        async move {
            match (community, b) {
                (Some(c), Some(b)) => api::households(c, b).await.unwrap_or_default(),
                _ => Vec::new(),
            }
        }
    });
    view! {
        <div class="field">
            <label for="household-building">{move || r().building}</label>
            <select id="household-building" on:change=move |ev| {
                household.set(None);
                building.set(event_target_value(&ev).parse().ok());
            }>
                <option value="">{move || r().choose}</option>
                {move || buildings.get().unwrap_or_default().into_iter().map(|b| view! {
                    <option value=b.id.to_string()>{b.name}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="household-flat">{move || r().flat}</label>
            <select id="household-flat" on:change=move |ev| household.set(event_target_value(&ev).parse().ok())>
                <option value="">{move || r().choose}</option>
                {move || flats.get().unwrap_or_default().into_iter().map(|h| view! {
                    <option value=h.id.to_string()>{h.flat_label} " " {h.contact_name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
