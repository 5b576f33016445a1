use leptos::prelude::*;

use super::body::NoticeBody;
use super::detail::for_notice_in_path;
use crate::api;
use crate::components::{ErrorNotice, Loading, QrSvg};
use crate::format::date_time;
use crate::i18n::use_i18n;

/// The notice for the paper board: A4, very large type, the community, the
/// date, and a QR code that opens it online.
#[component]
pub fn NoticePrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let notice = for_notice_in_path(api::notice);
    let retry = Callback::new(move |()| notice.refetch());
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    move || match notice.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(n)) => {
            let url = format!("{origin}/notices/{}", n.summary.id);
            let date = date_time(&n.summary.published_at, i18n.0.get_untracked());
            view! {
                <button type="button" class="button primary no-print" on:click=|_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{i18n.t().print}</button>
                <article class="poster">
                    <p class="poster-community">{n.community_name.clone()} " · " {i18n.notice().title}</p>
                    <p class="poster-tags">
                        {n.summary.urgent.then(|| view! { <span class="tag bad">{i18n.t().urgent}</span> })}
                        <span class="tag">{i18n.notice().category(n.summary.category)}</span>
                    </p>
                    <h2 class="poster-title">{n.summary.title.clone()}</h2>
                    <div class="poster-body"><NoticeBody text=n.body.clone() /></div>
                    <div class="poster-foot">
                        <p>{i18n.notice().published_on} " " {date}</p>
                        <div class="poster-qr">
                            <QrSvg text=url />
                            <p>{i18n.notice().print_scan}</p>
                        </div>
                    </div>
                </article>
            }.into_any()
        }
    }
}
