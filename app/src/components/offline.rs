use leptos::prelude::*;

use crate::format::{now_millis, when};
use crate::i18n::use_i18n;
use crate::state::Offline;

/// "离线 · 上次更新 今天 09:30": shown while what is on screen is the copy
/// kept on the phone, not fresh from the office.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let offline = expect_context::<Offline>().0;
    move || {
        offline.get().map(|saved| {
            let t = i18n.t();
            view! {
                <div class="offline" role="status">
                    {t.offline} " · " {t.last_updated} " " {when(&saved, now_millis(), t, i18n.0.get())}
                </div>
            }
        })
    }
}
