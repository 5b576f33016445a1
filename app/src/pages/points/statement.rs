//! /points/statement?user_id=…&month=…: a member's month on one A4 sheet,
//! large type, for those who will never open the app — what they earned
//! (and at which activity), what they swapped, and what is left. The
//! office prints it; a household can too.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::{ErrorNotice, Loading, TextField};
use crate::format::short_date;
use crate::i18n::{Lang, use_i18n};

/// The statement's words, here in the points piece rather than in the
/// shared strings a first visit downloads: (month, title with "{month}",
/// the sum with "{earned}", "{spent}", "{balance}").
fn words(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::ZhCn => (
            "月份",
            "积分月结单 · {month}",
            "这个月得到 {earned} 分，用掉 {spent} 分，现在还有 {balance} 分",
        ),
        Lang::En => (
            "Month",
            "Points statement · {month}",
            "This month: earned {earned}, spent {spent}; {balance} left",
        ),
    }
}

#[component]
pub fn StatementPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.0.get());
    let (user, month) = use_query_map().with_untracked(|q| {
        (
            q.get("user_id").and_then(|v| v.parse::<i64>().ok()),
            q.get("month"),
        )
    });
    let month = RwSignal::new(month.unwrap_or_else(|| crate::format::today()[..7].to_owned()));
    let ledger = LocalResource::new(move || api::ledger_of(user));
    let retry = Callback::new(move |()| ledger.refetch());
    view! {
        <div class="no-print">
            <TextField id="statement-month" label=Signal::derive(move || w().0) value=month kind="month" />
            <button type="button" class="button primary" on:click=|_| {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }>{move || i18n.t().print}</button>
        </div>
        {move || match ledger.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(l)) => {
                let m = month.get();
                let lines: Vec<_> = l.entries.iter().filter(|e| e.earned_on.starts_with(&m)).cloned().collect();
                let earned: i64 = lines.iter().map(|e| e.amount).filter(|a| *a > 0).sum();
                let spent: i64 = -lines.iter().map(|e| e.amount).filter(|a| *a < 0).sum::<i64>();
                let lang = i18n.0.get();
                view! {
                    <article class="statement">
                        <h2 class="poster-title">{l.name.clone()}</h2>
                        <p class="poster-community">{move || w().1.replace("{month}", &m)}</p>
                        <table class="statement-lines">
                            <tbody>
                                {lines.into_iter().map(|e| view! {
                                    <tr>
                                        <td>{short_date(&e.earned_on, lang)}</td>
                                        <td>{e.what.clone()}</td>
                                        <td class="amount">{if e.amount > 0 { format!("+{}", e.amount) } else { e.amount.to_string() }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p class="statement-sum">{move || w().2
                            .replace("{earned}", &earned.to_string())
                            .replace("{spent}", &spent.to_string())
                            .replace("{balance}", &l.balance.to_string())}</p>
                    </article>
                }.into_any()
            }
        }}
    }
}
