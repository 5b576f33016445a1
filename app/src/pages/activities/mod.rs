//! 活动: the list of what is coming up (and 首页's card of it), one
//! activity with its sign-ups and check-in, the organiser's screen (the
//! changing code, the list, closing), a manager's form to publish one, and
//! the personal code an organiser scans.

mod detail;
mod my_code;
mod new;
mod paper;
mod run;
mod scan;
mod words;

use leptos::prelude::*;
use leptos_router::components::A;

pub use detail::ActivityPage;
pub use my_code::MyCodePage;
pub use new::NewActivityPage;
pub use paper::{PosterPage, TurnoutPage};
pub use run::RunActivityPage;
use words::{Words, words};

use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::i18n::{Lang, use_i18n};
use crate::model::time::{SHANGHAI_OFFSET_MINUTES, civil, parse_rfc3339};
use crate::model::{Activity, ActivitySession, SignupStatus};
use crate::state::use_session;

/// The people of that household (none without one).
fn household_members() -> LocalResource<Vec<crate::model::Member>> {
    let session = use_session();
    // Signing in always picks a household to act for (the first, unless
    // one was chosen before): `acting_for` is the household one speaks for.
    LocalResource::new(move || {
        let h = session.acting_for.get();
        async move {
            match h {
                Some(h) => api::members(h).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    })
}

/// "12月9日 周三 08:00–10:00" (or "Wed 9 Dec 08:00–10:00"): a session as
/// a person says it.
fn session_words(session: &ActivitySession, w: &Words, lang: Lang) -> String {
    let (Some(from), Some(to)) = (
        parse_rfc3339(&session.starts_at),
        parse_rfc3339(&session.ends_at),
    ) else {
        return session.starts_at.clone();
    };
    let (_, m, d, h1, m1) = civil(from, SHANGHAI_OFFSET_MINUTES);
    let (_, _, _, h2, m2) = civil(to, SHANGHAI_OFFSET_MINUTES);
    let day = (from + SHANGHAI_OFFSET_MINUTES * 60_000).div_euclid(86_400_000);
    // 1970-01-01 was a Thursday (index 3, Monday first).
    let weekday = w.weekdays[usize::try_from((day + 3).rem_euclid(7)).unwrap_or(0)];
    match lang {
        Lang::ZhCn => format!("{m}月{d}日 {weekday} {h1:02}:{m1:02}–{h2:02}:{m2:02}"),
        Lang::En => format!("{weekday} {d}/{m} {h1:02}:{m1:02}–{h2:02}:{m2:02}"),
    }
}

/// "还剩 3 个名额", "人数不限" or "名额满了".
fn places_words(session: &ActivitySession, w: &Words) -> String {
    match session.capacity {
        None => w.no_limit.to_owned(),
        Some(c) if c > session.taken => w
            .places_left
            .replace("{n}", &(c - session.taken).to_string()),
        Some(_) => w.full.to_owned(),
    }
}

/// The household's sign-ups for one activity: "你报名了：张建国、王秀英（排队第 1 位）".
fn mine_words(activity: &Activity, w: &Words) -> Option<String> {
    if activity.mine.is_empty() {
        return None;
    }
    let names: Vec<String> = activity
        .mine
        .iter()
        .map(|s| match (s.status, s.position) {
            (SignupStatus::Waiting, Some(p)) => {
                format!(
                    "{}（{}）",
                    s.name,
                    w.position.replace("{n}", &p.to_string())
                )
            }
            _ => s.name.clone(),
        })
        .collect();
    Some(format!("{}：{}", w.signed_up, names.join("、")))
}

/// One activity in a list: what, when, where, what it pays, the places,
/// and who of the household goes.
#[component]
fn ActivityItem(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words();
    let a = activity.clone();
    let href = format!("/activities/{}", a.id);
    view! {
        <li class="card activity">
            <p class="activity-kind">{move || w().kind(a.kind)}</p>
            <h3><A href=href>{a.title.clone()}</A></h3>
            <p class="activity-when">{
                let next = a.next.clone();
                move || session_words(&next, w(), i18n.0.get())
            }</p>
            <p>{a.place.clone()}</p>
            <p class="activity-pays">{
                let (points, unit) = (a.points, a.unit);
                move || w().pays(points, unit)
            }</p>
            <p class="soft">{
                let next = a.next.clone();
                move || places_words(&next, w())
            }</p>
            {
                let a = activity.clone();
                move || mine_words(&a, w()).map(|m| view! { <p class="activity-mine">{m}</p> })
            }
        </li>
    }
}

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let session = use_session();
    let past = RwSignal::new(false);
    let loaded = LocalResource::new(move || {
        session.acting_for.track();
        api::activities(past.get())
    });
    let retry = Callback::new(move |()| loaded.refetch());
    let w = move || words();
    view! {
        <h2 class="section-title">{move || if past.get() { w().past } else { w().title }}</h2>
        <p class="soft">{move || w().intro}</p>
        <div class="actions">
            {move || session.is_manager().then(|| view! {
                <A href="/activities/new" attr:class="button primary">{w().publish}</A>
                <A href="/activities/turnout" attr:class="button">{w().turnout}</A>
            })}
            {move || session.me.with(|m| m.as_ref().is_some_and(|me| !me.households.is_empty())).then(|| view! {
                <A href="/activities/my-code" attr:class="button">{w().my_code}</A>
            })}
        </div>
        {move || match loaded.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(list)) if list.items.is_empty() => view! { <p class="card">{w().none}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="activities">
                    {list.items.into_iter().map(|activity| view! { <ActivityItem activity /> }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <button type="button" class="button" on:click=move |_| past.update(|p| *p = !*p)>
            {move || if past.get() { w().title } else { w().past }}
        </button>
    }
}

/// 首页: the next activities for the household and "你报名了 …".
#[component]
pub fn ActivitiesCard() -> impl IntoView {
    let session = use_session();
    let loaded = LocalResource::new(move || {
        session.acting_for.track();
        api::activities(false)
    });
    let w = move || words();
    move || {
        loaded.get().and_then(Result::ok).map(|list| {
            let items: Vec<Activity> = list.items.into_iter().take(2).collect();
            view! {
                <section class="card activities-card" aria-labelledby="activities-card-title">
                    <h2 id="activities-card-title">{move || w().home_title}</h2>
                    {if items.is_empty() {
                        view! { <p class="soft">{move || w().none}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="activities">
                                {items.into_iter().map(|activity| view! { <ActivityItem activity /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <A href="/activities" attr:class="button">{move || w().all}</A>
                </section>
            }
        })
    }
}
