//! 发起表决 (managers): the question, how to vote, ordinary or major, what to
//! read first, which buildings, and when it closes.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::{FormError, PhotoInput, TextField, ToggleInList, submit_action};
use crate::format::{end_of_day, now_millis};
use crate::i18n::use_i18n;
use crate::model::{Matter, NewVote, Photo, Text, Vote, VoteKind};
use crate::state::{use_managed_buildings, use_managed_community};

/// A week from today, "YYYY-MM-DD": the default closing day.
fn in_a_week() -> String {
    let (y, m, d, _, _) = crate::model::time::civil(
        now_millis() + 7 * 24 * 3_600_000,
        crate::model::time::SHANGHAI_OFFSET_MINUTES,
    );
    format!("{y:04}-{m:02}-{d:02}")
}

/// The form's fields, read once when it is sent.
#[derive(Clone, Copy)]
struct Fields {
    community: Signal<Option<i64>>,
    question: RwSignal<String>,
    kind: RwSignal<VoteKind>,
    choices: RwSignal<String>,
    matter: RwSignal<Matter>,
    documents: RwSignal<String>,
    photo: RwSignal<Option<Photo>>,
    buildings: RwSignal<Vec<i64>>,
    closes: RwSignal<String>,
}

impl Fields {
    fn body(self) -> Result<NewVote, ApiError> {
        let choices = match self.kind.get_untracked() {
            VoteKind::Decision => Vec::new(),
            VoteKind::Choice | VoteKind::Consultation => self
                .choices
                .get_untracked()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| Text::parse(l).map_err(ApiError::refused))
                .collect::<Result<_, _>>()?,
        };
        Ok(NewVote {
            community_id: self.community.get_untracked().unwrap_or_default(),
            kind: self.kind.get_untracked(),
            matter: self.matter.get_untracked(),
            question: Text::parse(&self.question.get_untracked()).map_err(ApiError::refused)?,
            documents: Text::parse(&self.documents.get_untracked()).map_err(ApiError::refused)?,
            photo_ids: self
                .photo
                .get_untracked()
                .map(|p| p.id)
                .into_iter()
                .collect(),
            choices,
            building_ids: self.buildings.get_untracked(),
            opens_at: None,
            closes_at: end_of_day(&self.closes.get_untracked()).unwrap_or_default(),
        })
    }
}

#[component]
pub fn NewVotePage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.vote();
    let navigate = use_navigate();
    let all_buildings = use_managed_buildings();
    let fields = Fields {
        community: use_managed_community(),
        question: RwSignal::new(String::new()),
        kind: RwSignal::new(VoteKind::Decision),
        choices: RwSignal::new(String::new()),
        matter: RwSignal::new(Matter::Major),
        documents: RwSignal::new(String::new()),
        photo: RwSignal::new(None),
        buildings: RwSignal::new(Vec::new()),
        closes: RwSignal::new(in_a_week()),
    };
    let error = RwSignal::new(None::<ApiError>);
    let submit = submit_action(
        move |()| {
            let body = fields.body();
            async move { api::create_vote(body?).await }
        },
        error,
        move |v: Vote| {
            navigate(
                &format!("/votes/{}", v.summary.id),
                leptos_router::NavigateOptions::default(),
            );
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        submit.dispatch(());
    };
    let radio = |name: &'static str,
                 id: &'static str,
                 label: Signal<&'static str>,
                 checked: Signal<bool>,
                 pick: Callback<()>| {
        view! {
            <label class="radio" for=id>
                <input type="radio" id=id name=name prop:checked=move || checked.get() on:change=move |_| pick.run(()) />
                <span>{move || label.get()}</span>
            </label>
        }
    };
    let Fields {
        kind,
        matter,
        choices,
        documents,
        photo,
        buildings,
        closes,
        question,
        ..
    } = fields;
    view! {
        <h2 class="section-title">{move || w().new_vote}</h2>
        <form class="card form" on:submit=on_submit>
            <TextField id="vote-question" label=Signal::derive(move || w().question) value=question />
            <fieldset>
                <legend>{move || w().kind}</legend>
                {radio("kind", "kind-decision", Signal::derive(move || w().kind_decision),
                    Signal::derive(move || kind.get() == VoteKind::Decision), Callback::new(move |()| kind.set(VoteKind::Decision)))}
                {radio("kind", "kind-choice", Signal::derive(move || w().kind_choice),
                    Signal::derive(move || kind.get() == VoteKind::Choice), Callback::new(move |()| kind.set(VoteKind::Choice)))}
                {radio("kind", "kind-consultation", Signal::derive(move || w().kind_consultation),
                    Signal::derive(move || kind.get() == VoteKind::Consultation), Callback::new(move |()| kind.set(VoteKind::Consultation)))}
            </fieldset>
            {move || (kind.get() != VoteKind::Decision).then(|| view! {
                <div class="field">
                    <label for="vote-choices">{w().choices}</label>
                    <small class="hint" id="vote-choices-hint">{w().choices_hint}</small>
                    <textarea id="vote-choices" rows="4" aria-describedby="vote-choices-hint" prop:value=move || choices.get()
                        on:input=move |ev| choices.set(event_target_value(&ev))></textarea>
                </div>
            })}
            <fieldset hidden=move || kind.get() == VoteKind::Consultation>
                <legend>{move || w().matter}</legend>
                {radio("matter", "matter-major", Signal::derive(move || w().major),
                    Signal::derive(move || matter.get() == Matter::Major), Callback::new(move |()| matter.set(Matter::Major)))}
                {radio("matter", "matter-ordinary", Signal::derive(move || w().ordinary),
                    Signal::derive(move || matter.get() == Matter::Ordinary), Callback::new(move |()| matter.set(Matter::Ordinary)))}
                <p class="soft">{move || if matter.get() == Matter::Major { w().major_rule } else { w().ordinary_rule }}</p>
            </fieldset>
            <div class="field">
                <label for="vote-documents">{move || w().documents}</label>
                <textarea id="vote-documents" rows="4" prop:value=move || documents.get()
                    on:input=move |ev| documents.set(event_target_value(&ev))></textarea>
            </div>
            <PhotoInput id="vote-photo" label=Signal::derive(move || w().photo) photo error />
            <fieldset>
                <legend>{move || w().who}</legend>
                <p class="soft">{move || buildings.with(Vec::is_empty).then(|| w().everyone)}</p>
                {move || all_buildings.get().unwrap_or_default().into_iter().map(|b| view! {
                    <ToggleInList id=format!("vote-building-{}", b.id) value=b.id chosen=buildings>{b.name}</ToggleInList>
                }).collect_view()}
            </fieldset>
            <TextField id="vote-closes" label=Signal::derive(move || w().closes) value=closes kind="date" />
            <FormError error />
            <button type="submit" class="button primary">{move || w().open_vote}</button>
        </form>
    }
}
