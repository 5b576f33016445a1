//! The shop's tables: goods on the shelf and the redemptions made of them.
//! Stock moves only by conditional updates (never below zero, the table's
//! CHECK the backstop) and a redemption leaves `reserved` exactly once.

use app::model::{Redemption, RedemptionStatus, ShopItem};
use sqlx::{Any, FromRow};

use crate::db::{Sql, rfc3339};
use crate::uploads::photo;

// Goods.

/// The columns `ItemRow` reads.
macro_rules! item_columns {
    () => {
        "id, community_id, name, description, photo_id, price, stock, monthly_limit, active"
    };
}

#[derive(FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub community_id: i64,
    name: String,
    description: String,
    photo_id: Option<String>,
    pub price: i64,
    pub stock: i64,
    pub monthly_limit: Option<i64>,
    pub active: i64,
}

impl ItemRow {
    pub fn wire(self) -> ShopItem {
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

/// The community's goods, on the shelf first; retired ones only when `all`.
pub async fn items<'e, E>(executor: E, community: i64, all: bool) -> sqlx::Result<Vec<ItemRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        item_columns!(),
        " FROM shop_items WHERE community_id = $1 AND (active = 1 OR $2 = 1)
         ORDER BY active DESC, price, name"
    ))
    .bind(community)
    .bind(i64::from(all))
    .fetch_all(executor)
    .await
}

pub async fn item<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<ItemRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        item_columns!(),
        " FROM shop_items WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(executor)
    .await
}

/// Whether another item of the community (not `except`) has this name.
pub async fn item_name_taken<'e, E>(
    executor: E,
    community: i64,
    name: &str,
    except: Option<i64>,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_items
         WHERE community_id = $1 AND name = $2 AND ($3 IS NULL OR id <> $3)",
    )
    .bind(community)
    .bind(name)
    .bind(except)
    .fetch_one(executor)
    .await?;
    Ok(n > 0)
}

/// Goods to put on the shelf.
pub struct NewItem<'a> {
    pub community: i64,
    pub name: &'a str,
    pub description: &'a str,
    pub photo: Option<&'a str>,
    pub price: i64,
    pub stock: i64,
    /// `None` or 0: no limit.
    pub monthly_limit: Option<i64>,
    pub at: i64,
}

pub async fn insert_item<'e, E>(executor: E, i: NewItem<'_>) -> sqlx::Result<ItemRow>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "INSERT INTO shop_items (community_id, name, description, photo_id, price, stock,
            monthly_limit, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ",
        item_columns!()
    ))
    .bind(i.community)
    .bind(i.name)
    .bind(i.description)
    .bind(i.photo)
    .bind(i.price)
    .bind(i.stock)
    .bind(i.monthly_limit.filter(|l| *l > 0))
    .bind(i.at)
    .fetch_one(executor)
    .await
}

/// What changes of an item; `None` leaves a field as it is.
pub struct ItemChange<'a> {
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    /// `Some(None)` takes the photo off.
    pub photo: Option<Option<&'a str>>,
    pub price: Option<i64>,
    pub stock: Option<i64>,
    /// `Some(0)` lifts the limit.
    pub monthly_limit: Option<i64>,
    pub active: Option<bool>,
    pub at: i64,
}

pub async fn update_item<'e, E>(executor: E, id: i64, c: ItemChange<'_>) -> sqlx::Result<ItemRow>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "UPDATE shop_items SET name = COALESCE($1, name), description = COALESCE($2, description),
            photo_id = CASE WHEN $3 = 1 THEN $4 ELSE photo_id END, price = COALESCE($5, price),
            stock = COALESCE($6, stock),
            monthly_limit = CASE WHEN $7 IS NULL THEN monthly_limit WHEN $7 = 0 THEN NULL ELSE $7 END,
            active = COALESCE($8, active), updated_at = $9
         WHERE id = $10 RETURNING ",
        item_columns!()
    ))
    .bind(c.name)
    .bind(c.description)
    .bind(i64::from(c.photo.is_some()))
    .bind(c.photo.flatten())
    .bind(c.price)
    .bind(c.stock)
    .bind(c.monthly_limit)
    .bind(c.active.map(i64::from))
    .bind(c.at)
    .bind(id)
    .fetch_one(executor)
    .await
}

/// Takes `quantity` off the shelf if it is there; false when sold out or retired.
pub async fn take_stock<'e, E>(executor: E, item: i64, quantity: i64, at: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE shop_items SET stock = stock - $1, updated_at = $2
         WHERE id = $3 AND active = 1 AND stock >= $1",
    )
    .bind(quantity)
    .bind(at)
    .bind(item)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts `quantity` back on the shelf.
pub async fn return_stock<'e, E>(executor: E, item: i64, quantity: i64, at: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE shop_items SET stock = stock + $1, updated_at = $2 WHERE id = $3")
        .bind(quantity)
        .bind(at)
        .bind(item)
        .execute(executor)
        .await?;
    Ok(())
}

// Redemptions.

/// Redemptions with item, person and address; a WHERE clause follows.
macro_rules! redemption_select {
    () => {
        "SELECT r.id, r.community_id, r.item_id, i.name AS item_name, r.quantity,
    r.points, r.pickup_code, r.status, r.user_id, u.name,
    (SELECT b.name || ' ' || h.flat_label FROM memberships m JOIN households h ON h.id = m.household_id
       JOIN buildings b ON b.id = h.building_id
     WHERE m.user_id = r.user_id AND m.role = 'resident' AND h.community_id = r.community_id
     ORDER BY m.id LIMIT 1) AS address,
    r.created_at, r.closed_at
    FROM shop_redemptions r JOIN shop_items i ON i.id = r.item_id JOIN users u ON u.id = r.user_id"
    };
}

#[derive(FromRow)]
pub struct RedemptionRow {
    pub id: i64,
    pub community_id: i64,
    pub item_id: i64,
    item_name: String,
    pub quantity: i64,
    pub points: i64,
    pickup_code: String,
    #[sqlx(try_from = "String")]
    pub status: RedemptionStatus,
    pub user_id: i64,
    name: String,
    address: Option<String>,
    created_at: i64,
    closed_at: Option<i64>,
}

impl RedemptionRow {
    pub fn item_name(&self) -> &str {
        &self.item_name
    }

    pub fn wire(self) -> Redemption {
        Redemption {
            id: self.id,
            item_id: self.item_id,
            item_name: self.item_name,
            quantity: self.quantity,
            points: self.points,
            pickup_code: self.pickup_code,
            status: self.status,
            user_id: self.user_id,
            name: self.name,
            address: self.address.unwrap_or_default(),
            created_at: rfc3339(self.created_at),
            closed_at: self.closed_at.map(rfc3339),
        }
    }
}

pub async fn redemption<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<RedemptionRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(redemption_select!(), " WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Whose redemptions a list shows.
pub enum RedemptionsOf {
    Community(i64),
    Person { user: i64, community: i64 },
}

/// A page of redemptions, newest first.
pub async fn redemptions<'e, E>(
    executor: E,
    of: &RedemptionsOf,
    status: Option<RedemptionStatus>,
    code: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<RedemptionRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(concat!(redemption_select!(), " WHERE r.community_id = "));
    match of {
        RedemptionsOf::Community(c) => {
            q.bind(*c);
        }
        RedemptionsOf::Person { user, community } => {
            q.bind(*community).push(" AND r.user_id = ").bind(*user);
        }
    }
    if let Some(s) = status {
        q.push(" AND r.status = ").bind(s.as_str());
    }
    if let Some(c) = code {
        q.push(" AND r.pickup_code = ").bind(c.to_owned());
    }
    q.push(" ORDER BY r.id DESC LIMIT ")
        .bind(limit)
        .push(" OFFSET ")
        .bind(offset);
    q.fetch_all(executor).await
}

/// Redemptions waiting at the office to be handed over.
pub async fn reserved_count<'e, E>(executor: E, community: i64) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_redemptions
         WHERE community_id = $1 AND status = 'reserved'",
    )
    .bind(community)
    .fetch_one(executor)
    .await
}

/// Whether an open redemption of the community holds this pickup code.
pub async fn code_in_use<'e, E>(executor: E, community: i64, code: &str) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_redemptions
         WHERE community_id = $1 AND pickup_code = $2 AND status = 'reserved'",
    )
    .bind(community)
    .bind(code)
    .fetch_one(executor)
    .await?;
    Ok(n > 0)
}

/// How many of this item the person has taken (not cancelled) since `since`.
pub async fn taken_since<'e, E>(executor: E, user: i64, item: i64, since: i64) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM shop_redemptions
         WHERE user_id = $1 AND item_id = $2 AND status <> 'cancelled' AND created_at >= $3",
    )
    .bind(user)
    .bind(item)
    .bind(since)
    .fetch_one(executor)
    .await
}

/// A redemption to record as reserved.
pub struct NewRedemption<'a> {
    pub community: i64,
    pub item: i64,
    pub user: i64,
    pub quantity: i64,
    pub points: i64,
    pub pickup_code: &'a str,
    pub requested_by: i64,
    pub acting_household: Option<i64>,
    pub at: i64,
}

pub async fn insert_redemption<'e, E>(executor: E, r: NewRedemption<'_>) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO shop_redemptions (community_id, item_id, user_id, quantity, points, pickup_code,
            status, requested_by, acting_household, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'reserved', $7, $8, $9) RETURNING id",
    )
    .bind(r.community)
    .bind(r.item)
    .bind(r.user)
    .bind(r.quantity)
    .bind(r.points)
    .bind(r.pickup_code)
    .bind(r.requested_by)
    .bind(r.acting_household)
    .bind(r.at)
    .fetch_one(executor)
    .await
}

/// Moves a reserved redemption to `to` (fulfilled or cancelled); false when
/// it had already left `reserved`.
pub async fn close_redemption<'e, E>(
    executor: E,
    id: i64,
    to: RedemptionStatus,
    by: i64,
    at: i64,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE shop_redemptions SET status = $1, closed_at = $2, closed_by = $3
         WHERE id = $4 AND status = 'reserved'",
    )
    .bind(to.as_str())
    .bind(at)
    .bind(by)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Goods arrived or were counted: the change to an item's stock count, which
/// the month's 公示 adds up.
pub async fn log_stock(
    tx: &mut crate::db::Tx,
    community: i64,
    item: i64,
    delta: i64,
    by: i64,
    at: i64,
) -> sqlx::Result<()> {
    if delta != 0 {
        sqlx::query(
            "INSERT INTO shop_stock_changes (community_id, item_id, delta, changed_by, changed_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(community)
        .bind(item)
        .bind(delta)
        .bind(by)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
