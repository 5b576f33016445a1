//! The office's side of a vote: the live count against the thresholds, the
//! households still missing (printable for the door-to-door round), paper
//! ballots, the CSV for the committee, and the close.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::detail::vote_id;
use super::share;
use crate::api::{self, ApiError};
use crate::components::{
    ConfirmButton, ErrorNotice, FormError, HouseholdChooser, Loading, TextField, parse_text,
};
use crate::i18n::use_i18n;
use crate::model::{NewBallot, Tally, Vote, VoteKind, VoteState, yuan};

/// The count: participation and each choice, by households and by area.
#[component]
pub fn Count(tally: Tally, kind: VoteKind) -> impl IntoView {
    let i18n = use_i18n();
    let w = i18n.0.get_untracked().vote();
    let of = |part: i64, whole: i64, show: fn(i64) -> String| {
        w.of.replace("{part}", &show(part))
            .replace("{whole}", &show(whole))
            .replace("{share}", &share(part, whole))
    };
    let count = |n: i64| n.to_string();
    let area = |n: i64| format!("{} ㎡", yuan(n));
    let voted = tally.voted;
    // A consultation counts people, with no area and no thresholds.
    if kind == VoteKind::Consultation {
        return view! { <People tally /> }.into_any();
    }
    view! {
        <dl class="facts tally">
            <dt>{w.participation} " · " {w.by_households}</dt>
            <dd>{of(voted.households, tally.eligible.households, count)}</dd>
            <dt>{w.participation} " · " {w.by_area}</dt>
            <dd>{of(voted.area, tally.eligible.area, area)}</dd>
        </dl>
        <p class="status" class:ok=tally.quorum class:bad=!tally.quorum>{if tally.quorum { w.quorum_yes } else { w.quorum_no }}</p>
        <ul class="plain choices-count">
            {tally.choices.iter().map(|c| view! {
                <li class="card" class:carries=tally.passed == Some(c.choice_id)>
                    <strong>{c.label.clone()}</strong>
                    <span>{w.by_households} " " {of(c.weight.households, voted.households, count)}</span>
                    <span>{w.by_area} " " {of(c.weight.area, voted.area, area)}</span>
                </li>
            }).collect_view()}
        </ul>
        <p class="big-line">{if tally.passed.is_some() { w.would_pass } else { w.would_not_pass }}</p>
        <p class="soft">{w.ways.replace("{online}", &tally.online.to_string()).replace("{paper}", &tally.paper.to_string())}</p>
    }
    .into_any()
}

/// A consultation's answers: people per choice, and what they said.
#[component]
fn People(tally: Tally) -> impl IntoView {
    let w = use_i18n().0.get_untracked().vote();
    let people = |n: i64| w.people_n.replace("{n}", &n.to_string());
    view! {
        <p class="big-line">{w.answered} " " {people(tally.voted.households)}</p>
        <ul class="plain choices-count">
            {tally.choices.iter().map(|c| view! {
                <li class="card">
                    <strong>{c.label.clone()}</strong>
                    <span>{people(c.weight.households)} " (" {share(c.weight.households, tally.voted.households)} ")"</span>
                </li>
            }).collect_view()}
        </ul>
        {(!tally.texts.is_empty()).then(|| view! {
            <h4>{w.texts}</h4>
            <ul class="texts">{tally.texts.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
        })}
    }
}

#[component]
pub fn OfficeTools(vote: Vote, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.vote();
    let id = vote.summary.id;
    let tally = LocalResource::new(move || api::vote_tally(id));
    let missing = LocalResource::new(move || api::vote_missing(id));
    let retry = Callback::new(move |()| {
        tally.refetch();
        missing.refetch();
    });
    let error = RwSignal::new(None::<ApiError>);
    let close = Callback::new(move |()| {
        error.set(None);
        spawn_local(async move {
            match api::close_vote(id).await {
                Ok(_) => on_change.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let kind = vote.summary.kind;
    let consultation = kind == VoteKind::Consultation;
    let running = matches!(vote.summary.state, VoteState::Open) && !consultation;
    let closable = matches!(vote.summary.state, VoteState::Open | VoteState::Ended);
    view! {
        {(vote.result.is_none()).then(|| view! {
            <section class="card" aria-labelledby="tally-title">
                <h3 id="tally-title">{move || w().tally}</h3>
                {move || match tally.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
                    Some(Ok(t)) => view! { <Count tally=t kind /> }.into_any(),
                }}
            </section>
        }.into_any())}
        {running.then(|| view! { <PaperBallot vote=vote.clone() on_done=retry /> }.into_any())}
        <section class="card" aria-labelledby="missing-title">
            <h3 id="missing-title">{move || w().missing}</h3>
            {move || missing.get().and_then(Result::ok).map(|list| if list.is_empty() {
                view! { <p>{w().missing_none}</p> }.into_any()
            } else {
                view! {
                    <p class="big-line">{w().households_n.replace("{n}", &list.len().to_string())}</p>
                    <a class="button" href=format!("/votes/{id}/missing")>{w().print_missing}</a>
                }.into_any()
            })}
        </section>
        <div class="choice">
            <a class="button" href=format!("/api/v1/votes/{id}/ballots.csv") download="ballots.csv">{move || w().export}</a>
        </div>
        {closable.then(|| view! {
            <ConfirmButton label=Signal::derive(move || w().close.to_owned())
                question=Signal::derive(move || w().close_question.to_owned())
                yes=Signal::derive(move || w().close.to_owned())
                on_confirm=close />
        })}
        <FormError error />
    }
}

/// A paper ballot: which household, its choice, the number on the paper and
/// who collected it.
#[component]
fn PaperBallot(vote: Vote, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.vote();
    let id = vote.summary.id;
    let household = RwSignal::new(None::<i64>);
    let choice = RwSignal::new(vote.choices.first().map(|c| c.id));
    let paper_no = RwSignal::new(String::new());
    let collector = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(false);
        let (Some(h), Some(c)) = (household.get_untracked(), choice.get_untracked()) else {
            return;
        };
        let Some(no) = parse_text(&paper_no.get_untracked(), error) else {
            return;
        };
        let Some(by) = parse_text(&collector.get_untracked(), error) else {
            return;
        };
        let body = NewBallot {
            choice_id: Some(c),
            words: None,
            household_id: Some(h),
            paper_no: Some(no),
            collected_by: Some(by),
        };
        spawn_local(async move {
            match api::cast_ballot(id, body).await {
                Ok(_) => {
                    done.set(true);
                    paper_no.set(String::new());
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <details class="card">
            <summary>{move || w().paper_title}</summary>
            <form class="form" on:submit=submit>
                <HouseholdChooser household />
                <div class="field">
                    <label for="paper-choice">{move || w().your_choice}</label>
                    <select id="paper-choice" on:change=move |ev| choice.set(event_target_value(&ev).parse().ok())>
                        {vote.choices.iter().map(|c| view! { <option value=c.id.to_string()>{c.label.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <TextField id="paper-no" label=Signal::derive(move || w().paper_no) value=paper_no />
                <TextField id="paper-collector" label=Signal::derive(move || w().collected_by) value=collector />
                <FormError error />
                {move || done.get().then(|| view! { <p role="status" class="status ok">{w().entered}</p> })}
                <button type="submit" class="button primary" disabled=move || household.get().is_none()>{move || w().enter_paper}</button>
            </form>
        </details>
    }
}

/// The households still missing, for the door-to-door round: A4, large.
#[component]
pub fn MissingPrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.vote();
    let id = vote_id();
    let data = LocalResource::new(move || async move {
        let Some(id) = id else {
            return Err(ApiError::not_found());
        };
        Ok((api::vote(id).await?, api::vote_missing(id).await?))
    });
    let retry = Callback::new(move |()| data.refetch());
    move || {
        match data.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok((vote, missing))) => view! {
            <button type="button" class="button primary no-print" on:click=|_| {
                if let Some(w) = web_sys::window() { let _ = w.print(); }
            }>{i18n.t().print}</button>
            <h2>{vote.summary.question.clone()}</h2>
            <h3>{w().missing} " (" {missing.len()} ")"</h3>
            <ul class="plain unreached">
                {missing.into_iter().map(|m| view! {
                    <li class="card">
                        <strong>{m.building} " " {m.flat_label}</strong>
                        {if m.phones.is_empty() {
                            view! { <span class="soft">{w().no_phone}</span> }.into_any()
                        } else {
                            m.phones.into_iter().map(|p| view! { <a class="tel nowrap" href=format!("tel:{p}")>{p.clone()}</a> }).collect_view().into_any()
                        }}
                    </li>
                }).collect_view()}
            </ul>
        }.into_any(),
    }
    }
}
