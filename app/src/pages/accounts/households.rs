use leptos::prelude::*;
use leptos::task::spawn_local;

use super::register::RelationChoice;
use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, ErrorNotice, FormError, Loading, TextField, submit_action};
use crate::i18n::use_i18n;
use crate::model::{HouseholdAccess, IssuedCode, LinkHelperRequest, Relation, Role};
use crate::state::use_session;

/// My households: which one I act for, and for those I live in, my helpers.
#[component]
pub fn Households() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let households = move || session.me.get().map(|me| me.households).unwrap_or_default();
    view! {
        <section id="act-for" aria-labelledby="households-heading">
            <h3 id="households-heading" class="section-title">{move || i18n.account().my_households}</h3>
            <For each=households key=|h| (h.household_id, h.role) let:household>
                <HouseholdCard household />
            </For>
        </section>
    }
}

#[component]
fn HouseholdCard(household: HouseholdAccess) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = household.household_id;
    let several = move || session.me.get().is_some_and(|me| me.households.len() > 1);
    let acting = move || session.acting_for.get() == Some(id);
    let role_words = move || match household.role {
        Role::Resident => i18n.account().role_resident,
        _ => i18n.account().role_helper,
    };
    let is_resident = household.role == Role::Resident;
    view! {
        <div class="card household" class:mine=acting>
            <h4>
                {household.residents.join("、")} " · " {household.building.clone()} " " {household.flat_label.clone()}
            </h4>
            <p class="soft">{household.community_name.clone()} " · " {role_words}</p>
            {move || several().then(|| view! {
                <button
                    type="button"
                    class="button"
                    aria-pressed=move || if acting() { "true" } else { "false" }
                    on:click=move |_| session.set_acting_for(Some(id))
                >
                    {move || if acting() { i18n.account().acting_now } else { i18n.account().act_for_this }}
                </button>
            })}
            {is_resident.then(|| view! { <Helpers household=id /> })}
        </div>
    }
}

/// The helpers of a household I live in, revocable, and a code to add one.
#[component]
fn Helpers(household: i64) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(move || api::helpers(household));
    let issued = RwSignal::new(None::<IssuedCode>);
    let error = RwSignal::new(None::<ApiError>);
    let issue = move |_| {
        spawn_local(async move {
            match api::issue_helper_code(household).await {
                Ok(code) => issued.set(Some(code)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let retry = Callback::new(move |()| list.refetch());
    view! {
        <div class="helpers">
            <h5>{move || i18n.account().helpers_title}</h5>
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
                Some(Ok(helpers)) if helpers.is_empty() => view! { <p class="soft">{i18n.account().helpers_none}</p> }.into_any(),
                Some(Ok(helpers)) => view! {
                    <ul class="plain">
                        {helpers.into_iter().map(|h| {
                            let name = h.name.clone();
                            let revoke = Callback::new(move |()| {
                                spawn_local(async move {
                                    match api::revoke_helper(household, h.id).await {
                                        Ok(()) => list.refetch(),
                                        Err(e) => error.set(Some(e)),
                                    }
                                });
                            });
                            let question = Signal::derive(move || i18n.account().revoke_confirm.replace("{name}", &name));
                            view! {
                                <li class="helper">
                                    <span><strong>{h.name.clone()}</strong> " " {h.phone.clone()}</span>
                                    <ConfirmButton
                                        label=Signal::derive(move || i18n.account().revoke.to_owned())
                                        question
                                        yes=Signal::derive(move || i18n.account().yes_revoke.to_owned())
                                        on_confirm=revoke
                                    />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <FormError error />
            {move || match issued.get() {
                Some(code) => {
                    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
                    let link = format!("{origin}/register?for=helper&code={}", code.code);
                    view! {
                        <div class="card issued" role="status">
                            <p>{i18n.account().helper_code_shown}</p>
                            <p class="big-code">{code.code.clone()}</p>
                            <p>{i18n.account().helper_code_link}</p>
                            <p class="link-text">{link}</p>
                        </div>
                    }.into_any()
                }
                None => view! {
                    <button type="button" class="button" on:click=issue>{i18n.account().helper_code_button}</button>
                }.into_any(),
            }}
        </div>
    }
}

/// "I have a code from my family": link this account as their helper.
#[component]
pub fn LinkHelper() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let code = RwSignal::new(String::new());
    let relation = RwSignal::new(Relation::Child);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let submit = submit_action(api::link_helper, error, move |me| {
        let newest = me.households.last().map(|h| h.household_id);
        session.sign_in(me, false);
        session.set_acting_for(newest);
        code.set(String::new());
        done.set(true);
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(false);
        submit.dispatch(LinkHelperRequest {
            code: code.get_untracked(),
            relation: relation.get_untracked(),
        });
    };
    // Folded away: most people here are residents, not helpers.
    view! {
        <details class="card">
        <summary>{move || i18n.account().link_title}</summary>
        <form class="form" on:submit=on_submit>
            <TextField id="helper-code" label=Signal::derive(move || i18n.account().code) hint=Signal::derive(move || i18n.account().code_hint) value=code />
            <RelationChoice relation />
            <FormError error />
            {move || done.get().then(|| view! { <p class="status ok" role="status">{i18n.account().linked}</p> })}
            <button type="submit" class="button primary">{move || i18n.account().link_button}</button>
        </form>
        </details>
    }
}
