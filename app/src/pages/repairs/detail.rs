//! One ticket: what, where, its state in plain words, photos, the timeline,
//! and only the buttons this person may use now.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::actions::Actions;
use super::card::{category_icon, status_class};
use crate::api;
use crate::components::icons::{Icon, Svg};
use crate::components::{ErrorNotice, Loading};
use crate::format::{date_time, now_millis, when};
use crate::i18n::use_i18n;
use crate::model::{EventKind, RepairDetail, RepairEvent, Role};
use crate::state::use_repair_feed;

#[component]
pub fn RepairDetailPage() -> impl IntoView {
    let feed = use_repair_feed();
    let id: Option<i64> =
        use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()));
    let detail = RwSignal::new(None::<RepairDetail>);
    let loaded = LocalResource::new(move || async move {
        let result = match id {
            Some(id) => api::repair(id).await,
            None => Err(api::ApiError::not_found()),
        };
        // Opening it clears its news from the badge.
        feed.refetch();
        result
    });
    let retry = Callback::new(move |()| loaded.refetch());
    Effect::new(move || {
        if let Some(Ok(d)) = loaded.get() {
            detail.set(Some(d));
        }
    });
    move || match (loaded.get(), detail.get()) {
        (_, Some(d)) => view! { <TicketView detail=d on_change=detail /> }.into_any(),
        (Some(Err(error)), None) => view! { <ErrorNotice error retry /> }.into_any(),
        _ => view! { <Loading /> }.into_any(),
    }
}

#[component]
fn TicketView(detail: RepairDetail, on_change: RwSignal<Option<RepairDetail>>) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    let t = detail.ticket.clone();
    let now = now_millis();
    let (category, status) = (t.category, t.status);
    let created = t.created_at.clone();
    let due = t.due_at.clone();
    let tel = format!("tel:{}", t.contact_phone);
    view! {
        <article class="card ticket-detail">
            <p class="soft">{move || r().number} " " <strong>{t.number.clone()}</strong></p>
            <h2><Svg icon=category_icon(category) /><span>{move || r().category(category)}</span></h2>
            <p>
                <span class=status_class(status)>{move || r().status(status)}</span>
                {t.urgent.then(|| view! { " " <span class="tag bad">{move || i18n.t().urgent}</span> })}
                {t.overdue.then(|| view! { " " <span class="tag bad">{move || r().overdue}</span> })}
            </p>
            <p class="where">{t.address.clone()}</p>
            {(!t.description.is_empty()).then(|| view! { <p class="description">{t.description.clone()}</p> })}
            {(!t.photos.is_empty()).then(|| view! {
                <ul class="plain photo-list">
                    {t.photos.iter().enumerate().map(|(i, p)| view! {
                        <li><a href=p.url.clone() target="_blank" rel="noopener">
                            <img src=p.thumb_url.clone() alt=move || format!("{} {}", r().photos, i + 1) width="96" height="96" />
                        </a></li>
                    }).collect_view()}
                </ul>
            })}
            <dl class="facts">
                <dt>{move || r().reported}</dt>
                <dd>{move || when(&created, now, i18n.t(), i18n.0.get())} " · " {t.reporter_name.clone()}</dd>
                {status.is_open().then(|| view! {
                    <dt>{move || r().due}</dt>
                    <dd>{move || date_time(&due, i18n.0.get())}</dd>
                })}
                {t.assignee_name.clone().map(|name| view! {
                    <dt>{move || r().worker}</dt>
                    <dd>{name}</dd>
                })}
                <dt>{move || r().contact}</dt>
                <dd><a class="tel" href=tel><Svg icon=Icon::Phone />{t.contact_phone.clone()}</a></dd>
            </dl>
        </article>
        <Actions detail=detail.clone() on_change />
        <section class="card" aria-labelledby="timeline-heading">
            <h3 id="timeline-heading">{move || r().timeline}</h3>
            <ol class="plain timeline">
                {detail.events.into_iter().rev().map(|e| view! { <TimelineLine event=e /> }).collect_view()}
            </ol>
        </section>
        <a class="button call-big" href=format!("tel:{}", detail.office_phone)>
            <Svg icon=Icon::Phone />
            <span class="call-text">
                <span>{move || i18n.t().call_office_named}</span>
                <span class="number">{detail.office_phone.clone()}</span>
            </span>
        </a>
    }
}

/// "3月2日 14:05 · 张丽（代 3号楼 201）提交了报修".
#[component]
fn TimelineLine(event: RepairEvent) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    let at = event.at.clone();
    let who = move || {
        let name = event
            .actor_name
            .clone()
            .unwrap_or_else(|| r().system.to_owned());
        let role = match event.actor_role {
            Some(Role::Helper) => match &event.for_household {
                Some(h) => format!("（{} {h}）", r().for_household),
                None => String::new(),
            },
            Some(Role::Manager) => format!("（{}）", i18n.account().role_manager),
            Some(Role::Staff) => format!("（{}）", r().worker),
            _ => String::new(),
        };
        format!("{name}{role}")
    };
    let what = move || {
        let status = |s| r().status(s);
        match event.kind {
            EventKind::Submitted => r().ev_submitted.to_owned(),
            EventKind::Comment => r().ev_comment.to_owned(),
            EventKind::Assign => format!(
                "{} {}",
                r().ev_assign,
                event.assignee_name.clone().unwrap_or_default()
            ),
            EventKind::Status => format!("→ {}", event.to_status.map(status).unwrap_or_default()),
            EventKind::Rating => format!(
                "{} {} {}",
                r().ev_rating,
                event.stars.unwrap_or_default(),
                r().stars
            ),
            EventKind::Reopen => r().ev_reopen.to_owned(),
        }
    };
    view! {
        <li>
            <span class="soft">{move || date_time(&at, i18n.0.get())}</span>
            <span><strong>{who}</strong> " " {what}</span>
            {(!event.note.is_empty()).then(|| view! { <span class="note">"“" {event.note.clone()} "”"</span> })}
        </li>
    }
}
