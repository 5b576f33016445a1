//! One suggestion: what was written, the replies, and for its writer a
//! follow-up and "did it help?"; for the office, the answer form.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::kind_words;
use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, FormError, Loading, parse_text};
use crate::format::date_time;
use crate::i18n::use_i18n;
use crate::model::{NewSuggestionReply, Suggestion};
use crate::pages::notices::body::NoticeBody;

#[component]
pub fn SuggestionPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let data = LocalResource::new(move || async move {
        match id {
            Some(id) => api::suggestion(id).await,
            None => Err(ApiError::not_found()),
        }
    });
    let retry = Callback::new(move |()| data.refetch());
    move || match data.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(s)) => view! { <Shown s on_change=retry /> }.into_any(),
    }
}

#[component]
fn Shown(s: Suggestion, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.0.get_untracked();
    let w = lang.suggestion();
    let id = s.summary.id;
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let send = move |helpful: Option<bool>| {
        error.set(None);
        let typed = text.get_untracked();
        let body = if typed.trim().is_empty() {
            None
        } else {
            match parse_text(&typed, error) {
                Some(t) => Some(t),
                None => return,
            }
        };
        if body.is_none() && helpful.is_none() {
            return;
        }
        spawn_local(async move {
            match api::reply_suggestion(id, NewSuggestionReply { body, helpful }).await {
                Ok(_) => {
                    text.set(String::new());
                    on_change.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let mine = s.mine;
    let answered = s.summary.answered_at.is_some();
    let label = if mine { w.follow_up } else { w.answer };
    view! {
        <article class="card suggestion">
            <p class="tags"><span class="tag">{kind_words(lang, s.summary.kind)}</span></p>
            <p class="soft">{s.summary.writer.clone()} " · " {date_time(&s.summary.created_at, lang)}</p>
            <div class="notice-body"><NoticeBody text=s.body.clone() /></div>
            {s.photos.iter().map(|p| view! {
                <a href=p.url.clone() target="_blank"><img class="document" src=p.thumb_url.clone() alt=w.photo /></a>
            }).collect_view()}
        </article>
        <ul class="plain replies">
            {s.replies.iter().map(|r| view! {
                <li class="card reply" class:office=r.from_office>
                    <p class="soft">{if r.from_office { format!("{} · {}", w.office, r.author) } else { r.author.clone() }} " · " {date_time(&r.created_at, lang)}</p>
                    <div class="notice-body"><NoticeBody text=r.body.clone() /></div>
                </li>
            }).collect_view()}
        </ul>
        {s.summary.helpful.map(|h| view! { <p class="big-line said" role="status">{if h { w.said_helped } else { w.said_not_helped }}</p> })}
        <form class="card form" on:submit=move |ev| { ev.prevent_default(); send(None); }>
            <div class="field">
                <label for="reply-text">{label}</label>
                <textarea id="reply-text" rows="3" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </div>
            <FormError error />
            <button type="submit" class="button primary">{w.reply}</button>
        </form>
        {(mine && answered).then(|| view! {
            <section class="card" aria-labelledby="helped-title">
                <h3 id="helped-title">{w.helped}</h3>
                <div class="choice">
                    <button type="button" class="button" on:click=move |_| send(Some(true))>{w.helped_yes}</button>
                    <button type="button" class="button" on:click=move |_| send(Some(false))>{w.helped_no}</button>
                </div>
            </section>
        })}
    }
}
