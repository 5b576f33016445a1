//! `GET /api/v1/activities/person-code`: the code an organiser scans to
//! check someone in — one's own, a household member's (a helper shows the
//! parent's, or prints it), or, for a manager, anyone's of the community
//! for a printed card. Made on first use; it names nobody by itself.

use app::model::{ErrorBody, PersonCode};
use axum::extract::State;
use serde::Deserialize;

use super::access::for_person;
use super::store;
use crate::accounts::session::Caller;
use crate::db::now_millis;
use crate::error::ApiError;
use crate::extract::{AppJson, AppQuery};
use crate::state::AppState;

/// Whose code: default oneself.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Whose {
    pub user_id: Option<i64>,
    /// The community, for someone of the office (default: their first).
    pub community_id: Option<i64>,
}

#[utoipa::path(get, path = "/v1/activities/person-code", tag = "activities", params(Whose),
    responses(
        (status = 200, description = "The person's code", body = PersonCode),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "No household or community", body = ErrorBody),
        (status = 404, description = "Not a resident the caller may speak for", body = ErrorBody),
    ))]
pub async fn person_code(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(whose): AppQuery<Whose>,
) -> Result<AppJson<PersonCode>, ApiError> {
    let seat = super::access::seat(&state, &caller, whose.community_id).await?;
    let person = whose.user_id.unwrap_or(caller.user_id);
    for_person(&state, &caller, seat.community, person).await?;
    let code = if let Some(code) = store::code_of(state.db.reader(), person).await? {
        code
    } else {
        let mut tx = state.db.writer().begin().await?;
        let fresh = crate::hex::random::<6>();
        let code = store::person_code(&mut tx, person, &fresh, now_millis()).await?;
        tx.commit().await?;
        code
    };
    let name = store::names(state.db.reader(), &[person])
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    Ok(AppJson(PersonCode {
        user_id: person,
        name,
        code,
    }))
}
