//! `GET /api/v1/uploads/{id}`: a photo, to those allowed to see it.

use app::model::{ErrorBody, ErrorCode};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde::Deserialize;

use super::store;
use crate::accounts::session::Caller;
use crate::error::ApiError;
use crate::extract::{AppPath, AppQuery};
use crate::repairs::access::{TicketKey, parties};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FetchQuery {
    /// `thumb` for the ~320 px thumbnail.
    size: Option<String>,
}

/// A photo, to its uploader and to those who may see a ticket it belongs to.
#[utoipa::path(get, path = "/v1/uploads/{id}", tag = "uploads",
    params(("id" = String, Path, description = "Upload id"), FetchQuery),
    responses(
        (status = 200, description = "JPEG", content_type = "image/jpeg", body = Vec<u8>),
        (status = 400, description = "Invalid query", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "Absent or not yours to see", body = ErrorBody),
    ))]
pub async fn fetch(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<String>,
    AppQuery(query): AppQuery<FetchQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let thumb = match query.size.as_deref() {
        None | Some("full") => false,
        Some("thumb") => true,
        Some(_) => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidSize,
                "size 只能是 thumb 或 full",
            ));
        }
    };
    if id.len() != 32
        || !id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return Err(ApiError::NotFound);
    }
    let owners = store::owners(state.db.reader(), &id).await?;
    let allowed = owners.iter().any(|o| {
        o.uploaded_by == caller.user_id
            || o.community_id.is_some_and(|community_id| {
                !parties(
                    &caller,
                    &TicketKey {
                        community_id,
                        household_id: o.household_id,
                        assignee_id: o.assignee_id,
                    },
                )
                .is_empty()
            })
    });
    // Photos of goods on a shelf are for anyone logged in (asked only when
    // nothing else already allows it).
    let on_shelf =
        !allowed && !owners.is_empty() && store::on_shelf(state.db.reader(), &id).await?;
    // A collection code is for anyone logged in (it hangs on the office's
    // wall too); a transfer's screenshot for its household and its office.
    let fees = !allowed && !on_shelf && !owners.is_empty() && {
        let uses = store::fee_uses(state.db.reader(), &id).await?;
        uses.iter().any(|u| match u.household_id {
            None => true,
            Some(h) => caller.household_role(h).is_some() || caller.manages(u.community_id),
        })
    };
    // A vote's documents are for everyone of its community.
    let votes = !allowed && !on_shelf && !fees && !owners.is_empty() && {
        let communities = crate::votes::store::photo_communities(state.db.reader(), &id).await?;
        communities.iter().any(|c| {
            caller
                .memberships
                .iter()
                .any(|m| m.community_id == Some(*c))
        })
    };
    // A suggestion's photos are for its writer and its office.
    let suggestions = !allowed && !on_shelf && !fees && !votes && !owners.is_empty() && {
        let uses = crate::suggestions::store::photo_uses(state.db.reader(), &id).await?;
        uses.iter().any(|(community, author)| {
            *author == caller.user_id
                || caller.memberships.iter().any(|m| {
                    matches!(m.role, app::model::Role::Manager | app::model::Role::Staff)
                        && m.community_id == Some(*community)
                })
        })
    };
    if !allowed && !on_shelf && !fees && !votes && !suggestions {
        return Err(ApiError::NotFound);
    }
    let stored = state
        .photos
        .get(&id, thumb)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .ok_or(ApiError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        [(header::CONTENT_LENGTH, stored.length.to_string())],
        axum::body::Body::from_stream(stored.stream),
    ))
}
