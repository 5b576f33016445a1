//! `/api/v1/shop/items`: the catalog.

use app::model::ErrorCode;
use app::model::{ErrorBody, ItemsQuery, NewShopItem, ShopItem, ShopItemUpdate};
use axum::extract::State;
use axum::http::StatusCode;
use sqlx::FromRow;

use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::points::access::member_community;
use crate::state::AppState;
use crate::uploads::photo;

#[derive(FromRow)]
struct ItemRow {
    id: i64,
    community_id: i64,
    name: String,
    description: String,
    photo_id: Option<String>,
    price: i64,
    stock: i64,
    monthly_limit: Option<i64>,
    active: i64,
}

impl ItemRow {
    fn wire(self) -> ShopItem {
        ShopItem {
            id: self.id,
            community_id: self.community_id,
            name: self.name,
            description: self.description,
            photo: self.photo_id.map(photo),
            price: self.price,
            stock: self.stock,
            monthly_limit: self.monthly_limit,
            active: self.active != 0,
        }
    }
}

const COLUMNS: &str =
    "id, community_id, name, description, photo_id, price, stock, monthly_limit, active";

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
    let rows: Vec<ItemRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM shop_items WHERE community_id = $1 AND (active = 1 OR $2 = 1)
         ORDER BY active DESC, price, name"
    )))
    .bind(community)
    .bind(i64::from(all))
    .fetch_all(state.db.reader())
    .await?;
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

/// A photo for goods must be the manager's own upload.
async fn check_photo(state: &AppState, caller: &Caller, id: &str) -> Result<(), ApiError> {
    let mine: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM uploads WHERE id = $1 AND uploaded_by = $2",
    )
    .bind(id)
    .bind(caller.user_id)
    .fetch_one(state.db.reader())
    .await?;
    if mine == 0 {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPhoto,
            "照片找不到了，请重新上传",
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
        check_photo(&state, &caller, p).await?;
    }
    let mut tx = state.db.writer().begin().await?;
    let taken: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_items WHERE community_id = $1 AND name = $2",
    )
    .bind(body.community_id)
    .bind(name)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Err(ApiError::conflict(
            ErrorCode::NameTaken,
            "已经有这个名称的东西了",
        ));
    }
    let now = now_millis();
    let row: ItemRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO shop_items (community_id, name, description, photo_id, price, stock,
            monthly_limit, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING {COLUMNS}"
    )))
    .bind(body.community_id)
    .bind(name)
    .bind(description)
    .bind(body.photo_id.as_deref())
    .bind(body.price)
    .bind(body.stock)
    .bind(body.monthly_limit.filter(|l| *l > 0))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
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
    let community: Option<i64> =
        sqlx::query_scalar("SELECT community_id FROM shop_items WHERE id = $1")
            .bind(id)
            .fetch_optional(state.db.reader())
            .await?;
    let community = community
        .filter(|c| caller.manages(*c))
        .ok_or(ApiError::NotFound)?;
    let photo_id = match body.photo_id.as_deref() {
        Some("") => Some(None),
        Some(p) => {
            check_photo(&state, &caller, p).await?;
            Some(Some(p))
        }
        None => None,
    };
    let mut tx = state.db.writer().begin().await?;
    if let Some(n) = name {
        let taken: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_items WHERE community_id = $1 AND name = $2 AND id <> $3",
        )
        .bind(community)
        .bind(n)
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Err(ApiError::conflict(
                ErrorCode::NameTaken,
                "已经有这个名称的东西了",
            ));
        }
    }
    let row: ItemRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE shop_items SET name = COALESCE($1, name), description = COALESCE($2, description),
            photo_id = CASE WHEN $3 = 1 THEN $4 ELSE photo_id END, price = COALESCE($5, price),
            stock = COALESCE($6, stock),
            monthly_limit = CASE WHEN $7 IS NULL THEN monthly_limit WHEN $7 = 0 THEN NULL ELSE $7 END,
            active = COALESCE($8, active), updated_at = $9
         WHERE id = $10 RETURNING {COLUMNS}"
    )))
    .bind(name)
    .bind(description)
    .bind(i64::from(photo_id.is_some()))
    .bind(photo_id.flatten())
    .bind(body.price)
    .bind(body.stock)
    .bind(body.monthly_limit)
    .bind(body.active.map(i64::from))
    .bind(now_millis())
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
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
