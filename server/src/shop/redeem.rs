//! `POST /api/v1/shop/redemptions`: points and stock taken in one
//! transaction, each by a conditional update, so that no race can oversell
//! or overspend; and the lists of redemptions.

use app::model::ErrorCode;
use app::model::{EntryKind, ErrorBody, InboxKind, NewRedemption, Redemption, RedemptionsQuery};
use axum::extract::State;
use axum::http::StatusCode;

use super::store::{self, RedemptionRow, RedemptionsOf};
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::fees::month_start;
use crate::points::access::whose;
use crate::points::store::Entry as LedgerLine;
use crate::points::{self, day_of};
use crate::state::AppState;

fn sold_out() -> ApiError {
    ApiError::conflict(
        ErrorCode::SoldOut,
        "这件东西换完了，请换别的，或问问物业什么时候补货",
    )
}

/// A six-digit pickup code not in use among the community's open ones.
async fn pickup_code(tx: &mut crate::db::Tx, community: i64) -> Result<String, ApiError> {
    loop {
        let code = format!("{:06}", rand::random_range(0..1_000_000_u32));
        if !store::code_in_use(&mut *tx, community, &code).await? {
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
    let item = store::item(&mut tx, body.item_id)
        .await?
        .filter(|i| i.community_id == whose.community_id)
        .ok_or(ApiError::NotFound)?;
    if item.active == 0 {
        return Err(ApiError::conflict(
            ErrorCode::ItemInactive,
            "这件东西已经下架了，请换别的",
        ));
    }
    // Said first because it is the truer answer; the update below decides.
    if item.stock < quantity {
        return Err(sold_out());
    }
    let points = item.price * quantity;
    // The person's account row first: it serialises one person's
    // redemptions, so the monthly count below cannot race.
    points::store::move_balance(&mut tx, whose.user_id, whose.community_id, -points).await?;
    if !store::take_stock(&mut tx, body.item_id, quantity, now).await? {
        return Err(sold_out());
    }
    if let Some(limit) = item.monthly_limit {
        let (y, m, ..) = app::model::time::civil(now, app::model::time::SHANGHAI_OFFSET_MINUTES);
        let since = month_start(y, m).unwrap_or(now);
        let already = store::taken_since(&mut tx, whose.user_id, body.item_id, since).await?;
        if already + quantity > limit {
            return Err(ApiError::conflict(
                ErrorCode::MonthlyLimit,
                "这件东西每人每月有限量，这个月已经换够了，下个月再来",
            ));
        }
    }
    let code = pickup_code(&mut tx, whose.community_id).await?;
    let redemption = store::NewRedemption {
        community: whose.community_id,
        item: body.item_id,
        user: whose.user_id,
        quantity,
        points,
        pickup_code: &code,
        requested_by: caller.user_id,
        acting_household: whose.acting_household,
        at: now,
    };
    let id = store::insert_redemption(&mut tx, redemption).await?;
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
    points::store::insert(&mut tx, &line).await?;
    let mut entry = Entry::new("shop.redeem", Some(caller.user_id))
        .community(whose.community_id)
        .detail(serde_json::json!({ "redemption": id, "item": body.item_id, "points": points }));
    if let Some(h) = whose.acting_household {
        entry = entry.household(h);
    }
    audit::record(&mut tx, entry).await?;
    let row = store::redemption(&mut tx, id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    super::tell(&mut tx, &row, InboxKind::SwapReady, caller.user_id, now).await?;
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
    let of = if office {
        RedemptionsOf::Community(caller.managed_community(query.community_id)?)
    } else {
        let w = own?;
        RedemptionsOf::Person {
            user: w.user_id,
            community: w.community_id,
        }
    };
    let rows = store::redemptions(
        state.db.reader(),
        &of,
        query.status,
        query.code.as_deref(),
        i64::from(limit),
        i64::from(page.offset()),
    )
    .await?;
    Ok(AppJson(rows.into_iter().map(RedemptionRow::wire).collect()))
}
