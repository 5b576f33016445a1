//! /activities/:id/run: the organiser's phone at the gate — the changing
//! code, large, with its QR (a resident's camera opens the activity and
//! checks in); a resident's own code typed or scanned; the list to tick
//! (also the printed sign-in sheet, entered back); 签退 for hourly duties;
//! and closing, which gives the points once.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::scan::Scanner;
use super::{session_words, words};
use crate::api;
use crate::components::{
    ConfirmButton, ErrorNotice, FormError, HouseholdChooser, Loading, QrSvg, TextField, parse_text,
};
use crate::i18n::use_i18n;
use crate::model::{
    Attendance, CheckinMethod, CloseSession, NewCheckin, NewMember, NewSignup, Role,
};

#[component]
pub fn RunActivityPage() -> impl IntoView {
    let id: Option<i64> =
        use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse().ok()));
    let loaded = LocalResource::new(move || async move {
        match id {
            Some(id) => api::attendance(id, None).await,
            None => Err(api::ApiError::not_found()),
        }
    });
    // The code changes every 30 seconds: ask again when it does.
    Effect::new(move || {
        if let Some(Ok(a)) = loaded.get() {
            let wait = u64::try_from(a.code_changes_in.clamp(1_000, 30_000)).unwrap_or(30_000);
            if a.code.is_some()
                && let Ok(timer) = set_timeout_with_handle(
                    move || loaded.refetch(),
                    std::time::Duration::from_millis(wait),
                )
            {
                on_cleanup(move || timer.clear());
            }
        }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    // Above the reloads (every code change), so that what was said stays.
    let error = RwSignal::new(None);
    let said = RwSignal::new(None::<String>);
    // The office's panel stays put while the list reloads (what it was
    // doing, the flat it chose, stays too).
    let open_session = Memo::new(move |_| {
        loaded
            .get()
            .and_then(Result::ok)
            .filter(|s| s.code.is_some())
            .map(|s| (s.activity_id, s.session.id))
    });
    let manager = crate::state::use_session();
    view! {
        {move || match loaded.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(sheet)) => view! { <Run sheet changed=retry error said /> }.into_any(),
        }}
        {move || open_session.get().filter(|_| manager.is_manager()).map(|(id, session)| view! {
            <ForSomeone id session said error changed=retry />
        })}
    }
}

#[component]
fn Run(
    sheet: Attendance,
    changed: Callback<()>,
    error: RwSignal<Option<api::ApiError>>,
    said: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words();
    let (id, session) = (sheet.activity_id, sheet.session.id);
    let person = RwSignal::new(String::new());
    let send = move |body: NewCheckin| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::activity_check_in(id, body).await {
                Ok(r) => {
                    said.set(Some(format!(
                        "{}{}",
                        super::words::of(i18n.0.get_untracked()).checked_in,
                        r.names.join("、")
                    )));
                    changed.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let tick = move |user: i64, out: bool| {
        send(NewCheckin {
            session_id: Some(session),
            user_ids: Some(vec![user]),
            check_out: out,
            ..NewCheckin::default()
        });
    };
    let close = Callback::new(move |()| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::close_activity(
                id,
                CloseSession {
                    session_id: Some(session),
                },
            )
            .await
            {
                Ok(r) => {
                    said.set(Some(
                        super::words::of(i18n.0.get_untracked())
                            .closed_result
                            .replace("{n}", &r.awarded.to_string())
                            .replace("{p}", &r.points.to_string()),
                    ));
                    changed.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let open = sheet.code.is_some();
    view! {
        <h2 class="section-title">{sheet.title.clone()}</h2>
        <p class="activity-when">{
            let s = sheet.session.clone();
            move || session_words(&s, w(), i18n.0.get())
        }</p>
        {sheet.code.clone().map(|code| view! {
            <section class="card run-code" aria-labelledby="run-code-title">
                <h3 id="run-code-title">{move || w().code_now}</h3>
                <p class="big-code" aria-live="polite">{code.clone()}</p>
                <QrSvg text=format!("{origin}/activities/{id}?code={code}") />
                <p class="soft">{move || w().code_changes}</p>
            </section>
        })}
        {(!open).then(|| view! { <p class="card">{move || w().closed}</p> })}
        {open.then(|| view! {
            <form class="card stack no-print" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                send(NewCheckin {
                    session_id: Some(session),
                    person_code: Some(person.get_untracked().trim().to_owned()),
                    ..NewCheckin::default()
                });
                person.set(String::new());
            }>
                <Scanner on_code=Callback::new(move |code: String| send(NewCheckin {
                    session_id: Some(session),
                    person_code: Some(code),
                    ..NewCheckin::default()
                })) />
                <TextField id="person-code" label=Signal::derive(move || w().scan_code) value=person
                    hint=Signal::derive(move || w().scan_hint) />
                <button type="submit" class="button primary">{move || w().tick}</button>
            </form>
        })}
        {move || said.get().map(|s| view! { <p class="card said" role="status">{s}</p> })}
        <FormError error />
        <section aria-labelledby="run-list-title">
            <h3 id="run-list-title" class="section-title">{move || w().list}</h3>
            {sheet.lines.is_empty().then(|| view! { <p class="card">{move || w().nobody}</p> })}
            <ul class="attendance">
                {sheet.lines.into_iter().map(|line| {
                    let user = line.user_id;
                    let here = line.checked_in_at.is_some();
                    let left = line.checked_out_at.is_some();
                    let how = line.method.map(|m| match m {
                        CheckinMethod::Code => words().by_code,
                        CheckinMethod::Scan => words().by_scan,
                        CheckinMethod::List => words().by_list,
                    });
                    view! {
                        <li class="card attendance-line">
                            <span class="box" aria-hidden="true">{if here { "☑" } else { "☐" }}</span>
                            <span class="who">
                                <strong>{line.name.clone()}</strong>
                                " " {format!("{}{}", line.building, line.flat)}
                                {(!line.has_phone).then(|| view! { <span class="soft">" · " {move || w().no_phone}</span> })}
                            </span>
                            {how.map(|h| view! { <span class="soft">{h}</span> })}
                            {(open && !here).then(|| view! {
                                <button type="button" class="button no-print" on:click=move |_| tick(user, false)>
                                    {move || w().tick}
                                </button>
                            })}
                            {(open && here && !left).then(|| view! {
                                <button type="button" class="button no-print" on:click=move |_| tick(user, true)>
                                    {move || w().check_out}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <div class="actions no-print">
            <button type="button" class="button" on:click=move |_| {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }>{move || w().print}</button>
            {open.then(|| view! {
                <ConfirmButton
                    label=Signal::derive(move || w().close.to_owned())
                    question=Signal::derive(move || w().close_confirm.to_owned())
                    yes=Signal::derive(move || w().close.to_owned())
                    on_confirm=close
                />
            })}
        </div>
    }
}

/// The office signs up or checks in anyone of the community, by building
/// and flat — members without a phone too, whom it can add here.
#[component]
fn ForSomeone(
    id: i64,
    session: i64,
    said: RwSignal<Option<String>>,
    error: RwSignal<Option<api::ApiError>>,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words();
    let household = RwSignal::new(None::<i64>);
    let members = LocalResource::new(move || {
        let h = household.get();
        async move {
            match h {
                Some(h) => api::members(h).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let name = RwSignal::new(String::new());
    let done = move |result: Result<String, api::ApiError>| match result {
        Ok(words) => {
            said.set(Some(words));
            changed.run(());
        }
        Err(e) => error.set(Some(e)),
    };
    let sign_up = move |user: i64| {
        error.set(None);
        let body = NewSignup {
            session_id: Some(session),
            user_id: Some(user),
        };
        leptos::task::spawn_local(async move {
            let w = super::words::of(i18n.0.get_untracked());
            done(
                api::sign_up(id, body)
                    .await
                    .map(|s| format!("{} · {}", s.name, w.signed)),
            );
        });
    };
    let check_in = move |user: i64| {
        error.set(None);
        let body = NewCheckin {
            session_id: Some(session),
            user_ids: Some(vec![user]),
            ..NewCheckin::default()
        };
        leptos::task::spawn_local(async move {
            let w = super::words::of(i18n.0.get_untracked());
            done(
                api::activity_check_in(id, body)
                    .await
                    .map(|r| format!("{}{}", w.checked_in, r.names.join("、"))),
            );
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let (Some(h), Some(person)) = (
            household.get_untracked(),
            parse_text(&name.get_untracked(), error),
        ) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api::add_member(h, NewMember { name: person }).await {
                Ok(_) => {
                    name.set(String::new());
                    members.refetch();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card stack no-print" aria-labelledby="for-someone">
            <h3 id="for-someone">{move || w().office_title}</h3>
            <p class="soft">{move || w().office_hint}</p>
            <HouseholdChooser household />
            <ul class="signups">
                {move || members.get().unwrap_or_default().into_iter().filter(|m| m.role == Role::Resident).map(|m| {
                    let user = m.user_id;
                    view! {
                        <li>
                            <span>{m.name.clone()} {m.phone.is_none().then(|| view! { <span class="soft">" · " {w().no_phone}</span> })}</span>
                            <button type="button" class="button" on:click=move |_| sign_up(user)>{move || w().sign_up}</button>
                            <button type="button" class="button" on:click=move |_| check_in(user)>{move || w().tick}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || household.get().is_some().then(|| view! {
                <form class="stack" on:submit=add>
                    <TextField id="member-name" label=Signal::derive(move || w().member_name) value=name />
                    <button type="submit" class="button">{move || w().add_member}</button>
                </form>
            })}
        </section>
    }
}
