use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use crate::model::Role;
use crate::state::use_session;

/// "代办：张建国 · 3号楼 201 切换" under the header, on every screen, whenever
/// the person acts for a household that is not simply their own.
#[component]
pub fn ActForBanner() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        let me = session.me.get()?;
        let household = session.acting_household()?;
        let show = household.role == Role::Helper || me.households.len() > 1;
        show.then(|| {
            let who = household.residents.join("、");
            view! {
                <div class="acting" role="status">
                    <span>
                        {i18n.t().acting_for} "："
                        <strong>{who}</strong>
                        " · " {household.building.clone()} " " {household.flat_label.clone()}
                    </span>
                    <A href="/me#act-for" attr:class="acting-switch">{i18n.t().switch_household}</A>
                </div>
            }
        })
    }
}
