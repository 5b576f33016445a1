//! The shelf for managers: change price, stock and limit, take goods off or
//! put them back, add new goods with a photo.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::{FormError, PhotoInput, TextField, submit_action};
use crate::i18n::use_i18n;
use crate::model::{NewShopItem, ShopItem, ShopItemUpdate, Text};
use crate::state::use_managed_community;

#[component]
pub fn GoodsEditor() -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let items = LocalResource::new(|| api::shop_items(true));
    let changed = Callback::new(move |()| items.refetch());
    view! {
        <h3 class="section-title">{move || p().items_title}</h3>
        <ul class="plain goods">
            {move || items.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|item| view! {
                <li><ItemRow item on_change=changed /></li>
            }).collect_view()}
        </ul>
        <NewItem on_change=changed />
    }
}

#[component]
fn ItemRow(item: ShopItem, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let id = item.id;
    let price = RwSignal::new(item.price.to_string());
    let stock = RwSignal::new(item.stock.to_string());
    let limit = RwSignal::new(item.monthly_limit.unwrap_or(0).to_string());
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let active = item.active;
    let save = submit_action(
        move |()| {
            api::update_shop_item(
                id,
                ShopItemUpdate {
                    price: price.get_untracked().trim().parse().ok().or(Some(0)),
                    stock: stock.get_untracked().trim().parse().ok().or(Some(-1)),
                    monthly_limit: limit.get_untracked().trim().parse().ok().or(Some(-1)),
                    ..Default::default()
                },
            )
        },
        error,
        move |_| saved.set(true),
    );
    let shelf = move |_| {
        spawn_local(async move {
            let _ = api::update_shop_item(
                id,
                ShopItemUpdate {
                    active: Some(!active),
                    ..Default::default()
                },
            )
            .await;
            on_change.run(());
        });
    };
    let field = |name: &str| format!("item-{id}-{name}");
    view! {
        <details class="card" class:retired=!active>
            <summary>{item.name.clone()} " · " {item.price} " " {move || p().points} " · " {move || p().left} " " {item.stock}
                {(!active).then(|| view! { " · " {move || p().off_shelf} })}</summary>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); error.set(None); saved.set(false); save.dispatch(()); }>
                <TextField id=field("price") inputmode="numeric" label=Signal::derive(move || p().price) value=price />
                <TextField id=field("stock") inputmode="numeric" label=Signal::derive(move || p().stock) value=stock />
                <TextField id=field("limit") inputmode="numeric" label=Signal::derive(move || p().monthly_limit)
                    hint=Signal::derive(move || p().monthly_limit_hint) value=limit />
                <FormError error />
                {move || saved.get().then(|| view! { <p role="status">{p().saved}</p> })}
                <button type="submit" class="button primary">{move || p().save}</button>
                <button type="button" class="button" on:click=shelf>
                    {move || if active { p().off_shelf } else { p().on_shelf }}
                </button>
            </form>
        </details>
    }
}

#[component]
fn NewItem(on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let stock = RwSignal::new(String::new());
    let limit = RwSignal::new("0".to_owned());
    let photo = RwSignal::new(None::<crate::model::Photo>);
    let error = RwSignal::new(None::<ApiError>);
    let community = use_managed_community();
    let add = submit_action(
        move |()| {
            let name = Text::parse(&name.get_untracked()).map_err(ApiError::refused);
            let description = Text::parse(&description.get_untracked()).map_err(ApiError::refused);
            let item = name.and_then(|name| {
                Ok(NewShopItem {
                    community_id: community.get_untracked().unwrap_or_default(),
                    name,
                    description: description?,
                    photo_id: photo.get_untracked().map(|p| p.id),
                    price: price.get_untracked().trim().parse().unwrap_or(0),
                    stock: stock.get_untracked().trim().parse().unwrap_or(-1),
                    monthly_limit: limit.get_untracked().trim().parse().ok().filter(|l| *l > 0),
                })
            });
            async move { api::add_shop_item(item?).await }
        },
        error,
        move |_: ShopItem| {
            name.set(String::new());
            description.set(String::new());
            photo.set(None);
            on_change.run(());
        },
    );
    view! {
        <form class="card form" on:submit=move |ev| { ev.prevent_default(); error.set(None); add.dispatch(()); }>
            <h3>{move || p().new_item}</h3>
            <TextField id="item-name" label=Signal::derive(move || p().name) value=name />
            <TextField id="item-description" label=Signal::derive(move || p().description) value=description />
            <TextField id="item-price" inputmode="numeric" label=Signal::derive(move || p().price) value=price />
            <TextField id="item-stock" inputmode="numeric" label=Signal::derive(move || p().stock) value=stock />
            <TextField id="item-limit" inputmode="numeric" label=Signal::derive(move || p().monthly_limit)
                hint=Signal::derive(move || p().monthly_limit_hint) value=limit />
            <PhotoInput id="item-photo" label=Signal::derive(move || i18n.repair().add_photo) photo error />
            <FormError error />
            <button type="submit" class="button primary">{move || p().add}</button>
        </form>
    }
}
