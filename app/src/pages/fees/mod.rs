//! 物业费: "have we paid this year?", the payments, and a receipt for each.

mod claim;
mod claims_office;
mod office;
mod receipt;
mod remind;
mod schedules;

use leptos::prelude::*;
use leptos_router::components::A;

pub use office::FeeOfficePage;
pub use receipt::ReceiptPage;
pub use remind::ReminderSlipsPage;
pub use schedules::FeeSchedulesPage;

use super::intro::IntroPage;
use crate::api;
use crate::components::icons::Icon;
use crate::components::{ErrorNotice, Loading};
use crate::format::{now_millis, when};
use crate::i18n::{Lang, use_i18n};
use crate::model::{Bill, BillStatus, yuan};
use crate::state::use_session;

/// An amount typed in yuan, in fen; else the form says what is wrong.
pub fn typed_fen(input: &str, error: RwSignal<Option<crate::api::ApiError>>) -> Option<i64> {
    let fen = crate::model::parse_yuan(input);
    if fen.is_none() {
        error.set(Some(crate::api::ApiError::Server {
            status: 400,
            code: crate::model::ErrorCode::InvalidAmount,
            message: String::new(),
        }));
    }
    fen
}

/// "2026年物业费", "2026年第1季度物业费" / "物业费 2026".
pub fn bill_title(lang: Lang, bill: &Bill) -> String {
    lang.fee()
        .bill_of
        .replace("{period}", &crate::format::period_words(&bill.period, lang))
        .replace("{name}", &bill.schedule_name)
}

#[component]
pub fn FeesPage() -> impl IntoView {
    let session = use_session();
    move || {
        let has_household = session.me.get().is_some_and(|me| !me.households.is_empty());
        if has_household {
            view! { <MyBills /> }.into_any()
        } else if session.is_manager() {
            view! { <A href="/manage/fees" attr:class="button primary">{move || use_i18n().t().manage_fees}</A> }.into_any()
        } else {
            view! { <IntroPage icon=Icon::Coin title=|l| l.fee().title intro=|l| l.fee().intro how=|l| l.fee().ask_office /> }.into_any()
        }
    }
}

#[component]
fn MyBills() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = LocalResource::new(move || {
        session.acting_for.track();
        api::bills(None)
    });
    // How to pay from afar, and what the office made of the household's
    // claims: shown with the bills, never instead of them.
    let settings = LocalResource::new(move || {
        session.acting_for.track();
        api::fee_settings(None)
    });
    let claims = LocalResource::new(move || {
        session.acting_for.track();
        api::fee_claims("")
    });
    let retry = Callback::new(move |()| list.refetch());
    let changed = Callback::new(move |()| {
        list.refetch();
        claims.refetch();
    });
    view! {
        <h2 class="section-title">{move || i18n.fee().title}</h2>
        {move || match list.get().filter(|_| settings.get().is_some() && claims.get().is_some()) {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(list)) if list.bills.is_empty() => view! { <p class="card">{i18n.fee().none}</p> }.into_any(),
            Some(Ok(list)) => {
                let address = format!("{} {}", list.household.building, list.household.flat_label);
                let settings = settings.get().and_then(Result::ok);
                let claims = claims.get().and_then(Result::ok).unwrap_or_default();
                view! {
                    <p class="soft">{list.household.community_name.clone()} " · " {address.clone()}</p>
                    {list.bills.into_iter().map(|bill| {
                        let mine: Vec<_> = claims.iter().filter(|c| c.bill_id == bill.id).cloned().collect();
                        let afar = settings.clone().map(|settings| view! {
                            <claim::PayFromAfar bill=bill.clone() settings claims=mine address=address.clone() on_change=changed />
                        });
                        view! { <BillCard bill /> {afar} }
                    }).collect_view()}
                }.into_any()
            }
        }}
    }
}

/// One bill: the question answered in big words, then the details.
#[component]
pub fn BillCard(bill: Bill, #[prop(optional)] household: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let now = now_millis();
    let status_class = match bill.status {
        BillStatus::Paid => "status ok",
        BillStatus::Overdue => "status bad",
        _ => "status wait",
    };
    let due = bill.due_at.clone();
    let for_label = bill.clone();
    let for_heading = bill.clone();
    view! {
        <section class="card bill" aria-label=move || bill_title(i18n.0.get(), &for_label)>
            <h3>{move || bill_title(i18n.0.get(), &for_heading)}</h3>
            <p class="big">"¥" {yuan(bill.amount_fen)}</p>
            <p><span class=status_class>{move || i18n.fee().bill_status(bill.status)}</span></p>
            {(bill.owed_fen > 0).then(|| view! {
                <p>{move || i18n.fee().owed} " ¥" {yuan(bill.owed_fen)} " · " {move || i18n.fee().due} " " {move || when(&due, now, i18n.t(), i18n.0.get())}</p>
            })}
            {(!bill.payments.is_empty()).then(|| view! {
                <h4>{move || i18n.fee().history}</h4>
                <ul class="plain payments">
                    {bill.payments.iter().map(|p| {
                        let href = match household {
                            Some(h) => format!("/fees/receipts/{}?household_id={h}", p.id),
                            None => format!("/fees/receipts/{}", p.id),
                        };
                        let (method, reversed, reversal) = (p.method, p.reversed, p.reverses.is_some());
                        view! {
                            <li>
                                <span>{p.paid_on.clone()} " · " {move || i18n.fee().method(method)} " · ¥" {yuan(p.amount_fen)}
                                    {reversed.then(|| view! { " · " <strong>{move || i18n.fee().reversed}</strong> })}
                                    {reversal.then(|| view! { " · " <strong>{move || i18n.fee().reversal}</strong> })}
                                </span>
                                {(!reversal).then(|| view! { <A href=href attr:class="button">{move || i18n.fee().receipt}</A> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
