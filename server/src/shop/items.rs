//! `/api/v1/shop/items`: the catalog.

use app::model::ErrorCode;
use app::model::{ErrorBody, ItemsQuery, NewShopItem, ShopItem, ShopItemUpdate};
use axum::extract::State;
use axum::http::StatusCode;

use super::store::{self, ItemChange, ItemRow, NewItem};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::points::access::member_community;
use crate::state::AppState;
use crate::uploads;

/// The goods of the caller's community; managers may ask for retired ones.
#[utoipa::path(get, path = "/v1/shop/items", tag = "shop", params(ItemsQuery),
    responses(
        (status = 200, description = "Goods, cheapest first", body = Vec<ShopItem>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a member of this community", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ItemsQuery>,
) -> Result<AppJson<Vec<ShopItem>>, ApiError> {
    let community = member_community(&caller, query.community_id)?;
    let all = query.all == Some(true) && caller.manages(community);
    let rows = store::items(state.db.reader(), community, all).await?;
    Ok(AppJson(rows.into_iter().map(ItemRow::wire).collect()))
}

/// The checks a new or changed item's numbers share (its texts are
/// checked by their types).
struct Fields {
    price: Option<i64>,
    stock: Option<i64>,
    monthly_limit: Option<i64>,
}

fn check(f: &Fields) -> Result<(), ApiError> {
    if f.price.is_some_and(|p| !(1..=100_000).contains(&p)) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPrice,
            "价格须在 1 到 100000 积分之间",
        ));
    }
    if f.stock.is_some_and(|s| !(0..=1_000_000).contains(&s)) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidStock,
            "库存不能小于 0",
        ));
    }
    if f.monthly_limit.is_some_and(|l| !(0..=100).contains(&l)) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidLimit,
            "每月限兑须在 1 到 100 之间（0 表示不限）",
        ));
    }
    Ok(())
}

/// Puts goods on the shelf.
#[utoipa::path(post, path = "/v1/shop/items", tag = "shop", request_body = NewShopItem,
    responses(
        (status = 201, description = "Created", body = ShopItem),
        (status = 400, description = "Invalid name, price, stock, limit or photo", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 409, description = "Goods of that name exist", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewShopItem>,
) -> Result<(StatusCode, AppJson<ShopItem>), ApiError> {
    caller.require_manager(body.community_id)?;
    let name = body.name.as_str();
    let description = body.description.as_str();
    check(&Fields {
        price: Some(body.price),
        stock: Some(body.stock),
        monthly_limit: body.monthly_limit,
    })?;
    if let Some(p) = &body.photo_id {
        uploads::require_own(&state, &caller, p).await?;
    }
    let mut tx = state.db.writer().begin().await?;
    if store::item_name_taken(&mut tx, body.community_id, name, None).await? {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名称的东西了",
        ));
    }
    let now = now_millis();
    let item = NewItem {
        community: body.community_id,
        name,
        description,
        photo: body.photo_id.as_deref(),
        price: body.price,
        stock: body.stock,
        monthly_limit: body.monthly_limit,
        at: now,
    };
    let row = store::insert_item(&mut tx, item).await?;
    store::log_stock(
        &mut tx,
        body.community_id,
        row.id,
        body.stock,
        caller.user_id,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::new("shop.item_create", Some(caller.user_id))
            .community(body.community_id)
            .detail(
                serde_json::json!({ "item": row.id, "price": body.price, "stock": body.stock }),
            ),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, AppJson(row.wire())))
}

/// Changes goods: price, stock count, limit, photo, or takes them off the
/// shelf. Reserved goods are already out of the stock count.
#[utoipa::path(patch, path = "/v1/shop/items/{id}", tag = "shop",
    params(("id" = i64, Path, description = "Item id")), request_body = ShopItemUpdate,
    responses(
        (status = 200, description = "Changed", body = ShopItem),
        (status = 400, description = "Invalid name, price, stock, limit or photo", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 404, description = "Absent or not of a community you manage", body = ErrorBody),
        (status = 409, description = "Another item has that name", body = ErrorBody),
        (status = 422, description = "Unknown fields", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<ShopItemUpdate>,
) -> Result<AppJson<ShopItem>, ApiError> {
    let name = body.name.as_deref();
    let description = body.description.as_deref();
    check(&Fields {
        price: body.price,
        stock: body.stock,
        monthly_limit: body.monthly_limit,
    })?;
    let community = store::item(state.db.reader(), id)
        .await?
        .map(|i| i.community_id)
        .filter(|c| caller.manages(*c))
        .ok_or(ApiError::NotFound)?;
    let photo_id = match body.photo_id.as_deref() {
        Some("") => Some(None),
        Some(p) => {
            uploads::require_own(&state, &caller, p).await?;
            Some(Some(p))
        }
        None => None,
    };
    let mut tx = state.db.writer().begin().await?;
    if let Some(n) = name
        && store::item_name_taken(&mut tx, community, n, Some(id)).await?
    {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名称的东西了",
        ));
    }
    let before = match body.stock {
        Some(_) => store::item(&mut tx, id).await?.map(|i| i.stock),
        None => None,
    };
    let now = now_millis();
    let change = ItemChange {
        name,
        description,
        photo: photo_id,
        price: body.price,
        stock: body.stock,
        monthly_limit: body.monthly_limit,
        active: body.active,
        at: now,
    };
    let row = store::update_item(&mut tx, id, change).await?;
    if let Some(before) = before {
        store::log_stock(
            &mut tx,
            community,
            id,
            row.stock - before,
            caller.user_id,
            now,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Entry::new("shop.item_update", Some(caller.user_id))
            .community(community)
            .detail(serde_json::json!({
                "item": id, "price": body.price, "stock": body.stock, "active": body.active,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(row.wire()))
}
