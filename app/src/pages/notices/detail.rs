use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::body::NoticeBody;
use super::speech::ReadAloud;
use crate::api;
use crate::components::icons::{Icon, Svg};
use crate::components::{ConfirmButton, ErrorNotice, Loading};
use crate::format::{now_millis, when};
use crate::i18n::use_i18n;
use crate::model::{Notice, NoticeUpdate};
use crate::state::{use_notice_feed, use_session};

/// The notice id in the path.
pub fn notice_id() -> Option<i64> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()))
}

/// Loads something about the notice named in the path; an address without a
/// valid id is a 404 like any other.
pub fn for_notice_in_path<T, Fut, F>(fetch: F) -> LocalResource<Result<T, api::ApiError>>
where
    T: 'static,
    Fut: std::future::Future<Output = Result<T, api::ApiError>> + 'static,
    F: Fn(i64) -> Fut + Copy + 'static,
{
    let id = notice_id();
    LocalResource::new(move || async move {
        match id {
            Some(id) => fetch(id).await,
            None => Err(api::ApiError::not_found()),
        }
    })
}

/// One notice: opening it records my read receipt.
#[component]
pub fn NoticeDetailPage() -> impl IntoView {
    let feed = use_notice_feed();
    let id = notice_id();
    let notice = LocalResource::new(move || async move {
        let result = match id {
            Some(id) => api::notice(id).await,
            None => Err(api::ApiError::Server {
                status: 404,
                code: crate::model::ErrorCode::NotFound,
                message: String::new(),
            }),
        };
        // The badge and the home banner change once it is read.
        feed.refetch();
        result
    });
    let retry = Callback::new(move |()| notice.refetch());
    move || match notice.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(n)) => view! { <NoticeView notice=n /> }.into_any(),
    }
}

#[component]
fn NoticeView(notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let n = notice.summary.clone();
    let id = n.id;
    let now = now_millis();
    let published = n.published_at.clone();
    let spoken = format!("{}。{}", n.title, notice.body);
    let archive = Callback::new(move |()| {
        let navigate = navigate.clone();
        spawn_local(async move {
            if api::edit_notice(
                id,
                NoticeUpdate {
                    archived: Some(true),
                    ..Default::default()
                },
            )
            .await
            .is_ok()
            {
                navigate("/notices", leptos_router::NavigateOptions::default());
            }
        });
    });
    view! {
        <article class="card notice" class:urgent=n.urgent>
            <p class="notice-tags">
                {n.urgent.then(|| view! { <span class="tag bad"><Svg icon=Icon::Bell />{move || i18n.t().urgent}</span> })}
                <span class="tag">{move || i18n.notice().category(n.category)}</span>
            </p>
            <h2>{n.title.clone()}</h2>
            <p class="soft">
                {notice.community_name.clone()} " · " {move || when(&published, now, i18n.t(), i18n.0.get())}
                {n.updated_at.is_some().then(|| view! { " · " <strong>{move || i18n.notice().updated}</strong> })}
            </p>
            {(!n.buildings.is_empty()).then(|| view! {
                <p class="soft">{move || i18n.notice().for_buildings} {n.buildings.join("、")}</p>
            })}
            <div class="notice-body"><NoticeBody text=notice.body.clone() /></div>
        </article>
        <ReadAloud text=spoken />
        <A href=format!("/notices/{id}/print") attr:class="button">{move || i18n.notice().print_notice}</A>
        {move || session.is_manager().then(|| view! {
            <A href=format!("/notices/{id}/reach") attr:class="button primary">{i18n.notice().see_reach}</A>
            <A href=format!("/notices/{id}/edit") attr:class="button">{i18n.notice().edit_notice}</A>
            {(!notice.archived).then(|| view! {
                <ConfirmButton
                    label=Signal::derive(move || i18n.notice().archive_notice.to_owned())
                    question=Signal::derive(move || i18n.notice().archive_confirm.to_owned())
                    yes=Signal::derive(move || i18n.notice().archive_notice.to_owned())
                    on_confirm=archive
                />
            })}
        })}
    }
}
