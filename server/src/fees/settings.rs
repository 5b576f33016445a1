//! `GET/PUT /api/v1/fees/settings`: the office's collection codes (its WeChat
//! and Alipay 收款码, as photos it uploaded) and its bank details, which the
//! bill page shows large to a family paying from another city.

use app::model::{ErrorBody, FeeSettings, FeeSettingsQuery, FeeSettingsUpdate};
use axum::extract::State;
use serde_json::json;

use super::store;
use crate::accounts::session::Caller;
use crate::audit::{self, Entry};
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;
use crate::uploads;

/// The community whose settings the caller may read: one they manage, or
/// their household's.
async fn readable_community(
    state: &AppState,
    caller: &Caller,
    asked: Option<i64>,
) -> Result<i64, ApiError> {
    if let Ok(community) = caller.managed_community(asked) {
        return Ok(community);
    }
    let household = caller.require_household()?;
    let place = crate::communities::store::household_place(state.db.reader(), household)
        .await?
        .ok_or(ApiError::NotFound)?;
    match asked {
        Some(c) if c != place.community_id => Err(ApiError::NotFound),
        _ => Ok(place.community_id),
    }
}

pub async fn settings_of(state: &AppState, community: i64) -> Result<FeeSettings, ApiError> {
    let row = store::settings(state.db.reader(), community).await?;
    Ok(match row {
        Some(r) => FeeSettings {
            community_id: community,
            wechat: r.wechat_upload_id.map(uploads::photo),
            alipay: r.alipay_upload_id.map(uploads::photo),
            bank_details: r.bank_details,
        },
        None => FeeSettings {
            community_id: community,
            wechat: None,
            alipay: None,
            bank_details: String::new(),
        },
    })
}

/// How to pay the office from afar.
#[utoipa::path(get, path = "/v1/fees/settings", tag = "fees", params(FeeSettingsQuery),
    responses(
        (status = 200, description = "The collection codes and bank details (none set: all empty)", body = FeeSettings),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Neither a manager nor in a household", body = ErrorBody),
        (status = 404, description = "Not a community of the caller's", body = ErrorBody),
    ))]
pub async fn get_settings(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<FeeSettingsQuery>,
) -> Result<AppJson<FeeSettings>, ApiError> {
    let community = readable_community(&state, &caller, query.community_id).await?;
    Ok(AppJson(settings_of(&state, community).await?))
}

/// Replaces the collection codes and bank details (managers).
#[utoipa::path(put, path = "/v1/fees/settings", tag = "fees", request_body = FeeSettingsUpdate,
    responses(
        (status = 200, description = "Saved", body = FeeSettings),
        (status = 400, description = "A photo that is not the manager's upload, or bank details too long", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of this community; or missing CSRF header", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn put_settings(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<FeeSettingsUpdate>,
) -> Result<AppJson<FeeSettings>, ApiError> {
    caller.require_manager(body.community_id)?;
    for id in [&body.wechat_upload_id, &body.alipay_upload_id]
        .into_iter()
        .flatten()
    {
        uploads::require_own(&state, &caller, id).await?;
    }
    let mut tx = state.db.writer().begin().await?;
    store::put_settings(
        &mut tx,
        &store::SettingsLine {
            community: body.community_id,
            wechat: body.wechat_upload_id.as_deref(),
            alipay: body.alipay_upload_id.as_deref(),
            bank_details: body.bank_details.as_str(),
            by: caller.user_id,
            now: now_millis(),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::new("fees.settings", Some(caller.user_id))
            .community(body.community_id)
            .detail(json!({
                "wechat": body.wechat_upload_id.is_some(),
                "alipay": body.alipay_upload_id.is_some(),
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(AppJson(settings_of(&state, body.community_id).await?))
}
