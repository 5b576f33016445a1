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
use crate::pages::notices::ReadAloud;
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

/// The household's sign-ups for one activity: "你报名了：张建国、王秀英（排队第 1 位）"
/// ("You signed up: Zhang Jianguo, Wang Xiuying (1st in line)").
fn mine_words(activity: &Activity, w: &Words, lang: Lang) -> Option<String> {
    if activity.mine.is_empty() {
        return None;
    }
    let (colon, comma, open, close) = match lang {
        Lang::ZhCn => ("：", "、", "（", "）"),
        Lang::En => (": ", ", ", " (", ")"),
    };
    let names: Vec<String> = activity
        .mine
        .iter()
        .map(|s| match (s.status, s.position) {
            (SignupStatus::Waiting, Some(p)) => format!(
                "{}{open}{}{close}",
                s.name,
                w.position.replace("{n}", &p.to_string())
            ),
            _ => s.name.clone(),
        })
        .collect();
    Some(format!("{}{colon}{}", w.signed_up, names.join(comma)))
}

/// An activity as the 朗读 button says it: what, when, where, what it pays.
fn spoken(a: &Activity, w: &Words, lang: Lang) -> String {
    let stop = match lang {
        Lang::ZhCn => "。",
        Lang::En => ". ",
    };
    [
        a.title.clone(),
        session_words(&a.next, w, lang),
        a.place.clone(),
        w.pays(a.points, a.unit),
        places_words(&a.next, w),
    ]
    .into_iter()
    .map(|part| part + stop)
    .collect()
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
                move || mine_words(&a, w(), i18n.0.get()).map(|m| view! { <p class="activity-mine">{m}</p> })
            }
        </li>
    }
}

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let i18n = use_i18n();
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
                <ReadAloud text={list.items.iter().map(|a| spoken(a, w(), i18n.0.get_untracked())).collect::<String>()} />
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

#[cfg(test)]
mod tests {
    use super::words::of;
    use super::*;
    use crate::model::{ActivityKind, PointUnit, Signup};

    fn patrol(mine: Vec<Signup>) -> Activity {
        Activity {
            id: 1,
            community_id: 1,
            title: "今晚治安巡逻".into(),
            kind: ActivityKind::Patrol,
            place: "北门".into(),
            rule_name: "治安巡逻".into(),
            points: 5,
            unit: PointUnit::Time,
            organiser_name: "王主任".into(),
            buildings: Vec::new(),
            weekdays: Vec::new(),
            // Wednesday 9 December 2026, 19:00–21:00 in Shanghai.
            next: ActivitySession {
                id: 1,
                starts_at: "2026-12-09T11:00:00Z".into(),
                ends_at: "2026-12-09T13:00:00Z".into(),
                capacity: Some(10),
                taken: 7,
                waiting: 0,
                closed: false,
            },
            sessions: 1,
            cancelled: false,
            mine,
        }
    }

    fn signup(name: &str, status: SignupStatus, position: Option<i64>) -> Signup {
        Signup {
            id: 1,
            activity_id: 1,
            session_id: 1,
            user_id: 1,
            name: name.into(),
            status,
            position,
            starts_at: String::new(),
            signed_by: None,
        }
    }

    #[test]
    fn read_aloud_says_what_when_where_and_the_places_left() {
        let a = patrol(Vec::new());
        let zh = spoken(&a, of(Lang::ZhCn), Lang::ZhCn);
        assert!(zh.starts_with("今晚治安巡逻。12月9日 "), "{zh}");
        assert!(zh.contains("19:00–21:00。北门。"), "{zh}");
        assert!(zh.contains('3'), "three places left: {zh}");
        let en = spoken(&a, of(Lang::En), Lang::En);
        assert!(en.contains("19:00–21:00. "), "{en}");
        assert!(!en.contains('。'), "{en}");
    }

    #[test]
    fn the_households_signups_use_each_languages_punctuation() {
        assert_eq!(
            mine_words(&patrol(Vec::new()), of(Lang::ZhCn), Lang::ZhCn),
            None
        );
        let a = patrol(vec![
            signup("张建国", SignupStatus::In, None),
            signup("王秀英", SignupStatus::Waiting, Some(1)),
        ]);
        let zh = mine_words(&a, of(Lang::ZhCn), Lang::ZhCn).unwrap_or_default();
        assert!(zh.ends_with("：张建国、王秀英（排队第 1 位）"), "{zh}");
        let en = mine_words(&a, of(Lang::En), Lang::En).unwrap_or_default();
        assert!(en.contains(": 张建国, 王秀英 ("), "{en}");
        assert!(!en.contains('（') && !en.contains('、'), "{en}");
    }
}
