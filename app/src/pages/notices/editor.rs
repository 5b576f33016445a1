use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::body::NoticeBody;
use super::detail::for_notice_in_path;
use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, FormError, Loading, TextField, ToggleInList, submit_action};
use crate::format::end_of_day;
use crate::i18n::use_i18n;
use crate::model::{NewNotice, Notice, NoticeCategory, NoticeUpdate, Text};
use crate::state::use_managed_community;

/// 发通知.
#[component]
pub fn NewNoticePage() -> impl IntoView {
    view! { <Editor existing=None /> }
}

/// 修改 a published notice (the old text is kept on the server).
#[component]
pub fn EditNoticePage() -> impl IntoView {
    let notice = for_notice_in_path(api::notice);
    let retry = Callback::new(move |()| notice.refetch());
    move || match notice.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok(n)) => view! { <Editor existing=Some(n) /> }.into_any(),
    }
}

#[component]
fn Editor(existing: Option<Notice>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let editing = existing.as_ref().map(|n| n.summary.id);
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|n| n.summary.title.clone())
            .unwrap_or_default(),
    );
    let body = RwSignal::new(
        existing
            .as_ref()
            .map(|n| n.body.clone())
            .unwrap_or_default(),
    );
    let category = RwSignal::new(
        existing
            .as_ref()
            .map_or(NoticeCategory::General, |n| n.summary.category),
    );
    let urgent = RwSignal::new(existing.as_ref().is_some_and(|n| n.summary.urgent));
    let pinned = RwSignal::new(existing.as_ref().is_some_and(|n| n.summary.pinned));
    let expires = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<i64>::new());
    let error = RwSignal::new(None::<ApiError>);
    let community = use_managed_community();
    let buildings = LocalResource::new(move || {
        let community = community.get();
        async move {
            match community {
                Some(c) => api::buildings(c).await,
                None => Ok(Vec::new()),
            }
        }
    });
    // Editing: the buildings it is for, chosen once the list has come (by
    // name, as the notice names them). Until then nothing is sent, so a
    // quick save never widens a notice by accident.
    let targets_ready = RwSignal::new(editing.is_none());
    let existing_targets = existing
        .as_ref()
        .map(|n| n.summary.buildings.clone())
        .unwrap_or_default();
    Effect::new(move || {
        if targets_ready.get_untracked() {
            return;
        }
        if let Some(Ok(list)) = buildings.get() {
            chosen.set(
                list.iter()
                    .filter(|b| existing_targets.contains(&b.name))
                    .map(|b| b.id)
                    .collect(),
            );
            targets_ready.set(true);
        }
    });
    let submit = submit_action(
        move |()| {
            let expires_at = end_of_day(&expires.get_untracked());
            let community = community.get_untracked();
            let title = Text::parse(&title.get_untracked()).map_err(ApiError::refused);
            let text = Text::parse(&body.get_untracked()).map_err(ApiError::refused);
            async move {
                let (title, text) = (title?, text?);
                if let Some(id) = editing {
                    let update = NoticeUpdate {
                        title: Some(title),
                        body: Some(text),
                        category: Some(category.get_untracked()),
                        pinned: Some(pinned.get_untracked()),
                        urgent: Some(urgent.get_untracked()),
                        expires_at,
                        archived: None,
                        building_ids: targets_ready
                            .get_untracked()
                            .then(|| chosen.get_untracked()),
                    };
                    api::edit_notice(id, update).await
                } else {
                    let new = NewNotice {
                        community_id: community.unwrap_or_default(),
                        title,
                        body: text,
                        category: category.get_untracked(),
                        pinned: pinned.get_untracked(),
                        urgent: urgent.get_untracked(),
                        expires_at,
                        building_ids: chosen.get_untracked(),
                    };
                    api::publish_notice(new).await
                }
            }
        },
        error,
        move |n: Notice| {
            navigate(
                &format!("/notices/{}", n.summary.id),
                leptos_router::NavigateOptions::default(),
            );
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        submit.dispatch(());
    };
    let checkbox = move |id: &'static str,
                         label: fn(crate::i18n::Lang) -> &'static str,
                         value: RwSignal<bool>| {
        view! {
            <label class="radio" for=id>
                <input type="checkbox" id=id prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev)) />
                <span>{move || label(i18n.0.get())}</span>
            </label>
        }
    };
    view! {
        <h2 class="section-title">{move || if editing.is_some() { i18n.notice().edit_notice } else { i18n.notice().new_notice }}</h2>
        <form class="card form" on:submit=on_submit>
            <TextField id="notice-title" label=Signal::derive(move || i18n.notice().title_label) value=title />
            <div class="field">
                <label for="notice-body">{move || i18n.notice().body_label}</label>
                <small id="notice-body-hint" class="hint">{move || i18n.notice().body_hint}</small>
                <textarea id="notice-body" rows="8" aria-describedby="notice-body-hint"
                    prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="notice-category">{move || i18n.notice().category_label}</label>
                <select id="notice-category" on:change=move |ev| {
                    if let Some(c) = NoticeCategory::parse(&event_target_value(&ev)) { category.set(c) }
                }>
                    {NoticeCategory::ALL.into_iter().map(|c| view! {
                        <option value=c.as_str() selected=move || category.get() == c>{move || i18n.notice().category(c)}</option>
                    }).collect_view()}
                </select>
            </div>
            {checkbox("notice-urgent", |l| l.notice().urgent_label, urgent)}
            {checkbox("notice-pinned", |l| l.notice().pinned_label, pinned)}
            <TextField id="notice-expires" label=Signal::derive(move || i18n.notice().expires_label) value=expires kind="date" />
            {view! {
                <fieldset class="field">
                    <legend>{move || i18n.notice().target_label}</legend>
                    <p class="soft">{move || if chosen.get().is_empty() { i18n.notice().target_all } else { "" }}</p>
                    <div class="choice">
                        {move || buildings.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|b| view! {
                            <ToggleInList id=format!("building-{}", b.id) value=b.id chosen>{b.name}</ToggleInList>
                        }).collect_view()}
                    </div>
                    {editing.is_some().then(|| view! { <small class="hint">{move || i18n.notice().target_edit_hint}</small> })}
                </fieldset>
            }}
            <section class="preview" aria-labelledby="preview-heading">
                <h3 id="preview-heading">{move || i18n.notice().preview}</h3>
                <div class="card notice" class:urgent=move || urgent.get()>
                    <h4>{move || title.get()}</h4>
                    {move || view! { <NoticeBody text=body.get() /> }}
                </div>
            </section>
            <FormError error />
            <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                {move || if editing.is_some() { i18n.t().save } else { i18n.notice().publish }}
            </button>
        </form>
    }
}
