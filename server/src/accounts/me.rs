//! `GET/PATCH /api/v1/me`, and building the `Me` document: the person,
//! their households and communities.

use app::model::{
    CommunityAccess, ErrorBody, HouseholdAccess, Language, Me, Relation, Role, UpdateMe,
};
use axum::extract::State;
use sqlx::{AnyPool, FromRow};

use super::session::Caller;
use super::store;
use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

/// Who I am: my households (as resident or helper), my communities (as
/// staff or manager) and my preferences.
#[utoipa::path(get, path = "/v1/me", tag = "accounts",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "X-Acting-For names a household not theirs", body = ErrorBody),
    ))]
pub async fn get_me(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<AppJson<Me>, ApiError> {
    Ok(AppJson(load(state.db.reader(), caller.user_id).await?))
}

/// Changes my language and large-text preference.
#[utoipa::path(patch, path = "/v1/me", tag = "accounts", request_body = UpdateMe,
    responses(
        (status = 200, description = "Updated", body = Me),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Missing CSRF header", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Unknown field or value", body = ErrorBody),
    ))]
pub async fn patch_me(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(body): AppJson<UpdateMe>,
) -> Result<AppJson<Me>, ApiError> {
    store::set_preferences(
        state.db.writer(),
        caller.user_id,
        body.language,
        body.large_text,
    )
    .await?;
    Ok(AppJson(load(state.db.reader(), caller.user_id).await?))
}

#[derive(FromRow)]
struct UserRow {
    id: i64,
    name: String,
    phone: String,
    language: String,
    large_text: i64,
}

#[derive(FromRow)]
struct HouseholdRow {
    household_id: i64,
    community_id: i64,
    community_name: String,
    office_phone: String,
    building: String,
    flat_label: String,
    role: String,
    relation: Option<String>,
}

#[derive(FromRow)]
struct CommunityRow {
    community_id: i64,
    community_name: String,
    office_phone: String,
    role: String,
}

/// Loads `Me` for a user (three queries, whatever the number of households).
pub async fn load(pool: &AnyPool, user_id: i64) -> sqlx::Result<Me> {
    let user: UserRow =
        sqlx::query_as("SELECT id, name, phone, language, large_text FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(pool)
            .await?;
    let households: Vec<HouseholdRow> = sqlx::query_as(
        "SELECT h.id AS household_id, c.id AS community_id, c.name AS community_name,
                c.office_phone, b.name AS building, h.flat_label, m.role, m.relation
         FROM memberships m
         JOIN households h ON h.id = m.household_id
         JOIN buildings b ON b.id = h.building_id
         JOIN communities c ON c.id = h.community_id
         WHERE m.user_id = $1 AND m.revoked_at IS NULL AND m.role IN ('resident', 'helper')
         ORDER BY CASE m.role WHEN 'resident' THEN 0 ELSE 1 END, m.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let residents: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.household_id, u.name FROM memberships r JOIN users u ON u.id = r.user_id
         WHERE r.role = 'resident' AND r.revoked_at IS NULL AND r.household_id IN
               (SELECT household_id FROM memberships
                WHERE user_id = $1 AND revoked_at IS NULL AND household_id IS NOT NULL)
         ORDER BY r.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let communities: Vec<CommunityRow> = sqlx::query_as(
        "SELECT c.id AS community_id, c.name AS community_name, c.office_phone, m.role
         FROM memberships m JOIN communities c ON c.id = m.community_id
         WHERE m.user_id = $1 AND m.revoked_at IS NULL AND m.role IN ('staff', 'manager')
         ORDER BY m.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let admin: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships
         WHERE user_id = $1 AND role = 'admin' AND revoked_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok(Me {
        id: user.id,
        name: user.name,
        phone: user.phone,
        language: Language::parse(&user.language).unwrap_or_default(),
        large_text: user.large_text != 0,
        households: households
            .into_iter()
            .map(|h| HouseholdAccess {
                residents: residents
                    .iter()
                    .filter(|(id, _)| *id == h.household_id)
                    .map(|(_, name)| name.clone())
                    .collect(),
                household_id: h.household_id,
                community_id: h.community_id,
                community_name: h.community_name,
                office_phone: h.office_phone,
                building: h.building,
                flat_label: h.flat_label,
                role: Role::parse(&h.role).unwrap_or(Role::Helper),
                relation: h.relation.as_deref().and_then(Relation::parse),
            })
            .collect(),
        communities: communities
            .into_iter()
            .map(|c| CommunityAccess {
                community_id: c.community_id,
                community_name: c.community_name,
                office_phone: c.office_phone,
                role: Role::parse(&c.role).unwrap_or(Role::Staff),
            })
            .collect(),
        admin: admin > 0,
    })
}
