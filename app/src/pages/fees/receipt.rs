use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::i18n::use_i18n;
use crate::model::{daxie, yuan};

/// A printable receipt for one payment: community, household, period, the
/// amount in figures and in capitals (大写), method, date, receipt number.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let payment: Option<i64> =
        use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse().ok()));
    let household: Option<i64> =
        use_query_map().with_untracked(|q| q.get("household_id").and_then(|v| v.parse().ok()));
    let list = LocalResource::new(move || api::bills(household));
    let retry = Callback::new(move |()| list.refetch());
    move || match list.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(list)) => {
            let found = list.bills.iter().find_map(|b| {
                b.payments
                    .iter()
                    .find(|p| Some(p.id) == payment)
                    .map(|p| (b.clone(), p.clone()))
            });
            let Some((bill, p)) = found else {
                return view! { <ErrorNotice error=api::ApiError::not_found() retry /> }.into_any();
            };
            let h = &list.household;
            let t = i18n.t();
            view! {
                <button type="button" class="button primary no-print" on:click=|_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{t.print}</button>
                <article class="receipt">
                    <h2>{h.community_name.clone()} " · " {i18n.fee().receipt_title}</h2>
                    <dl>
                        <dt>{i18n.fee().receipt_household}</dt><dd>{h.building.clone()} " " {h.flat_label.clone()}</dd>
                        <dt>{i18n.fee().receipt_period}</dt><dd>{super::bill_title(i18n.0.get(), &bill)}</dd>
                        <dt>{i18n.fee().receipt_amount}</dt><dd class="amount">"¥" {yuan(p.amount_fen)}</dd>
                        <dt>{i18n.fee().receipt_amount_words}</dt><dd>{daxie(p.amount_fen)}</dd>
                        <dt>{i18n.fee().receipt_method}</dt><dd>{i18n.fee().method(p.method)}</dd>
                        <dt>{i18n.fee().receipt_date}</dt><dd>{p.paid_on.clone()}</dd>
                        <dt>{i18n.fee().receipt_no}</dt><dd>{p.receipt_no.clone()}</dd>
                    </dl>
                </article>
            }.into_any()
        }
    }
}
