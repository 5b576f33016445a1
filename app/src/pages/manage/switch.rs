//! The header's switch for a manager of several communities (in the
//! office's piece of the app; `components::header` shows it).

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::use_session;

/// For a manager of several communities: which one the office pages speak
/// for. Remembered on the account (`PATCH /me`); the page then loads again,
/// so that every page, export and card follows at once.
#[component]
pub fn OfficeSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        let managed = session.managed_communities();
        (managed.len() > 1).then(|| {
            let current = session.managed_community().map(|(id, _)| id);
            let switch = move |ev: leptos::ev::Event| {
                let Ok(id) = event_target_value(&ev).parse::<i64>() else {
                    return;
                };
                leptos::task::spawn_local(async move {
                    let body = crate::model::UpdateMe {
                        language: None,
                        large_text: None,
                        office_community_id: Some(id),
                    };
                    if crate::api::update_me(body).await.is_ok() {
                        let _ = window().location().reload();
                    }
                });
            };
            view! {
                <div class="office-switch">
                    <label for="office-switch">{i18n.t().office_switch}</label>
                    <select id="office-switch" on:change=switch>
                        {managed.into_iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=Some(id) == current>{name}</option>
                        }).collect_view()}
                    </select>
                </div>
            }
        })
    }
}
