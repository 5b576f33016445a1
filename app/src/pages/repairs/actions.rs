//! The buttons a ticket offers this person now (the server says which):
//! rate, reopen, cancel for the household; start and resolve for the worker;
//! assign, close and reject for the office; a message for everyone.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, Svg};
use crate::components::{ConfirmButton, FormError, submit_action};
use crate::i18n::repairs::RepairWords;
use crate::i18n::use_i18n;
use crate::model::{ActionName, RepairAction, RepairDetail, RepairNote, RepairStatus};
use crate::state::use_repair_feed;

/// Builds the action from the typed note.
type Build = fn(RepairNote) -> RepairAction;

#[component]
pub fn Actions(detail: RepairDetail, on_change: RwSignal<Option<RepairDetail>>) -> impl IntoView {
    let i18n = use_i18n();
    let feed = use_repair_feed();
    let id = detail.ticket.id;
    let error = RwSignal::new(None::<ApiError>);
    let send = submit_action(
        move |action: RepairAction| api::repair_event(id, action),
        error,
        move |d: RepairDetail| {
            feed.refetch();
            on_change.set(Some(d));
        },
    );
    // An action, or the words its note was refused with.
    let run = Callback::new(move |action: Result<RepairAction, ApiError>| {
        error.set(None);
        match action {
            Ok(action) => {
                send.dispatch(action);
            }
            Err(refused) => error.set(Some(refused)),
        }
    });
    let r = move || i18n.repair();
    let has = |a: ActionName| detail.allowed.contains(&a);
    view! {
        <FormError error />
        {has(ActionName::Rate).then(|| view! { <Rate run /> })}
        {has(ActionName::Start).then(|| view! {
            <button type="button" class="button primary" on:click=move |_| run.run(Ok(RepairAction::Status { status: RepairStatus::InProgress, note: RepairNote::empty() }))>
                {move || r().action(ActionName::Start)}
            </button>
        })}
        {has(ActionName::Resolve).then(|| view! { <NoteAction id="resolve" action=ActionName::Resolve label=|r| r.resolution required=false make=|note| RepairAction::Status { status: RepairStatus::Resolved, note } run /> })}
        {has(ActionName::Assign).then(|| view! { <Assign run /> })}
        {has(ActionName::Close).then(|| view! { <NoteAction id="close" action=ActionName::Close label=|r| r.resolution required=true make=|note| RepairAction::Status { status: RepairStatus::Closed, note } run /> })}
        {has(ActionName::Reopen).then(|| view! {
            <NoteAction id="reopen" action=ActionName::Reopen label=|r| r.reopen_reason required=true make=|note| RepairAction::Reopen { note } run title=|r| r.reopen_title />
        })}
        {has(ActionName::Reject).then(|| view! { <NoteAction id="reject" action=ActionName::Reject label=|r| r.reason required=true make=|note| RepairAction::Status { status: RepairStatus::Rejected, note } run /> })}
        {has(ActionName::Cancel).then(|| view! {
            <ConfirmButton
                label=Signal::derive(move || r().action(ActionName::Cancel).to_owned())
                question=Signal::derive(move || r().cancel_question.to_owned())
                yes=Signal::derive(move || r().action(ActionName::Cancel).to_owned())
                on_confirm=Callback::new(move |()| run.run(Ok(RepairAction::Status { status: RepairStatus::Cancelled, note: RepairNote::empty() })))
            />
        })}
        {has(ActionName::Comment).then(|| view! { <NoteAction id="comment" action=ActionName::Comment label=|r| r.comment_label required=true make=|note| RepairAction::Comment { note } run /> })}
    }
}

/// A note and a button; with `required`, the button waits for words.
#[component]
fn NoteAction(
    id: &'static str,
    action: ActionName,
    label: fn(&RepairWords) -> &'static str,
    required: bool,
    make: Build,
    run: Callback<Result<RepairAction, ApiError>>,
    #[prop(optional)] title: Option<fn(&RepairWords) -> &'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    let note = RwSignal::new(String::new());
    let field = format!("note-{id}");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = RepairNote::parse(&note.get_untracked()).map_err(ApiError::refused);
        if parsed.is_ok() {
            note.set(String::new());
        }
        run.run(parsed.map(make));
    };
    view! {
        <form class="card form" on:submit=on_submit>
            {title.map(|t| view! { <h3>{move || t(r())}</h3> })}
            <div class="field">
                <label for=field.clone()>{move || if required { label(r()) } else { r().note }}</label>
                <textarea id=field rows="2" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="button" class:primary=action != ActionName::Comment
                disabled=move || required && note.with(|n| n.trim().is_empty())>
                {move || r().action(action)}
            </button>
        </form>
    }
}

/// Five big stars, optional words, and "确认修好".
#[component]
fn Rate(run: Callback<Result<RepairAction, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    let stars = RwSignal::new(5_i64);
    let note = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run.run(
            RepairNote::parse(&note.get_untracked())
                .map(|note| RepairAction::Rating {
                    stars: stars.get_untracked(),
                    note,
                })
                .map_err(ApiError::refused),
        );
    };
    view! {
        <form class="card form rate" on:submit=on_submit>
            <h3>{move || r().rate_title}</h3>
            <div class="stars" role="group" aria-label=move || r().rate_title>
                {(1..=5).map(|n| view! {
                    <button type="button" class="star" class:on={move || stars.get() >= n}
                        aria-pressed=move || if stars.get() == n { "true" } else { "false" }
                        aria-label=move || format!("{n} {}", r().stars)
                        on:click=move |_| stars.set(n)>
                        <Svg icon=Icon::Star />
                    </button>
                }).collect_view()}
            </div>
            <p class="big-line">{move || stars.get()} " " {move || r().stars}</p>
            <div class="field">
                <label for="rate-note">{move || r().rate_words}</label>
                <textarea id="rate-note" rows="2" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="button primary">{move || r().rate_submit}</button>
        </form>
    }
}

/// The office gives the ticket to a worker (with their open load).
#[component]
fn Assign(run: Callback<Result<RepairAction, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    let workers = LocalResource::new(api::repair_workers);
    let chosen = RwSignal::new(None::<i64>);
    Effect::new(move || {
        if chosen.get_untracked().is_none()
            && let Some(Ok(w)) = workers.get()
        {
            chosen.set(w.first().map(|w| w.user_id));
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(assignee_id) = chosen.get_untracked() {
            run.run(Ok(RepairAction::Assign {
                assignee_id,
                note: RepairNote::empty(),
            }));
        }
    };
    view! {
        <form class="card form" on:submit=on_submit>
            <div class="field">
                <label for="assign-worker">{move || r().assign_to}</label>
                <select id="assign-worker" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                    {move || workers.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|w| {
                        let id = w.user_id;
                        view! {
                            <option value=id.to_string() selected=move || chosen.get() == Some(id)>
                                {w.name} " · " {w.open} " " {move || r().open_load}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button primary" disabled=move || chosen.get().is_none()>
                {move || r().action(ActionName::Assign)}
            </button>
        </form>
    }
}
