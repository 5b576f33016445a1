//! 操作记录 (managers): who did what, for whom, when; filter and download.

use leptos::prelude::*;

use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::format::{date_time, today};
use crate::i18n::use_i18n;

/// The areas of the log a manager filters by: (value, 中文, English).
const AREAS: [(&str, &str, &str); 7] = [
    ("", "全部", "All"),
    ("repair.", "报修", "Repairs"),
    ("points.", "积分", "Points"),
    ("shop.", "积分超市", "Shop"),
    ("fee", "物业费", "Fees"),
    ("notice", "通知", "Notices"),
    ("helper", "代办", "Helpers"),
];

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let zh = move || i18n.0.get() == crate::i18n::Lang::ZhCn;
    let area = RwSignal::new(String::new());
    let from = RwSignal::new(format!("{}-01", &today()[..7]));
    let to = RwSignal::new(today());
    let offset = RwSignal::new(0_u32);
    let query = move || {
        let mut q = format!("from={}&to={}", from.get(), to.get());
        let a = area.get();
        if !a.is_empty() {
            // "fee" and "notice" match their whole family of actions.
            let pattern = if a.ends_with('.') { a } else { format!("{a}.") };
            q.push_str(&format!("&action={pattern}"));
        }
        q
    };
    let page = LocalResource::new(move || {
        let q = format!("{}&limit=50&offset={}", query(), offset.get());
        async move { api::audit(&q).await }
    });
    let retry = Callback::new(move |()| page.refetch());
    let words = move |zh_words: &'static str, en: &'static str| if zh() { zh_words } else { en };
    view! {
        <h2 class="section-title">{move || words("操作记录", "Audit log")}</h2>
        <div class="card filters">
            <div class="field">
                <label for="audit-area">{move || words("哪一类", "Area")}</label>
                <select id="audit-area" on:change=move |ev| { offset.set(0); area.set(event_target_value(&ev)); }>
                    {AREAS.into_iter().map(|(v, z, e)| view! { <option value=v>{move || words(z, e)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-from">{move || words("从", "From")}</label>
                <input id="audit-from" type="date" prop:value=move || from.get() on:change=move |ev| { offset.set(0); from.set(event_target_value(&ev)); } />
            </div>
            <div class="field">
                <label for="audit-to">{move || words("到", "To")}</label>
                <input id="audit-to" type="date" prop:value=move || to.get() on:change=move |ev| { offset.set(0); to.set(event_target_value(&ev)); } />
            </div>
            <a class="button" href=move || format!("/api/v1/audit/export.csv?{}", query()) download="audit.csv">
                {move || words("下载表格（CSV）", "Download (CSV)")}
            </a>
        </div>
        {move || match page.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(p)) if p.items.is_empty() => view! { <p class="card">{words("这段时间没有记录。", "Nothing in this period.")}</p> }.into_any(),
            Some(Ok(p)) => view! {
                <ol class="plain card timeline audit">
                    {p.items.into_iter().map(|e| view! {
                        <li>
                            <span class="soft">{date_time(&e.at, i18n.0.get())}</span>
                            <span><strong>{e.actor_name.unwrap_or_else(|| words("系统", "System").to_owned())}</strong>
                                {e.household.map(|h| view! { " （" {words("代", "for")} " " {h} "）" })}
                                " · " <code>{e.action}</code></span>
                            <span class="note">{e.detail}</span>
                        </li>
                    }).collect_view()}
                </ol>
                {p.next_offset.map(|next| view! {
                    <button type="button" class="button" on:click=move |_| offset.set(next)>{words("再看 50 条", "Next 50")}</button>
                })}
            }
            .into_any(),
        }}
    }
}
