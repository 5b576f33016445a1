use leptos::prelude::*;

use super::icons::{Icon, Svg};
use crate::i18n::use_i18n;
use crate::state::{use_community, use_session};

/// The red bar on every screen: the app and community name, and the office
/// phone one tap away.
#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = use_i18n();
    let community = use_community();
    let session = use_session();
    let title = move || match community.current() {
        Some(c) => format!("{} · {}", i18n.t().app_name, c.name),
        None => i18n.t().app_name.to_owned(),
    };
    view! {
        <header class="top">
            <h1>{title}</h1>
            // With no community chosen yet the button leads to the list of
            // offices (each a tel: link), still one tap from a phone number.
            <a
                class="call"
                href=move || {
                    community
                        .current()
                        .map_or_else(|| "/#communities-heading".to_owned(), |c| format!("tel:{}", c.office_phone))
                }
            >
                <Svg icon=Icon::Phone />
                <span>{move || i18n.t().call_office}</span>
            </a>
            // A manager of several compounds: the switch, from the office's
            // piece of the app (never in a resident's download).
            {move || (session.managed_communities().len() > 1)
                .then(|| Suspend::new(crate::routes::office_page(crate::routes::OfficePage::OfficeSwitch)))}
        </header>
    }
}
