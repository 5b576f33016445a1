//! 我要报修: step 1 the category as big picture buttons, step 2 the details
//! (all optional but the place), then the ticket number. Managers use the
//! same form to log a report that came by phone.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use super::card::category_icon;
use crate::api::{self, ApiError};
use crate::components::icons::{Icon, Svg};
use crate::components::{CallOfficeButton, FormError, HouseholdChooser, TextField, submit_action};
use crate::i18n::use_i18n;
use crate::model::{MAX_PHOTOS, NewRepair, Photo, Repair, RepairCategory, Text};
use crate::state::{use_repair_feed, use_session};

#[component]
pub fn NewRepairPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let office = use_query_map().with_untracked(|q| q.get("office").is_some());
    let category = RwSignal::new(None::<RepairCategory>);
    let filed = RwSignal::new(None::<Repair>);
    move || {
        let r = i18n.repair();
        let office = office && session.is_manager();
        if let Some(ticket) = filed.get() {
            return view! { <Filed ticket /> }.into_any();
        }
        match category.get() {
            None => view! {
                <h2 class="section-title">{if office { r.office_intake } else { r.step_what }}</h2>
                <p class="soft">{r.step_of.replace("{n}", "1")}</p>
                <div class="categories">
                    {RepairCategory::ALL.into_iter().map(|c| view! {
                        <button type="button" class="cat-button" on:click=move |_| category.set(Some(c))>
                            <Svg icon=category_icon(c) />
                            <span>{r.category(c)}</span>
                        </button>
                    }).collect_view()}
                </div>
                <CallOfficeButton />
            }
            .into_any(),
            Some(c) => view! { <Details category=c office filed on_change=Callback::new(move |()| category.set(None)) /> }.into_any(),
        }
    }
}

#[component]
fn Details(
    category: RepairCategory,
    office: bool,
    filed: RwSignal<Option<Repair>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let feed = use_repair_feed();
    let public = RwSignal::new(category == RepairCategory::PublicArea);
    let place = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let urgent = RwSignal::new(false);
    let contact = RwSignal::new(String::new());
    let photos = RwSignal::new(Vec::<Photo>::new());
    let uploading = RwSignal::new(0_usize);
    let household = RwSignal::new(None::<i64>);
    let error = RwSignal::new(None::<ApiError>);
    let submit = submit_action(
        move |()| {
            let trimmed = |s: RwSignal<String>| {
                let v = s.get_untracked().trim().to_owned();
                (!v.is_empty()).then_some(v)
            };
            let place = public
                .get_untracked()
                .then(|| Text::parse(&place.get_untracked()))
                .transpose();
            let description = Text::parse(&description.get_untracked());
            let body = place.and_then(|place| {
                Ok(NewRepair {
                    household_id: if office {
                        household.get_untracked()
                    } else {
                        session.acting_for.get_untracked()
                    },
                    community_id: None,
                    place,
                    category,
                    description: description?,
                    urgent: urgent.get_untracked(),
                    contact_phone: trimmed(contact),
                    photo_ids: photos.get_untracked().into_iter().map(|p| p.id).collect(),
                })
            });
            async move { api::report_repair(body.map_err(ApiError::refused)?).await }
        },
        error,
        move |ticket: Repair| {
            feed.refetch();
            filed.set(Some(ticket));
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        submit.dispatch(());
    };
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        for i in 0..files.length() {
            if photos.with_untracked(Vec::len) + uploading.get_untracked() >= MAX_PHOTOS {
                break;
            }
            let Some(file) = files.get(i) else { continue };
            uploading.update(|n| *n += 1);
            spawn_local(async move {
                match api::upload_photo(file).await {
                    Ok(upload) => photos.update(|p| p.push(upload.photo)),
                    Err(e) => error.set(Some(e)),
                }
                uploading.update(|n| *n -= 1);
            });
        }
        input.set_value("");
    };
    let r = move || i18n.repair();
    let radio = move |id: &'static str, value: bool, words: &'static str| {
        view! {
            <label class="radio" for=id>
                <input type="radio" name="where" id=id prop:checked=move || public.get() == value
                    on:change=move |_| public.set(value) />
                <span>{words}</span>
            </label>
        }
    };
    view! {
        <h2 class="section-title">{move || if office { r().office_intake } else { r().step_details }}</h2>
        <p class="soft">{move || r().step_of.replace("{n}", "2")}</p>
        <div class="card chosen-category">
            <Svg icon=category_icon(category) />
            <strong>{move || r().category(category)}</strong>
            <button type="button" class="button" on:click=move |_| on_change.run(())>{move || r().change_category}</button>
        </div>
        <form class="card form" on:submit=on_submit>
            <fieldset class="field">
                <legend>{move || r().where_label}</legend>
                <div class="stack">
                    {move || if office {
                        radio("where-home", false, r().household).into_any()
                    } else {
                        let home = session.acting_household().map(|h| format!("{}（{} {}）", r().where_home, h.building, h.flat_label));
                        let words: &'static str = r().where_home;
                        view! {
                            <label class="radio" for="where-home">
                                <input type="radio" name="where" id="where-home" prop:checked=move || !public.get()
                                    on:change=move |_| public.set(false) />
                                <span>{home.unwrap_or_else(|| words.to_owned())}</span>
                            </label>
                        }.into_any()
                    }}
                    {move || radio("where-public", true, r().where_public)}
                </div>
            </fieldset>
            {move || (office && !public.get()).then(|| view! { <HouseholdChooser household /> })}
            {move || public.get().then(|| view! {
                <TextField id="repair-place" label=Signal::derive(move || r().place) hint=Signal::derive(move || r().place_hint) value=place />
            })}
            <div class="field">
                <label for="repair-description">{move || r().description}</label>
                <small id="repair-description-hint" class="hint">{move || r().description_hint}</small>
                <textarea id="repair-description" rows="3" aria-describedby="repair-description-hint"
                    prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <label class="radio" for="repair-urgent">
                <input type="checkbox" id="repair-urgent" prop:checked=move || urgent.get()
                    on:change=move |ev| urgent.set(event_target_checked(&ev)) />
                <span>{move || r().urgent}</span>
            </label>
            <small class="hint">{move || r().urgent_hint}</small>
            <div class="field photos-field">
                <span class="label">{move || r().photos}</span>
                <small class="hint">{move || r().photos_hint}</small>
                <ul class="plain photo-list">
                    {move || photos.get().into_iter().map(|p| {
                        let id = p.id.clone();
                        view! {
                            <li>
                                <img src=p.thumb_url.clone() alt=move || r().photos width="96" height="96" />
                                <button type="button" class="button" on:click=move |_| photos.update(|list| list.retain(|x| x.id != id))>
                                    {move || r().remove_photo}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || (uploading.get() > 0).then(|| view! { <p role="status">{r().uploading}</p> })}
                {move || (photos.with(Vec::len) + uploading.get() < MAX_PHOTOS).then(|| view! {
                    <label class="button photo-pick" for="repair-photo">
                        <Svg icon=Icon::Camera />
                        <span>{r().add_photo}</span>
                    </label>
                    <input id="repair-photo" class="visually-hidden" type="file" accept="image/jpeg,image/png,image/webp" multiple on:change=on_files />
                })}
            </div>
            <TextField id="repair-contact" kind="tel" inputmode="tel" autocomplete="tel"
                label=Signal::derive(move || r().contact)
                hint=Signal::derive(move || if office { r().contact_office_hint } else { r().contact_hint })
                value=contact />
            <FormError error />
            <button type="submit" class="button primary" disabled={move || submit.pending().get() || uploading.get() > 0}>
                {move || if submit.pending().get() { r().sending } else { r().submit }}
            </button>
        </form>
    }
}

/// The answer: the ticket number in big type, and what happens next.
#[component]
fn Filed(ticket: Repair) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    view! {
        <section class="card issued" role="status">
            <h2>{move || r().done_title}</h2>
            <p>{move || r().number}</p>
            <p class="big-code">{ticket.number.clone()}</p>
            <p>{move || r().done_body}</p>
            <A href=format!("/repairs/{}", ticket.id) attr:class="button primary">{move || r().see_ticket}</A>
        </section>
        <CallOfficeButton />
    }
}
