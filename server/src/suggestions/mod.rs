//! The suggestion box (意见箱): a resident or helper writes a suggestion or
//! complaint (with up to 4 photos), optionally hiding their name from the
//! office, which then sees only the building; the office answers; the
//! writer follows it, follows up, and says whether the answer helped. The
//! office sees open ones oldest first and the share answered within 3 days.

mod create;
mod detail;
mod list;
mod reply;
pub(crate) mod store;

use app::model::{Role, SuggestionKind, SuggestionSummary};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::accounts::session::Caller;
use crate::db::rfc3339;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_suggestions, create::create_suggestion))
        .routes(routes!(detail::get_suggestion))
        .routes(routes!(reply::reply))
}

/// The caller works in this community's office.
fn office_of(caller: &Caller, community: i64) -> bool {
    caller
        .memberships
        .iter()
        .any(|m| matches!(m.role, Role::Manager | Role::Staff) && m.community_id == Some(community))
}

/// How the writer reads to `caller`: the office never learns an anonymous
/// writer's name or flat, only the building.
fn writer(row: &store::SuggestionRow, caller: &Caller) -> String {
    if row.anonymous == 1 && row.author_id != caller.user_id {
        format!("{}的一位居民", row.building)
    } else {
        format!("{} · {} {}", row.author_name, row.building, row.flat_label)
    }
}

/// The first words of a text.
pub fn excerpt(body: &str) -> String {
    let line = body.lines().next().unwrap_or_default();
    let short: String = line.chars().take(40).collect();
    if short.chars().count() < body.chars().count() {
        format!("{short}…")
    } else {
        short
    }
}

fn summary(row: &store::SuggestionRow, caller: &Caller) -> SuggestionSummary {
    SuggestionSummary {
        id: row.id,
        kind: SuggestionKind::parse(&row.kind).unwrap_or(SuggestionKind::Suggestion),
        excerpt: excerpt(&row.body),
        writer: writer(row, caller),
        anonymous: row.anonymous == 1,
        created_at: rfc3339(row.created_at),
        answered_at: row.answered_at.map(rfc3339),
        helpful: row.helpful.map(|h| h == 1),
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn an_excerpt_is_the_first_line_cut_short() {
        assert_eq!(excerpt("楼道灯坏了"), "楼道灯坏了");
        assert_eq!(excerpt("楼道灯坏了\n三楼"), "楼道灯坏了…");
        assert_eq!(excerpt(&"长".repeat(50)).chars().count(), 41);
    }
}
