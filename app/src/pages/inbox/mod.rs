//! 消息: my news, newest first, each a plain sentence with a link, read
//! aloud on request; opening one marks it read, "all read" is one tap.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::format::{now_millis, when};
use crate::i18n::{Lang, use_i18n};
use crate::model::{HouseholdAccess, InboxItem, InboxKind, MarkRead, yuan};
use crate::pages::notices::ReadAloud;
use crate::state::{use_counts, use_session};

/// The sentence an item says, in the reader's language.
pub fn sentence(lang: Lang, item: &InboxItem) -> String {
    // A bill's words are its period: said as people say it.
    let is_fee = matches!(
        item.kind,
        InboxKind::BillIssued
            | InboxKind::BillOverdue
            | InboxKind::FeeReminder
            | InboxKind::ClaimConfirmed
    );
    let words = if is_fee {
        crate::format::period_words(&item.words, lang)
    } else {
        item.words.clone()
    };
    let amount = match (item.kind, item.amount) {
        (_, Some(fen)) if is_fee => yuan(fen),
        (_, Some(n)) => n.abs().to_string(),
        (_, None) => String::new(),
    };
    lang.inbox()
        .sentence(item.kind)
        .replace("{words}", &words)
        .replace("{amount}", &amount)
}

/// Whose news a helper's copy is: "张建国 · 3号楼 201".
fn household_label(households: &[HouseholdAccess], id: i64) -> Option<String> {
    households.iter().find(|h| h.household_id == id).map(|h| {
        let names = h.residents.join("、");
        format!("{names} · {} {}", h.building, h.flat_label)
    })
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let counts = use_counts();
    let items = RwSignal::new(Vec::<InboxItem>::new());
    let next = RwSignal::new(None::<String>);
    let first = LocalResource::new(|| api::inbox(None));
    Effect::new(move || {
        if let Some(Ok(page)) = first.get() {
            items.set(page.items);
            next.set(page.next_cursor);
        }
    });
    let retry = Callback::new(move |()| first.refetch());
    let more = move |_| {
        let cursor = next.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(page) = api::inbox(cursor).await {
                items.update(|list| list.extend(page.items));
                next.set(page.next_cursor);
            }
        });
    };
    let all_read = move |_| {
        leptos::task::spawn_local(async move {
            if api::mark_read(MarkRead {
                ids: Vec::new(),
                all: true,
            })
            .await
            .is_ok()
            {
                items.update(|list| list.iter_mut().for_each(|i| i.read = true));
                counts.refetch();
            }
        });
    };
    let any_unread = move || items.with(|l| l.iter().any(|i| !i.read));
    view! {
        <div class="title-row">
            <h2 class="section-title">{move || i18n.inbox().title}</h2>
            {move || any_unread().then(|| view! {
                <button type="button" class="button" on:click=all_read>{i18n.inbox().all_read}</button>
            })}
        </div>
        {move || match first.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(_)) if items.with(Vec::is_empty) => {
                view! { <p class="card">{i18n.inbox().empty}</p> }.into_any()
            }
            Some(Ok(_)) => view! {
                <ul class="plain inbox">
                    <For each=move || items.get() key=|i| (i.id, i.read) let:item>
                        <li><InboxCard item items /></li>
                    </For>
                </ul>
            }.into_any(),
        }}
        {move || next.get().is_some().then(|| view! {
            <button type="button" class="button" on:click=more>{i18n.inbox().more}</button>
        })}
    }
}

/// One piece of news: unread said in words, the household for a helper's
/// copy, a link to what it is about, a phone to call for 报平安.
#[component]
fn InboxCard(item: InboxItem, items: RwSignal<Vec<InboxItem>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let counts = use_counts();
    let now = now_millis();
    let id = item.id;
    let unread = !item.read;
    let created = item.created_at.clone();
    let link = item.link.clone();
    let phone = item.phone.clone();
    let for_household_id = item.for_household_id;
    let said = move || sentence(i18n.0.get(), &item);
    // `me` may still be on its way when the page is opened directly.
    let for_household = move || {
        for_household_id.and_then(|h| {
            session.me.with(|me| {
                me.as_ref()
                    .and_then(|me| household_label(&me.households, h))
            })
        })
    };
    // Opening it marks it read (on the way; the page it opens does not wait).
    let opened = move |_| {
        if unread {
            items.update(|list| {
                if let Some(i) = list.iter_mut().find(|i| i.id == id) {
                    i.read = true;
                }
            });
            leptos::task::spawn_local(async move {
                if api::mark_read(MarkRead {
                    ids: vec![id],
                    all: false,
                })
                .await
                .is_ok()
                {
                    counts.refetch();
                }
            });
        }
    };
    view! {
        <article class=if unread { "card inbox-card unread" } else { "card inbox-card" }>
            <p class="inbox-sentence">
                {unread.then(|| view! { <span class="tag unread">{move || i18n.t().inbox_unread}</span> " " })}
                {said.clone()}
            </p>
            {move || for_household().map(|who| view! {
                <p class="soft">{i18n.inbox().for_household.replace("{who}", &who)}</p>
            })}
            <p class="soft">{move || when(&created, now, i18n.t(), i18n.0.get())}</p>
            <div class="actions">
                {phone.map(|p| view! {
                    <a class="button primary" href=format!("tel:{p}")>{move || i18n.inbox().call} " " {p.clone()}</a>
                })}
                <A href=link attr:class="button" on:click=opened>{move || i18n.inbox().see}</A>
                <ReadAloud text=said() />
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn item(kind: InboxKind, words: &str, amount: Option<i64>) -> InboxItem {
        InboxItem {
            id: 1,
            kind,
            subject_id: 2,
            link: kind.link(2),
            words: words.to_owned(),
            amount,
            phone: None,
            for_household_id: None,
            created_at: "2026-12-07T02:00:00Z".to_owned(),
            read: false,
        }
    }

    #[test]
    fn every_kind_says_a_sentence_with_its_blanks_filled() {
        for lang in [Lang::ZhCn, Lang::En] {
            for kind in InboxKind::ALL {
                let said = sentence(lang, &item(kind, "厨房水龙头", Some(12_050)));
                assert!(!said.contains('{'), "{kind:?}: {said}");
                assert!(said.contains("厨房水龙头"), "{kind:?}: {said}");
            }
        }
    }

    #[test]
    fn bills_say_yuan_and_points_say_points() {
        let t = Lang::ZhCn;
        assert_eq!(
            sentence(t, &item(InboxKind::BillOverdue, "2026-12", Some(12_050))),
            "2026年12月的物业费已过缴费期限，还差 120.50 元"
        );
        assert_eq!(
            sentence(t, &item(InboxKind::PointsReversed, "记错了人", Some(5))),
            "收回了 5 积分：记错了人"
        );
        assert_eq!(
            sentence(t, &item(InboxKind::ClaimConfirmed, "2025", Some(150_000))),
            "物业已收到您转来的 1500.00 元，2025年的物业费已入账"
        );
        assert!(
            sentence(t, &item(InboxKind::FeeReminder, "2025", Some(80_050)))
                .starts_with("物业温馨提醒：2025年的物业费还差 800.50 元。")
        );
    }
}
