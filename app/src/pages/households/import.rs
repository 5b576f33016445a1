//! Importing the office's household list from CSV: preview first, then all
//! or nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiError};
use crate::components::FormError;
use crate::i18n::use_i18n;
use crate::model::ImportReport;
use crate::state::use_managed_community;

/// The chosen file's bytes.
async fn read_file(input_id: &str) -> Option<Vec<u8>> {
    let input: web_sys::HtmlInputElement = web_sys::window()?
        .document()?
        .get_element_by_id(input_id)?
        .dyn_into()
        .ok()?;
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let report = RwSignal::new(None::<ImportReport>);
    let error = RwSignal::new(None::<ApiError>);
    let community = use_managed_community();
    let run = move |dry_run: bool| {
        error.set(None);
        let Some(community) = community.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let Some(bytes) = read_file("import-file").await else {
                return;
            };
            match api::import_households(community, dry_run, &bytes).await {
                Ok(r) => report.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h2 class="section-title">{move || i18n.t().manage_import}</h2>
        <section class="card form">
            <p>{move || i18n.household().import_intro}</p>
            <div class="field">
                <label for="import-file">{move || i18n.household().import_file}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" />
            </div>
            <div class="choice">
                <button type="button" class="button" on:click=move |_| run(true)>{move || i18n.household().import_preview}</button>
                <button type="button" class="button primary" on:click=move |_| run(false)>{move || i18n.household().import_commit}</button>
            </div>
            <FormError error />
        </section>
        {move || report.get().map(|r| {
            let bad: Vec<_> = r.rows.iter().filter(|row| !row.problems.is_empty()).cloned().collect();
            let ok = r.rows.len() - bad.len();
            view! {
                <section class="card" role="status">
                    {if r.written {
                        view! {
                            <p class="status ok">{i18n.household().import_done} " " {r.households_created}</p>
                            <p>{i18n.household().import_more
                                .replace("{updated}", &r.households_updated.to_string())
                                .replace("{members}", &r.members_created.to_string())}</p>
                        }.into_any()
                    } else {
                        view! { <p>{ok} " " {i18n.household().import_ok_rows}</p> }.into_any()
                    }}
                    {(!bad.is_empty()).then(|| view! {
                        <p class="status bad">{bad.len()} " " {i18n.household().import_problem_rows}</p>
                        <ul class="plain">{bad.into_iter().flat_map(|row| row.problems).map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    })}
                </section>
            }
        })}
    }
}
