//! 积分: my balance in big figures, the shelf with a 换 button, my swaps
//! with their pickup codes, the ledger in plain words, and the red board.
//! The office records points and hands goods over on its own pages.

mod board;
mod ledger;
mod office;
mod statement;

use leptos::prelude::*;
use leptos_router::components::A;

pub use board::BoardPage;
pub use office::PointsOfficePage;
pub use statement::StatementPage;

use super::intro::IntroPage;
use super::shop::{PickupCode, Shelf};
use crate::api;
use crate::components::icons::Icon;
use crate::components::{ErrorNotice, Loading};
use crate::i18n::use_i18n;
use crate::state::use_session;

#[component]
pub fn PointsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        let Some(me) = session.me.get() else {
            return view! { <IntroPage icon=Icon::Gift title=|l| l.strings().points_title intro=|l| l.strings().points_intro how=|l| l.strings().points_ask_office /> }.into_any();
        };
        let p = i18n.point();
        let household = !me.households.is_empty();
        // The links first: they never move when the points arrive.
        view! {
            {session.is_manager().then(|| view! {
                <div class="stack">
                    <A href="/manage/points" attr:class="button primary">{p.office_points}</A>
                    <A href="/manage/shop" attr:class="button primary">{p.office_shop}</A>
                </div>
            })}
            <A href="/points/board" attr:class="button">{p.board}</A>
            {household.then(|| view! { <MyPoints /> })}
        }
        .into_any()
    }
}

/// The resident's (or helped resident's) points, shelf, swaps and ledger.
#[component]
fn MyPoints() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let ledger = LocalResource::new(move || {
        session.acting_for.track();
        api::ledger()
    });
    // Loaded together and shown together, so nothing jumps as they arrive.
    let items = LocalResource::new(|| api::shop_items(false));
    let swaps = LocalResource::new(|| api::redemptions("limit=20"));
    let refresh = Callback::new(move |()| {
        ledger.refetch();
        swaps.refetch();
    });
    let retry = Callback::new(move |()| {
        ledger.refetch();
        items.refetch();
        swaps.refetch();
    });
    // The last swap's code stays on top while the page refreshes under it.
    let got = RwSignal::new(None::<crate::model::Redemption>);
    move || match ledger
        .get()
        .filter(|_| items.get().is_some() && swaps.get().is_some())
    {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(l)) => {
            let p = i18n.point();
            let helped = session
                .acting_household()
                .is_some_and(|h| h.role == crate::model::Role::Helper);
            view! {
                <section class="card balance" aria-labelledby="balance-heading">
                    <h2 id="balance-heading">{p.my_points}</h2>
                    {helped.then(|| view! { <p class="soft">{p.whose} "：" {l.name.clone()}</p> })}
                    <p class="big-figure">{l.balance} <small>{p.points}</small></p>
                    <p>{p.earned_month} " " <strong>"+" {l.earned_this_month}</strong></p>
                </section>
                {move || got.get().map(|r| view! { <PickupCode redemption=r /> })}
                <Shelf balance=l.balance got on_change=refresh items />
                <ledger::MySwaps on_change=refresh list=swaps />
                <ledger::LedgerList entries=l.entries />
            }
            .into_any()
        }
    }
}
