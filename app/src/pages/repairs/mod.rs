//! 报修: report with big picture buttons, follow the ticket, confirm and
//! rate; staff see their jobs; managers work the queue.

mod actions;
mod card;
mod detail;
mod new;
mod queue;

use leptos::prelude::*;
use leptos_router::components::A;

pub use card::{TicketCard, category_icon};
pub use detail::RepairDetailPage;
pub use new::NewRepairPage;
pub use queue::{Figures, RepairQueuePage};

use super::intro::IntroPage;
use crate::api;
use crate::components::icons::{Icon, Svg};
use crate::components::{ErrorNotice, Loading};
use crate::i18n::use_i18n;
use crate::model::Role;
use crate::state::use_session;

#[component]
pub fn RepairsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        let Some(me) = session.me.get() else {
            return view! { <IntroPage icon=Icon::Wrench title=|l| l.strings().repairs_title intro=|l| l.strings().repairs_intro how=|l| l.strings().repairs_by_phone /> }.into_any();
        };
        let household = !me.households.is_empty();
        let staff = me.communities.iter().any(|c| c.role == Role::Staff);
        let manager = me.communities.iter().any(|c| c.role == Role::Manager);
        let r = i18n.repair();
        view! {
            {household.then(|| view! {
                <A href="/repairs/new" attr:class="button report-big">
                    <Svg icon=Icon::Wrench />
                    <span class="call-text"><strong>{r.report}</strong><small>{r.report_sub}</small></span>
                </A>
                <h2 class="section-title">{r.mine}</h2>
                <TicketList query="scope=household&limit=50" empty=r.none_yet />
            })}
            {staff.then(|| view! {
                <h2 class="section-title">{r.assigned_to_me}</h2>
                <TicketList query="scope=assigned&limit=50" empty=r.none_assigned />
            })}
            {manager.then(|| view! {
                <div class="stack">
                    <A href="/manage/repairs" attr:class="button primary">{r.queue}</A>
                    <A href="/repairs/new?office=1" attr:class="button">{r.office_intake}</A>
                </div>
            })}
        }
        .into_any()
    }
}

/// Tickets from one query, as cards, or a plain sentence when there are none.
#[component]
fn TicketList(query: &'static str, empty: &'static str) -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || {
        session.acting_for.track();
        api::repairs(query)
    });
    let retry = Callback::new(move |()| list.refetch());
    move || {
        match list.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(l)) if l.items.is_empty() => view! { <p class="card">{empty}</p> }.into_any(),
        Some(Ok(l)) => view! {
            <ul class="plain tickets">
                {l.items.into_iter().map(|ticket| view! { <li><TicketCard ticket /></li> }).collect_view()}
            </ul>
        }
        .into_any(),
    }
    }
}
