use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::{ConfirmButton, ErrorNotice, Loading, QrSvg};
use crate::i18n::use_i18n;
use crate::model::RegistrationSlip;
use crate::state::use_managed_community;

/// The printable sheet of registration slips: one per household, with the
/// code, a QR code that opens the register page with it filled in, and the
/// office phone. A4 in print; a list on screen.
#[component]
pub fn CodesPage() -> impl IntoView {
    let i18n = use_i18n();
    let building = RwSignal::new(None::<i64>);
    let community = use_managed_community();
    let sheet = LocalResource::new(move || {
        let b = building.get();
        let community = community.get();
        async move {
            match community {
                Some(c) => api::registration_slips(c, b).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let retry = Callback::new(move |()| sheet.refetch());
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    view! {
        <h2 class="section-title no-print">{move || i18n.t().manage_codes}</h2>
        {move || match sheet.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(None)) => view! { <p class="card">{i18n.t().err_forbidden}</p> }.into_any(),
            Some(Ok(Some(sheet))) => {
                let mut buildings: Vec<(i64, String)> = sheet.slips.iter().map(|s| (s.building_id, s.building.clone())).collect();
                buildings.dedup();
                let origin = origin.clone();
                view! {
                    <div class="card no-print toolbar">
                        <label for="building-filter">{i18n.t().building}</label>
                        <select id="building-filter" on:change=move |ev| {
                            building.set(event_target_value(&ev).parse().ok());
                        }>
                            <option value="" selected=move || building.get().is_none()>{i18n.t().all_buildings}</option>
                            {buildings.into_iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=move || building.get() == Some(id)>{name}</option>
                            }).collect_view()}
                        </select>
                        <button type="button" class="button primary" on:click=|_| {
                            if let Some(w) = web_sys::window() { let _ = w.print(); }
                        }>{i18n.t().print}</button>
                    </div>
                    <div class="slips">
                        {sheet.slips.into_iter().map(|slip| view! {
                            <Slip slip community=sheet.community_name.clone() phone=sheet.office_phone.clone() origin=origin.clone() on_change=retry />
                        }).collect_view()}
                    </div>
                }.into_any()
            }
        }}
    }
}

#[component]
fn Slip(
    slip: RegistrationSlip,
    community: String,
    phone: String,
    origin: String,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = format!("{origin}/register?code={}", slip.code);
    let household = slip.household_id;
    let regenerate = Callback::new(move |()| {
        spawn_local(async move {
            if api::regenerate_code(household).await.is_ok() {
                on_change.run(());
            }
        });
    });
    let registered = (!slip.residents.is_empty()).then(|| slip.residents.join("、"));
    view! {
        <article class="slip">
            <p class="slip-title">{move || i18n.household().slip_title}</p>
            <p class="slip-where">{community} " · " {slip.building.clone()} " " {slip.flat_label.clone()}</p>
            <div class="slip-body">
                <div>
                    <p class="big-code">{slip.code.clone()}</p>
                    <p class="slip-how">{move || i18n.household().slip_how}</p>
                    <p class="slip-phone">{move || i18n.t().call_office} " " <span class="nowrap">{phone.clone()}</span></p>
                </div>
                <QrSvg text=url />
            </div>
            <div class="no-print slip-state">
                {registered.map(|names| view! { <p class="status ok">{i18n.household().slip_registered} "：" {names}</p> })}
                <ConfirmButton
                    label=Signal::derive(move || i18n.household().regenerate.to_owned())
                    question=Signal::derive(move || i18n.household().regenerate_confirm.to_owned())
                    yes=Signal::derive(move || i18n.household().regenerate.to_owned())
                    on_confirm=regenerate
                />
            </div>
        </article>
    }
}
