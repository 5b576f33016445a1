//! 操作记录 (managers): who did what, for whom, when; filter and download.

use std::fmt::Write as _;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::format::{date_time, today};
use crate::i18n::use_i18n;

/// The areas of the log a manager filters by (their names are in
/// `i18n::audit`, in this order).
const AREAS: [&str; 7] = [
    "", "repair.", "points.", "shop.", "fees.", "notices.", "helpers.",
];

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let area = RwSignal::new(String::new());
    let from = RwSignal::new(format!("{}-01", &today()[..7]));
    let to = RwSignal::new(today());
    // Where the page starts: the position the page before gave out.
    let after = RwSignal::new(None::<String>);
    let query = move || {
        let mut q = format!("from={}&to={}", from.get(), to.get());
        let a = area.get();
        if !a.is_empty() {
            // "fee" and "notice" match their whole family of actions.
            let pattern = if a.ends_with('.') { a } else { format!("{a}.") };
            let _ = write!(q, "&action={pattern}");
        }
        q
    };
    let page = LocalResource::new(move || {
        let mut q = format!("{}&limit=50", query());
        if let Some(a) = after.get() {
            let _ = write!(q, "&cursor={a}");
        }
        async move { api::audit(&q).await }
    });
    let retry = Callback::new(move |()| page.refetch());
    let words = move || i18n.audit();
    view! {
        <h2 class="section-title">{move || words().title}</h2>
        <div class="card filters">
            <div class="field">
                <label for="audit-area">{move || words().area}</label>
                <select id="audit-area" on:change=move |ev| { after.set(None); area.set(event_target_value(&ev)); }>
                    {AREAS.into_iter().enumerate().map(|(i, v)| view! { <option value=v>{move || words().areas[i]}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-from">{move || words().from}</label>
                <input id="audit-from" type="date" prop:value=move || from.get() on:change=move |ev| { after.set(None); from.set(event_target_value(&ev)); } />
            </div>
            <div class="field">
                <label for="audit-to">{move || words().to}</label>
                <input id="audit-to" type="date" prop:value=move || to.get() on:change=move |ev| { after.set(None); to.set(event_target_value(&ev)); } />
            </div>
            <a class="button" href=move || format!("/api/v1/audit/export.csv?{}", query()) download="audit.csv">
                {move || words().download}
            </a>
        </div>
        {move || match page.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(p)) if p.items.is_empty() => view! { <p class="card">{words().empty}</p> }.into_any(),
            Some(Ok(p)) => view! {
                <ol class="plain card timeline audit">
                    {p.items.into_iter().map(|e| {
                        let w = words();
                        let record = e.record().map(|r| view! {
                            " · " <A href=r.href()>{w.record_label(r)}</A>
                        });
                        view! {
                            <li>
                                <span class="soft">{date_time(&e.at, i18n.0.get())}</span>
                                <span>{w.tell(&e)}{record}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                {p.next_cursor.map(|next| view! {
                    <button type="button" class="button" on:click=move |_| after.set(Some(next.clone()))>{words().next}</button>
                })}
            }
            .into_any(),
        }}
    }
}
