//! /points/statement?user_id=…&month=…: a member's month on one A4 sheet,
//! large type, for those who will never open the app — what they earned
//! (and at which activity), what they swapped, and what is left. The
//! office prints it; a household can too.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::{ErrorNotice, Loading, TextField};
use crate::format::short_date;
use crate::i18n::use_i18n;

#[component]
pub fn StatementPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.point();
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
            <TextField id="statement-month" label=Signal::derive(move || w().statement_month) value=month kind="month" />
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
                        <p class="poster-community">{move || w().statement_title.replace("{month}", &m)}</p>
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
                        <p class="statement-sum">{move || w().statement_sum
                            .replace("{earned}", &earned.to_string())
                            .replace("{spent}", &spent.to_string())
                            .replace("{balance}", &l.balance.to_string())}</p>
                    </article>
                }.into_any()
            }
        }}
    }
}
