//! 表决: the votes a household takes part in (one ballot, weighted by the
//! flat's area), and the office's side: opening one, the live count, the
//! households still missing, paper ballots and the close.

mod detail;
mod new;
mod office;

use leptos::prelude::*;
use leptos_router::components::A;

pub use detail::VotePage;
pub use new::NewVotePage;
pub use office::MissingPrintPage;

use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::format::date_time;
use crate::i18n::{Lang, use_i18n};
pub use crate::model::share;
use crate::model::{Matter, VoteKind, VoteState, VoteSummary};
use crate::state::use_session;

pub fn state_words(lang: Lang, state: VoteState) -> &'static str {
    let w = lang.vote();
    match state {
        VoteState::Upcoming => w.upcoming,
        VoteState::Open => w.open,
        VoteState::Ended => w.ended,
        VoteState::Closed => w.closed,
    }
}

pub fn matter_words(lang: Lang, kind: VoteKind, matter: Matter) -> (&'static str, &'static str) {
    let w = lang.vote();
    if kind == VoteKind::Consultation {
        return (w.consultation, w.consultation_rule);
    }
    match matter {
        Matter::Major => (w.major, w.major_rule),
        Matter::Ordinary => (w.ordinary, w.ordinary_rule),
    }
}

#[component]
pub fn VotesPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.vote();
    let session = use_session();
    let list = LocalResource::new(api::votes);
    let retry = Callback::new(move |()| list.refetch());
    view! {
        <h2 class="section-title">{move || w().title}</h2>
        <p class="card">{move || w().intro}</p>
        {move || session.is_manager().then(|| view! {
            <A href="/votes/new" attr:class="button primary">{w().new_vote}</A>
        })}
        {move || match list.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(votes)) if votes.is_empty() => view! { <p class="card">{w().empty}</p> }.into_any(),
            Some(Ok(votes)) => view! {
                <ul class="plain votes">
                    {votes.into_iter().map(|v| view! { <li><VoteCard vote=v /></li> }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

#[component]
fn VoteCard(vote: VoteSummary) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.0.get_untracked();
    let w = lang.vote();
    let when = match vote.state {
        VoteState::Upcoming => w
            .opens_on
            .replace("{date}", &date_time(&vote.opens_at, lang)),
        _ => w
            .closes_on
            .replace("{date}", &date_time(&vote.closes_at, lang)),
    };
    let open = vote.state == VoteState::Open;
    view! {
        <A href=format!("/votes/{}", vote.id) attr:class="card vote-card">
            <p class="tags">
                <span class="tag" class:bad=open>{state_words(lang, vote.state)}</span>
                <span class="tag">{matter_words(lang, vote.kind, vote.matter).0}</span>
            </p>
            <strong class="big-line">{vote.question.clone()}</strong>
            <span class="soft">{when}</span>
            {vote.voted.map(|voted| view! {
                <span class="status" class:ok=voted class:bad=!voted && open>{if voted { w.voted } else { w.not_voted }}</span>
            })}
        </A>
    }
}
