//! 兑换发货 (managers): type the pickup code, hand the goods over; the list
//! of swaps waiting; and the shelf's goods.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::counter::Counter;
use super::goods::GoodsEditor;
use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, FormError, TextField};
use crate::format::{now_millis, when};
use crate::i18n::use_i18n;
use crate::model::{Redemption, RedemptionStatus};
use crate::state::use_managed_community;

#[component]
pub fn ShopOfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let code = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<Redemption>>);
    let error = RwSignal::new(None::<ApiError>);
    // Waits for the manager's community: never `community_id=0`.
    let community = use_managed_community();
    let waiting = LocalResource::new(move || {
        let community = community.get();
        async move {
            match community {
                Some(c) => api::redemptions(&format!("status=reserved&community_id={c}")).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let refresh = Callback::new(move |()| {
        waiting.refetch();
        found.set(None);
    });
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let c = code.get_untracked().trim().to_owned();
        spawn_local(async move {
            match api::redemptions(&format!("code={c}")).await {
                Ok(list) => found.set(Some(list)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h2 class="section-title">{move || p().office_shop}</h2>
        <form class="card form" on:submit=find>
            <h3>{move || p().handover_title}</h3>
            <TextField id="pickup-code" inputmode="numeric" autocomplete="off"
                label=Signal::derive(move || p().code) hint=Signal::derive(move || p().code_hint) value=code />
            <FormError error />
            <button type="submit" class="button primary">{move || p().find}</button>
        </form>
        {move || found.get().map(|list| if list.is_empty() {
            view! { <p class="card notice-bad" role="status">{p().not_found}</p> }.into_any()
        } else {
            view! { <ul class="plain swaps">{list.into_iter().map(|r| view! { <li><Handover redemption=r on_done=refresh /></li> }).collect_view()}</ul> }.into_any()
        })}
        <Counter on_done=Callback::new(move |()| waiting.refetch()) />
        <h3 class="section-title">{move || p().waiting}</h3>
        {move || waiting.get().and_then(Result::ok).map(|list| if list.is_empty() {
            view! { <p class="card">{p().waiting_empty}</p> }.into_any()
        } else {
            view! { <ul class="plain swaps">{list.into_iter().map(|r| view! { <li><Handover redemption=r on_done=refresh /></li> }).collect_view()}</ul> }.into_any()
        })}
        <GoodsEditor />
    }
}

/// One swap at the counter: who, where, what; hand it over or call it off.
#[component]
pub(super) fn Handover(redemption: Redemption, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let error = RwSignal::new(None::<ApiError>);
    let id = redemption.id;
    let waiting = redemption.status == RedemptionStatus::Reserved;
    let status = redemption.status;
    let created = redemption.created_at.clone();
    let now = now_millis();
    let act = move |cancel: bool| {
        spawn_local(async move {
            let result = if cancel {
                api::cancel_redemption(id).await
            } else {
                api::fulfil(id).await
            };
            match result {
                Ok(_) => on_done.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <article class="card handover">
            <p class="big-line"><strong>{redemption.item_name.clone()} " ×" {redemption.quantity}</strong></p>
            <p>{redemption.name.clone()} " · " {redemption.address.clone()}</p>
            <p class="soft">{move || p().code} " " {redemption.pickup_code.clone()} " · " {redemption.points} " " {move || p().points}
                " · " {move || when(&created, now, i18n.t(), i18n.0.get())}</p>
            <p><strong>{move || p().status(status)}</strong></p>
            <FormError error />
            {waiting.then(|| view! {
                <button type="button" class="button primary" on:click=move |_| act(false)>{move || p().hand_over}</button>
                <ConfirmButton
                    label=Signal::derive(move || p().cancel_swap.to_owned())
                    question=Signal::derive(move || p().cancel_question.to_owned())
                    yes=Signal::derive(move || p().cancel_swap.to_owned())
                    on_confirm=Callback::new(move |()| act(true))
                />
            })}
        </article>
    }
}
