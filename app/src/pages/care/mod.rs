//! 报平安: the big 我很好 on 首页, the settings page (for oneself, or a
//! helper for a parent), the watcher's card on 首页, and the office's list
//! of who has not checked in today.

mod missed;
mod settings;

use leptos::prelude::*;
use leptos_router::components::A;

pub use missed::MissedPage;
pub use settings::CarePage;

use crate::api;
use crate::i18n::use_i18n;
use crate::model::{CareSettings, Role};
use crate::state::use_session;

/// The local time of an RFC 3339 instant, "09:12".
fn time_of(rfc3339: &str) -> String {
    crate::format::date_time(rfc3339, crate::i18n::Lang::ZhCn)
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Today's state of a person's 报平安 in one sentence, and the phone to
/// call when it has not come.
#[component]
fn Today(care: CareSettings) -> impl IntoView {
    let i18n = use_i18n();
    let name = care.name.clone();
    let c = move || i18n.care();
    let sentence = {
        let care = care.clone();
        move || {
            if let Some(day) = &care.paused_until {
                c().away_until
                    .replace("{name}", &name)
                    .replace("{day}", day)
            } else if care.checked_in_today {
                let time = care
                    .last_checkin_at
                    .as_deref()
                    .map(time_of)
                    .unwrap_or_default();
                c().done_today
                    .replace("{name}", &name)
                    .replace("{time}", &time)
            } else {
                c().not_yet.replace("{name}", &name)
            }
        }
    };
    let late = care.missed_today;
    let phone = care.phone.clone();
    view! {
        <p class=if late { "care-state late" } else { "care-state" }>{sentence}</p>
        {late.then(|| view! {
            <a class="button primary" href=format!("tel:{phone}")>{move || c().call} " " {phone.clone()}</a>
        })}
    }
}

/// 首页 for a helper: how the parent is today, or the way to set it up.
#[component]
pub fn CareCard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let helper = move || {
        let acting = session.acting_for.get();
        session.me.with(|me| {
            me.as_ref().is_some_and(|me| {
                me.households
                    .iter()
                    .any(|h| Some(h.household_id) == acting && h.role == Role::Helper)
            })
        })
    };
    let care = LocalResource::new(move || {
        let wanted = helper();
        async move {
            if wanted {
                api::care(None).await.ok()
            } else {
                None
            }
        }
    });
    move || {
        care.get().flatten().map(|care| {
            if care.enabled {
                view! {
                    <section class="card care-card" aria-label=move || i18n.care().title>
                        <Today care />
                        <A href="/care" attr:class="button">{move || i18n.care().title}</A>
                    </section>
                }
                .into_any()
            } else {
                view! { <A href="/care" attr:class="button">{move || i18n.care().set_up}</A> }
                    .into_any()
            }
        })
    }
}
