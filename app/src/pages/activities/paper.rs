//! Paper for those who read the notice board, and for the office's files:
//! an activity's poster (A4, large type, the date in words, a QR to sign
//! up) and the month's turnout with its CSV.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{session_words, words};
use crate::api;
use crate::components::{ErrorNotice, Loading, QrSvg, TextField};
use crate::i18n::use_i18n;

fn print_button() -> impl IntoView {
    let w = move || words();
    view! {
        <button type="button" class="button primary no-print" on:click=|_| {
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        }>{move || w().print_poster}</button>
    }
}

/// /activities/:id/poster.
#[component]
pub fn PosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words();
    let id: Option<i64> =
        use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse().ok()));
    let loaded = LocalResource::new(move || async move {
        match id {
            Some(id) => api::activity(id).await,
            None => Err(api::ApiError::not_found()),
        }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    move || match loaded.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(d)) => {
            let a = d.activity;
            let url = format!("{origin}/activities/{}", a.id);
            let lang = i18n.0.get_untracked();
            let mut when: Vec<String> = d
                .schedule
                .iter()
                .filter(|s| !s.closed)
                .take(7)
                .map(|s| session_words(s, w(), lang))
                .collect();
            if when.is_empty() {
                when.push(session_words(&a.next, w(), lang));
            }
            view! {
                {print_button()}
                <article class="poster">
                    <p class="poster-community">{move || w().kind(a.kind)}</p>
                    <h2 class="poster-title">{a.title.clone()}</h2>
                    <ul class="poster-when">{when.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                    <p class="poster-body">{a.place.clone()}</p>
                    <p class="poster-body">{move || w().pays(a.points, a.unit)}</p>
                    {(!d.details.is_empty()).then(|| view! { <p class="poster-body">{d.details.clone()}</p> })}
                    <div class="poster-foot">
                        <p>{move || w().organiser} " " {a.organiser_name.clone()} " " {d.organiser_phone.clone()}</p>
                        <div class="poster-qr">
                            <QrSvg text=url />
                            <p>{move || w().poster_scan}</p>
                        </div>
                    </div>
                </article>
            }
            .into_any()
        }
    }
}

/// /activities/turnout: the office's month.
#[component]
pub fn TurnoutPage() -> impl IntoView {
    let w = move || words();
    let month = RwSignal::new(crate::format::today()[..7].to_owned());
    let loaded = LocalResource::new(move || {
        let m = month.get();
        async move { api::turnout(&m).await }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <h2 class="section-title">{move || w().turnout}</h2>
        <div class="no-print">
            <TextField id="turnout-month" label=Signal::derive(move || w().month) value=month kind="month" />
            <a class="button" href=move || format!("/api/v1/activities/export.csv?month={}", month.get()) download="">
                {move || w().download}
            </a>
        </div>
        {move || match loaded.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(t)) => view! {
                <p class="card activity-when">{
                    let (people, attended, points) = (t.people, t.attended, t.points);
                    move || w().turnout_total
                        .replace("{people}", &people.to_string())
                        .replace("{times}", &attended.to_string())
                        .replace("{points}", &points.to_string())
                }</p>
                <ul class="activities">
                    {t.lines.into_iter().map(|l| view! {
                        <li class="card activity">
                            <p class="activity-kind">{move || w().kind(l.kind)}</p>
                            <h3>{l.title.clone()}</h3>
                            <p>{
                                let (s, u, a, p) = (l.sessions, l.signed_up, l.attended, l.points);
                                move || w().turnout_line
                                    .replace("{sessions}", &s.to_string())
                                    .replace("{signed}", &u.to_string())
                                    .replace("{came}", &a.to_string())
                                    .replace("{points}", &p.to_string())
                            }</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
