//! 全区 (the deployment admin): every community with its totals, a new
//! community, and each community's office managers: add someone new or
//! someone who has an account, remove one. Totals only: nothing here shows
//! a household's data (the server sends none).

mod district;
mod managers;

pub use district::{DistrictCard, DistrictPage};
pub use managers::CommunityManagersPage;

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::model::{CommunityOverview, yuan};

/// One community's totals, as a list of facts.
#[component]
fn Totals(community: CommunityOverview) -> impl IntoView {
    let i18n = use_i18n();
    let w = i18n.0.get_untracked().admin_words();
    let tickets = w
        .tickets_line
        .replace("{open}", &community.open_tickets.to_string())
        .replace("{overdue}", &community.overdue_tickets.to_string());
    let collection = if community.billed_fen == 0 {
        w.no_bills.to_owned()
    } else {
        w.collection_line
            .replace("{rate}", &community.rate_text())
            .replace("{paid}", &yuan(community.paid_fen))
            .replace("{billed}", &yuan(community.billed_fen))
    };
    view! {
        <dl class="facts stacked">
            <dt>{w.households}</dt>
            <dd>{community.households}</dd>
            <dt>{w.people}</dt>
            <dd>{community.people}</dd>
            <dt>{w.managers}</dt>
            <dd>{community.managers}</dd>
            <dt>{w.open_tickets}</dt>
            <dd>{tickets}</dd>
            <dt>{w.collection}</dt>
            <dd>{collection}</dd>
            <dt>{w.points}</dt>
            <dd>{community.points_this_month}</dd>
        </dl>
    }
}
