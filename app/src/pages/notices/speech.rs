use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::SpeechSynthesisUtterance;

use crate::i18n::{Lang, use_i18n};

/// The browser's speech synthesis, if it has one.
fn synthesis() -> Option<web_sys::SpeechSynthesis> {
    let window = web_sys::window()?;
    let present = js_sys::Reflect::has(&window, &"speechSynthesis".into()).unwrap_or(false);
    if present {
        window.speech_synthesis().ok()
    } else {
        None
    }
}

/// A large 朗读 button that reads the text aloud (zh-CN voice on a Chinese
/// page, English otherwise) and becomes 停止朗读 while speaking. Not shown
/// where the browser cannot speak.
#[component]
pub fn ReadAloud(text: String) -> impl IntoView {
    let i18n = use_i18n();
    let speaking = RwSignal::new(false);
    let toggle = move |_| {
        let Some(synth) = synthesis() else { return };
        if speaking.get_untracked() {
            synth.cancel();
            speaking.set(false);
            return;
        }
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text) else {
            return;
        };
        utterance.set_lang(if i18n.0.get_untracked() == Lang::En {
            "en"
        } else {
            "zh-CN"
        });
        utterance.set_rate(0.9);
        let done = Closure::<dyn FnMut()>::new(move || speaking.set(false));
        utterance.set_onend(Some(done.as_ref().unchecked_ref()));
        // The closure must outlive this call; one per reading is a few bytes.
        done.forget();
        synth.cancel();
        synth.speak(&utterance);
        speaking.set(true);
    };
    on_cleanup(move || {
        if let Some(synth) = synthesis() {
            synth.cancel();
        }
    });
    synthesis().map(|_| view! {
        <button type="button" class="button read-aloud" aria-pressed=move || if speaking.get() { "true" } else { "false" } on:click=toggle>
            {move || if speaking.get() { i18n.notice().stop_reading } else { i18n.notice().read_aloud }}
        </button>
    })
}
