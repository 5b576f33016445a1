//! 意见箱: a household's suggestions and complaints (optionally without the
//! writer's name), the office's answers, and whether they helped; the
//! office's box, open ones oldest first.

mod detail;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

pub use detail::SuggestionPage;

use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, FormError, Loading, PhotoInput, submit_action};
use crate::format::{now_millis, when};
use crate::i18n::{Lang, use_i18n};
use crate::model::{NewSuggestion, Photo, Suggestion, SuggestionKind, SuggestionSummary, Text};
use crate::state::use_session;

pub fn kind_words(lang: Lang, kind: SuggestionKind) -> &'static str {
    let w = lang.suggestion();
    match kind {
        SuggestionKind::Suggestion => w.suggestion,
        SuggestionKind::Complaint => w.complaint,
    }
}

#[component]
pub fn SuggestionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.suggestion();
    let session = use_session();
    let list = LocalResource::new(api::suggestions);
    let retry = Callback::new(move |()| list.refetch());
    let has_household = move || session.me.get().is_some_and(|me| !me.households.is_empty());
    view! {
        <h2 class="section-title">{move || w().title}</h2>
        <p class="card">{move || w().intro}</p>
        {move || has_household().then(|| view! {
            <A href="/suggestions/new" attr:class="button primary">{w().write}</A>
        })}
        {move || match list.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(list)) => {
                let office = list.answered_in_time;
                let empty = if office.is_some() { w().office_empty } else { w().mine_empty };
                view! {
                    {office.map(|t| view! {
                        <p class="card big-line">{w().in_time
                            .replace("{answered}", &t.answered.to_string())
                            .replace("{total}", &t.total.to_string())
                            .replace("{share}", &crate::pages::votes::share(t.answered, t.total))}</p>
                    })}
                    {if list.items.is_empty() {
                        view! { <p class="card">{empty}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain suggestions">
                                {list.items.into_iter().map(|s| view! { <li><SuggestionCard s /></li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }.into_any()
            }
        }}
    }
}

#[component]
fn SuggestionCard(s: SuggestionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.0.get_untracked();
    let w = lang.suggestion();
    let answered = s.answered_at.is_some();
    view! {
        <A href=format!("/suggestions/{}", s.id) attr:class="card suggestion-card">
            <p class="tags">
                <span class="tag">{kind_words(lang, s.kind)}</span>
                <span class="status" class:ok=answered class:bad=!answered>{if answered { w.answered } else { w.waiting }}</span>
            </p>
            <strong>{s.excerpt.clone()}</strong>
            <span class="soft">{s.writer.clone()} " · " {when(&s.created_at, now_millis(), i18n.t(), lang)}</span>
        </A>
    }
}

#[component]
pub fn NewSuggestionPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.suggestion();
    let navigate = use_navigate();
    let kind = RwSignal::new(SuggestionKind::Suggestion);
    let body = RwSignal::new(String::new());
    let photo = RwSignal::new(None::<Photo>);
    let anonymous = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let submit = submit_action(
        move |()| {
            let text = Text::parse(&body.get_untracked()).map_err(ApiError::refused);
            let new = text.map(|body| NewSuggestion {
                kind: kind.get_untracked(),
                body,
                photo_ids: photo.get_untracked().map(|p| p.id).into_iter().collect(),
                anonymous: anonymous.get_untracked(),
            });
            async move { api::write_suggestion(new?).await }
        },
        error,
        move |s: Suggestion| {
            navigate(
                &format!("/suggestions/{}", s.summary.id),
                leptos_router::NavigateOptions::default(),
            );
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        submit.dispatch(());
    };
    view! {
        <h2 class="section-title">{move || w().write}</h2>
        <form class="card form" on:submit=on_submit>
            <fieldset>
                <legend>{move || w().kind}</legend>
                {[(SuggestionKind::Suggestion, "kind-suggestion"), (SuggestionKind::Complaint, "kind-complaint")].into_iter().map(|(k, id)| view! {
                    <label class="radio" for=id>
                        <input type="radio" id=id name="kind" prop:checked=move || kind.get() == k on:change=move |_| kind.set(k) />
                        <span>{move || kind_words(i18n.0.get(), k)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="suggestion-body">{move || w().body}</label>
                <textarea id="suggestion-body" rows="5" prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            </div>
            <PhotoInput id="suggestion-photo" label=Signal::derive(move || w().photo) photo error />
            <label class="radio" for="suggestion-anonymous">
                <input type="checkbox" id="suggestion-anonymous" aria-describedby="suggestion-anonymous-hint"
                    prop:checked=move || anonymous.get() on:change=move |ev| anonymous.set(event_target_checked(&ev)) />
                <span>{move || w().anonymous}</span>
            </label>
            <small id="suggestion-anonymous-hint" class="hint">{move || w().anonymous_hint}</small>
            <FormError error />
            <button type="submit" class="button primary">{move || w().send}</button>
        </form>
    }
}
