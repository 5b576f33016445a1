//! The office's side of paying from afar: the transfers households said
//! they sent, each confirmed (the payment and its receipt are recorded) or
//! declined with a reason the household reads; and the collection codes
//! and bank details the bills show.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::{FormError, PhotoInput, TextField, parse_text};
use crate::i18n::use_i18n;
use crate::model::{Claim, DeclineClaim, FeeSettingsUpdate, Photo, yuan};

/// 等确认的转账: newest first; answering one refreshes the figures above.
#[component]
pub fn ClaimsQueue(community: i64, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.claim();
    let queue = LocalResource::new(move || async move {
        api::fee_claims(&format!("community_id={community}&status=pending")).await
    });
    let answered = Callback::new(move |()| {
        queue.refetch();
        on_change.run(());
    });
    view! {
        <section aria-labelledby="claims-title">
            <h3 id="claims-title" class="section-title">{move || c().queue_title}</h3>
            {move || queue.get().and_then(Result::ok).map(|list| if list.is_empty() {
                view! { <p class="card">{c().queue_empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain claims">
                        {list.into_iter().map(|claim| view! { <li><ClaimToAnswer claim on_done=answered /></li> }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn ClaimToAnswer(claim: Claim, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.claim();
    let id = claim.id;
    let error = RwSignal::new(None::<ApiError>);
    let declining = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let confirm = move |_| {
        error.set(None);
        spawn_local(async move {
            match api::confirm_claim(id).await {
                Ok(_) => on_done.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let decline = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let Some(reason) = parse_text(&reason.get_untracked(), error) else {
            return;
        };
        spawn_local(async move {
            match api::decline_claim(id, DeclineClaim { reason }).await {
                Ok(_) => on_done.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let method = claim.method;
    view! {
        <article class="card claim-to-answer">
            <p class="big-line"><strong>{claim.address.clone()} " · ¥" {yuan(claim.amount_fen)}</strong></p>
            <p>{move || i18n.fee().method(method)} " · " {claim.paid_on.clone()} " · "
                {crate::format::period_words(&claim.period, i18n.0.get_untracked())} {claim.schedule_name.clone()}</p>
            <p class="soft">{move || c().claimed_by} " " {claim.claimed_by.clone()}
                {(!claim.note.is_empty()).then(|| view! { " · " {claim.note.clone()} })}</p>
            {claim.photo.clone().map(|p| view! {
                <a href=p.url.clone() target="_blank"><img src=p.thumb_url alt=move || c().screenshot width="160" height="160" /></a>
            })}
            <FormError error />
            {move || if declining.get() {
                view! {
                    <form class="form" on:submit=decline>
                        <TextField id=format!("decline-{id}") label=Signal::derive(move || c().decline_reason) value=reason />
                        <button type="submit" class="button primary">{c().decline_send}</button>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    <div class="choice">
                        <button type="button" class="button primary" on:click=confirm>{c().confirm}</button>
                        <button type="button" class="button" on:click=move |_| declining.set(true)>{c().decline}</button>
                    </div>
                }
                .into_any()
            }}
        </article>
    }
}

/// 收款码和银行账户: two photos and a few lines, saved together.
#[component]
pub fn CollectionSettings(community: i64) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.claim();
    let wechat = RwSignal::new(None::<Photo>);
    let alipay = RwSignal::new(None::<Photo>);
    let bank = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    // What is saved now fills the form once.
    spawn_local(async move {
        if let Ok(s) = api::fee_settings(Some(community)).await {
            wechat.set(s.wechat);
            alipay.set(s.alipay);
            bank.set(s.bank_details);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        saved.set(false);
        let Some(bank_details) = parse_text(&bank.get_untracked(), error) else {
            return;
        };
        let body = FeeSettingsUpdate {
            community_id: community,
            wechat_upload_id: wechat.get_untracked().map(|p| p.id),
            alipay_upload_id: alipay.get_untracked().map(|p| p.id),
            bank_details,
        };
        spawn_local(async move {
            match api::put_fee_settings(body).await {
                Ok(_) => saved.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <details class="card">
            <summary>{move || c().settings_title}</summary>
            <form class="form" on:submit=on_submit>
                <p class="soft">{move || c().settings_hint}</p>
                <PhotoInput id="fee-wechat" label=Signal::derive(move || c().wechat_code) photo=wechat error />
                <PhotoInput id="fee-alipay" label=Signal::derive(move || c().alipay_code) photo=alipay error />
                <div class="field">
                    <label for="fee-bank">{move || c().bank_details}</label>
                    <textarea id="fee-bank" rows="3" prop:value=move || bank.get()
                        on:input=move |ev| bank.set(event_target_value(&ev))></textarea>
                </div>
                <FormError error />
                {move || saved.get().then(|| view! { <p class="card issued" role="status">{c().saved}</p> })}
                <button type="submit" class="button primary">{move || c().save}</button>
            </form>
        </details>
    }
}
