//! `POST /api/v1/shop/redemptions`: points and stock taken in one
//! transaction, each by a conditional update, so that no race can oversell
//! or overspend; and the lists of redemptions.

use app::model::ErrorCode;
use app::model::{
    EntryKind, ErrorBody, NewRedemption, Redemption, RedemptionStatus, RedemptionsQuery,
};
use axum::extract::State;
use axum::http::StatusCode;
use sqlx::FromRow;

use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::{now_millis, rfc3339};
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::fees::month_start;
use crate::points::access::whose;
use crate::points::day_of;
use crate::points::store::{self, Entry as LedgerLine};
use crate::state::AppState;

#[derive(FromRow)]
pub struct RedemptionRow {
    pub id: i64,
    pub community_id: i64,
    pub item_id: i64,
    item_name: String,
    pub quantity: i64,
    pub points: i64,
    pickup_code: String,
    pub status: String,
    pub user_id: i64,
    name: String,
    address: Option<String>,
    created_at: i64,
    closed_at: Option<i64>,
}

impl RedemptionRow {
    pub fn wire(self) -> Redemption {
        Redemption {
            id: self.id,
            item_id: self.item_id,
            item_name: self.item_name,
            quantity: self.quantity,
            points: self.points,
            pickup_code: self.pickup_code,
            status: RedemptionStatus::parse(&self.status).unwrap_or(RedemptionStatus::Reserved),
            user_id: self.user_id,
            name: self.name,
            address: self.address.unwrap_or_default(),
            created_at: rfc3339(self.created_at),
            closed_at: self.closed_at.map(rfc3339),
        }
    }
}

/// Redemptions with item, person and address; add a WHERE clause.
pub const SELECT: &str = "SELECT r.id, r.community_id, r.item_id, i.name AS item_name, r.quantity,
    r.points, r.pickup_code, r.status, r.user_id, u.name,
    (SELECT b.name || ' ' || h.flat_label FROM memberships m JOIN households h ON h.id = m.household_id
       JOIN buildings b ON b.id = h.building_id
     WHERE m.user_id = r.user_id AND m.role = 'resident' AND h.community_id = r.community_id
     ORDER BY m.id LIMIT 1) AS address,
    r.created_at, r.closed_at
    FROM shop_redemptions r JOIN shop_items i ON i.id = r.item_id JOIN users u ON u.id = r.user_id";

fn sold_out() -> ApiError {
    ApiError::conflict(
        ErrorCode::SoldOut,
        "这件东西换完了，请换别的，或问问物业什么时候补货",
    )
}

/// A six-digit pickup code not in use among the community's open ones.
async fn pickup_code(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    community: i64,
) -> Result<String, ApiError> {
    loop {
        let code = format!("{:06}", rand::random_range(0..1_000_000_u32));
        let used: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_redemptions
             WHERE community_id = $1 AND pickup_code = $2 AND status = 'reserved'",
        )
        .bind(community)
        .bind(&code)
        .fetch_one(&mut **tx)
        .await?;
        if used == 0 {
            return Ok(code);
        }
    }
}

/// Swaps points for goods: the answer carries the code to show at the office.
#[utoipa::path(post, path = "/v1/shop/redemptions", tag = "shop", request_body = NewRedemption,
    responses(
        (status = 201, description = "Reserved: points taken, goods set aside", body = Redemption),
        (status = 400, description = "Quantity not 1–20", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No points account; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such goods in your community, or that person is not yours to spend for", body = ErrorBody),
        (status = 409, description = "Off the shelf, sold out, not enough points, or over the monthly limit", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn redeem(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewRedemption>,
) -> Result<(StatusCode, AppJson<Redemption>), ApiError> {
    let quantity = body.quantity.unwrap_or(1);
    if !(1..=20).contains(&quantity) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidQuantity,
            "一次换 1 到 20 件",
        ));
    }
    let whose = whose(&state, &caller, body.user_id).await?;
    let now = now_millis();
    let mut tx = state.db.writer().begin().await?;
    let item: Option<(i64, i64, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT community_id, price, active, monthly_limit, stock FROM shop_items WHERE id = $1",
    )
    .bind(body.item_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (_, price, active, limit, stock) = item
        .filter(|i| i.0 == whose.community_id)
        .ok_or(ApiError::NotFound)?;
    if active == 0 {
        return Err(ApiError::conflict(
            ErrorCode::ItemInactive,
            "这件东西已经下架了，请换别的",
        ));
    }
    // Said first because it is the truer answer; the update below decides.
    if stock < quantity {
        return Err(sold_out());
    }
    let points = price * quantity;
    // The person's account row first: it serialises one person's
    // redemptions, so the monthly count below cannot race.
    store::move_balance(&mut tx, whose.user_id, whose.community_id, -points).await?;
    let taken = sqlx::query(
        "UPDATE shop_items SET stock = stock - $1, updated_at = $2
         WHERE id = $3 AND active = 1 AND stock >= $1",
    )
    .bind(quantity)
    .bind(now)
    .bind(body.item_id)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() != 1 {
        return Err(sold_out());
    }
    if let Some(limit) = limit {
        let (y, m, ..) = app::model::time::civil(now, app::model::time::SHANGHAI_OFFSET_MINUTES);
        let since = month_start(y, m).unwrap_or(now);
        let already: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM shop_redemptions
             WHERE user_id = $1 AND item_id = $2 AND status <> 'cancelled' AND created_at >= $3",
        )
        .bind(whose.user_id)
        .bind(body.item_id)
        .bind(since)
        .fetch_one(&mut *tx)
        .await?;
        if already + quantity > limit {
            return Err(ApiError::conflict(
                ErrorCode::MonthlyLimit,
                "这件东西每人每月有限量，这个月已经换够了，下个月再来",
            ));
        }
    }
    let code = pickup_code(&mut tx, whose.community_id).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO shop_redemptions (community_id, item_id, user_id, quantity, points, pickup_code,
            status, requested_by, acting_household, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'reserved', $7, $8, $9) RETURNING id",
    )
    .bind(whose.community_id)
    .bind(body.item_id)
    .bind(whose.user_id)
    .bind(quantity)
    .bind(points)
    .bind(&code)
    .bind(caller.user_id)
    .bind(whose.acting_household)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let day = day_of(now);
    let mut line = LedgerLine::new(
        EntryKind::Redeem,
        whose.community_id,
        whose.user_id,
        -points,
        &day,
        caller.user_id,
    );
    line.redemption = Some(id);
    line.acting_household = whose.acting_household;
    store::insert(&mut tx, &line).await?;
    let mut entry = Entry::new("shop.redeem", Some(caller.user_id))
        .community(whose.community_id)
        .detail(serde_json::json!({ "redemption": id, "item": body.item_id, "points": points }));
    if let Some(h) = whose.acting_household {
        entry = entry.household(h);
    }
    audit::record(&mut *tx, entry).await?;
    let row: RedemptionRow =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE r.id = $1")))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, AppJson(row.wire())))
}

/// Managers: the community's (find one by its code). Others: their own, or
/// the helped resident's.
#[utoipa::path(get, path = "/v1/shop/redemptions", tag = "shop", params(RedemptionsQuery),
    responses(
        (status = 200, description = "Newest first", body = Vec<Redemption>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No points account, or not a manager of the community asked", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<RedemptionsQuery>,
) -> Result<AppJson<Vec<Redemption>>, ApiError> {
    let (page, limit) = crate::extract::paging(query.limit, query.offset)?;
    if query
        .code
        .as_ref()
        .is_some_and(|c| c.len() != 6 || !c.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidCode,
            "取货码是 6 位数字",
        ));
    }
    // The office view when asked for (a community or a code), or when the
    // caller manages and has no points of their own.
    let own = whose(&state, &caller, None).await;
    let office = query.community_id.is_some()
        || query.code.is_some()
        || (caller.managed_community(None).is_ok() && own.is_err());
    let filter = if office {
        format!(
            "r.community_id = {}",
            caller.managed_community(query.community_id)?
        )
    } else {
        let w = own?;
        format!(
            "r.user_id = {} AND r.community_id = {}",
            w.user_id, w.community_id
        )
    };
    let rows: Vec<RedemptionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE {filter} AND ($1 IS NULL OR r.status = $1) AND ($2 IS NULL OR r.pickup_code = $2)
         ORDER BY r.id DESC LIMIT {limit} OFFSET {}",
        page.offset()
    )))
    .bind(query.status.map(RedemptionStatus::as_str))
    .bind(query.code.as_deref())
    .fetch_all(state.db.reader())
    .await?;
    Ok(AppJson(rows.into_iter().map(RedemptionRow::wire).collect()))
}
