use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError};
use crate::components::{FormError, PasswordField, TextField, parse_text, submit_action};
use crate::i18n::use_i18n;
use crate::model::{RegisterRequest, Relation};
use crate::state::use_session;

/// Registration with the code from the household's slip (prefilled from the
/// slip's QR link), or, with `?for=helper`, with a family member's code.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let as_helper = query.with_untracked(|q| q.get("for").as_deref() == Some("helper"));
    let code = RwSignal::new(query.with_untracked(|q| q.get("code").unwrap_or_default()));
    let phone = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let relation = RwSignal::new(Relation::Child);
    let error = RwSignal::new(None::<ApiError>);
    let submit = submit_action(api::register, error, move |me| {
        session.sign_in(me, false);
        navigate(
            if as_helper { "/me" } else { "/" },
            leptos_router::NavigateOptions::default(),
        );
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let Some(name) = parse_text(&name.get_untracked(), error) else {
            return;
        };
        submit.dispatch(RegisterRequest {
            phone: phone.get_untracked(),
            name,
            password: password.get_untracked(),
            code: code.get_untracked(),
            relation: as_helper.then(|| relation.get_untracked()),
        });
    };
    view! {
        <h2 class="section-title">{move || i18n.t().account.register_title}</h2>
        <p>{move || if as_helper { i18n.t().account.register_helper_intro } else { i18n.t().account.register_intro }}</p>
        // method="post": sent without the app (JavaScript off), a password
        // goes in a body, never into the address.
        <form class="card form" method="post" on:submit=on_submit>
            <TextField id="code" label=Signal::derive(move || i18n.t().account.code) hint=Signal::derive(move || i18n.t().account.code_hint) value=code />
            <TextField id="phone" label=Signal::derive(move || i18n.t().account.phone) hint=Signal::derive(move || i18n.t().account.phone_hint) value=phone kind="tel" autocomplete="tel" inputmode="numeric" />
            <TextField id="name" label=Signal::derive(move || i18n.t().account.name) hint=Signal::derive(move || i18n.t().account.name_hint) value=name autocomplete="name" />
            <PasswordField id="password" label=Signal::derive(move || i18n.t().account.password) hint=Signal::derive(move || i18n.t().account.password_hint) value=password autocomplete="new-password" />
            {as_helper.then(|| view! { <RelationChoice relation /> })}
            <FormError error />
            <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                {move || i18n.t().account.register_button}
            </button>
        </form>
        <A href="/login" attr:class="button">{move || i18n.t().account.have_account}</A>
    }
}

/// 子女 / 配偶 / 亲属 / 其他 as four big radio buttons.
#[component]
pub fn RelationChoice(relation: RwSignal<Relation>) -> impl IntoView {
    let i18n = use_i18n();
    let options = [
        (Relation::Child, "relation-child"),
        (Relation::Spouse, "relation-spouse"),
        (Relation::Relative, "relation-relative"),
        (Relation::Other, "relation-other"),
    ];
    view! {
        <fieldset class="field relation">
            <legend>{move || i18n.t().account.relation}</legend>
            <div class="choice">
                {options
                    .into_iter()
                    .map(|(value, id)| {
                        let words = move || {
                            let t = i18n.t();
                            match value {
                                Relation::Child => t.account.relation_child,
                                Relation::Spouse => t.account.relation_spouse,
                                Relation::Relative => t.account.relation_relative,
                                Relation::Other => t.account.relation_other,
                            }
                        };
                        view! {
                            <label class="radio" for=id>
                                <input
                                    type="radio"
                                    id=id
                                    name="relation"
                                    prop:checked=move || relation.get() == value
                                    on:change=move |_| relation.set(value)
                                />
                                <span>{words}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}
