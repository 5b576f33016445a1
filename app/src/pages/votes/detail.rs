//! One vote: what to decide and read first, the household's ballot (cast,
//! changed until it closes), the result once published; and, for a
//! manager, the office's tools.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{matter_words, state_words};
use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, FormError, Loading};
use crate::format::date_time;
use crate::i18n::use_i18n;
use crate::model::{BallotWay, NewBallot, Text, Vote, VoteKind, VoteState};
use crate::pages::notices::body::NoticeBody;
use crate::state::use_session;

pub fn vote_id() -> Option<i64> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()))
}

#[component]
pub fn VotePage() -> impl IntoView {
    let session = use_session();
    let id = vote_id();
    let vote = LocalResource::new(move || async move {
        match id {
            Some(id) => api::vote(id).await,
            None => Err(ApiError::not_found()),
        }
    });
    let retry = Callback::new(move |()| vote.refetch());
    move || match vote.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(v)) => {
            let office = session
                .managed_community()
                .is_some_and(|(c, _)| c == v.community_id);
            view! {
                {view! { <VoteHead vote=v.clone() /> }.into_any()}
                {v.household_id.map(|_| view! { <Ballot vote=v.clone() on_cast=retry /> }.into_any())}
                {v.result.clone().map(|t| view! {
                    <section class="card" aria-labelledby="vote-result">
                        <h3 id="vote-result">{move || use_i18n().vote().result}</h3>
                        {view! { <super::office::Count tally=t kind=v.summary.kind /> }.into_any()}
                        {v.summary.notice_id.map(|n| view! {
                            <A href=format!("/notices/{n}") attr:class="button">{move || use_i18n().vote().see_result}</A>
                        })}
                    </section>
                }.into_any())}
                {office.then(|| view! { <super::office::OfficeTools vote=v.clone() on_change=retry /> }.into_any())}
            }
            .into_any()
        }
    }
}

#[component]
fn VoteHead(vote: Vote) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.0.get_untracked();
    let w = lang.vote();
    let (matter, rule) = matter_words(lang, vote.summary.kind, vote.summary.matter);
    view! {
        <article class="card vote-head">
            <p class="tags">
                <span class="tag">{state_words(lang, vote.summary.state)}</span>
                <span class="tag">{matter}</span>
            </p>
            <h2>{vote.summary.question.clone()}</h2>
            <p>{rule}</p>
            <p class="soft">{w.closes_on.replace("{date}", &date_time(&vote.summary.closes_at, lang))}</p>
            {(!vote.buildings.is_empty()).then(|| view! { <p>{w.for_buildings} {vote.buildings.join("、")}</p> })}
            {(!vote.documents.is_empty() || !vote.photos.is_empty()).then(|| view! {
                <h3>{w.read_first}</h3>
                <div class="notice-body"><NoticeBody text=vote.documents.clone() /></div>
                {vote.photos.iter().map(|p| view! {
                    <a href=p.url.clone() target="_blank"><img class="document" src=p.thumb_url.clone() alt=w.read_first /></a>
                }).collect_view()}
            })}
        </article>
    }
}

/// The household's ballot: the choices as big buttons while it runs.
#[component]
fn Ballot(vote: Vote, on_cast: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.vote();
    let id = vote.summary.id;
    let mine = vote.ballot.clone();
    let consultation = vote.summary.kind == VoteKind::Consultation;
    let words_only = consultation && vote.choices.is_empty();
    let chosen = RwSignal::new(
        mine.as_ref()
            .map(|b| b.choice_id)
            .or_else(|| vote.answer.as_ref().and_then(|a| a.choice_id)),
    );
    let words = RwSignal::new(
        vote.answer
            .as_ref()
            .and_then(|a| a.words.clone())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<ApiError>);
    let paper = mine.as_ref().is_some_and(|b| b.way == BallotWay::Paper);
    let open = vote.summary.state == VoteState::Open;
    let label_of = |choice: i64| {
        vote.choices
            .iter()
            .find(|c| c.id == choice)
            .map(|c| c.label.clone())
            .unwrap_or_default()
    };
    let answered = vote.answer.as_ref().map(|a| {
        let said = a
            .words
            .clone()
            .or_else(|| a.choice_id.map(label_of))
            .unwrap_or_default();
        i18n.0
            .get_untracked()
            .vote()
            .you_said
            .replace("{words}", &said)
    });
    let said = mine.as_ref().map(|b| {
        let lang = i18n.0.get_untracked();
        lang.vote()
            .your_ballot
            .replace("{choice}", &label_of(b.choice_id))
            .replace("{who}", &b.cast_by)
            .replace(
                "{when}",
                &date_time(b.changed_at.as_deref().unwrap_or(&b.cast_at), lang),
            )
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let (choice_id, words) = if words_only {
            match Text::parse(&words.get_untracked()) {
                Ok(w) => (None, Some(w)),
                Err(refused) => {
                    error.set(Some(ApiError::refused(refused)));
                    return;
                }
            }
        } else {
            match chosen.get_untracked() {
                Some(c) => (Some(c), None),
                None => return,
            }
        };
        spawn_local(async move {
            let body = NewBallot {
                choice_id,
                words,
                household_id: None,
                paper_no: None,
                collected_by: None,
            };
            match api::cast_ballot(id, body).await {
                Ok(_) => on_cast.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let has_ballot = mine.is_some() || vote.answer.is_some();
    view! {
        <section class="card ballot" aria-labelledby="ballot-title">
            <h3 id="ballot-title">{move || if consultation { w().your_words } else { w().your_choice }}</h3>
            {said.or(answered).map(|s| view! { <p class="big-line said" role="status">{s}</p> })}
            {if paper {
                view! { <p>{move || w().paper_ballot}</p> }.into_any()
            } else if open {
                view! {
                    <form class="form" on:submit=submit>
                        {words_only.then(|| view! {
                            <div class="field">
                                <label for="answer-words">{move || w().your_words}</label>
                                <textarea id="answer-words" rows="3" prop:value=move || words.get()
                                    on:input=move |ev| words.set(event_target_value(&ev))></textarea>
                            </div>
                        })}
                        <fieldset>
                            <legend class="visually-hidden">{move || w().your_choice}</legend>
                            {vote.choices.iter().map(|c| {
                                let (cid, for_id, input_id) = (c.id, format!("choice-{}", c.id), format!("choice-{}", c.id));
                                view! {
                                    <label class="radio" for=for_id>
                                        <input type="radio" id=input_id name="choice" prop:checked=move || chosen.get() == Some(cid)
                                            on:change=move |_| chosen.set(Some(cid)) />
                                        <span>{c.label.clone()}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <FormError error />
                        <button type="submit" class="button primary" disabled=move || !words_only && chosen.get().is_none()>
                            {move || if has_ballot { w().change } else { w().cast }}
                        </button>
                        {has_ballot.then(|| view! { <p class="soft">{move || w().can_change}</p> })}
                    </form>
                }.into_any()
            } else {
                ().into_any()
            }}
        </section>
    }
}
