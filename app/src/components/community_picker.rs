use leptos::prelude::*;

use super::icons::{Icon, Svg};
use super::{ErrorNotice, Loading};
use crate::i18n::use_i18n;
use crate::state::use_community;

/// The communities with their office phones (each a `tel:` link) and a
/// button to make one "mine". Loading, error and empty each say something.
#[component]
pub fn CommunityPicker() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_community();
    let retry = Callback::new(move |()| state.load());
    move || {
        match state.list.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(page)) if page.items.is_empty() => {
            view! { <p class="card">{move || i18n.t().home_no_communities}</p> }.into_any()
        }
        Some(Ok(page)) => view! {
            <ul class="communities">
                {page
                    .items
                    .into_iter()
                    .map(|c| {
                        let id = c.id;
                        let mine = move || state.current().is_some_and(|cur| cur.id == id);
                        view! {
                            <li class="card community" class:mine=mine>
                                <h3>{c.name.clone()}</h3>
                                <a class="tel" href=format!("tel:{}", c.office_phone)>
                                    <Svg icon=Icon::Phone />
                                    <span>{c.office_phone.clone()}</span>
                                </a>
                                {move || {
                                    if mine() {
                                        view! { <p class="status ok">{i18n.t().home_chosen}</p> }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" class="button" on:click=move |_| state.choose(id)>
                                                {i18n.t().home_choose}
                                                <span class="visually-hidden">" " {c.name.clone()}</span>
                                            </button>
                                        }
                                            .into_any()
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    }
}
