//! `GET /api/v1/households/{id}/members`: the people of a flat — those
//! registered, their helpers, and the members without a phone the office
//! keeps for them (代管成员), each with their points. `POST` (a manager)
//! adds a member without a phone: they can then be signed up, checked in,
//! awarded and swap points at the counter, every step "by <office person>
//! for <member>"; if they later register with the household's code they
//! take this record, history and all.

use app::model::{ErrorBody, Member, NewMember, Role};
use axum::extract::State;
use axum::http::StatusCode;

use super::store;
use crate::accounts::session::Caller;
use crate::accounts::store::{Scope, insert_membership};
use crate::audit::{self, Entry};
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// The household's community, if the caller may see its people: a
/// resident or helper of it, or the office of its community.
async fn community_of(state: &AppState, caller: &Caller, household: i64) -> Result<i64, ApiError> {
    let place = crate::communities::store::household_place(state.db.reader(), household)
        .await?
        .ok_or(ApiError::NotFound)?;
    let community = place.community_id;
    if caller.household_role(household).is_some()
        || caller.office_community(Some(community)).is_ok()
    {
        Ok(community)
    } else {
        Err(ApiError::NotFound)
    }
}

#[utoipa::path(get, path = "/v1/households/{id}/members", tag = "households",
    params(("id" = i64, Path, description = "Household id")),
    responses(
        (status = 200, description = "Residents (with or without a phone), then helpers", body = [Member]),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such household the caller belongs to or works for", body = ErrorBody),
    ))]
pub async fn members(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(household): AppPath<i64>,
) -> Result<AppJson<Vec<Member>>, ApiError> {
    community_of(&state, &caller, household).await?;
    let rows = store::members(state.db.reader(), household).await?;
    Ok(AppJson(
        rows.into_iter().map(store::MemberRow::wire).collect(),
    ))
}

#[utoipa::path(post, path = "/v1/households/{id}/members", tag = "households",
    params(("id" = i64, Path, description = "Household id")), request_body = NewMember,
    responses(
        (status = 201, description = "Added, without a phone", body = Member),
        (status = 400, description = "Invalid name", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a manager of the household's community; missing CSRF header", body = ErrorBody),
        (status = 404, description = "No such household the caller belongs to or works for", body = ErrorBody),
        (status = 422, description = "Missing or unknown fields", body = ErrorBody),
    ))]
pub async fn add_member(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(household): AppPath<i64>,
    AppJson(body): AppJson<NewMember>,
) -> Result<(StatusCode, AppJson<Member>), ApiError> {
    let community = community_of(&state, &caller, household).await?;
    caller.require_manager(community)?;
    let mut tx = state.db.writer().begin().await?;
    let user = store::insert_member(&mut tx, body.name.as_str(), caller.user_id).await?;
    insert_membership(
        &mut tx,
        user,
        Role::Resident,
        Scope::Household {
            community_id: community,
            household_id: household,
        },
        None,
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::new("households.member_add", Some(caller.user_id))
            .community(community)
            .household(household)
            .detail(serde_json::json!({ "member": user })),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(Member {
            user_id: user,
            name: body.name.into_string(),
            role: Role::Resident,
            phone: None,
            balance: 0,
        }),
    ))
}
