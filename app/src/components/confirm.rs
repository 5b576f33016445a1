use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A destructive action that asks first, in plain words, on the page itself
/// (no pop-up): the first tap shows the question and two big buttons.
#[component]
pub fn ConfirmButton(
    /// The button's words.
    label: Signal<String>,
    /// The question asked before doing it.
    question: Signal<String>,
    /// The words of the "yes" button.
    yes: Signal<String>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    move || {
        if asking.get() {
            view! {
                <div class="confirm" role="group">
                    <p>{question.get()}</p>
                    <div class="choice">
                        <button type="button" class="button danger" on:click=move |_| {
                            asking.set(false);
                            on_confirm.run(());
                        }>{yes.get()}</button>
                        <button type="button" class="button" on:click=move |_| asking.set(false)>
                            {i18n.t().cancel}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button" on:click=move |_| asking.set(true)>{label.get()}</button>
            }
            .into_any()
        }
    }
}
