//! The shelf: goods as large cards with the price and a 换 button that asks
//! first, in plain words, on the card itself; then the pickup code.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, FormError, Loading, submit_action};
use crate::i18n::use_i18n;
use crate::model::{NewRedemption, Redemption, ShopItem};

/// The goods on offer (`items`, loaded by the page with everything else it
/// shows, so the page appears at once instead of growing under the finger).
#[component]
pub fn Shelf(
    balance: i64,
    got: RwSignal<Option<Redemption>>,
    on_change: Callback<()>,
    items: LocalResource<Result<Vec<ShopItem>, ApiError>>,
    /// Swapping for someone else at the office's counter.
    #[prop(default = None)]
    for_user: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let retry = Callback::new(move |()| items.refetch());
    let refresh = Callback::new(move |r: Redemption| {
        got.set(Some(r));
        items.refetch();
        on_change.run(());
        // The code is what matters now: bring the top of the page into view
        // (the counter shows it where the office is looking).
        if let Some(w) = web_sys::window().filter(|_| for_user.is_none()) {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    view! {
        <h2 class="section-title">{move || i18n.point().shop}</h2>
        {move || match items.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="card">{i18n.point().shop_empty}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="plain goods">
                    {list.into_iter().map(|item| view! { <li><Goods item balance on_swap=refresh for_user /></li> }).collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

/// The code in big digits and what to do with it.
#[component]
pub fn PickupCode(redemption: Redemption) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    view! {
        <section class="card issued" role="status">
            <h3>{move || p().code_title}</h3>
            <p class="big-code">{redemption.pickup_code.clone()}</p>
            <p>{redemption.item_name.clone()} " ×" {redemption.quantity} " · " {redemption.points} " " {move || p().points}</p>
            <p>{move || p().code_how}</p>
        </section>
    }
}

#[component]
fn Goods(
    item: ShopItem,
    balance: i64,
    on_swap: Callback<Redemption>,
    for_user: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let id = item.id;
    let swap = submit_action(
        move |()| {
            api::redeem(NewRedemption {
                item_id: id,
                quantity: None,
                user_id: for_user,
            })
        },
        error,
        move |r: Redemption| {
            asking.set(false);
            on_swap.run(r);
        },
    );
    let affordable = balance >= item.price;
    let in_stock = item.stock > 0;
    let question = {
        let name = item.name.clone();
        let price = item.price;
        move || {
            p().swap_question
                .replace("{points}", &price.to_string())
                .replace("{name}", &name)
        }
    };
    view! {
        <article class="card goods-card">
            {item.photo.clone().map(|ph| view! { <img src=ph.thumb_url alt="" width="96" height="96" /> })}
            <div class="goods-text">
                <h3>{item.name.clone()}</h3>
                {(!item.description.is_empty()).then(|| view! { <p class="soft">{item.description.clone()}</p> })}
                <p class="price">{item.price} " " <small>{move || p().points}</small></p>
                <p class="soft">{move || p().left} " " {item.stock}
                    {item.monthly_limit.map(|l| view! { " · " {move || p().limit} " " {l}})}
                </p>
            </div>
            {move || if asking.get() {
                view! {
                    <div class="confirm" role="group">
                        <p>{question.clone()}</p>
                        <div class="choice">
                            <button type="button" class="button primary" disabled=move || swap.pending().get()
                                on:click=move |_| { error.set(None); swap.dispatch(()); }>{p().swap_yes}</button>
                            <button type="button" class="button" on:click=move |_| asking.set(false)>{p().not_now}</button>
                        </div>
                    </div>
                }
                .into_any()
            } else if affordable && in_stock {
                view! { <button type="button" class="button primary swap" on:click=move |_| asking.set(true)>{p().swap}</button> }.into_any()
            } else {
                let words = if in_stock { p().not_enough } else { p().sold_out };
                view! { <p class="soft unable">{words}</p> }.into_any()
            }}
            <FormError error />
        </article>
    }
}
