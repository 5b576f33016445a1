//! /activities/:id: one activity — when, where, what it pays, read aloud;
//! 报名 for oneself or a household member (a helper for the parent, a
//! member without a phone), 去不了了, and 签到 by the organiser's code
//! (typed, or arriving in the address when the phone scanned the QR).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{mine_words, places_words, session_words, spoken, words};
use crate::api;
use crate::components::{ErrorNotice, FormError, Loading, TextField};
use crate::i18n::use_i18n;
use crate::model::{ActivityDetail, Member, NewCheckin, NewSignup, Role, SignupStatus};
use crate::pages::notices::ReadAloud;
use crate::state::use_session;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let session = use_session();
    let id: Option<i64> =
        use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse().ok()));
    let loaded = LocalResource::new(move || {
        session.acting_for.track();
        async move {
            match id {
                Some(id) => api::activity(id).await,
                None => Err(api::ApiError::not_found()),
            }
        }
    });
    // The household's residents, whom one may sign up.
    let members = super::household_members();
    let retry = Callback::new(move |()| loaded.refetch());
    let changed = Callback::new(move |()| loaded.refetch());
    // Above the reloads a change brings, so that what was said stays.
    let error = RwSignal::new(None);
    let said = RwSignal::new(None::<String>);
    move || match loaded.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(detail)) => {
            let people: Vec<Member> = members
                .get()
                .unwrap_or_default()
                .into_iter()
                .filter(|m| m.role == Role::Resident)
                .collect();
            view! { <Detail detail people changed error said /> }.into_any()
        }
    }
}

#[component]
fn Detail(
    detail: ActivityDetail,
    people: Vec<Member>,
    changed: Callback<()>,
    error: RwSignal<Option<api::ApiError>>,
    said: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words();
    let a = detail.activity.clone();
    let id = a.id;
    let spoken = {
        let a = a.clone();
        move || spoken(&a, w(), i18n.0.get())
    };
    let roster = detail.schedule.len() > 1;
    // For a one-off, those already going are not offered again.
    let people: Vec<Member> = people
        .into_iter()
        .filter(|p| roster || !a.mine.iter().any(|s| s.user_id == p.user_id))
        .collect();
    // Oneself first; a helper (or anyone already going) the first of the rest.
    let me = use_session()
        .me
        .with_untracked(|m| m.as_ref().map(|m| m.id));
    let chosen = RwSignal::new(
        people
            .iter()
            .find(|p| Some(p.user_id) == me)
            .or(people.first())
            .map(|p| p.user_id),
    );
    let sign_up = move |session_id: Option<i64>| {
        error.set(None);
        let body = NewSignup {
            session_id,
            user_id: chosen.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::sign_up(id, body).await {
                Ok(s) => {
                    said.set(Some(match (s.status, s.position) {
                        (SignupStatus::Waiting, Some(p)) => format!(
                            "{} · {}",
                            s.name,
                            super::words::of(i18n.0.get_untracked())
                                .position
                                .replace("{n}", &p.to_string())
                        ),
                        _ => format!(
                            "{} · {}",
                            s.name,
                            super::words::of(i18n.0.get_untracked()).signed
                        ),
                    }));
                    changed.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let withdraw = move |signup: i64| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::withdraw(id, signup).await {
                Ok(()) => changed.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let open = !a.cancelled && !a.next.closed;
    let upcoming: Vec<_> = detail
        .schedule
        .iter()
        .filter(|s| !s.closed && s.ends_at >= a.next.starts_at)
        .take(14)
        .cloned()
        .collect();
    view! {
        <article class="activity-detail">
            <p class="activity-kind">{move || w().kind(a.kind)}</p>
            <h2 class="section-title">{a.title.clone()}</h2>
            <ReadAloud text=spoken() />
            {a.cancelled.then(|| view! { <p class="card notice-bad">{move || w().cancelled}</p> })}
            {(a.next.closed && !a.cancelled).then(|| view! { <p class="card">{move || w().closed}</p> })}
            <dl class="card facts">
                <dt>{move || w().when}</dt>
                <dd>{
                    let next = a.next.clone();
                    move || session_words(&next, w(), i18n.0.get())
                }</dd>
                <dt>{move || w().place}</dt>
                <dd>{a.place.clone()}</dd>
                <dt>{move || w().points_earned}</dt>
                <dd>{
                    let (p, u) = (a.points, a.unit);
                    move || w().pays(p, u)
                }</dd>
                <dt>{move || w().organiser}</dt>
                <dd>
                    {a.organiser_name.clone()}
                    {detail.organiser_phone.clone().map(|phone| view! {
                        " " <a href=format!("tel:{phone}")>{phone.clone()}</a>
                    })}
                </dd>
                <dt>{move || w().for_buildings}</dt>
                <dd>{
                    let b = a.buildings.join("、");
                    move || if b.is_empty() { w().everyone.to_owned() } else { b.clone() }
                }</dd>
            </dl>
            {(!detail.details.is_empty()).then(|| view! { <p class="card activity-details">{detail.details.clone()}</p> })}
            {
                let a = a.clone();
                move || mine_words(&a, w(), i18n.0.get()).map(|m| view! { <p class="activity-mine">{m}</p> })
            }
            <ul class="signups">
                {a.mine.iter().filter(|s| s.status != SignupStatus::Cancelled).map(|s| {
                    let signup = s.id;
                    view! {
                        <li>
                            <span>{s.name.clone()}</span>
                            <button type="button" class="button" on:click=move |_| withdraw(signup)>
                                {move || w().cannot_go}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(open && !people.is_empty()).then(|| view! {
                <section class="card stack" aria-labelledby="signup-title">
                    <h3 id="signup-title">{move || w().sign_up}</h3>
                    {(people.len() > 1).then(|| view! {
                        <div class="choice-list" role="radiogroup">
                            {people.iter().map(|p| {
                                let uid = p.user_id;
                                let field = format!("who-{uid}");
                                let label_for = field.clone();
                                view! {
                                    <label class="radio" for=label_for>
                                        <input type="radio" name="who" id=field
                                            prop:checked=move || chosen.get() == Some(uid)
                                            on:change=move |_| chosen.set(Some(uid)) />
                                        <span>{p.name.clone()}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    })}
                    {if roster {
                        view! {
                            <h4>{move || w().shifts}</h4>
                            <ul class="shifts">
                                {upcoming.into_iter().map(|s| {
                                    let sid = s.id;
                                    let s2 = s.clone();
                                    view! {
                                        <li>
                                            <span>{move || session_words(&s, w(), i18n.0.get())}</span>
                                            <span class="soft">{move || places_words(&s2, w())}</span>
                                            <button type="button" class="button" on:click=move |_| sign_up(Some(sid))>
                                                {move || w().sign_up}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    } else {
                        let next = a.next.clone();
                        view! {
                            <p class="soft">{move || places_words(&next, w())}</p>
                            <button type="button" class="button primary" on:click=move |_| sign_up(None)>
                                {move || w().sign_up}
                            </button>
                        }.into_any()
                    }}
                </section>
            })}
            {move || said.get().map(|s| view! { <p class="card said" role="status">{s}</p> })}
            {open.then(|| view! { <CheckIn id error /> })}
            <FormError error />
            {detail.can_run.then(|| view! {
                <A href=format!("/activities/{id}/run") attr:class="button primary">{move || w().run}</A>
            })}
            <A href="/activities/my-code" attr:class="button">{move || w().my_code}</A>
            <A href=format!("/activities/{id}/poster") attr:class="button">{move || w().poster}</A>
        </article>
    }
}

/// 签到 with the organiser's six digits: typed here, or carried in the
/// address by the QR the phone's camera scanned (then it goes at once).
#[component]
fn CheckIn(id: i64, error: RwSignal<Option<api::ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words();
    let from_qr = use_query_map().with_untracked(|q| q.get("code"));
    let code = RwSignal::new(from_qr.clone().unwrap_or_default());
    let done = RwSignal::new(None::<String>);
    let send = move || {
        error.set(None);
        let body = NewCheckin {
            code: Some(code.get_untracked().trim().to_owned()),
            ..NewCheckin::default()
        };
        leptos::task::spawn_local(async move {
            match api::activity_check_in(id, body).await {
                Ok(r) => done.set(Some(format!(
                    "{}{}",
                    super::words::of(i18n.0.get_untracked()).checked_in,
                    r.names.join("、")
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    if from_qr.is_some() {
        send();
    }
    view! {
        <form class="card stack" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            send();
        }>
            <h3>{move || w().check_in}</h3>
            <TextField id="checkin-code" label=Signal::derive(move || w().code_label) value=code
                hint=Signal::derive(move || w().code_hint) inputmode="numeric" />
            <button type="submit" class="button primary">{move || w().check_in}</button>
            {move || done.get().map(|d| view! { <p class="notice-good said" role="status">{d}</p> })}
        </form>
    }
}
