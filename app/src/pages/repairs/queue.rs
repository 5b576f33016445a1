//! The office's queue: the figures, filters, urgent-and-oldest-first tickets,
//! and the CSV export. Works on a phone (cards) and a desktop (a wider grid).

use std::fmt::Write as _;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::card::TicketCard;
use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::format::today;
use crate::i18n::use_i18n;
use crate::model::{RepairCategory, RepairFigures, RepairStatus};
use crate::state::{use_managed_buildings, use_repair_feed};

const PAGE: u32 = 50;

#[component]
pub fn RepairQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    let asked = use_query_map();
    let status = RwSignal::new(
        asked
            .with_untracked(|q| q.get("status"))
            .unwrap_or_else(|| "open".into()),
    );
    let overdue = RwSignal::new(asked.with_untracked(|q| q.get("overdue").is_some()));
    let category = RwSignal::new(String::new());
    let building = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let workers = LocalResource::new(|| async { api::repair_workers().await.unwrap_or_default() });
    // Where the page starts: the position the page before gave out.
    let after = RwSignal::new(None::<String>);
    let buildings = use_managed_buildings();
    let list = LocalResource::new(move || {
        let mut q = format!("scope=queue&limit={PAGE}&status={}", status.get());
        if let Some(a) = after.get() {
            let _ = write!(q, "&cursor={a}");
        }
        if overdue.get() {
            q.push_str("&overdue=true");
        }
        for (key, value) in [
            ("category", category.get()),
            ("building_id", building.get()),
        ] {
            if !value.is_empty() {
                let _ = write!(q, "&{key}={value}");
            }
        }
        async move { api::repairs(&q).await }
    });
    let retry = Callback::new(move |()| list.refetch());
    let from = RwSignal::new(format!("{}-01", &today()[..7]));
    let to = RwSignal::new(today());
    let select = move |id: &'static str,
                       value: RwSignal<String>,
                       options: Vec<(String, String)>| {
        view! {
            <select id=id on:change=move |ev| { after.set(None); value.set(event_target_value(&ev)); }>
                {options.into_iter().map(|(v, words)| {
                    let current = v.clone();
                    view! { <option value=v selected=move || value.get() == current>{words}</option> }
                }).collect_view()}
            </select>
        }
    };
    view! {
        <h2 class="section-title">{move || r().queue}</h2>
        <Figures />
        <A href="/repairs/new?office=1" attr:class="button">{move || r().office_intake}</A>
        <div class="card filters">
            <div class="field">
                <label for="queue-status">{move || r().filter_status}</label>
                {move || {
                    let mut options = vec![("open".to_owned(), r().filter_open.to_owned()), ("all".to_owned(), r().filter_all.to_owned())];
                    options.extend(RepairStatus::ALL.into_iter().map(|s| (s.as_str().to_owned(), r().status(s).to_owned())));
                    select("queue-status", status, options)
                }}
            </div>
            <div class="field">
                <label for="queue-category">{move || r().filter_category}</label>
                {move || {
                    let mut options = vec![(String::new(), r().filter_any.to_owned())];
                    options.extend(RepairCategory::ALL.into_iter().map(|c| (c.as_str().to_owned(), r().category(c).to_owned())));
                    select("queue-category", category, options)
                }}
            </div>
            <div class="field">
                <label for="queue-building">{move || r().building}</label>
                {move || {
                    let mut options = vec![(String::new(), r().filter_any.to_owned())];
                    options.extend(buildings.get().unwrap_or_default().into_iter().map(|b| (b.id.to_string(), b.name)));
                    select("queue-building", building, options)
                }}
            </div>
            <div class="field">
                <label for="queue-assignee">{move || r().worker}</label>
                {move || {
                    let mut options = vec![(String::new(), r().filter_any.to_owned())];
                    options.extend(workers.get().unwrap_or_default().into_iter().map(|w| (w.user_id.to_string(), w.name)));
                    select("queue-assignee", assignee, options)
                }}
            </div>
            <label class="radio" for="queue-overdue">
                <input type="checkbox" id="queue-overdue" prop:checked=move || overdue.get()
                    on:change=move |ev| { after.set(None); overdue.set(event_target_checked(&ev)); } />
                <span>{move || r().filter_overdue}</span>
            </label>
        </div>
        {move || match list.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(l)) if l.items.is_empty() => view! { <p class="card">{r().queue_empty}</p> }.into_any(),
            Some(Ok(l)) => view! {
                <ul class="plain tickets queue">
                    {l.items.into_iter().map(|ticket| view! { <li><TicketCard ticket /></li> }).collect_view()}
                </ul>
                {l.next_cursor.map(|next| view! {
                    <button type="button" class="button" on:click=move |_| after.set(Some(next.clone()))>{r().more}</button>
                })}
            }.into_any(),
        }}
        <form class="card form" method="get" action="/api/v1/repairs/export.csv">
            <h3>{move || r().export}</h3>
            <div class="field">
                <label for="export-from">{move || r().export_from}</label>
                <input id="export-from" name="from" type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="export-to">{move || r().export_to}</label>
                <input id="export-to" name="to" type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="button">{move || r().export_go}</button>
        </form>
    }
}

/// New, open and overdue counts (each a tap into the filtered queue), the
/// median time to resolve and the satisfaction this month.
#[component]
pub fn Figures() -> impl IntoView {
    let i18n = use_i18n();
    let summary = use_repair_feed().summary();
    move || {
        summary.get().flatten().and_then(|s| s.office).map(|f: RepairFigures| {
            let r = i18n.repair();
            let hours = f.median_resolve_minutes.map_or_else(|| "—".to_owned(), |m| {
                // Hours with one decimal, from whole minutes, rounded.
                let tenths = (m * 10 + 30) / 60;
                format!("{}.{} {}", tenths / 10, tenths % 10, r.hours)
            });
            let rating = f.average_rating.map_or_else(|| "—".to_owned(), |a| format!("{a:.1} ★"));
            view! {
                <div class="figures">
                    <A href="/manage/repairs?status=submitted" attr:class="card figure"><span class="big">{f.new}</span><span>{r.figures_new}</span></A>
                    <A href="/manage/repairs" attr:class="card figure"><span class="big">{f.open}</span><span>{r.figures_open}</span></A>
                    <A href="/manage/repairs?overdue=1" attr:class="card figure" class:bad={f.overdue > 0}><span class="big">{f.overdue}</span><span>{r.figures_overdue}</span></A>
                    <div class="card figure"><span class="big small">{hours}</span><span>{r.figures_median}</span></div>
                    <div class="card figure"><span class="big small">{rating}</span><span>{r.figures_rating}</span></div>
                </div>
            }
        })
    }
}
