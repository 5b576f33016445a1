use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::model::{Text, TextKind};

/// What a form field holds, parsed as its kind; when the kind refuses it,
/// the form's error line says why (the words the server would send) and
/// nothing is sent.
pub fn parse_text<K: TextKind>(value: &str, error: RwSignal<Option<ApiError>>) -> Option<Text<K>> {
    Text::parse(value)
        .map_err(|refused| error.set(Some(ApiError::refused(refused))))
        .ok()
}

/// A labelled text input, large, with an optional hint under the label.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = hint.map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <small id=hint_id.clone() class="hint">{move || h.get()}</small> })}
            <input
                id=id.clone()
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=described
                // The initial value as an attribute too: the server's first
                // screen (`first_screen`) shows it before the app runs.
                value=value.get_untracked()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// A password input with a show/hide button (older eyes mistype unseen).
#[component]
pub fn PasswordField(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
    #[prop(default = "current-password")] autocomplete: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            {hint.map(|h| view! { <small id=format!("{id}-hint") class="hint">{move || h.get()}</small> })}
            <div class="password-row">
                <input
                    id=id
                    name=id
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    aria-describedby=hint.map(|_| format!("{id}-hint"))
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="button"
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    aria-controls=id
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { i18n.account().hide_password } else { i18n.account().show_password }}
                </button>
            </div>
        </div>
    }
}

/// The error of the last submit, in plain words, announced to screen readers.
#[component]
pub fn FormError(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div role="alert" class="form-error-slot">
            {move || error.get().map(|e| view! { <p class="card notice-bad">{i18n.t().error(&e)}</p> })}
        </div>
    }
}

/// A form's submit: `call` runs once per dispatch; a failure lands in `error`
/// (shown by `FormError`), a success goes to `on_ok`. One place for the
/// action-and-effect pairing every form needs.
pub fn submit_action<I, O, Fut>(
    call: impl Fn(I) -> Fut + 'static,
    error: RwSignal<Option<ApiError>>,
    on_ok: impl Fn(O) + 'static,
) -> Action<I, Result<O, ApiError>>
where
    I: Clone + 'static,
    O: Clone + 'static,
    Fut: std::future::Future<Output = Result<O, ApiError>> + 'static,
{
    let action = Action::new_local(move |input: &I| call(input.clone()));
    Effect::new(move || match action.value().get() {
        Some(Ok(value)) => on_ok(value),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    action
}

/// One checkbox of a many-of choice (buildings, weekdays): ticked while
/// `value` is in `chosen`; ticking adds it, unticking takes it out.
#[component]
pub fn ToggleInList(
    /// The input's id, unique on the page.
    id: String,
    value: i64,
    chosen: RwSignal<Vec<i64>>,
    children: Children,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <label class="radio" for=label_for>
            <input type="checkbox" id=id
                prop:checked=move || chosen.get().contains(&value)
                on:change=move |ev| chosen.update(|c| {
                    c.retain(|x| *x != value);
                    if event_target_checked(&ev) { c.push(value) }
                }) />
            <span>{children()}</span>
        </label>
    }
}
