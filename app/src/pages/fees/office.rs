//! The office's fee page: collection for a period, by building, the arrears
//! list (each a tap to record a payment), CSV exports.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, ErrorNotice, FormError, Loading, TextField, parse_text};
use crate::format::today;
use crate::i18n::use_i18n;
use crate::model::{Collection, NewPayment, PaymentMethod, PaymentNote, ReversePayment, yuan};
use crate::pages::fees::{BillCard, bill_title};

fn percent(part: i64, whole: i64) -> i64 {
    if whole > 0 { part * 100 / whole } else { 0 }
}

#[component]
pub fn FeeOfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let period = RwSignal::new(None::<String>);
    let summary = LocalResource::new(move || api::fee_summary(period.get()));
    let retry = Callback::new(move |()| summary.refetch());
    let open = RwSignal::new(None::<i64>);
    // Arrears order: most owed (the server's), by building and flat, or longest overdue.
    let order = RwSignal::new(0_u8);
    // Households chosen for a reminder, and what the last one did.
    let picked = RwSignal::new(std::collections::BTreeSet::<i64>::new());
    let sent = RwSignal::new(None::<crate::model::RemindersSent>);
    view! {
        <h2 class="section-title">{move || i18n.t().manage_fees}</h2>
        <A href="/manage/fees/schedules" attr:class="button primary no-print">{move || i18n.schedule().open}</A>
        {move || match summary.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(s)) => {
                let t = i18n.t();
                let community = s.community_id;
                let chosen = s.period.clone();
                view! {
                    <div class="card toolbar no-print">
                        <label for="fee-period">{i18n.fee().period}</label>
                        <select id="fee-period" on:change=move |ev| period.set(Some(event_target_value(&ev)))>
                            {s.periods.iter().map(|p| view! { <option value=p.clone() selected=*p == chosen>{crate::format::period_words(p, i18n.0.get_untracked())}</option> }).collect_view()}
                        </select>
                    </div>
                    <section class="card">
                        <p class="big">{s.total.paid_households} " / " {s.total.billed_households} " "
                            <small>{i18n.fee().rate_households} " (" {percent(s.total.paid_households, s.total.billed_households)} "%)"</small></p>
                        <p>{i18n.fee().rate_money} " ¥" {yuan(s.total.collected_fen)} " / ¥" {yuan(s.total.billed_fen)}
                            " (" {percent(s.total.collected_fen, s.total.billed_fen)} "%)"</p>
                        <div class="choice no-print">
                            <a class="button" href=format!("/api/v1/fees/export/bills.csv?community_id={community}&period={}", s.period) download="bills.csv">{i18n.fee().export_bills}</a>
                            <a class="button" href=format!("/api/v1/fees/export/payments.csv?community_id={community}&period={}", s.period) download="payments.csv">{i18n.fee().export_payments}</a>
                        </div>
                    </section>
                    <super::claims_office::ClaimsQueue community on_change=retry />
                    <FindHousehold community on_change=retry />
                    <super::claims_office::CollectionSettings community />
                    <section aria-labelledby="by-building">
                        <h3 id="by-building" class="section-title">{i18n.fee().by_building}</h3>
                        <ul class="plain buildings">{s.buildings.iter().map(building_row).collect_view()}</ul>
                    </section>
                    <section aria-labelledby="arrears">
                        <h3 id="arrears" class="section-title">{i18n.fee().arrears} " (" {s.arrears.len()} ")"</h3>
                        <button type="button" class="button no-print" on:click=|_| {
                            if let Some(w) = web_sys::window() { let _ = w.print(); }
                        }>{t.print}</button>
                        <div class="chips no-print" role="group" aria-label=i18n.fee().sort>
                            {[(0_u8, i18n.fee().sort_owed), (1, i18n.fee().sort_flat), (2, i18n.fee().sort_months)].into_iter().map(|(k, label)| view! {
                                <button type="button" class="chip" aria-pressed=move || if order.get() == k { "true" } else { "false" }
                                    on:click=move |_| order.set(k)>{label}</button>
                            }).collect_view()}
                        </div>
                        <super::remind::RemindBar community period=s.period.clone() chosen=picked owing=s.arrears.len() sent on_sent=retry />
                        <ul class="plain arrears">
                            {move || {
                                let mut arrears = s.arrears.clone();
                                match order.get() {
                                    1 => arrears.sort_by_key(|a| a.household_id),
                                    2 => arrears.sort_by(|a, b| b.months_overdue.cmp(&a.months_overdue).then(b.owed_fen.cmp(&a.owed_fen))),
                                    _ => {}
                                }
                                arrears
                            }.into_iter().map(|a| {
                                let id = a.household_id;
                                let flat = format!("{} {}", a.building, a.flat_label);
                                let reminded = super::remind::reminded_line(a.reminded_at.as_deref(), i18n.0.get_untracked());
                                view! {
                                    <li class="card">
                                        <label class="radio no-print">
                                            <input type="checkbox" prop:checked=move || picked.with(|c| c.contains(&id))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    picked.update(|c| { if on { c.insert(id); } else { c.remove(&id); } });
                                                } />
                                            <span>{i18n.remind().choose} " " <span class="visually-hidden">{flat.clone()}</span></span>
                                        </label>
                                        <strong>{flat.clone()}</strong>
                                        <span>{i18n.fee().owed} " ¥" {yuan(a.owed_fen)} " · " {a.months_overdue} " " {i18n.fee().months_overdue}</span>
                                        {reminded.map(|line| view! { <span class="soft">{line}</span> })}
                                        {if a.phones.is_empty() {
                                            view! { <span class="soft">{i18n.fee().no_phone}</span> }.into_any()
                                        } else {
                                            a.phones.iter().map(|p| view! { <a class="tel nowrap" href=format!("tel:{p}")>{p.clone()}</a> }).collect_view().into_any()
                                        }}
                                        <button type="button" class="button no-print" aria-expanded=move || if open.get() == Some(id) { "true" } else { "false" }
                                            on:click=move |_| open.set(if open.get_untracked() == Some(id) { None } else { Some(id) })>
                                            {i18n.fee().record}
                                        </button>
                                        {move || (open.get() == Some(id)).then(|| view! { <HouseholdPayments household=id on_change=retry /> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                    <A href="/manage/import" attr:class="button no-print">{t.manage_import}</A>
                }.into_any()
            }
        }}
    }
}

/// Any household, by building and flat: to record a payment or reverse one
/// for a household that is not in the arrears list.
#[component]
fn FindHousehold(community: i64, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let building = RwSignal::new(None::<i64>);
    let household = RwSignal::new(None::<i64>);
    let buildings = LocalResource::new(move || api::buildings(community));
    let flats = LocalResource::new(move || {
        let b = building.get();
        async move {
            match b {
                Some(b) => api::households(community, b).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    view! {
        <section class="card form no-print" aria-labelledby="find-household">
            <h3 id="find-household">{move || i18n.fee().record}</h3>
            <div class="field">
                <label for="find-building">{move || i18n.t().building}</label>
                <select id="find-building" on:change=move |ev| {
                    household.set(None);
                    building.set(event_target_value(&ev).parse().ok());
                }>
                    <option value="">"—"</option>
                    {move || buildings.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|b| view! {
                        <option value=b.id.to_string()>{b.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="find-flat">{move || i18n.fee().flat}</label>
                <select id="find-flat" on:change=move |ev| household.set(event_target_value(&ev).parse().ok())>
                    <option value="">"—"</option>
                    {move || flats.get().unwrap_or_default().into_iter().map(|h| view! {
                        <option value=h.id.to_string()>{h.flat_label}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || household.get().map(|h| view! { <HouseholdPayments household=h on_change /> })}
        </section>
    }
}

fn building_row(b: &Collection) -> impl IntoView + use<> {
    let pct = percent(b.paid_households, b.billed_households);
    view! {
        <li class="building-rate">
            <span>{b.name.clone()}</span>
            <span>{b.paid_households} "/" {b.billed_households} " (" {pct} "%)"</span>
        </li>
    }
}

/// A household's bills with a form to record a payment on what is owed, and
/// reversal of a mistaken payment.
#[component]
fn HouseholdPayments(household: i64, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(move || api::bills(Some(household)));
    let retry = Callback::new(move |()| list.refetch());
    let changed = Callback::new(move |()| {
        list.refetch();
        on_change.run(());
    });
    move || {
        match list.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(list)) => list.bills.into_iter().map(|bill| {
            let owed = bill.owed_fen;
            let id = bill.id;
            let payments: Vec<_> = bill.payments.iter().filter(|p| p.reverses.is_none() && !p.reversed).cloned().collect();
            let title = bill_title(i18n.0.get(), &bill);
            view! {
                <div class="household-bill">
                    <BillCard bill household=household />
                    {(owed > 0).then(|| view! { <PaymentForm bill=id owed title=title.clone() on_done=changed /> })}
                    {payments.into_iter().map(|p| view! { <ReverseForm payment=p.id label=format!("{} ¥{}", p.receipt_no, yuan(p.amount_fen)) on_done=changed /> }).collect_view()}
                </div>
            }
        }).collect_view().into_any(),
    }
    }
}

#[component]
fn PaymentForm(bill: i64, owed: i64, title: String, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let amount = RwSignal::new(yuan(owed));
    let method = RwSignal::new(PaymentMethod::Cash);
    let paid_on = RwSignal::new(today());
    let receipt = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let prefix = format!("pay-{bill}");
    let ids = [
        format!("{prefix}-amount"),
        format!("{prefix}-method"),
        format!("{prefix}-date"),
        format!("{prefix}-receipt"),
    ];
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let Some(fen) = super::typed_fen(&amount.get_untracked(), error) else {
            return;
        };
        let Some(receipt_no) = parse_text(&receipt.get_untracked(), error) else {
            return;
        };
        let body = NewPayment {
            amount_fen: fen,
            method: method.get_untracked(),
            paid_on: paid_on.get_untracked(),
            receipt_no: (!receipt_no.is_empty()).then_some(receipt_no),
            note: PaymentNote::empty(),
        };
        spawn_local(async move {
            match api::record_payment(bill, body).await {
                Ok(_) => {
                    done.set(true);
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let [amount_id, method_id, date_id, receipt_id] = ids;
    let method_label = method_id.clone();
    view! {
        <form class="form pay" on:submit=on_submit aria-label=format!("{} {}", i18n.fee().record, title)>
            <div class="field">
                <label for=amount_id.clone()>{move || i18n.fee().amount_yuan}</label>
                <input id=amount_id inputmode="decimal" prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=method_label>{move || i18n.fee().method}</label>
                <select id=method_id on:change=move |ev| {
                    if let Some(m) = PaymentMethod::parse(&event_target_value(&ev)) { method.set(m) }
                }>
                    {PaymentMethod::ALL.into_iter().map(|m| view! {
                        <option value=m.as_str() selected=move || method.get() == m>{move || i18n.fee().method(m)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=date_id.clone()>{move || i18n.fee().paid_on}</label>
                <input id=date_id type="date" prop:value=move || paid_on.get() on:input=move |ev| paid_on.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=receipt_id.clone()>{move || i18n.fee().receipt_no_optional}</label>
                <input id=receipt_id prop:value=move || receipt.get() on:input=move |ev| receipt.set(event_target_value(&ev)) />
            </div>
            <FormError error />
            {move || done.get().then(|| view! { <p class="status ok" role="status">{i18n.fee().recorded}</p> })}
            <button type="submit" class="button primary">{move || i18n.fee().pay_button}</button>
        </form>
    }
}

#[component]
fn ReverseForm(payment: i64, label: String, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let reverse = Callback::new(move |()| {
        error.set(None);
        let Some(reason) = parse_text(&reason.get_untracked(), error) else {
            return;
        };
        let body = ReversePayment { reason };
        spawn_local(async move {
            match api::reverse_payment(payment, body).await {
                Ok(_) => on_done.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let field_id = format!("reverse-{payment}");
    view! {
        <details class="card reverse no-print">
            <summary>{move || i18n.fee().reverse} " · " {label.clone()}</summary>
            <TextField id=field_id label=Signal::derive(move || i18n.fee().reverse_reason) value=reason />
            <FormError error />
            <ConfirmButton
                label=Signal::derive(move || i18n.fee().reverse.to_owned())
                question=Signal::derive(move || i18n.fee().reverse_confirm.to_owned())
                yes=Signal::derive(move || i18n.fee().reverse.to_owned())
                on_confirm=reverse
            />
        </details>
    }
}
