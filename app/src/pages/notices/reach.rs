use leptos::prelude::*;

use super::detail::for_notice_in_path;
use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::i18n::use_i18n;
use crate::model::Role;

/// Who a notice reached, and the door-knocking list of households nobody
/// has read it for, with phones one tap away. Printable.
#[component]
pub fn NoticeReachPage() -> impl IntoView {
    let i18n = use_i18n();
    let reach = for_notice_in_path(api::notice_reach);
    let retry = Callback::new(move |()| reach.refetch());
    move || match reach.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(r)) => {
            let percent = if r.households > 0 {
                r.households_read * 100 / r.households
            } else {
                100
            };
            view! {
                <h2 class="section-title">{i18n.notice().reach_title}</h2>
                <section class="card">
                    <h3>{r.title.clone()}</h3>
                    <p class="big">{r.households_read} " / " {r.households} " " <small>{i18n.notice().reach_households} " (" {percent} "%)"</small></p>
                    <p>{r.people_read} " / " {r.people} " " {i18n.notice().reach_people}</p>
                </section>
                <button type="button" class="button no-print" on:click=|_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{i18n.t().print}</button>
                <h3 class="section-title">{i18n.notice().reach_unreached}</h3>
                {if r.unreached.is_empty() {
                    view! { <p class="card">{i18n.notice().reach_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain unreached">
                            {r.unreached.into_iter().map(|h| view! {
                                <li class="card">
                                    <strong>{h.building} " " {h.flat_label}</strong>
                                    {if h.contacts.is_empty() {
                                        view! { <p class="soft">{i18n.notice().reach_nobody_registered}</p> }.into_any()
                                    } else {
                                        h.contacts.into_iter().map(|c| {
                                            let role = if c.role == Role::Helper { i18n.account().role_helper } else { i18n.account().role_resident };
                                            view! {
                                                <p>{c.name} " (" {role} ") "
                                                    <a class="tel nowrap" href=format!("tel:{}", c.phone)>{c.phone.clone()}</a>
                                                </p>
                                            }
                                        }).collect_view().into_any()
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }.into_any()
        }
    }
}
