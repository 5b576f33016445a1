//! Paying from another city: the office's collection codes shown large with
//! the amount and the words for the transfer note, then 我已付款 — the
//! amount, how, when, a screenshot if there is one — and, on the bill, what
//! the office answered.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::{FormError, PhotoInput, TextField, parse_text};
use crate::format::today;
use crate::i18n::use_i18n;
use crate::model::{Bill, Claim, ClaimStatus, FeeSettings, NewClaim, PaymentMethod, Photo, yuan};

/// What a household sends from afar, and what it was told: under one bill.
#[component]
pub fn PayFromAfar(
    bill: Bill,
    settings: FeeSettings,
    /// This bill's claims, newest first.
    claims: Vec<Claim>,
    /// "3号楼 201", for the transfer note.
    address: String,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.claim();
    let latest = claims.first().cloned();
    let waiting = latest
        .as_ref()
        .is_some_and(|l| l.status == ClaimStatus::Pending);
    let note = format!(
        "{} {}{}",
        address.replace(' ', ""),
        bill.period,
        bill.schedule_name
    );
    let owed = bill.owed_fen;
    let asking = RwSignal::new(false);
    let has_codes = settings.wechat.is_some() || settings.alipay.is_some();
    let bank = settings.bank_details.clone();
    view! {
        {latest.map(|l| view! { <ClaimState claim=l /> })}
        {(owed > 0 && !waiting).then(|| view! {
            <section class="card afar" aria-labelledby=format!("afar-{}", bill.id)>
                <h3 id=format!("afar-{}", bill.id)>{move || c().from_afar}</h3>
                {if has_codes || !bank.is_empty() {
                    let note = note.clone();
                    view! {
                        <p class="big-line">{move || c().scan_and_send.replace("{amount}", &yuan(owed))}</p>
                        <p>{move || c().transfer_note.replace("{note}", &note)}</p>
                        <div class="codes">
                            {settings.wechat.clone().map(|p| view! { <Code photo=p label=Signal::derive(move || c().wechat_code) /> })}
                            {settings.alipay.clone().map(|p| view! { <Code photo=p label=Signal::derive(move || c().alipay_code) /> })}
                        </div>
                        {(!bank.is_empty()).then(|| view! {
                            <p><strong>{move || c().bank}</strong></p>
                            <p class="bank">{bank.clone()}</p>
                        })}
                    }
                    .into_any()
                } else {
                    view! { <p>{move || c().no_codes}</p> }.into_any()
                }}
                {move || if asking.get() {
                    view! { <ClaimForm bill=bill.id owed on_done=Callback::new(move |()| { asking.set(false); on_change.run(()); })
                        on_cancel=Callback::new(move |()| asking.set(false)) /> }.into_any()
                } else {
                    view! { <button type="button" class="button primary" on:click=move |_| asking.set(true)>{c().paid_button}</button> }.into_any()
                }}
            </section>
        })}
    }
}

/// A collection code, as large as the screen allows: scanned from a photo
/// of the screen, or long-pressed in WeChat.
#[component]
fn Code(photo: Photo, label: Signal<&'static str>) -> impl IntoView {
    view! {
        <figure class="code">
            <img src=photo.url alt=move || label.get() width="240" height="240" />
            <figcaption>{move || label.get()}</figcaption>
        </figure>
    }
}

/// What the office made of the latest claim.
#[component]
fn ClaimState(claim: Claim) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.claim();
    let class = match claim.status {
        ClaimStatus::Pending => "card claim-state status-wait",
        ClaimStatus::Confirmed => "card claim-state status-ok",
        ClaimStatus::Declined => "card claim-state status-bad",
    };
    let status = claim.status;
    let method = claim.method;
    view! {
        <p class=class role="status">
            <strong>{move || c().status(status)}</strong>
            " · ¥" {yuan(claim.amount_fen)} " · " {move || i18n.fee().method(method)} " · " {claim.paid_on.clone()}
            {claim.reason.clone().map(|r| view! { <br />{r} })}
            {claim.receipt_no.clone().map(|r| view! { <br />{move || c().receipt_no} " " {r.clone()} })}
        </p>
    }
}

/// 我已付款: amount (what is owed, to start with), how, when, a note and a
/// screenshot.
#[component]
fn ClaimForm(
    bill: i64,
    owed: i64,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.claim();
    let amount = RwSignal::new(yuan(owed));
    let method = RwSignal::new(PaymentMethod::Wechat);
    let paid_on = RwSignal::new(today());
    let note = RwSignal::new(String::new());
    let shot = RwSignal::new(None::<Photo>);
    let error = RwSignal::new(None::<ApiError>);
    let sending = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let Some(fen) = super::typed_fen(&amount.get_untracked(), error) else {
            return;
        };
        let Some(note) = parse_text(&note.get_untracked(), error) else {
            return;
        };
        let body = NewClaim {
            amount_fen: fen,
            method: method.get_untracked(),
            paid_on: paid_on.get_untracked(),
            note,
            upload_id: shot.get_untracked().map(|p| p.id),
        };
        sending.set(true);
        spawn_local(async move {
            match api::claim_paid(bill, body).await {
                Ok(_) => on_done.run(()),
                Err(e) => error.set(Some(e)),
            }
            sending.set(false);
        });
    };
    let id = |what: &str| format!("claim-{bill}-{what}");
    let (method_for, method_id) = (id("method"), id("method"));
    view! {
        <form class="form claim" on:submit=on_submit>
            <h4>{move || c().form_title}</h4>
            <TextField id=id("amount") inputmode="decimal" label=Signal::derive(move || c().amount) value=amount />
            <div class="field">
                <label for=method_for>{move || c().method}</label>
                <select id=method_id on:change=move |ev| {
                    if let Some(m) = PaymentMethod::parse(&event_target_value(&ev)) { method.set(m) }
                }>
                    {[PaymentMethod::Wechat, PaymentMethod::Alipay, PaymentMethod::BankTransfer].into_iter().map(|m| view! {
                        <option value=m.as_str() selected=move || method.get() == m>{move || i18n.fee().method(m)}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField id=id("date") kind="date" label=Signal::derive(move || c().paid_on) value=paid_on />
            <TextField id=id("note") label=Signal::derive(move || c().note) value=note />
            <PhotoInput id="claim-screenshot" label=Signal::derive(move || c().screenshot) photo=shot error />
            <FormError error />
            <div class="choice">
                <button type="submit" class="button primary" disabled=move || sending.get()>{move || c().send}</button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>{move || c().not_now}</button>
            </div>
        </form>
    }
}
