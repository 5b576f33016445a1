//! 首页: the four things people come for, their community and its phone,
//! and the large-text switch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::icons::{Icon, Svg};
use crate::components::{CommunityPicker, LargeTextSwitch};
use crate::i18n::{Words, use_i18n};
use crate::routes;
use crate::state::{use_notice_feed, use_session};

const TILES: [(&str, Icon, Words, Words); 4] = [
    (
        "/repairs",
        Icon::Wrench,
        |t| t.tile_repairs,
        |t| t.tile_repairs_sub,
    ),
    (
        "/points",
        Icon::Gift,
        |t| t.tile_points,
        |t| t.tile_points_sub,
    ),
    (
        "/notices",
        Icon::Bell,
        |t| t.tile_notices,
        |t| t.tile_notices_sub,
    ),
    ("/fees", Icon::Coin, |t| t.tile_fees, |t| t.tile_fees_sub),
];

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let greeting = move || match session.me.get() {
        Some(me) => i18n.t().home_hello_name.replace("{name}", &me.name),
        None => i18n.t().home_welcome.to_owned(),
    };
    let feed = use_notice_feed();
    // Only a login or logout re-renders what hangs on it, not every change
    // of `me` (报平安 clears `care_due`).
    let logged_in = Memo::new(move |_| session.me.with(Option::is_some));
    // Unread urgent notices sit on top until read.
    let urgent = move || {
        feed.get()
            .map(|l| l.unread_urgent)
            .unwrap_or_default()
            .into_iter()
            .map(|n| {
                view! {
                    <div class="urgent-banner" role="alert">
                        <Svg icon=Icon::Bell />
                        <span><strong>{i18n.t().urgent} "："{n.title.clone()}</strong> " "
                            <A href=format!("/notices/{}", n.id)>{i18n.t().see_details}</A>
                        </span>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        {urgent}
        <p class="welcome">{greeting}</p>
        // 报平安: the big 我很好, first thing, until pressed today (in the
        // first screen too: the server puts it there when it is due).
        {move || logged_in.get().then(|| view! { <FineButton /> })}
        {move || session.me.with(Option::is_some).then(|| view! { <InboxRow /> })}
        <div class="tiles">
            {TILES
                .into_iter()
                .map(|(href, icon, name, sub)| {
                    view! {
                        <A href=href attr:class="tile">
                            <span class="icon"><Svg icon=icon /></span>
                            <span class="text">
                                <span class="name">{move || name(i18n.t())}</span>
                                <span class="sub">{move || sub(i18n.t())}</span>
                            </span>
                        </A>
                    }
                })
                .collect_view()}
        </div>
        // Above the cards, which arrive one by one: the switch never moves
        // under a finger reaching for it.
        <LargeTextSwitch />
        // A helper's card of how the parent is today (报平安).
        {move || session.me.with(|m| m.as_ref().is_some_and(|me| me.households.iter().any(|h| h.role == crate::model::Role::Helper))).then(|| Suspend::new(routes::care_page(routes::CarePage::HomeCard)))}
        // Each card comes with its capability's piece of the app, which the
        // next tap will most likely need anyway.
        {move || session.me.with(|m| m.as_ref().is_some_and(|me| !me.households.is_empty())).then(|| Suspend::new(routes::fees_page(routes::FeesPage::HomeCard)))}
        {move || session.me.with(|m| m.as_ref().is_some_and(|me| !me.households.is_empty())).then(|| Suspend::new(routes::repairs_page(routes::RepairsPage::HomeCard)))}
        {move || session.me.with(|m| m.as_ref().is_some_and(|me| !me.households.is_empty())).then(|| Suspend::new(routes::activities_page(routes::ActivitiesPage::HomeCard)))}
        {move || session.me.with(Option::is_some).then(|| Suspend::new(routes::points_page(routes::PointsPage::HomeCard)))}
        // The office's cards come with the office console, not with 首页.
        {move || session.is_manager().then(|| Suspend::new(routes::office_page(routes::OfficePage::HomeCards)))}
        {move || session.me.with(|m| m.as_ref().is_some_and(|me| me.admin)).then(|| Suspend::new(routes::office_page(routes::OfficePage::DistrictCard)))}
        // Before login, which compound (and which office phone) is theirs.
        {move || session.me.get().is_none().then(|| view! {
            <section aria-labelledby="communities-heading">
                <h2 id="communities-heading" class="section-title">{i18n.t().home_pick_community}</h2>
                <CommunityPicker />
            </section>
        })}
    }
}

/// 报平安: the very large 我很好 until pressed today, then a thank-you.
#[component]
fn FineButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // What pressing it came to: none yet, done, or the error to show.
    let answer = RwSignal::new(None::<Result<(), crate::api::ApiError>>);
    let press = move |_| {
        leptos::task::spawn_local(async move {
            let result = crate::api::check_in().await;
            if result.is_ok() {
                session.me.update(|me| {
                    if let Some(me) = me {
                        me.care_due = false;
                    }
                });
            }
            answer.set(Some(result));
        });
    };
    let due = move || {
        session
            .me
            .with(|me| me.as_ref().is_some_and(|m| m.care_due))
    };
    view! {
        {move || due().then(|| view! {
            <section class="care-fine" aria-labelledby="care-fine-hint">
                <button type="button" class="button care-button" on:click=press>
                    <Svg icon=Icon::Heart />{move || i18n.t().care_fine}
                </button>
                <p id="care-fine-hint" class="soft">{move || i18n.t().care_fine_hint}</p>
                {move || answer.get().and_then(Result::err).map(|e| view! {
                    <p class="card notice-bad" role="alert">{i18n.t().error(&e)}</p>
                })}
            </section>
        })}
        {move || matches!(answer.get(), Some(Ok(()))).then(|| view! {
            <p class="card care-thanks" role="status">{move || i18n.t().care_thanks}</p>
        })}
    }
}

/// 消息, with how many are unread: the same count as the badge on 我的.
#[component]
fn InboxRow() -> impl IntoView {
    let i18n = use_i18n();
    let counts = crate::state::use_counts();
    view! {
        <A href="/inbox" attr:class="card inbox-row">
            <Svg icon=Icon::Mail />
            <span class="name">{move || i18n.t().inbox_open}</span>
            {move || counts.get().filter(|c| c.inbox > 0).map(|c| view! {
                <span class="badge">{c.inbox}<span class="visually-hidden">{i18n.t().inbox_unread}</span></span>
            })}
        </A>
    }
}

/// Managers: the repair figures, the reach of the latest urgent notice and
/// this month's collection.
#[component]
pub fn OfficeCards() -> impl IntoView {
    view! { <crate::pages::repairs::Figures /> <LatestUrgentReach /> <CollectionCard /> }
}

/// Residents: the household's open tickets and their states.
#[component]
pub fn MyRepairsCard() -> impl IntoView {
    let summary = crate::state::use_repair_feed().summary();
    move || {
        summary
            .get()
            .flatten()
            .map(|s| s.open)
            .filter(|open| !open.is_empty())
            .map(|open| {
                view! {
                    <ul class="plain tickets">
                        {open.into_iter().map(|ticket| view! { <li><crate::pages::repairs::TicketCard ticket /></li> }).collect_view()}
                    </ul>
                }
            })
    }
}

/// Residents: balance and this month's points, a tap into the shop.
/// Managers: swaps waiting to be handed over.
#[component]
pub fn PointsCard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let summary = LocalResource::new(move || {
        session.acting_for.track();
        crate::api::point_summary()
    });
    move || {
        summary.get().and_then(Result::ok).map(|s| {
            let p = i18n.point();
            view! {
                {s.balance.map(|b| view! {
                    <A href="/points" attr:class="card reach-card">
                        <span class="soft">{p.my_points}</span>
                        <span class="big">{b} " " <small>{p.points}</small></span>
                        <span>{p.earned_month} " +" {s.earned_this_month.unwrap_or(0)}</span>
                    </A>
                })}
                {s.to_hand_over.filter(|n| *n > 0).map(|n| view! {
                    <A href="/manage/shop" attr:class="card reach-card">
                        <span class="big">{n}</span>
                        <span>{p.to_hand_over}</span>
                    </A>
                })}
            }
        })
    }
}

/// For managers: how far the latest urgent notice has reached.
#[component]
fn LatestUrgentReach() -> impl IntoView {
    let i18n = use_i18n();
    let feed = use_notice_feed();
    let reach = LocalResource::new(move || {
        let latest = feed.get().and_then(|l| {
            l.items
                .into_iter()
                .filter(|n| n.urgent)
                .max_by(|a, b| a.published_at.cmp(&b.published_at))
        });
        async move {
            match latest {
                Some(n) => crate::api::notice_reach(n.id).await.ok(),
                None => None,
            }
        }
    });
    move || {
        reach.get().flatten().map(|r| {
            let percent = if r.households > 0 {
                r.households_read * 100 / r.households
            } else {
                100
            };
            let unreached = r.households - r.households_read;
            view! {
                <A href=format!("/notices/{}/reach", r.notice_id) attr:class="card reach-card">
                    <span class="soft">{i18n.t().home_latest_urgent}</span>
                    <strong>{r.title.clone()}</strong>
                    <span class="big">{percent} "%"</span>
                    <span>{unreached} " " {i18n.t().home_unreached}</span>
                </A>
            }
        })
    }
}

/// Residents: this period's bill, answered in plain words.
#[component]
pub fn MyFeeCard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let bills = LocalResource::new(move || {
        session.acting_for.track();
        crate::api::bills(None)
    });
    move || {
        bills
            .get()
            .and_then(Result::ok)
            .and_then(|l| l.bills.into_iter().next())
            .map(|bill| {
                let t = i18n.t();
                let state = if bill.owed_fen == 0 {
                    t.home_fee_paid.to_owned()
                } else {
                    t.home_fee_owed
                        .replace("{owed}", &crate::model::yuan(bill.owed_fen))
                };
                view! {
                    <A href="/fees" attr:class="card reach-card">
                        <span class="soft">{crate::pages::fees::bill_title(i18n.0.get(), &bill)}</span>
                        <strong class="big-line">{state}</strong>
                    </A>
                }
            })
    }
}

/// Managers: this period's collection rate and how many households owe.
#[component]
fn CollectionCard() -> impl IntoView {
    let i18n = use_i18n();
    let summary = LocalResource::new(|| crate::api::fee_summary(None));
    move || {
        summary
            .get()
            .and_then(Result::ok)
            .filter(|s| s.total.billed_households > 0)
            .map(|s| {
                let t = i18n.t();
                let pct = s.total.paid_households * 100 / s.total.billed_households;
                view! {
                    <A href="/manage/fees" attr:class="card reach-card">
                        <span class="soft">{t.home_fee_rate} " · " {crate::format::period_words(&s.period, i18n.0.get_untracked())}</span>
                        <span class="big">{pct} "%"</span>
                        <span>{s.arrears.len()} " " {t.home_fee_arrears}</span>
                    </A>
                }
            })
    }
}
