//! 通知公告: the list with category chips, one notice with read-aloud, the
//! manager's editor and reach page, and the paper-board print.

pub mod body;
mod detail;
mod editor;
mod print;
mod reach;
mod speech;

use leptos::prelude::*;
use leptos_router::components::A;

pub use detail::NoticeDetailPage;
pub use editor::{EditNoticePage, NewNoticePage};
pub use print::NoticePrintPage;
pub use reach::NoticeReachPage;
pub use speech::ReadAloud;

use super::intro::IntroPage;
use crate::api;
use crate::components::icons::{Icon, Svg};
use crate::components::{ErrorNotice, Loading};
use crate::format::{now_millis, when};
use crate::i18n::use_i18n;
use crate::model::{NoticeCategory, NoticeSummary};
use crate::state::use_session;

/// 通知 tab: logged out, what it is for; logged in, the notices.
#[component]
pub fn NoticesPage() -> impl IntoView {
    let session = use_session();
    move || {
        if session.me.get().is_some() {
            view! { <NoticeList /> }.into_any()
        } else {
            view! { <IntroPage icon=Icon::Bell title=|l| l.notice().title intro=|l| l.notice().intro how=|l| l.notice().ask_office /> }.into_any()
        }
    }
}

#[component]
fn NoticeList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let archived = RwSignal::new(false);
    let filter = RwSignal::new(None::<NoticeCategory>);
    let list = LocalResource::new(move || {
        let archived = archived.get();
        session.acting_for.track();
        async move { api::notices(archived).await }
    });
    let retry = Callback::new(move |()| list.refetch());
    let chip = move |category: Option<NoticeCategory>| {
        let words = move || category.map_or(i18n.notice().all, |c| i18n.notice().category(c));
        view! {
            <button
                type="button"
                class="chip"
                aria-pressed=move || if filter.get() == category { "true" } else { "false" }
                on:click=move |_| filter.set(category)
            >
                {words}
            </button>
        }
    };
    view! {
        <div class="title-row">
            <h2 class="section-title">{move || i18n.notice().title}</h2>
            {move || session.is_manager().then(|| view! {
                <A href="/notices/new" attr:class="button primary">{i18n.notice().new_notice}</A>
            })}
        </div>
        <div class="choice">
            <A href="/votes" attr:class="button">{move || i18n.notice().votes_link}</A>
            <A href="/suggestions" attr:class="button">{move || i18n.notice().suggestions_link}</A>
        </div>
        <div class="chips" role="group" aria-label=move || i18n.notice().category_label>
            {chip(None)}
            {NoticeCategory::ALL.into_iter().map(|c| chip(Some(c))).collect_view()}
        </div>
        {move || match list.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(page)) => {
                let items: Vec<NoticeSummary> = page
                    .items
                    .into_iter()
                    .filter(|n| filter.get().is_none_or(|c| c == n.category))
                    .collect();
                if items.is_empty() {
                    view! { <p class="card">{i18n.notice().empty}</p> }.into_any()
                } else {
                    view! {
                        <ul class="notices">
                            {items.into_iter().map(|n| view! { <li><NoticeCard notice=n /></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }
        }}
        <button type="button" class="button" on:click=move |_| archived.update(|a| *a = !*a)>
            {move || if archived.get() { i18n.notice().current } else { i18n.notice().archive }}
        </button>
    }
}

/// A notice in a list: urgent and unread said in words, not only colour.
#[component]
pub fn NoticeCard(notice: NoticeSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/notices/{}", notice.id);
    let now = now_millis();
    let date = notice.published_at.clone();
    view! {
        <A href=href attr:class=if notice.urgent { "card notice-card urgent" } else { "card notice-card" }>
            <span class="notice-tags">
                {notice.urgent.then(|| view! { <span class="tag bad"><Svg icon=Icon::Bell />{move || i18n.t().urgent}</span> })}
                {notice.pinned.then(|| view! { <span class="tag">{move || i18n.notice().pinned}</span> })}
                <span class="tag">{move || i18n.notice().category(notice.category)}</span>
                {(!notice.read).then(|| view! { <span class="tag unread">{move || i18n.t().notices_unread}</span> })}
            </span>
            <strong class="notice-title">{notice.title.clone()}</strong>
            <span class="soft">
                {move || when(&date, now, i18n.t(), i18n.0.get())}
                {notice.updated_at.is_some().then(|| view! { " · " {move || i18n.notice().updated} })}
            </span>
        </A>
    }
}
