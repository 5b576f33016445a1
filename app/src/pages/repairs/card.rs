use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::icons::{Icon, Svg};
use crate::format::{now_millis, when};
use crate::i18n::use_i18n;
use crate::model::{Repair, RepairCategory, RepairStatus};

/// The picture for a category.
pub fn category_icon(c: RepairCategory) -> Icon {
    use RepairCategory as C;
    match c {
        C::Water => Icon::Tap,
        C::Drainage => Icon::Drain,
        C::Electricity => Icon::Bolt,
        C::Gas => Icon::Flame,
        C::Heating => Icon::Radiator,
        C::DoorsWindows => Icon::Door,
        C::PublicArea => Icon::Building,
        C::Other => Icon::Dots,
    }
}

/// The status pill's colour: never the only signal, the words say it too.
pub fn status_class(s: RepairStatus) -> &'static str {
    match s {
        RepairStatus::Resolved => "status warn",
        RepairStatus::Closed => "status ok",
        RepairStatus::Cancelled | RepairStatus::Rejected => "status",
        _ => "status wait",
    }
}

/// A ticket in a list: what, where, its state in words, and news.
#[component]
pub fn TicketCard(ticket: Repair) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.repair();
    let now = now_millis();
    let created = ticket.created_at.clone();
    let (category, status) = (ticket.category, ticket.status);
    view! {
        <A href=format!("/repairs/{}", ticket.id) attr:class="card ticket">
            <span class="ticket-head">
                <Svg icon=category_icon(category) />
                <strong>{move || r().category(category)}</strong>
                {ticket.urgent.then(|| view! { <span class="tag bad">{move || i18n.t().urgent}</span> })}
                {ticket.overdue.then(|| view! { <span class="tag bad">{move || r().overdue}</span> })}
            </span>
            <span class=status_class(status)>{move || r().status(status)}</span>
            {ticket.changed.then(|| view! { <span class="news">{move || r().changed}</span> })}
            <span class="soft">{ticket.address.clone()}</span>
            <span class="soft">{ticket.number.clone()} " · " {move || when(&created, now, i18n.t(), i18n.0.get())}</span>
        </A>
    }
}
