//! /activities/new: a manager publishes an activity — what, which kind,
//! where, when (or a weekly roster), how many places, which earning rule
//! it pays, and for which buildings.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::words;
use crate::api;
use crate::components::{FormError, TextField, ToggleInList, parse_text, submit_action};
use crate::model::{ActivityKind, NewActivity, Roster};
use crate::state::{use_managed_buildings, use_session};

#[component]
pub fn NewActivityPage() -> impl IntoView {
    let session = use_session();
    let w = move || words();
    let rules = LocalResource::new(api::point_rules);
    let buildings = use_managed_buildings();
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(ActivityKind::Patrol);
    let place = RwSignal::new(String::new());
    let details = RwSignal::new(String::new());
    let rule = RwSignal::new(None::<i64>);
    let day = RwSignal::new(crate::format::today());
    let from = RwSignal::new("08:00".to_owned());
    let to = RwSignal::new("10:00".to_owned());
    let capacity = RwSignal::new(String::new());
    let repeat = RwSignal::new(false);
    let weekdays = RwSignal::new(Vec::<i64>::new());
    let weeks = RwSignal::new("4".to_owned());
    let chosen = RwSignal::new(Vec::<i64>::new());
    // Who organises: the manager, or a resident volunteer with a phone.
    let organiser_building = RwSignal::new(None::<i64>);
    let organiser = RwSignal::new(None::<i64>);
    let volunteers = LocalResource::new(move || {
        let b = organiser_building.get();
        async move {
            match b {
                Some(b) => api::point_residents(Some(b))
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|r| r.has_phone)
                    .collect(),
                None => Vec::new(),
            }
        }
    });
    let error = RwSignal::new(None);
    let navigate = use_navigate();
    let submit = submit_action(
        api::publish_activity,
        error,
        move |made: crate::model::ActivityDetail| {
            navigate(
                &format!("/activities/{}", made.activity.id),
                leptos_router::NavigateOptions::default(),
            );
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let (Some(t), Some(p), Some(d)) = (
            parse_text(&title.get_untracked(), error),
            parse_text(&place.get_untracked(), error),
            parse_text(&details.get_untracked(), error),
        ) else {
            return;
        };
        let rule_id = rule
            .get_untracked()
            .or_else(|| {
                rules
                    .get_untracked()
                    .and_then(Result::ok)
                    .and_then(|r| r.first().map(|r| r.id))
            })
            .unwrap_or_default();
        let at = |time: String| format!("{}T{}:00+08:00", day.get_untracked(), time.trim());
        let cap = capacity.get_untracked();
        let body = NewActivity {
            title: t,
            kind: kind.get_untracked(),
            place: p,
            details: d,
            rule_id,
            organiser_id: organiser.get_untracked(),
            // Blank is no limit; anything else the server checks (0 is refused there).
            capacity: if cap.trim().is_empty() {
                None
            } else {
                Some(cap.trim().parse().unwrap_or(0))
            },
            building_ids: chosen.get_untracked(),
            starts_at: at(from.get_untracked()),
            ends_at: at(to.get_untracked()),
            roster: repeat.get_untracked().then(|| Roster {
                weekdays: weekdays.get_untracked(),
                weeks: weeks.get_untracked().trim().parse().unwrap_or(0),
            }),
        };
        submit.dispatch(body);
    };
    view! {
           <h2 class="section-title">{move || w().new_title}</h2>
           <form class="card stack" on:submit=on_submit>
               <TextField id="activity-title" label=Signal::derive(move || w().field_title) value=title />
               <div class="field">
                   <label for="activity-kind">{move || w().field_kind}</label>
                   <select id="activity-kind" on:change=move |ev| {
                       if let Some(k) = ActivityKind::parse(&event_target_value(&ev)) { kind.set(k) }
                   }>
                       {ActivityKind::ALL.into_iter().map(|k| view! {
                           <option value=k.as_str() selected=move || kind.get() == k>{move || w().kind(k)}</option>
                       }).collect_view()}
                   </select>
               </div>
               <TextField id="activity-place" label=Signal::derive(move || w().field_place) value=place />
               <div class="field">
                   <label for="activity-details">{move || w().field_details}</label>
                   <textarea id="activity-details" rows="3"
                       prop:value=move || details.get() on:input=move |ev| details.set(event_target_value(&ev))></textarea>
               </div>
               <div class="field">
                   <label for="activity-rule">{move || w().field_rule}</label>
                   <select id="activity-rule" on:change=move |ev| rule.set(event_target_value(&ev).parse().ok())>
                       {move || rules.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|r| r.active).map(|r| {
                           let label = format!("{} · {}", r.name, w().pays(r.points, r.unit));
                           view! { <option value=r.id.to_string()>{label}</option> }
                       }).collect_view()}
                   </select>
               </div>
    <fieldset class="field">
                   <legend>{move || w().organiser}</legend>
                   <p class="soft" id="activity-organiser-hint">{move || w().organiser_hint}</p>
                   <select id="activity-organiser-building" aria-label=move || w().organiser
                       aria-describedby="activity-organiser-hint" on:change=move |ev| {
                       organiser.set(None);
                       organiser_building.set(event_target_value(&ev).parse().ok());
                   }>
                       <option value="">{move || w().organiser_me}</option>
                       {move || buildings.get().unwrap_or_default().into_iter().map(|b| view! {
                           <option value=b.id.to_string()>{b.name}</option>
                       }).collect_view()}
                   </select>
                   {move || organiser_building.get().is_some().then(|| view! {
                       <label for="activity-organiser">{w().organiser_who}</label>
                       <select id="activity-organiser" on:change=move |ev| organiser.set(event_target_value(&ev).parse().ok())>
                           <option value="">{w().organiser_me}</option>
                           {move || volunteers.get().unwrap_or_default().into_iter().map(|r| view! {
                               <option value=r.user_id.to_string()>{r.flat_label} " " {r.name}</option>
                           }).collect_view()}
                       </select>
                   })}
               </fieldset>
               <TextField id="activity-day" label=Signal::derive(move || w().field_day) value=day kind="date" />
               <TextField id="activity-from" label=Signal::derive(move || w().field_from) value=from kind="time" />
               <TextField id="activity-to" label=Signal::derive(move || w().field_to) value=to kind="time" />
               <TextField id="activity-capacity" label=Signal::derive(move || w().field_capacity) value=capacity
                   hint=Signal::derive(move || w().capacity_hint) inputmode="numeric" />
               <label class="radio" for="activity-repeat">
                   <input type="checkbox" id="activity-repeat" prop:checked=move || repeat.get()
                       on:change=move |ev| repeat.set(event_target_checked(&ev)) />
                   <span>{move || w().roster}</span>
               </label>
               {move || repeat.get().then(|| view! {
                   <fieldset class="field">
                       <legend>{w().shifts}</legend>
                       <div class="choice">
                           {(1..=7_i64).map(|d| view! {
                               <ToggleInList id=format!("weekday-{d}") value=d chosen=weekdays>
                                   {move || w().weekdays[usize::try_from(d - 1).unwrap_or(0)]}
                               </ToggleInList>
                           }).collect_view()}
                       </div>
                       <TextField id="activity-weeks" label=Signal::derive(move || w().weeks) value=weeks inputmode="numeric" />
                   </fieldset>
               })}
               <fieldset class="field">
                   <legend>{move || w().for_buildings}</legend>
                   <p class="soft">{move || if chosen.get().is_empty() { w().everyone } else { "" }}</p>
                   <div class="choice">
                       {move || buildings.get().unwrap_or_default().into_iter().map(|b| view! {
                           <ToggleInList id=format!("activity-building-{}", b.id) value=b.id chosen>{b.name}</ToggleInList>
                       }).collect_view()}
                   </div>
               </fieldset>
               <FormError error />
               <button type="submit" class="button primary" disabled=move || submit.pending().get() || !session.is_manager()>
                   {move || w().publish}
               </button>
           </form>
       }
}
