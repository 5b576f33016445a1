//! `GET /api/v1/admin/communities/{id}/managers`: who runs a community's
//! office, and which other compounds each of them keeps.

use app::model::{ErrorBody, ManagerRow};
use axum::extract::State;

use super::store;
use crate::accounts::session::Caller;
use crate::communities;
use crate::error::ApiError;
use crate::extract::{AppJson, AppPath};
use crate::state::AppState;

/// The community's managers, by name.
#[utoipa::path(get, path = "/v1/admin/communities/{id}/managers", tag = "admin",
    params(("id" = i64, Path, description = "Community id")),
    responses(
        (status = 200, description = "Its managers", body = Vec<ManagerRow>),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "Not a deployment admin", body = ErrorBody),
        (status = 404, description = "No such community", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(community_id): AppPath<i64>,
) -> Result<AppJson<Vec<ManagerRow>>, ApiError> {
    caller.require_admin()?;
    let reader = state.db.reader();
    if !communities::store::exists(reader, community_id).await? {
        return Err(ApiError::NotFound);
    }
    let lines = store::managers(reader, community_id).await?;
    Ok(AppJson(rows(lines)))
}

/// One row per person, the other communities gathered in order.
fn rows(lines: Vec<store::ManagerLine>) -> Vec<ManagerRow> {
    let mut out: Vec<ManagerRow> = Vec::new();
    for line in lines {
        match out.last_mut() {
            Some(last) if last.user_id == line.user_id => last.also_manages.extend(line.other),
            _ => out.push(ManagerRow {
                user_id: line.user_id,
                name: line.name,
                phone: line.phone,
                also_manages: line.other.into_iter().collect(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(user_id: i64, other: Option<&str>) -> store::ManagerLine {
        store::ManagerLine {
            user_id,
            name: format!("管理员{user_id}"),
            phone: format!("1380000000{user_id}"),
            other: other.map(str::to_owned),
        }
    }

    #[test]
    fn each_manager_is_one_row_with_their_other_compounds() {
        let got = rows(vec![
            line(1, None),
            line(6, Some("纱厂东院")),
            line(6, Some("红旗渠家属院")),
            line(7, None),
        ]);
        let shape: Vec<_> = got
            .iter()
            .map(|r| (r.user_id, r.also_manages.clone()))
            .collect();
        assert_eq!(
            shape,
            [
                (1, vec![]),
                (6, vec!["纱厂东院".to_owned(), "红旗渠家属院".to_owned()]),
                (7, vec![]),
            ]
        );
    }
}
