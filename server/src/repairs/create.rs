//! `POST /api/v1/repairs`: a resident, a helper, or the office files a ticket.

use app::model::ErrorCode;
use app::model::{
    ErrorBody, EventKind, MAX_PHOTOS, NORMAL_WITHIN_HOURS, NewRepair, Repair, RepairChannel,
    RepairStatus, Role, URGENT_WITHIN_HOURS,
};
use axum::extract::State;
use axum::http::StatusCode;

use super::store::{self, NewEvent, NewTicket};
use crate::accounts::{self, session::Caller};
use crate::audit::{self, Entry};
use crate::communities;
use crate::db::{HOUR, now_millis};
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;
use crate::uploads::photo;

/// Where a report is filed and in what capacity.
struct Filing {
    community: i64,
    household: Option<i64>,
    building: Option<i64>,
    channel: RepairChannel,
    role: Role,
    /// The household's contact, read with its place (the office's intake
    /// calls it back).
    household_phone: Option<String>,
}

/// Reports a problem. The category alone is enough.
#[utoipa::path(post, path = "/v1/repairs", tag = "repairs", request_body = NewRepair,
    responses(
        (status = 201, description = "Filed; the answer carries the ticket number", body = Repair),
        (status = 400, description = "Invalid place, description, phone or photos", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household to report for; or missing CSRF header", body = ErrorBody),
        (status = 404, description = "Household absent or not yours", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields, unknown category", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<NewRepair>,
) -> Result<(StatusCode, AppJson<Repair>), ApiError> {
    let description = body.description.as_str();
    let place = body.place.as_deref();
    check_photo_list(&body.photo_ids)?;
    let filing = filing(&state, &caller, &body).await?;
    if filing.household.is_none() && place.is_none() {
        return Err(ApiError::bad_request(
            ErrorCode::PlaceRequired,
            "公共区域报修请写明地点",
        ));
    }
    let contact = contact_phone(&state, &caller, &body, &filing).await?;
    let now = now_millis();
    let within = if body.urgent {
        URGENT_WITHIN_HOURS
    } else {
        NORMAL_WITHIN_HOURS
    };
    let mut tx = state.db.writer().begin().await?;
    let ticket = NewTicket {
        community: filing.community,
        household: filing.household,
        place,
        building: filing.building,
        category: body.category,
        description,
        urgent: body.urgent,
        contact_phone: &contact,
        channel: filing.channel,
        reporter: caller.user_id,
        at: now,
        due_at: now + within * HOUR,
    };
    let id = store::insert(&mut tx, ticket).await?;
    for (position, upload) in body.photo_ids.iter().enumerate() {
        // Only the reporter's own uploads, each on one ticket only.
        let position = i64::try_from(position).unwrap_or(0);
        if !store::attach_photo(&mut tx, id, position, upload, caller.user_id).await? {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidPhoto,
                "有一张照片找不到了，请重新上传",
            ));
        }
    }
    store::append(
        &mut tx,
        NewEvent {
            ticket: id,
            kind: EventKind::Submitted,
            actor: Some((caller.user_id, filing.role)),
            for_household: filing.household,
            from: None,
            to: Some(RepairStatus::Submitted),
            assignee: None,
            stars: None,
            note: "",
            at: now,
        },
    )
    .await?;
    store::mark_seen(&mut tx, caller.user_id, id, now).await?;
    let mut entry = Entry::new("repair.create", Some(caller.user_id))
        .community(filing.community)
        .detail(serde_json::json!({ "ticket": id, "channel": filing.channel.as_str() }));
    if let Some(h) = filing.household {
        entry = entry.household(h);
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    // Read back outside the write: the single writer is the bottleneck of
    // filing, and the reader sees the committed ticket at once. Its photos
    // are the ones just attached, in order.
    let row = store::ticket(state.db.reader(), caller.user_id, id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let photos = body.photo_ids.iter().cloned().map(photo).collect();
    let for_household = filing.channel != RepairChannel::Office;
    Ok((
        StatusCode::CREATED,
        AppJson(row.wire(now, photos, for_household)),
    ))
}

fn check_photo_list(ids: &[String]) -> Result<(), ApiError> {
    if ids.len() > MAX_PHOTOS {
        return Err(ApiError::bad_request(
            ErrorCode::TooManyPhotos,
            "最多 4 张照片",
        ));
    }
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    if distinct.len() != ids.len() {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidPhoto,
            "同一张照片只能用一次",
        ));
    }
    Ok(())
}

/// Residents and helpers report for their household (the one named, else
/// the one acted for); managers for a household of their community that
/// phoned in, or for a public place they name.
async fn filing(state: &AppState, caller: &Caller, body: &NewRepair) -> Result<Filing, ApiError> {
    let household = match (body.household_id, body.community_id) {
        (Some(h), _) => Some(h),
        (None, Some(c)) => {
            caller.require_manager(c)?;
            return Ok(Filing {
                community: c,
                household: None,
                building: None,
                channel: RepairChannel::Office,
                role: Role::Manager,
                household_phone: None,
            });
        }
        (None, None) => caller.household(),
    };
    let Some(household) = household else {
        let community = caller
            .managed_community(None)
            .map_err(|_| ApiError::ForbiddenBecause {
                code: ErrorCode::NoHousehold,
                message: "您还没有加入任何住户",
            })?;
        return Ok(Filing {
            community,
            household: None,
            building: None,
            channel: RepairChannel::Office,
            role: Role::Manager,
            household_phone: None,
        });
    };
    let place = communities::store::household_place(state.db.reader(), household)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (community, building) = (place.community_id, place.building_id);
    let (channel, role) = match caller.household_role(household) {
        Some(Role::Helper) => (RepairChannel::Helper, Role::Helper),
        Some(_) => (RepairChannel::Resident, Role::Resident),
        None if caller.manages(community) => (RepairChannel::Office, Role::Manager),
        None => return Err(ApiError::NotFound),
    };
    Ok(Filing {
        community,
        household: Some(household),
        building: Some(building),
        channel,
        role,
        household_phone: Some(place.contact_phone),
    })
}

/// The phone to call back: the one given (a mobile or a landline), else the
/// reporter's own, else (office intake) the household's contact.
async fn contact_phone(
    state: &AppState,
    caller: &Caller,
    body: &NewRepair,
    filing: &Filing,
) -> Result<String, ApiError> {
    if let Some(given) = body.contact_phone.as_deref() {
        return valid_phone(given).ok_or_else(|| {
            ApiError::bad_request(ErrorCode::InvalidPhone, "联系电话不对，请写手机号或座机号")
        });
    }
    let found = if filing.channel == RepairChannel::Office {
        filing.household_phone.clone()
    } else {
        accounts::store::phone_of(state.db.reader(), caller.user_id).await?
    };
    found
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::bad_request(ErrorCode::ContactPhoneRequired, "请写联系电话"))
}

/// Digits with spaces, hyphens and a leading +: 5–15 digits, ≤ 20 characters.
fn valid_phone(input: &str) -> Option<String> {
    let phone = input.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let shape = phone
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
    (shape && (5..=15).contains(&digits) && phone.len() <= 20).then(|| phone.to_owned())
}

#[cfg(test)]
mod tests {
    use super::valid_phone;

    #[test]
    fn mobiles_and_landlines_are_phones_and_words_are_not() {
        assert_eq!(valid_phone(" 13800000003 ").as_deref(), Some("13800000003"));
        assert!(valid_phone("0731-8888 6666").is_some());
        assert!(valid_phone("+86 139 1234 5678").is_some());
        assert!(valid_phone("1234").is_none());
        assert!(valid_phone("call me").is_none());
        assert!(valid_phone("1380000000'; --").is_none());
        assert!(valid_phone("12+345678").is_none());
    }
}
