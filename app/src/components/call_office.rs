use leptos::prelude::*;

use super::icons::{Icon, Svg};
use crate::i18n::use_i18n;
use crate::state::use_community;

/// A large button that dials the chosen community's property office.
#[component]
pub fn CallOfficeButton() -> impl IntoView {
    let i18n = use_i18n();
    let community = use_community();
    move || {
        community.current().map(|c| {
            let href = format!("tel:{}", c.office_phone);
            view! {
                <a class="button call-big" href=href>
                    <Svg icon=Icon::Phone />
                    <span class="call-text">
                        <span>{i18n.t().call_office_named}</span>
                        <span class="number">{c.office_phone.clone()}</span>
                    </span>
                </a>
            }
        })
    }
}
