//! One photo to attach (a transfer's screenshot, a collection code, goods):
//! a big file button that uploads at once and shows what was taken.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::model::Photo;

#[component]
pub fn PhotoInput(
    id: &'static str,
    label: Signal<&'static str>,
    photo: RwSignal<Option<Photo>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let uploading = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            uploading.set(true);
            spawn_local(async move {
                match api::upload_photo(file).await {
                    Ok(u) => photo.set(Some(u.photo)),
                    Err(e) => error.set(Some(e)),
                }
                uploading.set(false);
            });
        }
    };
    view! {
        <div class="field photo-input">
            <label for=id>{move || label.get()}</label>
            <input id=id type="file" accept="image/jpeg,image/png,image/webp" on:change=on_change
                aria-busy=move || uploading.get().to_string() />
            {move || photo.get().map(|p| view! { <img src=p.thumb_url alt="" width="96" height="96" /> })}
        </div>
    }
}
