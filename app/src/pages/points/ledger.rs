//! My swaps (with their codes, cancellable while waiting) and the ledger in
//! plain words: "3月2日 治安巡逻 +5".

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::ConfirmButton;
use crate::format::short_date;
use crate::i18n::use_i18n;
use crate::model::{LedgerEntry, Redemption, RedemptionStatus};
use crate::pages::shop::PickupCode;

/// My latest swaps (`list`, loaded by the page with everything else).
#[component]
pub fn MySwaps(
    on_change: Callback<()>,
    list: LocalResource<Result<Vec<Redemption>, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    move || {
        list.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|swaps| {
            view! {
                <h2 class="section-title">{p().my_swaps}</h2>
                <ul class="plain swaps">
                    {swaps.into_iter().map(|r| {
                        let id = r.id;
                        let cancel = Callback::new(move |()| spawn_local(async move {
                            let _ = api::cancel_redemption(id).await;
                            list.refetch();
                            on_change.run(());
                        }));
                        let waiting = r.status == RedemptionStatus::Reserved;
                        let status = r.status;
                        view! {
                            <li>
                                {if waiting {
                                    view! { <PickupCode redemption=r.clone() /> }.into_any()
                                } else {
                                    view! {
                                        <p class="card">{r.item_name.clone()} " ×" {r.quantity} " · " {r.points} " " {p().points}
                                            " · " <strong>{p().status(status)}</strong></p>
                                    }.into_any()
                                }}
                                {waiting.then(|| view! {
                                    <ConfirmButton
                                        label=Signal::derive(move || p().cancel_swap.to_owned())
                                        question=Signal::derive(move || p().cancel_question.to_owned())
                                        yes=Signal::derive(move || p().cancel_swap.to_owned())
                                        on_confirm=cancel
                                    />
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}

#[component]
pub fn LedgerList(entries: Vec<LedgerEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    view! {
        <h2 class="section-title">{move || p().ledger}</h2>
        {if entries.is_empty() {
            view! { <p class="card">{move || p().ledger_empty}</p> }.into_any()
        } else {
            view! {
                <ul class="plain card ledger">
                    {entries.into_iter().map(|e| {
                        let sign = if e.amount > 0 { "+" } else { "" };
                        view! {
                            <li class:reversed=e.reversed>
                                <span>{move || short_date(&e.earned_on, i18n.0.get())} " " {e.what.clone()}
                                    {e.by_helper.clone().map(|h| view! { <small class="soft">" · " {move || p().by_helper} " " {h}</small> })}
                                    {e.reversed.then(|| view! { <small class="soft">" · " {move || p().reversed}</small> })}
                                </span>
                                <strong class={if e.amount > 0 { "plus" } else { "minus" }}>{sign}{e.amount}</strong>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
