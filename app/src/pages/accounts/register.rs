use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError};
use crate::components::{FormError, PasswordField, TextField, parse_text, submit_action};
use crate::i18n::use_i18n;
use crate::model::{KeptMember, RegisterRequest, Relation};
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
    // Whose record the office kept (without a phone) this person takes over.
    let member = RwSignal::new(None::<i64>);
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
            member_id: member.get_untracked(),
        });
    };
    view! {
        <h2 class="section-title">{move || i18n.account().register_title}</h2>
        <p>{move || if as_helper { i18n.account().register_helper_intro } else { i18n.account().register_intro }}</p>
        // method="post": sent without the app (JavaScript off), a password
        // goes in a body, never into the address.
        <form class="card form" method="post" on:submit=on_submit>
            <TextField id="code" label=Signal::derive(move || i18n.account().code) hint=Signal::derive(move || i18n.account().code_hint) value=code />
            {(!as_helper).then(|| view! { <KeptChoice code member name /> }.into_any())}
            <TextField id="phone" label=Signal::derive(move || i18n.account().phone) hint=Signal::derive(move || i18n.account().phone_hint) value=phone kind="tel" autocomplete="tel" inputmode="numeric" />
            <TextField id="name" label=Signal::derive(move || i18n.account().name) hint=Signal::derive(move || i18n.account().name_hint) value=name autocomplete="name" />
            <PasswordField id="password" label=Signal::derive(move || i18n.account().password) hint=Signal::derive(move || i18n.account().password_hint) value=password autocomplete="new-password" />
            {as_helper.then(|| view! { <RelationChoice relation /> })}
            <FormError error />
            <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                {move || i18n.account().register_button}
            </button>
        </form>
        <A href="/login" attr:class="button">{move || i18n.account().have_account}</A>
    }
}

/// A code is eight letters and digits, with spaces or hyphens anywhere.
fn complete_code(code: &str) -> Option<String> {
    let code: String = code.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    (code.chars().count() == 8 && code.chars().all(|c| c.is_ascii_alphanumeric())).then_some(code)
}

/// Once the household's code is complete: the members the office keeps
/// without a phone, as big radio buttons; choosing one fills in the name.
#[component]
fn KeptChoice(
    code: RwSignal<String>,
    member: RwSignal<Option<i64>>,
    name: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.account();
    let kept = LocalResource::new(move || {
        let code = complete_code(&code.get());
        async move {
            match code {
                Some(c) => api::kept_members(c).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    // Another code, another list: an earlier choice no longer stands.
    Effect::new(move || {
        let list: Vec<KeptMember> = kept.get().unwrap_or_default();
        if member
            .get_untracked()
            .is_some_and(|m| !list.iter().any(|k| k.user_id == m))
        {
            member.set(None);
        }
    });
    move || {
        let list = kept.get().unwrap_or_default();
        (!list.is_empty()).then(|| view! {
            <fieldset class="field kept">
                <legend>{move || w().kept_question}</legend>
                <p class="soft">{move || w().kept_why}</p>
                <div class="choice">
                    {list.into_iter().map(|k| {
                        let (id, for_id) = (format!("kept-{}", k.user_id), format!("kept-{}", k.user_id));
                        let who = k.user_id;
                        view! {
                            <label class="radio" for=for_id>
                                <input type="radio" id=id name="kept" prop:checked=move || member.get() == Some(who)
                                    on:change={
                                        let n = k.name.clone();
                                        move |_| {
                                            member.set(Some(who));
                                            name.set(n.clone());
                                        }
                                    } />
                                <span>{k.name.clone()}</span>
                            </label>
                        }
                    }).collect_view()}
                    <label class="radio" for="kept-none">
                        <input type="radio" id="kept-none" name="kept" prop:checked=move || member.get().is_none()
                            on:change=move |_| member.set(None) />
                        <span>{move || w().kept_none}</span>
                    </label>
                </div>
            </fieldset>
        })
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
            <legend>{move || i18n.account().relation}</legend>
            <div class="choice">
                {options
                    .into_iter()
                    .map(|(value, id)| {
                        let words = move || {
                            let t = i18n.account();
                            match value {
                                Relation::Child => t.relation_child,
                                Relation::Spouse => t.relation_spouse,
                                Relation::Relative => t.relation_relative,
                                Relation::Other => t.relation_other,
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

#[cfg(test)]
mod tests {
    use super::complete_code;

    #[test]
    fn a_code_is_complete_at_eight_letters_and_digits_however_spaced() {
        assert_eq!(complete_code("K7QH 3M9P").as_deref(), Some("K7QH3M9P"));
        assert_eq!(complete_code("k7qh-3m9p").as_deref(), Some("k7qh3m9p"));
        assert_eq!(complete_code("K7QH3M9"), None);
        assert_eq!(complete_code("K7QH3M9PX"), None);
        assert_eq!(complete_code("K7QH3M9！"), None);
    }
}
